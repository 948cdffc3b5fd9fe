"""Journey (issue 4, "Done when"): in a browser, a lived-experience member proposes an agenda
item and votes; the space's lead shortlists it, runs a dot-voting round and closes it early,
records an action on the item and its outcome; the member sees the outcome on "you said, we did"
and answers whether it addressed what they raised. Each person signs in afresh, and axe checks
every page visited."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from cms.accounts.middleware import needs_mfa_setup
from cms.organisations.models import Role
from coproduction.rounds import services as round_services
from coproduction.rounds.models import Ballot, PriorityRound
from coproduction.spaces.models import AgendaItem, SpaceRole
from coproduction.tracker.models import Action, OutcomeResponse
from tests.cms.factories import ServiceFactory, member
from tests.coproduction.factories import (
    AgendaItemFactory,
    SpaceFactory,
    SpaceMembershipFactory,
)
from tests.e2e.journeys import main_nav, sign_in

MAYAS_ITEM = "Later visiting at weekends"
TOMS_ITEM = "Fresh fruit at breakfast"


def open_space(page, check_accessibility, name):
    """From anywhere: the main navigation, the list of spaces, then the space's page."""
    main_nav(page, "Co-production")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your co-production spaces")
    check_accessibility(page)
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    check_accessibility(page)


def expect_result(page, title, place, score, voters):
    """One row of the results table: its place, score and voter count (its first 3 cells; a
    lead may see more, such as a link to agree an action)."""
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=title))
    cells = row.get_by_role("cell")
    for index, text in enumerate((place, score, voters)):
        expect(cells.nth(index)).to_have_text(text)


