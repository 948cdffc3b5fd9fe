"""Journey (issue 5, family survey and "what to expect"): a forum host opens a survey from the
forum page; a family member answers it and is thanked; the host sees that the score waits for
five families, then (with four more answers) sees it; the host creates the service's "what to
expect" pages and reads one."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from coproduction.surveys.models import FamilySurvey, SurveyResponse
from tests.coproduction.factories_forums import FamilyForumFactory, forum_family, forum_host
from tests.coproduction.factories_surveys import answer
from tests.e2e.journeys import sign_in


def test_host_opens_a_survey_a_family_answers_and_the_score_shows_from_five(
    page, check_accessibility
):
    forum = FamilyForumFactory(service__name="Willow House", name="Willow House family forum")
    host = forum_host(forum, email="hana@example.org", first_name="Hana")
    family = forum_family(forum, email="dee@example.org", first_name="Dee")
    closes_on = timezone.localdate() + timedelta(days=14)

    # The host opens a survey from the forum's page.
    sign_in(page, check_accessibility, host.email)
    page.goto(forum.get_absolute_url())
    expect(page.get_by_text("No survey is open at the moment.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Open a survey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open a survey")
    check_accessibility(page)
    page.get_by_label("Name of the survey").fill("Spring survey")
    page.get_by_label("Opens on").fill(timezone.localdate().isoformat())
    page.get_by_label("Closes on").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Open the survey").click()
    # A closing date before the opening date: the error is at the field, the name is kept.
    expect(
        page.get_by_text("The closing date must be on or after the opening date.").first
    ).to_be_visible()
    expect(page.get_by_label("Name of the survey")).to_have_value("Spring survey")
    check_accessibility(page)
    page.get_by_label("Closes on").fill(closes_on.isoformat())
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spring survey")
    check_accessibility(page)
    survey = FamilySurvey.objects.get()
    assert any(m.to == [family.email] for m in mail.outbox)

    # The family member answers: 0 to 10, what is good, what could be better.
    sign_in(page, check_accessibility, family.email)
    page.goto(forum.get_absolute_url())
    page.get_by_role("link", name="Spring survey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spring survey")
    check_accessibility(page)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Choose a number from 0 to 10.").first).to_be_visible()
    check_accessibility(page)
    page.get_by_label("9", exact=True).check()
    page.get_by_label("What is good?").fill("The staff know my dad's jokes.")
    page.get_by_label("What could be better?").fill("Laundry goes missing.")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("You have answered this survey. Thank you.")).to_be_visible()
    check_accessibility(page)
    assert SurveyResponse.objects.get().recommend == 9

    # The host sees one answer, and that the score waits for five families.
    sign_in(page, check_accessibility, host.email)
    page.goto(survey.get_absolute_url())
    expect(page.get_by_text("shown once 5 families have answered")).to_be_visible()
    expect(page.get_by_text("Laundry goes missing.")).to_have_count(0)
    check_accessibility(page)

    # Four more families answer: the score and the comments show.
    for number in (10, 8, 6, 10):
        answer(survey, number, good="Kind staff")
    page.reload()
    expect(page.get_by_text("Recommend score")).to_be_visible()
    expect(page.locator("dd strong")).to_have_text("40")
    expect(page.get_by_text("Laundry goes missing.")).to_be_visible()
    check_accessibility(page)

    # The host closes it after confirming; the comments go to the feedback tracker.
    page.get_by_role("link", name="Close the survey").click()
    check_accessibility(page)
    page.get_by_role("button", name="Yes, close the survey").click()
    expect(page.get_by_text(re.compile(r"Closed on"))).to_be_visible()
    check_accessibility(page)

    # The host creates the "what to expect" pages from the forum page and reads one.
    page.goto(forum.get_absolute_url())
    page.get_by_role("button", name="Create the what-to-expect pages").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What to expect at Willow House")
    check_accessibility(page)
    page.get_by_role("link", name="How to raise a concern or complaint").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How to raise a concern or complaint")
    expect(page.get_by_text("Local Government and Social Care Ombudsman").first).to_be_visible()
    check_accessibility(page)

    # The pages are public: a visitor without an account reads them too.
    page.context.clear_cookies()
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("How to raise a concern or complaint")
