"""Journey (issue 4, involvement payments): an organisation admin sets the hourly rate; a space's
lead records the time members gave at a meeting; finance marks it paid after confirming; the
member sees it under "Your involvement record"."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from cms.organisations.models import Role
from coproduction.payments.models import InvolvementRecord
from coproduction.spaces.models import SpaceRole
from tests.cms.factories import ServiceFactory, member
from tests.coproduction.factories import SpaceFactory, SpaceMembershipFactory
from tests.coproduction.factories_payments import AttendanceFactory, MeetingFactory
from tests.e2e.journeys import main_nav, sign_in


@pytest.fixture
def finance(browser, live_server):
    """A second window, for the organisation admin: they stay signed in there, because an
    authenticator code is accepted once and signing in again could wait for the next one."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_rate_meeting_record_payment_and_the_members_own_record(
    live_server, page, finance, check_accessibility
):
    service = ServiceFactory(name="Willow House")
    organisation = service.organisation
    space = SpaceFactory(organisation=organisation, name="Willow Voices")
    admin = member(
        Role.ORGANISATION_ADMIN,
        organisation=organisation,
        email="fin@example.org",
        first_name="Fin",
    )
    lead = SpaceMembershipFactory(
        space=space,
        role=SpaceRole.LEAD,
        user__email="lena@example.org",
        user__first_name="Lena",
        user__last_name="Shah",
    ).user
    maya = SpaceMembershipFactory(
        space=space,
        role=SpaceRole.MEMBER,
        user__email="maya@example.org",
        user__first_name="Maya",
        user__last_name="Reid",
    ).user
    ally = SpaceMembershipFactory(
        space=space,
        role=SpaceRole.STAFF_ALLY,
        user__email="sam@example.org",
        user__first_name="Sam",
        user__last_name="Ally",
    ).user
    meeting = MeetingFactory(space=space, created_by=lead, title="October meeting")
    AttendanceFactory(meeting=meeting, user=maya, minutes_attended=90)
    AttendanceFactory(meeting=meeting, user=ally, minutes_attended=90)

    # The organisation admin sets the hourly rate (in their own window).
    sign_in(finance, check_accessibility, admin.email, totp=True)
    main_nav(finance, "Involvement payments")
    expect(finance.get_by_role("heading", level=1)).to_have_text("Involvement payments")
    expect(finance.get_by_text("No involvement records match.")).to_be_visible()
    check_accessibility(finance)
    finance.get_by_role("link", name="Set the hourly rate").click()
    expect(finance.get_by_role("cell", name="Not set yet")).to_be_visible()
    check_accessibility(finance)
    finance.get_by_label(re.compile("^Hourly rate")).fill("-2")
    finance.get_by_role("button", name="Save the rate").click()
    expect(finance.get_by_text("greater than or equal to 0").first).to_be_visible()
    check_accessibility(finance)
    finance.get_by_label(re.compile("^Hourly rate")).fill("15.50")
    finance.get_by_role("button", name="Save the rate").click()
    expect(
        finance.get_by_text(f"The hourly rate for {organisation.name} is now £15.50.")
    ).to_be_visible()
    expect(finance.get_by_role("cell", name="£15.50 an hour")).to_be_visible()
    check_accessibility(finance)

    # The lead records the meeting: the member is paid, the staff ally is not.
    sign_in(page, check_accessibility, lead.email)
    page.goto(meeting.get_absolute_url())
    expect(
        page.get_by_text("No involvement has been recorded for this meeting yet.")
    ).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Record involvement for this meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record involvement: October meeting")
    expect(page.get_by_role("cell", name="Maya Reid")).to_be_visible()
    expect(page.get_by_role("cell", name="Sam Ally")).to_have_count(0)
    expect(page.get_by_role("cell", name="£23.25")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Record involvement").click()
    expect(page.get_by_text("Involvement recorded for 1 person.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Back to the meeting").click()
    expect(page.get_by_text("1 involvement record made from this meeting")).to_be_visible()
    record = InvolvementRecord.objects.get()
    assert (record.member, record.hourly_rate, record.amount) == (
        maya,
        Decimal("15.50"),
        Decimal("23.25"),
    )

    # ... and a content review Maya did, from the space's page.
    page.goto(space.get_absolute_url())
    page.get_by_role("link", name="Involvement records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Involvement records: Willow Voices")
    check_accessibility(page)
    page.get_by_role("link", name="Record a content review or other work").click()
    check_accessibility(page)
    page.get_by_role("button", name="Record the time").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Who gave their time").select_option(label="Maya Reid (maya@example.org)")
    page.get_by_role("radio", name="Content review").check()
    page.get_by_label("What the work was").fill("Reviewed the easy-read guide to visiting")
    page.get_by_label("Time given, in minutes").fill("60")
    page.get_by_role("button", name="Record the time").click()
    expect(page.get_by_text("Recorded 1 hour for Maya Reid.")).to_be_visible()
    expect(page.get_by_text("£15.50 due")).to_be_visible()
    check_accessibility(page)

    # Finance marks it paid, after a confirmation.
    main_nav(finance, "Involvement payments")
    expect(finance.get_by_role("cell", name="October meeting")).to_be_visible()
    check_accessibility(finance)
    finance.get_by_role("checkbox", name=re.compile("Mark paid: Maya Reid.*£23.25")).check()
    finance.get_by_role("button", name="Mark the ticked records paid").click()
    expect(finance.get_by_role("heading", level=1)).to_have_text("Mark 1 record paid?")
    check_accessibility(finance)
    finance.get_by_role("button", name="Yes, mark 1 record paid").click()
    expect(finance.get_by_text("1 record marked paid")).to_be_visible()
    check_accessibility(finance)
    record.refresh_from_db()
    assert record.status == InvolvementRecord.Status.PAID
    assert InvolvementRecord.objects.filter(status=InvolvementRecord.Status.DUE).count() == 1

    # The member sees it under "Your involvement record", from their space's page.
    sign_in(page, check_accessibility, maya.email)
    page.goto(space.get_absolute_url())
    check_accessibility(page)
    page.get_by_role("link", name="Your involvement record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your involvement record")
    expect(page.get_by_text("Time given: 2 hours 30 minutes")).to_be_visible()
    expect(page.get_by_text("Still to be paid: £15.50")).to_be_visible()
    expect(page.get_by_text("Paid: £23.25", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Meeting: October meeting")).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("^Paid on "))).to_be_visible()
    check_accessibility(page)