def datetime_local(moment):
    """The value a datetime-local input takes, in the site's time zone."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_member_proposes_and_votes_lead_runs_round_and_closes_the_loop(
    live_server, page, check_accessibility
):
    service = ServiceFactory(name="Willow House")
    organisation = service.organisation
    space = SpaceFactory(organisation=organisation, service=service, name="Willow Voices")
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
    tom = SpaceMembershipFactory(
        space=space,
        role=SpaceRole.MEMBER,
        user__email="tom@example.org",
        user__first_name="Tom",
        user__last_name="Berry",
    ).user
    # A second shortlisted item, so the round has two items to vote on.
    AgendaItemFactory(
        space=space, proposed_by=tom, title=TOMS_ITEM, status=AgendaItem.Status.SHORTLISTED
    )
    # A lived-experience lead is not asked to set up a second factor (RequireMFAMiddleware).
    assert not needs_mfa_setup(lena)

    # 1. Maya proposes an item through the form.
    sign_in(page, check_accessibility, maya.email)
    open_space(page, check_accessibility, "Willow Voices")
    page.get_by_role("link", name="Raise an item").click()
    check_accessibility(page)
    page.get_by_label("Title").fill(MAYAS_ITEM)
    page.get_by_label("What it is about").fill("Visits end at 6 on Saturdays.")
    page.get_by_label("Why it matters").fill("My sister works all week.")
    page.get_by_role("button", name="Raise this item").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MAYAS_ITEM)
    expect(page.get_by_text("Status: Proposed").first).to_be_visible()
    check_accessibility(page)
    item = AgendaItem.objects.get(title=MAYAS_ITEM)
    assert item.proposed_by == maya

    # 2. Lena, the space's lead, shortlists it from the item's page.
    sign_in(page, check_accessibility, lena.email)
    open_space(page, check_accessibility, "Willow Voices")
    page.get_by_role("link", name=MAYAS_ITEM).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MAYAS_ITEM)
    check_accessibility(page)
    page.get_by_label("New status").select_option(AgendaItem.Status.SHORTLISTED)
    page.get_by_role("button", name="Change the status").click()
    expect(page.get_by_text(re.compile("is now “Shortlisted”"))).to_be_visible()
    expect(page.get_by_text("Status: Shortlisted").first).to_be_visible()
    check_accessibility(page)
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.SHORTLISTED

    # 3. Lena starts a dot-voting round over the two shortlisted items: open now, for a week.
    page.get_by_role("link", name="Back to Willow Voices").click()
    check_accessibility(page)
    page.get_by_role("link", name="Start a priority round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a priority round")
    check_accessibility(page)
    page.get_by_label("Name of the round").fill("What should we work on this spring?")
    page.get_by_role("checkbox", name=MAYAS_ITEM).check()
    page.get_by_role("checkbox", name=TOMS_ITEM).check()
    page.get_by_role("radio", name="Dot voting").check()
    page.get_by_label(re.compile("^Dots each person has")).fill("5")
    page.get_by_label(re.compile("^Most dots on one item")).fill("3")
    now = timezone.now()
    page.get_by_label("Voting opens").fill(datetime_local(now))
    page.get_by_label("Voting closes").fill(datetime_local(now + timedelta(days=7)))
    page.get_by_role("button", name="Start the round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What should we work on this spring?")
    expect(page.get_by_text("The round is ready.")).to_be_visible()
    expect(page.get_by_text("Voting is open", exact=True)).to_be_visible()
    expect(page.get_by_text("0 of 3 people who can vote have voted (0%)")).to_be_visible()
    check_accessibility(page)
    priority_round = PriorityRound.objects.get()
    assert priority_round.method == PriorityRound.Method.DOT
    assert priority_round.dots_per_voter == 5
    assert priority_round.max_dots_per_item == 3
    assert {ri.agenda_item.title for ri in priority_round.items.all()} == {MAYAS_ITEM, TOMS_ITEM}
    round_items = {ri.agenda_item.title: ri for ri in priority_round.items.all()}

    # 4. Maya votes: 3 dots on her item, 1 on Tom's; the page counts the dots she has left.
    sign_in(page, check_accessibility, maya.email)
    open_space(page, check_accessibility, "Willow Voices")
    page.get_by_role("link", name="What should we work on this spring?").click()
    expect(page.get_by_text("You have 5 dots left")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("spinbutton", name=MAYAS_ITEM).fill("3")
    page.get_by_role("spinbutton", name=TOMS_ITEM).fill("1")
    expect(page.get_by_text("You have 1 dot left")).to_be_visible()
    page.get_by_role("button", name="Save my vote").click()
    expect(page.get_by_text("Your vote is recorded.").first).to_be_visible()
    expect(page.get_by_role("heading", name="Change your vote")).to_be_visible()
    expect(page.get_by_text("You have 1 dot left")).to_be_visible()
    expect(page.get_by_role("spinbutton", name=MAYAS_ITEM)).to_have_value("3")
    check_accessibility(page)
    ballot = Ballot.objects.get(round=priority_round, voter=maya)
    assert ballot.submitted_with_support_from is None
    # Tom votes too (outside the browser): 3 dots on his own item.
    round_services.ballot_submit(
        priority_round, tom, {round_items[TOMS_ITEM].pk: 3, round_items[MAYAS_ITEM].pk: 0}
    )

    # 5. Lena closes the round early, after a confirmation page; the results are published.
    sign_in(page, check_accessibility, lena.email)
    open_space(page, check_accessibility, "Willow Voices")
    page.get_by_role("link", name="What should we work on this spring?").click()
    expect(page.get_by_text("2 of 3 people who can vote have voted (67%)")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Close voting and publish the results").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Close voting and publish the results?"
    )
    check_accessibility(page)
    page.get_by_role("button", name="Close and publish the results").click()
    expect(page.get_by_text("Tick the box to confirm").first).to_be_visible()
    check_accessibility(page)
    assert PriorityRound.objects.get().results_published_at is None
    page.get_by_label("Yes, close voting early").check()
    page.get_by_role("button", name="Close and publish the results").click()
    expect(page.get_by_text("Voting is closed and the results are published.")).to_be_visible()
    results = page.get_by_role("region", name="Results")
    expect(results).to_contain_text("2 of 3 people who could vote took part (67%)")
    # Place, dots, people who gave it dots.
    expect_result(page, TOMS_ITEM, place="1", score="4", voters="2")
    expect_result(page, MAYAS_ITEM, place="2", score="3", voters="1")
    expect(page.get_by_text("Results published")).to_be_visible()
    check_accessibility(page)
    priority_round.refresh_from_db()
    assert priority_round.is_published
    assert priority_round.closed_at < priority_round.closes_at

    # 6. Lena records an action on Maya's item from the item's page (owner, due date) ...
    due_on = timezone.localdate() + timedelta(days=30)
    page.get_by_role("link", name="Back to Willow Voices").click()
    check_accessibility(page)
    page.get_by_role("link", name=MAYAS_ITEM).click()
    check_accessibility(page)
    page.get_by_role("link", name="Agree an action on this item").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(MAYAS_ITEM)
    check_accessibility(page)
    page.get_by_label("What will be done").fill("Longer visiting hours at weekends")
    page.get_by_label(re.compile("^Who will do it")).select_option(label="Lena Shah")
    page.get_by_label(re.compile("^Due by")).fill(due_on.isoformat())
    page.get_by_role("button", name="Record the action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Action: Longer visiting hours at weekends"
    )
    expect(page.get_by_text("The action has been recorded.")).to_be_visible()
    check_accessibility(page)
    action = Action.objects.get()
    assert (action.agenda_item, action.owner, action.due_on) == (item, lena, due_on)
    assert action.raised_by == maya
    assert not action.is_done

    # ... and later, from "you said, we did", marks it done with a plain-language outcome.
    open_space(page, check_accessibility, "Willow Voices")
    page.get_by_role("link", name=re.compile("^You said, we did")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You said, we did: Willow Voices")
    expect(page.get_by_text(f"due by {due_on:%-d %b %Y}")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Longer visiting hours at weekends").click()
    check_accessibility(page)
    page.get_by_role("link", name="Record the outcome").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the outcome")
    check_accessibility(page)
    page.get_by_label("What was done").fill("Visiting is now 10am to 8pm on Saturdays and Sundays.")
    page.get_by_role("button", name="Mark done and publish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You said, we did: Willow Voices")
    expect(page.get_by_text("Visiting is now 10am to 8pm")).to_be_visible()
    check_accessibility(page)
    action.refresh_from_db()
    assert action.is_done

    # 7. Maya sees the outcome on "you said, we did" and answers that it partly addressed it.
    sign_in(page, check_accessibility, maya.email)
    open_space(page, check_accessibility, "Willow Voices")
    page.get_by_role("link", name=re.compile("^You said, we did")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You said, we did: Willow Voices")
    expect(page.get_by_text(f"You said: {MAYAS_ITEM}")).to_be_visible()
    expect(page.get_by_text("Visiting is now 10am to 8pm")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name=re.compile("Tell us whether this addressed")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Did this address what you raised?")
    check_accessibility(page)
    page.get_by_role("radio", name="Partly").check()
    page.get_by_label("Anything you want to add").fill("Better, but not on bank holidays.")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You said, we did: Willow Voices")
    expect(page.get_by_text("Addressed it: partly")).to_be_visible()
    expect(page.get_by_text("Better, but not on bank holidays.")).to_be_visible()
    check_accessibility(page)
    response = OutcomeResponse.objects.get(action=action)
    assert (response.addressed, response.comment) == ("partly", "Better, but not on bank holidays.")

    # Maya was told at each step that concerned her.
    subjects = [m.subject for m in mail.outbox if m.to == [maya.email]]
    assert any(s.startswith("The item you raised changed status") for s in subjects), subjects
    assert any(s.startswith("Have your say") for s in subjects), subjects
    assert any(s.startswith("Results:") for s in subjects), subjects
    assert any(s.startswith("What was done about") for s in subjects), subjects
