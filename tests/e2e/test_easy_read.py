"""Journey (issue 14, point 8), on a phone: a lived-experience member meets a dot-voting ballot in
which each item is one group (its title, what it is about, its control), and votes in the
easy-read version, one item per screen; then a visitor raises a concern in the easy-read version,
one question per screen, from the first question to the thank-you page. axe checks every page."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cms.organisations.models import Role
from coproduction.concerns.models import Concern
from coproduction.rounds import selectors as round_selectors
from coproduction.rounds import services as round_services
from coproduction.rounds.models import PriorityRound
from coproduction.spaces.models import AgendaItem, SpaceRole
from tests.cms.factories import ServiceFactory, member
from tests.coproduction.factories import AgendaItemFactory, SpaceFactory, SpaceMembershipFactory
from tests.e2e.journeys import sign_in

FRUIT = "Fresh fruit at breakfast"
FRUIT_ABOUT = "Only toast is offered most mornings."
GARDEN = "Open the garden every day"
GARDEN_ABOUT = "The garden door is locked after lunch."


def next_question(page, check_accessibility, number, count):
    page.get_by_role("button", name="Next question").click()
    expect(page.get_by_text(f"Question {number} of {count}")).to_be_visible()
    check_accessibility(page)


def test_a_grouped_ballot_and_the_easy_read_ballot_and_concern_form_on_a_phone(
    phone_page, check_accessibility
):
    page = phone_page
    service = ServiceFactory(name="Willow House")
    space = SpaceFactory(organisation=service.organisation, service=service, name="Willow Voices")
    maya = member(Role.LIVED_EXPERIENCE_MEMBER, service=service, email="maya@example.org")
    lena = member(Role.LIVED_EXPERIENCE_LEAD, organisation=service.organisation)
    SpaceMembershipFactory(space=space, user=maya, role=SpaceRole.MEMBER, host_role=False)
    SpaceMembershipFactory(space=space, user=lena, role=SpaceRole.LEAD, host_role=False)
    items = [
        AgendaItemFactory(
            space=space,
            title=title,
            about=about,
            proposed_by=maya,
            status=AgendaItem.Status.SHORTLISTED,
        )
        for title, about in ((FRUIT, FRUIT_ABOUT), (GARDEN, GARDEN_ABOUT))
    ]
    now = timezone.now()
    priority_round = round_services.round_open(
        space,
        lena,
        title="What first?",
        method=PriorityRound.Method.DOT,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=7),
        agenda_items=items,
        dots_per_voter=5,
        max_dots_per_item=3,
    )

    # The ballot: each item one group, its description inside it and tied to its control.
    sign_in(page, check_accessibility, maya.email)
    page.goto(priority_round.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("What first?")
    check_accessibility(page)
    fruit = page.locator(".ballot-item").filter(has_text=FRUIT)
    expect(fruit).to_contain_text(FRUIT_ABOUT)
    expect(fruit).not_to_contain_text(GARDEN)
    expect(fruit.get_by_role("spinbutton", name=FRUIT)).to_have_accessible_description(
        re.compile(re.escape(FRUIT_ABOUT))
    )
    # On the phone the next item's box starts below the end of this one's description.
    about_box = fruit.get_by_text(FRUIT_ABOUT).bounding_box()
    fruit_box = fruit.bounding_box()
    garden_box = page.locator(".ballot-item").filter(has_text=GARDEN).bounding_box()
    assert about_box["y"] + about_box["height"] <= fruit_box["y"] + fruit_box["height"]
    assert garden_box["y"] >= fruit_box["y"] + fruit_box["height"]

    # The easy-read ballot: one item per screen, the dots left on each.
    page.get_by_role("link", name="Easy read version").click()
    expect(page.get_by_text("Question 1 of 2")).to_be_visible()
    check_accessibility(page)
    expect(page.get_by_text("You have 5 dots left")).to_be_visible()
    page.get_by_role("spinbutton", name=FRUIT).fill("3")
    next_question(page, check_accessibility, 2, 2)
    expect(page.get_by_text("You have 2 dots left")).to_be_visible()
    page.get_by_role("spinbutton", name=GARDEN).fill("4")
    page.get_by_role("button", name="Send my vote").click()
    expect(page.get_by_text("You can put at most 3 dots on one item.").first).to_be_visible()
    expect(page.get_by_text("You have 2 dots left")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("spinbutton", name=GARDEN).fill("2")
    page.get_by_role("button", name="Send my vote").click()
    expect(page.get_by_text("Your vote is recorded.").first).to_be_visible()
    check_accessibility(page)
    fruit_item, garden_item = round_selectors.round_items(priority_round)
    assert round_selectors.ballot_of(priority_round, maya) == {fruit_item.pk: 3, garden_item.pk: 2}

    # A visitor raises a concern in the easy-read version, one question per screen.
    page.context.clear_cookies()
    page.goto(reverse("coproduction:concern_raise_for_service", args=[service.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise a concern")
    check_accessibility(page)
    page.get_by_role("link", name="Easy read version").click()
    expect(page.get_by_text("Question 1 of 9")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("group", name="Is someone in danger now?").get_by_label("No").check()
    next_question(page, check_accessibility, 2, 9)
    page.get_by_label("Family member or friend").check()
    next_question(page, check_accessibility, 3, 9)
    page.get_by_role("button", name="Next question").click()
    expect(page.get_by_text("Say what happened.").first).to_be_visible()
    check_accessibility(page)
    page.get_by_label("What happened?").fill("Mum was left without water all afternoon.")
    next_question(page, check_accessibility, 4, 9)
    next_question(page, check_accessibility, 5, 9)
    page.get_by_label("Yes, or I am not sure").check()
    next_question(page, check_accessibility, 6, 9)
    page.get_by_label("Yes, I want to stay anonymous").check()
    # Anonymous: no name or email questions.
    next_question(page, check_accessibility, 7, 7)
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page.get_by_label("Yes, I want to stay anonymous")).to_be_checked()
    check_accessibility(page)
    next_question(page, check_accessibility, 7, 7)
    page.get_by_role("button", name="Send my concern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your concern is sent")
    check_accessibility(page)
    concern = Concern.objects.get()
    expect(page.get_by_text(concern.reference)).to_be_visible()
    assert concern.anonymous and concern.raised_by is None and concern.possible_safeguarding
