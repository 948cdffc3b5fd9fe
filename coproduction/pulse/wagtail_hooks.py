"""The pulse part on the site: "Staff pulse" in the navigation for the staff who answer and the
leaders who run it, and a home panel for staff with a round waiting for them."""

from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from cms import access
from cms.pages.panels import HOME_PANEL_HOOK, LISTENING, NAVIGATION_HOOK, HomePanel, NavigationItem

from . import selectors


@hooks.register(NAVIGATION_HOOK)
def pulse_navigation(request):
    """From the person's roles alone (cached on them): no query on every page."""
    roles = (*selectors.RESPONDENT_ROLES, *selectors.RUNNER_ROLES)
    user = request.user
    if access.service_ids_where(user, *roles) or access.organisation_ids_where(
        user, *roles, organisation_wide=True
    ):
        return NavigationItem("Staff pulse", reverse("coproduction:pulse_index"), LISTENING)
    return None


@hooks.register(HOME_PANEL_HOOK)
def pulse_home_panel(request):
    rounds = selectors.rounds_waiting_for(request.user)
    if not rounds:
        return None
    items = [
        (
            f"{pulse_round.title} ({pulse_round.service.name}), open until "
            f"{timezone.localtime(pulse_round.closes_at):%-d %B %Y}",
            pulse_round.get_absolute_url(),
        )
        for pulse_round in rounds
    ]
    return HomePanel(
        title="Staff pulse: a few anonymous questions",
        items=items,
        link=("All staff pulse rounds", reverse("coproduction:pulse_index")),
    )
