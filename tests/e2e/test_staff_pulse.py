"""Journey (issue 12, staff voice): a porter finds the staff pulse on their home page and
answers it; a second answer, from a tab opened before the first was sent, is refused; the
leader who runs the round sees its figures withheld while it is open and under 10 answers, then
closes it and sees the figures, the staff groups and what people wrote."""

import re

from playwright.sync_api import expect

from cms.organisations.models import Role
from coproduction.pulse.models import PulseResponse
from tests.cms.factories import ServiceFactory, member
from tests.coproduction.factories_pulse import PulseRoundFactory, pulse_answer
from tests.e2e.journeys import main_nav, sign_in


def _answer(page):
    page.get_by_role("radio", name="Porter").check()
    page.get_by_role("group", name=re.compile("safe to speak up")).get_by_role(
        "radio", name="Agree", exact=True
    ).check()
    page.get_by_role("group", name=re.compile("it was acted on")).get_by_role(
        "radio", name="I have not raised anything"
    ).check()
    page.get_by_role("group", name=re.compile("without dignity")).get_by_role(
        "radio", name="No"
    ).check()
    page.get_by_label(re.compile("anything else")).fill("More hands on the night shift, please.")
    page.get_by_role("button", name="Send my answers").click()


def test_staff_answer_once_and_the_leader_sees_figures_only_when_they_can_be_shown(
    live_server, page, check_accessibility
):
    service = ServiceFactory(name="Elm Court")
    porter = member(Role.STAFF, service=service, email="pat@example.org", first_name="Pat")
    leader = member(
        Role.LEADER, organisation=service.organisation, email="lee@example.org", first_name="Lee"
    )
    pulse_round = PulseRoundFactory(service=service, title="Staff pulse, spring", created_by=leader)
    for number in range(8):
        pulse_answer(pulse_round, group="care", safe=5, text=f"Comment {number}")

    # The porter finds the round on their home page and answers it.
    sign_in(page, check_accessibility, porter.email)
    page.get_by_role("link", name=re.compile("Staff pulse, spring")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff pulse, spring")
    check_accessibility(page)
    second_tab = page.context.new_page()
    second_tab.goto(pulse_round.get_absolute_url())
    _answer(page)
    expect(page.get_by_text("Thank you. Your answers have been saved.")).to_be_visible()
    expect(page.get_by_text("You have answered this pulse survey")).to_be_visible()
    check_accessibility(page)

    # The tab opened before: a second answer is refused.
    _answer(second_tab)
    expect(second_tab.get_by_text("You have already answered this pulse survey")).to_be_visible()
    check_accessibility(second_tab)
    second_tab.close()
    assert PulseResponse.objects.filter(round=pulse_round).count() == 9

    # The leader: nothing is shown while the round is open, with 9 answers.
    sign_in(page, check_accessibility, leader.email, totp=True)
    main_nav(page, "Staff pulse")
    check_accessibility(page)
    page.get_by_role("link", name="Staff pulse, spring").click()
    expect(page.get_by_text("9 people answered.")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"shown once the round has closed.*1 more to go"))
    ).to_be_visible()
    expect(page.get_by_text("More hands on the night shift")).to_have_count(0)
    check_accessibility(page)

    # A tenth answer comes in; the leader closes the round and sees the figures.
    pulse_answer(pulse_round, group="night", safe=2, seen=True)
    page.get_by_role("link", name="Close the round").click()
    expect(page.get_by_text("10 people answered.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Yes, close the round").click()
    expect(
        page.get_by_text(re.compile("The round is closed. 9 comments went to the feedback"))
    ).to_be_visible()
    figures = page.get_by_role("table", name="What staff said")
    expect(figures.get_by_role("row").nth(1)).to_contain_text("90.0%")
    expect(figures.get_by_role("row").nth(3)).to_contain_text("10.0%")
    # One porter and one night worker: no breakdown by group could be shown.
    expect(page.get_by_role("table", name=re.compile("By staff group"))).to_have_count(0)
    expect(page.get_by_text("More hands on the night shift, please.")).to_be_visible()
    check_accessibility(page)
