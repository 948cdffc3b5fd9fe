"""Discussion threads of a family forum: starting one, replying, hiding a post with a reason
its author is told once, reporting a post and dealing with reports, what each person sees, and
who may do each."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.questions import services, tasks
from coproduction.questions.models import ForumPost, ForumThread, PostReport
from tests.cms.factories import member
from tests.coproduction.factories_forums import FamilyForumFactory, forum_family, forum_host

pytestmark = pytest.mark.django_db

HIDDEN = "This post was hidden by the hosts: "


@pytest.fixture
def thread(forum, family):
    return services.thread_start(
        forum, family, title="Garden visits", body="Can we sit in the garden?"
    )


@pytest.fixture
def post(thread):
    return thread.posts.get()


def url(name, *args):
    return reverse(f"coproduction:{name}", args=args)


# --- Starting and replying ------------------------------------------------------------------


def test_a_family_member_starts_a_thread_with_its_first_post(client, forum, family):
    client.force_login(family)
    response = client.post(
        url("forum_thread_create", forum.pk),
        {"title": "Menus", "body": "<script>x()</script>More <b>fruit</b>, please."},
    )
    thread = ForumThread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    assert (thread.forum, thread.started_by, thread.title) == (forum, family, "Menus")
    post = thread.posts.get()
    assert post.author == family
    assert "<script>" not in post.body and "<b>" not in post.body and "fruit" in post.body
    assert thread.last_post_at is not None


def test_a_thread_needs_a_title_and_a_message_and_keeps_what_was_typed(client, forum, host):
    client.force_login(host)
    response = client.post(url("forum_thread_create", forum.pk), {"title": "Fees", "body": ""})
    assert response.status_code == 400
    assert "body" in response.context["form"].errors
    assert 'value="Fees"' in response.content.decode()
    assert ForumThread.objects.count() == 0


def test_replies_move_the_thread_to_the_top(client, forum, family, other_family):
    earlier = services.thread_start(forum, family, title="Earlier", body="First")
    later = services.thread_start(forum, family, title="Later", body="Second")
    ForumThread.objects.filter(pk=earlier.pk).update(
        last_post_at=timezone.now() - timedelta(days=2)
    )
    ForumThread.objects.filter(pk=later.pk).update(last_post_at=timezone.now() - timedelta(days=1))
    client.force_login(other_family)
    response = client.get(url("forum_threads", forum.pk))
    assert [t.pk for t in response.context["page_obj"]] == [later.pk, earlier.pk]
    response = client.post(url("forum_post_reply", earlier.pk), {"body": "Me too"})
    assert response.status_code == 302
    response = client.get(url("forum_threads", forum.pk))
    assert [t.pk for t in response.context["page_obj"]] == [earlier.pk, later.pk]
    assert earlier.posts.last().author == other_family


def test_an_empty_reply_is_refused_at_the_field(client, thread, family):
    client.force_login(family)
    response = client.post(url("forum_post_reply", thread.pk), {"body": " "})
    assert response.status_code == 400
    assert "body" in response.context["reply_form"].errors
    assert thread.posts.count() == 1


def test_the_thread_list_is_paginated_and_has_an_empty_state(client, forum, family):
    client.force_login(family)
    assert "No discussions yet." in client.get(url("forum_threads", forum.pk)).content.decode()
    for number in range(26):
        services.thread_start(forum, family, title=f"Thread {number}", body="Hello")
    response = client.get(url("forum_threads", forum.pk))
    assert len(response.context["page_obj"]) == 25
    assert response.context["page_obj"].has_next()


# --- Hiding ---------------------------------------------------------------------------------


def test_hiding_asks_for_confirmation_and_a_reason(client, post, host):
    client.force_login(host)
    response = client.get(url("forum_post_hide", post.pk))
    assert response.status_code == 200
    assert "Yes, hide the post" in response.content.decode()
    response = client.post(url("forum_post_hide", post.pk), {"reason": ""})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    post.refresh_from_db()
    assert post.hidden_at is None


def test_a_hidden_post_shows_the_reason_to_all_and_its_words_to_hosts_and_author(
    client, thread, post, host, family, other_family, django_capture_on_commit_callbacks
):
    client.force_login(host)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("forum_post_hide", post.pk), {"reason": "It names a resident."})
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.hidden_by, post.hidden_reason) == (host, "It names a resident.")
    assert post.author_told_at is not None
    # The author is emailed the reason, once.
    [email] = mail.outbox
    assert email.to == [family.email]
    assert "It names a resident." in email.body
    assert tasks.send_post_hidden_email(post.pk) == 0
    assert len(mail.outbox) == 1
    for person, sees_words in ((host, True), (family, True), (other_family, False)):
        client.force_login(person)
        page = client.get(thread.get_absolute_url()).content.decode()
        assert HIDDEN + "It names a resident." in page, person
        assert ("Can we sit in the garden?" in page) is sees_words, person


def test_a_post_is_hidden_only_once(post, host):
    services.post_hide(post, host, "Off topic")
    with pytest.raises(ValidationError):
        services.post_hide(post, host, "Another reason")
    post.refresh_from_db()
    assert post.hidden_reason == "Off topic"


def test_hiding_resolves_the_open_reports_on_the_post(post, host, other_family):
    report = services.post_report(post, other_family, "Unkind")
    services.post_hide(post, host, "Unkind words")
    report.refresh_from_db()
    assert report.resolved_at is not None and report.resolved_by == host


# --- Reporting ------------------------------------------------------------------------------


def test_anyone_in_the_forum_reports_a_post_and_the_hosts_are_emailed(
    client, forum, post, host, other_family, django_capture_on_commit_callbacks
):
    client.force_login(other_family)
    response = client.get(url("forum_post_report", post.pk))
    assert response.status_code == 200
    response = client.post(url("forum_post_report", post.pk), {"reason": ""})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("forum_post_report", post.pk), {"reason": "It is unkind."})
    assert response.status_code == 302
    report = PostReport.objects.get()
    assert (report.post, report.reported_by, report.reason) == (post, other_family, "It is unkind.")
    [email] = mail.outbox
    assert email.to == [host.email]
    assert "It is unkind." in email.body
    assert other_family.email not in email.body and "Olu" not in email.body
    assert tasks.send_post_reported_emails(report.pk) == 0  # delivered twice: sent once
    assert len(mail.outbox) == 1


def test_hosts_see_open_reports_and_resolve_them(client, forum, post, host, other_family):
    report = services.post_report(post, other_family, "It is unkind.")
    client.force_login(host)
    response = client.get(url("forum_reports", forum.pk))
    assert [r.pk for r in response.context["page_obj"]] == [report.pk]
    assert "It is unkind." in response.content.decode()
    response = client.post(url("forum_report_resolve", forum.pk, report.pk))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.resolved_by == host
    page = client.get(url("forum_reports", forum.pk)).content.decode()
    assert "No reports to look at." in page
    post.refresh_from_db()
    assert post.hidden_at is None


# --- Who may ------------------------------------------------------------------------------


def test_families_may_not_hide_posts_or_see_reports(client, forum, post, other_family):
    report = services.post_report(post, other_family, "Unkind")
    client.force_login(other_family)
    assert client.get(url("forum_post_hide", post.pk)).status_code == 403
    assert client.post(url("forum_post_hide", post.pk), {"reason": "Mine"}).status_code == 403
    assert client.get(url("forum_reports", forum.pk)).status_code == 403
    assert client.post(url("forum_report_resolve", forum.pk, report.pk)).status_code == 403
    post.refresh_from_db()
    report.refresh_from_db()
    assert post.hidden_at is None and report.resolved_at is None


def test_people_outside_the_forum_are_refused(client, forum, thread, post):
    report = services.post_report(post, post.author, "Check")
    other_forum = FamilyForumFactory()
    outsiders = [
        forum_family(other_forum),
        forum_host(other_forum),
        member(Role.STAFF, service=forum.service),
        member(Role.FORUM_HOST),  # a host in another organisation
    ]
    for person in outsiders:
        client.force_login(person)
        for name, args in (
            ("forum_threads", [forum.pk]),
            ("forum_thread_create", [forum.pk]),
            ("forum_thread_detail", [thread.pk]),
            ("forum_post_hide", [post.pk]),
            ("forum_post_report", [post.pk]),
            ("forum_reports", [forum.pk]),
        ):
            assert client.get(url(name, *args)).status_code == 404, (person, name)
        assert client.post(url("forum_post_reply", thread.pk), {"body": "Hi"}).status_code == 404
        assert client.post(url("forum_report_resolve", forum.pk, report.pk)).status_code == 404
    assert ForumPost.objects.count() == 1
    # A report id with the wrong forum id is not found, even for a host of that other forum.
    client.force_login(forum_host(other_forum))
    assert client.post(url("forum_report_resolve", other_forum.pk, report.pk)).status_code == 404


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, forum, thread, post):
    for name, args in (
        ("forum_threads", [forum.pk]),
        ("forum_thread_detail", [thread.pk]),
        ("forum_post_report", [post.pk]),
        ("forum_post_hide", [post.pk]),
        ("forum_reports", [forum.pk]),
    ):
        response = client.get(url(name, *args))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(url("forum_post_reply", thread.pk), {"body": "Hi"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
