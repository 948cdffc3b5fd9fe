"""The payments part on the site: an "Involvement payments" navigation item for organisation
admins, and a home panel for people who have been paid (or are due to be) for their time."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import HOME_PANEL_HOOK, NAVIGATION_HOOK, HomePanel

from . import selectors


@hooks.register(NAVIGATION_HOOK)
def involvement_payments_navigation(request):
    if request.user.has_perm("coproduction.view_finance_involvementrecord"):
        return ("Involvement payments", reverse("coproduction:involvement_finance"))
    return None


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
