"""The spaces part on the site: a "Co-production" navigation item and a home panel for people
who are in a space."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import (
    HOME_PANEL_HOOK,
    LISTENING,
    NAVIGATION_HOOK,
    HomePanel,
    NavigationItem,
    person_cached,
)

from . import selectors
from .receivers import SPACES_PART


@hooks.register(NAVIGATION_HOOK)
def coproduction_navigation(request):
    # Kept per person: receivers.py forgets it when their place in a space changes.
    user = request.user
    if not user.is_authenticated:
        return None
    if not person_cached(request, SPACES_PART, lambda: selectors.spaces_for(user).exists()):
        return None
    return NavigationItem("Co-production", reverse("coproduction:space_list"), LISTENING)


@hooks.register(HOME_PANEL_HOOK)
def coproduction_home_panel(request):
    if not selectors.spaces_for(request.user).exists():
        return None
    items = [
        (f"{item.title}: {item.get_status_display()} ({item.space.name})", item.get_absolute_url())
        for item in selectors.my_proposed_items(request.user)
    ]
    return HomePanel(
        title="Your co-production spaces",
        items=items,
        link=("See your spaces", reverse("coproduction:space_list")),
        empty="You have not raised any items yet.",
    )
