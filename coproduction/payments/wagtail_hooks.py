"""The payments part on the site: an "Involvement payments" navigation item for organisation
admins, and a home panel for people who have been paid (or are due to be) for their time."""

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
from cms.permissions import may, roles

from . import selectors
from .receivers import PAID_PART, PAID_ROLES


@hooks.register(NAVIGATION_HOOK)
def involvement_payments_navigation(request):
    if may(request.user, "coproduction.view_finance_involvementrecord"):
        return NavigationItem(
            "Involvement payments", reverse("coproduction:involvement_finance"), LISTENING
        )
    return None


@hooks.register(NAVIGATION_HOOK)
def my_involvement_navigation(request):
    """ "Your payments" for the lived-experience members and leads whose time is paid for, and
    for anyone else who has been paid (kept per person: receivers.py forgets it)."""
    user = request.user
    if not user.is_authenticated:
        return None
    if not roles(user) & PAID_ROLES and not person_cached(
        request, PAID_PART, lambda: selectors.records_of_member(user).exists()
    ):
        return None
    return NavigationItem("Your payments", reverse("coproduction:my_involvement"), LISTENING)


@hooks.register(HOME_PANEL_HOOK)
def involvement_home_panel(request):
    records = selectors.records_of_member(request.user)
    if not records.exists():
        return None
    totals = selectors.totals_of(records)
    return HomePanel(
        title="Your involvement record",
        items=[
            f"Time given: {totals.time_given}",
            f"Still to be paid: £{totals.due}",
            f"Paid: £{totals.paid}",
        ],
        link=("See your involvement record", reverse("coproduction:my_involvement")),
    )
