"""The concerns part on the site: a "Concerns" navigation item and a home panel of the concerns
waiting for acknowledgement for the people who handle them; a "My concerns" panel for people
who raised one with their name on."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import HOME_PANEL_HOOK, NAVIGATION_HOOK, HomePanel

from ..models import Concern
from . import selectors


@hooks.register(NAVIGATION_HOOK)
def concerns_navigation(request):
    if request.user.has_perm("coproduction.list_concern"):
        return ("Concerns", reverse("coproduction:concern_list"))
    return None


@hooks.register(HOME_PANEL_HOOK)
def concerns_home_panel(request):
    if not request.user.has_perm("coproduction.list_concern"):
        return None
    waiting = selectors.concern_list(request.user, Concern.Status.RECEIVED)[:5]
    items = []
    for concern in waiting:
        late = " – overdue" if selectors.is_overdue(concern) else ""
        items.append(
            (
                f"Concern {concern.reference} ({concern.service.name}){late}",
                concern.get_absolute_url(),
            )
        )
    return HomePanel(
        title="Concerns to acknowledge",
        items=items,
        link=("See all concerns", reverse("coproduction:concern_list")),
        empty="No concern is waiting to be acknowledged.",
    )


@hooks.register(HOME_PANEL_HOOK)
def my_concerns_home_panel(request):
    if not request.user.is_authenticated:
        return None
    mine = list(selectors.concerns_of(request.user)[:5])
    if not mine:
        return None
    return HomePanel(
        title="Concerns you raised",
        items=[
            (
                f"Concern {concern.reference}: {concern.get_status_display()}",
                reverse("coproduction:concern_mine"),
            )
            for concern in mine
        ],
        link=("See your concerns", reverse("coproduction:concern_mine")),
    )
