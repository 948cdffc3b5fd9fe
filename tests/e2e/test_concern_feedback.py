"""Journey (issue 14, point 5), on a phone: a safeguarding lead acknowledges a concern and moves
it on. Each action is confirmed at the top of the page (the layout's status region), the
"acknowledge by" deadline goes once it is met, and the outcome box says it is needed to share
the outcome instead of calling itself optional."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from cms.organisations.models import Role
from coproduction.concerns.models import Concern
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.coproduction.factories_concerns import ConcernContactsFactory, ConcernFactory
from tests.e2e.journeys import sign_in


def choose(page, option):
    page.get_by_role("group", name="Move the concern on to").get_by_label(
        option, exact=True
    ).check()


def test_a_lead_sees_each_safeguarding_action_confirmed(phone_page, check_accessibility):
    page = phone_page
    service = ServiceFactory(name="Birch House", organisation=OrganisationFactory(name="Birch"))
    ConcernContactsFactory(service=service)
    lead = member(
        Role.SAFEGUARDING_LEAD,
        organisation=service.organisation,
        email="sl@example.org",
        first_name="Sam",
        last_name="Lead",
    )
    now = timezone.now()
    concern = ConcernFactory(
        service=service,
        possible_safeguarding=True,
        route=Concern.Route.SAFEGUARDING,
        routed_at=now,
        acknowledge_by=now + timedelta(hours=20),
    )
    status = page.get_by_role("status")

    sign_in(page, check_accessibility, lead.email, totp=True)
    page.goto(concern.get_absolute_url())
    expect(page.get_by_text("Acknowledge by", exact=True)).to_be_visible()
    check_accessibility(page)

    # Acknowledging says so, and the deadline it met is gone.
    page.get_by_role("link", name="Acknowledge", exact=True).click()
    check_accessibility(page)
    page.get_by_role("button", name="Yes, acknowledge it").click()
    expect(status).to_contain_text(f"Concern {concern.reference} is acknowledged.")
    expect(status).to_be_in_viewport()
    expect(page.get_by_text("Acknowledge by", exact=True)).to_have_count(0)
    expect(page.get_by_role("term").filter(has_text="Acknowledged")).to_be_visible()
    check_accessibility(page)

    # The outcome box says when it is needed, and why.
    page.get_by_role("link", name="Change the status").click()
    expect(page.get_by_label("(needed to share the outcome)")).to_be_visible()
    expect(page.get_by_text("never closed until its outcome is fed back")).to_be_visible()
    expect(page.get_by_text("(optional)")).to_have_count(1)  # the audit-trail note only
    check_accessibility(page)
    choose(page, "Being looked into")
    page.get_by_role("button", name="Save the status").click()
    expect(status).to_contain_text(f"Concern {concern.reference} is now “Being looked into”.")
    check_accessibility(page)

    # Sharing the outcome: needed, then confirmed with who hears of it.
    page.get_by_role("link", name="Change the status").click()
    choose(page, "Outcome shared")
    page.get_by_role("button", name="Save the status").click()
    expect(page.get_by_text("Write the outcome to the person").first).to_be_visible()
    check_accessibility(page)
    choose(page, "Outcome shared")
    page.get_by_label(re.compile("^The outcome, written to the person")).fill(
        "The call bell was broken. It is mended and checked every day."
    )
    page.get_by_role("button", name="Save the status").click()
    expect(status).to_contain_text("is now “Outcome shared”")
    expect(status).to_contain_text("shared with the person who raised it")
    check_accessibility(page)
