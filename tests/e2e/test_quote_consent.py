"""Journey (issue 13, consent for quotes): a family member asks a question and ticks "You may
quote my words in reports, without my name", sees on the questions page that it may be quoted,
changes their mind with the button under it, and ticks the box again on a discussion post. The
evidence ledger's selector follows each step."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coproduction.forms import QUOTE_LABEL
from coproduction.questions.models import ForumQuestion
from coproduction.tracker.selectors import quotable_words
from tests.coproduction.factories_forums import FamilyForumFactory, forum_family
from tests.e2e.journeys import sign_in


def quoted(service):
    today = timezone.localdate()
    return [quote.text for quote in quotable_words(service, today, today + timedelta(days=1))]


def test_family_member_agrees_to_be_quoted_then_changes_their_mind(page, check_accessibility):
    forum = FamilyForumFactory(name="Willow House family forum")
    family = forum_family(forum, email="fern@example.org", first_name="Fern", last_name="Family")
    service = forum.service

    sign_in(page, check_accessibility, family.email)
    page.goto(reverse("coproduction:forum_question_ask", args=[forum.pk]))
    box = page.get_by_label(QUOTE_LABEL)
    expect(box).not_to_be_checked()
    expect(page.get_by_text("leaders and inspectors")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Your question").fill("Could the garden be open on Sundays?")
    box.check()
    page.get_by_role("button", name="Send my question").click()
    expect(page.get_by_text("Your question has been sent.")).to_be_visible()
    expect(page.get_by_text("You said we may quote this question in reports")).to_be_visible()
    check_accessibility(page)
    assert ForumQuestion.objects.get().may_quote
    assert quoted(service) == ["Could the garden be open on Sundays?"]

    # The family member changes their mind: the words are no longer quoted.
    page.get_by_role("button", name=re.compile("^Do not quote my question")).click()
    expect(page.get_by_text("Your question will not be quoted in reports.")).to_be_visible()
    expect(page.get_by_text("We will not quote this question in reports.")).to_be_visible()
    check_accessibility(page)
    assert quoted(service) == []

    # A discussion post, with the box ticked.
    page.goto(reverse("coproduction:forum_thread_create", args=[forum.pk]))
    expect(page.get_by_label(QUOTE_LABEL)).not_to_be_checked()
    check_accessibility(page)
    page.get_by_label("Title").fill("Sunday visits")
    page.get_by_label("Your message").fill("The Sunday tea was lovely.")
    page.get_by_label(QUOTE_LABEL).check()
    page.get_by_role("button", name="Start the discussion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sunday visits")
    expect(page.get_by_text("You said we may quote this post in reports")).to_be_visible()
    check_accessibility(page)
    assert quoted(service) == ["The Sunday tea was lovely."]
