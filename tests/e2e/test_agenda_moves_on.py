"""Journey (issue 14, point 9): once the outcome of what was done about an agenda item is
published, the item moves on. The lead's confirmation reads once ("Done: ..."), the item is
closed with its outcome, it is not offered for a new priority round (whose voting times come
filled in), and the member who raised it sees it closed on their home page, on a phone."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from coproduction.spaces.models import AgendaItem, SpaceRole
from tests.cms.factories import ServiceFactory
from tests.coproduction.factories import AgendaItemFactory, SpaceFactory, SpaceMembershipFactory
from tests.e2e.journeys import sign_in

OUTCOME = "Visiting is now 10am to 8pm on Saturdays and Sundays."


def test_an_item_with_a_published_outcome_moves_on(page, phone_page, check_accessibility):
    service = ServiceFactory(name="Willow House")
    space = SpaceFactory(organisation=service.organisation, service=service, name="Willow Voices")
    lead = SpaceMembershipFactory(
        space=space,
        role=SpaceRole.LEAD,
        user__email="rosa@example.org",
        user__first_name="Rosa",
        user__last_name="Lead",
    ).user
    proposer = SpaceMembershipFactory(
        space=space, role=SpaceRole.MEMBER, user__email="jo@example.org", user__first_name="Jo"
    ).user
    shortlisted = AgendaItem.Status.SHORTLISTED
    item = AgendaItemFactory(
        space=space, proposed_by=proposer, title="Weekend visiting", status=shortlisted
    )
    for title in ("Garden benches", "Menu choices"):
        AgendaItemFactory(space=space, title=title, status=shortlisted)

    # The lead agrees an action on the item and publishes its outcome.
    sign_in(page, check_accessibility, lead.email)
    page.goto(f"/together/agenda-items/{item.pk}/action/")
    check_accessibility(page)
    page.get_by_label("What will be done").fill("Longer visiting hours at weekends")
    page.get_by_label(re.compile("^Who will do it")).select_option(label="Rosa Lead")
    page.get_by_role("button", name="Record the action").click()
    page.get_by_role("link", name="Record the outcome").click()
    check_accessibility(page)
    page.get_by_label("What was done").fill(OUTCOME)
    page.get_by_role("button", name="Mark done and publish").click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("Done: The outcome is published on “you said, we did”.")
    expect(status).to_contain_text("The agenda item “Weekend visiting” is closed with it.")
    expect(status).not_to_contain_text("Done: Done:")
    check_accessibility(page)

    # The item is closed with its outcome.
    page.goto(item.get_absolute_url())
    expect(page.get_by_text("Status: Closed with an outcome").first).to_be_visible()
    check_accessibility(page)

    # A new round does not offer it, and its voting times are filled in.
    page.goto(f"/together/spaces/{space.pk}/rounds/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a priority round")
    items = page.get_by_role("group", name=re.compile("Shortlisted items"))
    expect(items.get_by_label("Garden benches")).to_be_visible()
    expect(items.get_by_label("Weekend visiting")).to_have_count(0)
    now = timezone.localtime()
    expect(page.get_by_label("Voting opens")).to_have_value(re.compile(now.strftime("^%Y-%m-%dT")))
    closes = (now + timedelta(days=14)).strftime("^%Y-%m-%dT")
    expect(page.get_by_label("Voting closes")).to_have_value(re.compile(closes))
    check_accessibility(page)

    # The member who raised it sees it closed on their home page, on their phone.
    sign_in(phone_page, check_accessibility, proposer.email)
    home = phone_page.get_by_role("main")
    expect(home).to_contain_text("Weekend visiting: Closed with an outcome (Willow Voices)")
    expect(home).not_to_contain_text("Weekend visiting: Shortlisted")
