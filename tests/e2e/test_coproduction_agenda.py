"""Journey (issue 4, agenda): a lived-experience member raises an item in their space, the
space's lead shortlists it, and the member sees the new status and is told by email."""

import re

from django.core import mail
from playwright.sync_api import expect

from cms.organisations.models import Role
from coproduction.spaces.models import AgendaItem, SpaceRole
from tests.cms.factories import ServiceFactory, member
from tests.coproduction.factories import SpaceFactory, SpaceMembershipFactory
from tests.e2e.journeys import main_nav, sign_in


def test_a_member_raises_an_item_and_sees_the_lead_shortlist_it(
    live_server, page, check_accessibility
):
    service = ServiceFactory(name="Willow House")
    organisation = service.organisation
    space = SpaceFactory(organisation=organisation, name="Willow Voices")
    maya = member(
        Role.LIVED_EXPERIENCE_MEMBER,
        service=service,
        email="maya@example.org",
        first_name="Maya",
        last_name="Reid",
    )
    lena = member(
        Role.LIVED_EXPERIENCE_LEAD,
        organisation=organisation,
        email="lena@example.org",
        first_name="Lena",
        last_name="Shah",
    )
    SpaceMembershipFactory(space=space, user=maya, role=SpaceRole.MEMBER, host_role=False)
    SpaceMembershipFactory(space=space, user=lena, role=SpaceRole.LEAD, host_role=False)

    # Maya raises an item.
    sign_in(page, check_accessibility, maya.email)
    main_nav(page, "Co-production")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your co-production spaces")
    check_accessibility(page)
    page.get_by_role("link", name="Willow Voices").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Willow Voices")
    check_accessibility(page)
    page.get_by_role("link", name="Raise an item").click()
    check_accessibility(page)
    page.get_by_label("Title").fill("Later visiting at weekends")
    page.get_by_label("What it is about").fill("Visits end at 6 on Saturdays.")
    page.get_by_label("Why it matters").fill("My sister works all week.")
    page.get_by_role("button", name="Raise this item").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Later visiting at weekends")
    expect(page.get_by_text("Status: Proposed").first).to_be_visible()
    check_accessibility(page)
    item = AgendaItem.objects.get()

    # Lena, the space's lead, shortlists it.
    sign_in(page, check_accessibility, lena.email)
    page.goto(space.get_absolute_url())
    page.get_by_role("link", name="Later visiting at weekends").click()
    check_accessibility(page)
    page.get_by_label("New status").select_option(AgendaItem.Status.SHORTLISTED)
    page.get_by_role("button", name="Change the status").click()
    expect(page.get_by_text(re.compile("is now “Shortlisted”"))).to_be_visible()
    check_accessibility(page)

    # Maya sees the new status, on the item and on her home page.
    sign_in(page, check_accessibility, maya.email)
    expect(page.get_by_text("Later visiting at weekends: Shortlisted")).to_be_visible()
    page.goto(item.get_absolute_url())
    expect(page.get_by_text("Status: Shortlisted").first).to_be_visible()
    expect(page.get_by_text(re.compile("Proposed to Shortlisted"))).to_be_visible()
    check_accessibility(page)
    assert [m.to for m in mail.outbox if "changed status" in m.subject] == [[maya.email]]
