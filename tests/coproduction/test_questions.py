"""Questions to a family forum: asking (by name or anonymously), the hosts' answers, what each
person sees, the emails, and who may do each. An anonymous question is proved to name nobody:
not its row, not its feedback item, not the hosts' email, not a log line."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.questions import selectors, services, tasks
from coproduction.questions.models import ForumQuestion
from coproduction.tracker.models import FeedbackItem
from tests.cms.factories import member
from tests.coproduction.factories_forums import (
    FamilyForumFactory,
    ForumEventFactory,
    forum_family,
    forum_host,
)

pytestmark = pytest.mark.django_db


def ask_url(forum):
    return reverse("coproduction:forum_question_ask", args=[forum.pk])


def list_url(forum):
    return reverse("coproduction:forum_questions", args=[forum.pk])


def answer_url(question):
    return reverse("coproduction:forum_question_answer", args=[question.forum_id, question.pk])


# --- Asking ---------------------------------------------------------------------------------


def test_a_named_question_is_stored_with_its_asker_and_the_hosts_are_emailed(
    client, forum, host, family, django_capture_on_commit_callbacks
):
    event = ForumEventFactory(forum=forum, title="June forum")
    client.force_login(family)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            ask_url(forum), {"text": "Can visiting start earlier?", "event": event.pk}
        )
    assert response.status_code == 302
    question = ForumQuestion.objects.get()
    assert (question.asked_by, question.anonymous, question.event) == (family, False, event)
    feedback = question.feedback_item
    assert feedback.channel == FeedbackItem.Channel.FORUM
    assert feedback.giver_role == FeedbackItem.GiverRole.FAMILY
    assert feedback.service == forum.service
    assert feedback.text == "Can visiting start earlier?"
    assert feedback.recorded_by == family
    hosts = set(selectors.hosts_of(forum).values_list("email", flat=True))
    assert host.email in hosts and family.email not in hosts
    assert {m.to[0] for m in mail.outbox} == hosts  # every host (the event's planner too)
    [email] = [m for m in mail.outbox if m.to == [host.email]]
    assert "Can visiting start earlier?" in email.body
    assert "Fern Family" in email.body
    assert "June forum" in email.body


def test_an_anonymous_question_names_nobody_anywhere(
    client, forum, host, family, caplog, django_capture_on_commit_callbacks
):
    client.force_login(family)
    client.get(list_url(forum))  # the session is set up before the request we watch
    caplog.clear()
    with (
        caplog.at_level(logging.DEBUG),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            ask_url(forum),
            {"text": "Why are there so few staff at night?", "anonymous": "on"},
            HTTP_USER_AGENT="FernsBrowser/1.0",
            REMOTE_ADDR="203.0.113.7",
        )
    assert response.status_code == 302
    # The row: no person, and nothing else that could point to one.
    question = ForumQuestion.objects.get()
    assert question.anonymous is True
    assert question.asked_by is None
    row = ForumQuestion.objects.filter(pk=question.pk).values().get()
    assert row["asked_by_id"] is None and row["answered_by_id"] is None
    stored = " ".join(str(value) for value in row.values())
    for trace in ("FernsBrowser", "203.0.113.7", family.email, "Fern"):
        assert trace not in stored
    # Its feedback item: recorded by nobody.
    feedback = FeedbackItem.objects.get()
    assert feedback.recorded_by is None
    assert feedback.channel == FeedbackItem.Channel.FORUM
    # The hosts' email says a question came, and nothing of who asked.
    [email] = mail.outbox
    assert email.to == [host.email]
    assert "Why are there so few staff at night?" in email.body
    assert "anonymously" in email.body
    for trace in (family.email, "Fern"):
        assert trace not in email.body and trace not in email.subject
    # No log line during the request names the asker.
    for record in caplog.records:
        text = record.getMessage() + " " + " ".join(str(arg) for arg in record.args or ())
        for trace in (family.email, "Fern", "FernsBrowser", "203.0.113.7"):
            assert trace not in text, record
        assert getattr(record, "user", None) is None
    # The asker does not see the question as theirs.
    page = client.get(list_url(forum)).content.decode()
    assert "Why are there so few staff at night?" in page
    assert "by you" not in page


def test_an_anonymous_question_never_emails_an_answer(
    forum, host, family, django_capture_on_commit_callbacks
):
    question = services.question_ask(
        forum, family, text="Who checks the fire doors?", anonymous=True
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.question_answer(question, host, "The maintenance lead, every week.")
    assert mail.outbox == []
    assert tasks.send_question_answered_email(question.pk) == 0


def test_the_ask_form_explains_anonymity_in_plain_words(client, forum, family):
    client.force_login(family)
    page = client.get(ask_url(forum)).content.decode()
    assert "Ask anonymously" in page
    assert "the home will not know who asked it" in page
    assert "we cannot email you the answer" in page


def test_an_empty_question_is_refused_at_the_field_and_nothing_is_stored(client, forum, family):
    client.force_login(family)
    response = client.post(ask_url(forum), {"text": "  ", "anonymous": "on"})
    assert response.status_code == 400
    assert "text" in response.context["form"].errors
    assert ForumQuestion.objects.count() == 0
    assert FeedbackItem.objects.count() == 0


def test_a_question_links_only_to_an_upcoming_event_of_its_forum(forum, family):
    past = ForumEventFactory(forum=forum, starts_at=timezone.now() - timedelta(days=2))
    elsewhere = ForumEventFactory()
    for event in (past, elsewhere):
        with pytest.raises(ValidationError) as error:
            services.question_ask(forum, family, text="About the talk", event=event)
        assert "event" in error.value.message_dict
    assert ForumQuestion.objects.count() == 0


def test_the_event_choice_lists_upcoming_events_only_and_keeps_input_on_error(
    client, forum, family
):
    ForumEventFactory(forum=forum, title="Next forum")
    ForumEventFactory(forum=forum, title="Last forum", starts_at=timezone.now() - timedelta(days=3))
    client.force_login(family)
    response = client.post(ask_url(forum), {"text": "", "anonymous": "on"})
    page = response.content.decode()
    assert "Next forum" in page and "Last forum" not in page
    assert response.context["form"]["anonymous"].value() is True


def test_question_text_is_sanitised(forum, family):
    question = services.question_ask(forum, family, text="<script>x()</script>Is <b>it</b> ok?")
    assert "<script>" not in question.text and "<b>" not in question.text
    assert "Is" in question.text


# --- Seeing questions -----------------------------------------------------------------------


def test_unanswered_questions_stay_visible_with_their_age_oldest_first_for_hosts(
    client, forum, host, family
):
    old = services.question_ask(forum, family, text="The old question")
    new = services.question_ask(forum, family, text="The new question")
    ForumQuestion.objects.filter(pk=old.pk).update(asked_at=timezone.now() - timedelta(days=12))
    client.force_login(host)
    response = client.get(list_url(forum))
    page = response.content.decode()
    assert "Asked 12 days ago" in page
    assert "Asked today" in page
    assert [q.pk for q in response.context["unanswered"]] == [old.pk, new.pk]
    client.force_login(family)
    response = client.get(list_url(forum))
    assert [q.pk for q in response.context["unanswered"]] == [new.pk, old.pk]
    assert "Asked 12 days ago" in response.content.decode()


def test_families_see_answers_and_who_asked_only_if_it_was_them(
    client, forum, host, family, other_family
):
    question = services.question_ask(forum, family, text="Is there parking?")
    services.question_answer(question, host, "Yes, behind the home.")
    client.force_login(other_family)
    page = client.get(list_url(forum)).content.decode()
    assert "Is there parking?" in page and "Yes, behind the home." in page
    assert "Fern" not in page and "by you" not in page
    client.force_login(family)
    assert "by you" in client.get(list_url(forum)).content.decode()


def test_hosts_see_who_asked_a_named_question_but_not_an_anonymous_one(client, forum, host, family):
    services.question_ask(forum, family, text="Named one")
    services.question_ask(forum, family, text="Secret one", anonymous=True)
    client.force_login(host)
    page = client.get(list_url(forum)).content.decode()
    assert page.count("Fern Family") == 1
    assert "anonymously" in page


def test_empty_states(client, forum, family):
    client.force_login(family)
    page = client.get(list_url(forum)).content.decode()
    assert "Every question has an answer." in page
    assert "No questions have been answered yet." in page


# --- Answering ------------------------------------------------------------------------------


def test_the_asker_is_emailed_the_first_answer_once(
    client, forum, host, family, django_capture_on_commit_callbacks
):
    question = services.question_ask(forum, family, text="When is the summer fair?")
    mail.outbox.clear()
    client.force_login(host)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(answer_url(question), {"answer": "On 12 July."})
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.answer, question.answered_by) == ("On 12 July.", host)
    first_answered_at = question.answered_at
    [email] = mail.outbox
    assert email.to == [family.email]
    assert "On 12 July." in email.body
    # Changing the answer keeps the first answer's time and emails nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer_url(question), {"answer": "On 19 July: the date moved."})
    question.refresh_from_db()
    assert question.answer == "On 19 July: the date moved."
    assert question.answered_at == first_answered_at
    assert len(mail.outbox) == 1
    # Delivered twice by the queue, each email still goes once.
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_question_answered_email(question.pk) == 0
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_question_asked_emails(question.pk) == 1  # to the host
        assert tasks.send_question_asked_emails(question.pk) == 0
    assert len(mail.outbox) == 2


def test_an_empty_answer_is_refused_at_the_field(client, forum, host, family):
    question = services.question_ask(forum, family, text="Any news?")
    client.force_login(host)
    response = client.post(answer_url(question), {"answer": ""})
    assert response.status_code == 400
    assert "answer" in response.context["form"].errors
    question.refresh_from_db()
    assert question.answered_at is None


# --- Who may ------------------------------------------------------------------------------


def test_families_may_not_answer_and_hosts_may_not_ask(client, forum, host, family):
    question = services.question_ask(forum, family, text="Any news?")
    client.force_login(family)
    assert client.post(answer_url(question), {"answer": "Self-answered"}).status_code == 403
    client.force_login(host)
    assert client.post(ask_url(forum), {"text": "Host question"}).status_code == 403
    question.refresh_from_db()
    assert question.answer == ""
    assert ForumQuestion.objects.count() == 1


def test_people_outside_the_forum_are_refused(client, forum, family):
    question = services.question_ask(forum, family, text="Private to the forum")
    other_forum = FamilyForumFactory()
    outsiders = [
        forum_family(other_forum),  # another forum's family
        forum_host(other_forum),  # another forum's host
        member(Role.STAFF, service=forum.service),  # staff of the home, no forum role
        member(Role.FAMILY_MEMBER),  # a family member in another organisation
    ]
    for person in outsiders:
        client.force_login(person)
        assert client.get(list_url(forum)).status_code == 404
        assert client.post(ask_url(forum), {"text": "Let me in"}).status_code == 404
        assert client.post(answer_url(question), {"answer": "Mine"}).status_code == 404
    # The question's id with another forum's id is not found either.
    client.force_login(forum_host(other_forum))
    wrong = reverse("coproduction:forum_question_answer", args=[other_forum.pk, question.pk])
    assert client.get(wrong).status_code == 404
    assert ForumQuestion.objects.count() == 1


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, forum, family):
    question = services.question_ask(forum, family, text="Any news?")
    for url in (list_url(forum), ask_url(forum), answer_url(question)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


# --- The forum page's panel ---------------------------------------------------------------


def _panel(forum, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template('{% include "coproduction/questions/_forum_panel.html" %}')
    return template.render(Context({"forum": forum, "request": request}))


def test_the_forum_panel_counts_unanswered_questions_for_hosts(forum, host, family):
    services.question_ask(forum, family, text="One")
    services.question_ask(forum, family, text="Two")
    answered = services.question_ask(forum, family, text="Three")
    services.question_answer(answered, host, "Done")
    assert selectors.unanswered_count(forum) == 2
    host_panel = _panel(forum, host)
    assert "2 waiting for an answer" in host_panel
    assert reverse("coproduction:forum_reports", args=[forum.pk]) in host_panel
    family_panel = _panel(forum, family)
    assert "waiting for an answer" not in family_panel
    assert "Ask a question" in family_panel
    assert reverse("coproduction:forum_threads", args=[forum.pk]) in family_panel


def test_the_home_panel_tells_hosts_what_is_waiting(forum, host, family):
    from coproduction.questions.wagtail_hooks import forum_questions_home_panel

    request = RequestFactory().get("/")
    request.user = host
    panel = forum_questions_home_panel(request)
    assert list(panel.items) == []
    services.question_ask(forum, family, text="One")
    thread = services.thread_start(forum, family, title="T", body="B")
    services.post_report(thread.posts.get(), family, "Why")
    labels = [label for label, _url in forum_questions_home_panel(request).items]
    assert labels == [
        "Willow House family forum: 1 question waiting for an answer",
        "Willow House family forum: 1 reported post to look at",
    ]
    # Families and people outside the forum get no panel; an organisation-wide host does.
    request.user = family
    assert forum_questions_home_panel(request) is None
    request.user = member(Role.FORUM_HOST)
    assert forum_questions_home_panel(request) is None
    request.user = member(Role.FORUM_HOST, organisation=forum.service.organisation)
    assert forum_questions_home_panel(request) is not None
