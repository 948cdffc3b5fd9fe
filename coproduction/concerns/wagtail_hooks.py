"""The concerns part on the site: "Raise a concern" in everyone's navigation; a "Concerns" item
and a home panel of the concerns waiting for acknowledgement for the people who handle them; a
"My concerns" panel for people who raised one with their name on. In the Wagtail admin:
"Safeguarding contacts", where organisation admins set what a person at risk now is told to
do, for the services they administer (scoped as cms.organisations does)."""

from django import forms
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import DateColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from cms import access
from cms.organisations import views as organisation_views
from cms.organisations.wagtail_hooks import ScopedSnippetViewSet
from cms.pages.panels import (
    HOME_PANEL_HOOK,
    NAVIGATION_HOOK,
    SAFEGUARDING,
    HomePanel,
    NavigationItem,
    person_cached,
)
from cms.permissions import may
from coproduction.concerns.models import Concern, ConcernContacts

from . import selectors
from .forms import ConcernContactsForm
from .receivers import RAISED_PART
from .rules import SPEAK_UP_RETURN_ROLES


@hooks.register(NAVIGATION_HOOK)
def concerns_navigation(request):
    if may(request.user, "coproduction.list_concern"):
        return NavigationItem("Concerns", reverse("coproduction:concern_list"), SAFEGUARDING)
    return None


@hooks.register(NAVIGATION_HOOK)
def speak_up_return_navigation(request):
    """The quarterly speak-up return, for whole-organisation speak-up leads and admins."""
    user = request.user
    # On every page: the rule (rules.py) asks for one of these roles across an organisation, so
    # a person holding none (read from their roles, once a request) costs no query.
    if not user.is_superuser and not access.organisation_ids_where(
        user, *SPEAK_UP_RETURN_ROLES, organisation_wide=True
    ):
        return None
    organisations = access.organisations_with(user, "coproduction.view_speakupreturn")
    if organisations:
        slug = organisations[0].slug
        url = reverse("coproduction:speak_up_return", args=[slug])
        return NavigationItem("Speak-up return", url, SAFEGUARDING)
    return None


@hooks.register(NAVIGATION_HOOK)
def my_concerns_navigation(request):
    """ "Your concerns", for a person who raised one with their name on, to follow it: kept
    per person (receivers.py forgets it when they raise one)."""
    user = request.user
    if not user.is_authenticated:
        return None
    if not person_cached(request, RAISED_PART, lambda: selectors.concerns_of(user).exists()):
        return None
    return NavigationItem("Your concerns", reverse("coproduction:concern_mine"), SAFEGUARDING)


@hooks.register(NAVIGATION_HOOK, order=900)
def raise_concern_navigation(request):
    # For everyone, signed in or not: a visitor without an account must find the way in.
    return ("Raise a concern", reverse("coproduction:concern_raise"))


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


# --- Safeguarding contacts in the Wagtail admin ---------------------------------------------
# Scoped like every admin screen of an organisation's data (cms.organisations.views): an admin
# sees and edits the contacts of the services they administer.

register_permission_policy(
    ConcernContacts, organisation_views.OrganisationScopedPermissionPolicy(ConcernContacts)
)


class ConcernContactsViewSet(ScopedSnippetViewSet):
    model = ConcernContacts
    icon = "warning"
    menu_label = "Safeguarding contacts"
    menu_name = "safeguarding-contacts"
    add_to_admin_menu = True
    menu_order = 320
    select_related = ("service", "service__organisation")
    list_display = [
        "service",
        "safeguarding_team",
        "safeguarding_phone",
        "out_of_hours_phone",
        DateColumn("updated_at", label="Updated"),
    ]
    search_fields = ["service__name", "safeguarding_team"]
    inspect_view_fields = [
        "service",
        "safeguarding_team",
        "safeguarding_phone",
        "safeguarding_email",
        "out_of_hours_phone",
        "updated_at",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("service", widget=forms.Select),
            FieldPanel("safeguarding_team"),
            FieldPanel("safeguarding_phone"),
            FieldPanel("safeguarding_email"),
            FieldPanel("out_of_hours_phone"),
        ],
        base_form_class=ConcernContactsForm,
    )


register_snippet(ConcernContactsViewSet)
