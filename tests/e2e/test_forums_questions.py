"""Journey (issue 5, questions and threads): a family member asks an anonymous question and
starts a discussion; the forum's host answers the question and hides the post with a reason;
the family member reads the answer and sees why the post was hidden."""

import re

from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from coproduction.questions.models import ForumPost, ForumQuestion
from coproduction.tracker.models import FeedbackItem
from tests.coproduction.factories_forums import FamilyForumFactory, forum_family, forum_host
from tests.e2e.journeys import sign_in


def test_family_asks_anonymously_and_starts_a_discussion_host_answers_and_hides(
    page, check_accessibility
):
    forum = FamilyForumFactory(name="Willow House family forum")
    host = forum_host(forum, email="hana@example.org", first_name="Hana", last_name="Host")
    family = forum_family(forum, email="fern@example.org", first_name="Fern", last_name="Family")
    questions_url = reverse("coproduction:forum_questions", args=[forum.pk])
    threads_url = reverse("coproduction:forum_threads", args=[forum.pk])

    # The family member asks a question anonymously ...
    sign_in(page, check_accessibility, family.email)
    page.goto(questions_url)
    expect(page.get_by_text("Every question has an answer.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Ask a question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask a question")
    expect(page.get_by_text("the home will not know who asked it")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Ask anonymously").check()
    page.get_by_role("button", name="Send my question").click()
    # Nothing written: the error is at the field, the tick is kept.
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    expect(page.get_by_label("Ask anonymously")).to_be_checked()
    check_accessibility(page)
    page.get_by_label("Your question").fill("Why are there fewer staff at night?")
    page.get_by_role("button", name="Send my question").click()
    expect(page.get_by_text("Your question has been sent anonymously.")).to_be_visible()
    expect(page.get_by_text("Why are there fewer staff at night?")).to_be_visible()
    expect(page.get_by_text("Asked today")).to_be_visible()
    check_accessibility(page)
    question = ForumQuestion.objects.get()
    assert question.anonymous and question.asked_by is None
    assert FeedbackItem.objects.get().recorded_by is None
    [to_host] = [m for m in mail.outbox if m.to == [host.email]]
    assert "Fern" not in to_host.body and family.email not in to_host.body

    # ... and starts a discussion.
    page.goto(threads_url)
    expect(page.get_by_text("No discussions yet.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Start a discussion").click()
    check_accessibility(page)
    page.get_by_label("Title").fill("Room 12's neighbour")
    page.get_by_label("Your message").fill("Mrs Smith in room 12 was upset all weekend.")
    page.get_by_role("button", name="Start the discussion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Room 12's neighbour")
    check_accessibility(page)

    # The host answers the question ...
    sign_in(page, check_accessibility, host.email)
    page.goto(questions_url)
    expect(page.get_by_text("Asked today, anonymously.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name=re.compile("^Answer")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Answer a question")
    check_accessibility(page)
    page.get_by_label("Your answer").fill("Two carers and a nurse are on every night.")
    page.get_by_role("button", name="Save the answer").click()
    expect(page.get_by_text("Two carers and a nurse are on every night.")).to_be_visible()
    check_accessibility(page)

    # ... and hides the post, which names a resident, with a reason.
    page.goto(threads_url)
    check_accessibility(page)
    page.get_by_role("link", name="Room 12's neighbour").click()
    page.get_by_role("link", name=re.compile("^Hide")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hide this post?")
    check_accessibility(page)
    page.get_by_role("button", name="Yes, hide the post").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Why are you hiding this post?").fill(
        "It names a resident. Please speak to us in private."
    )
    page.get_by_role("button", name="Yes, hide the post").click()
    expect(
        page.get_by_text("This post was hidden by the hosts: It names a resident.")
    ).to_be_visible()
    check_accessibility(page)
    post = ForumPost.objects.get()
    assert post.hidden_by == host and post.author_told_at is not None
    assert any(m.to == [family.email] and "hidden" in m.subject for m in mail.outbox)

    # The family member reads the answer and why the post was hidden.
    sign_in(page, check_accessibility, family.email)
    page.goto(questions_url)
    expect(page.get_by_text("Two carers and a nurse are on every night.")).to_be_visible()
    check_accessibility(page)
    page.goto(post.thread.get_absolute_url())
    expect(
        page.get_by_text("This post was hidden by the hosts: It names a resident.")
    ).to_be_visible()
    check_accessibility(page)
