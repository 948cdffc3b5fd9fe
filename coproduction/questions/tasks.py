"""Celery tasks of the questions part: emails to the hosts when a question is asked or a post
is reported, to the asker when their question is answered, and to an author whose post is
hidden.

Each email is idempotent: the run that claims its `*_told_at` / `*_sent_at` field (a
conditional update) writes it to the host's outbox in the same transaction, so a task delivered
twice sends once. An email about an anonymous
question names nobody; log lines name only the recipient by id, never the asker.
"""

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cms.outbox.services import email_send
from coproduction.questions.models import ForumPost, ForumQuestion, PostReport

from . import selectors

__all__ = [
    "send_post_hidden_email",
    "send_post_reported_emails",
    "send_question_answered_email",
    "send_question_asked_emails",
]

TEMPLATES = "coproduction/questions/email/"


def _url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(f"coproduction:{name}", args=args)


def _claim(model, pk, field):
    """True for the one run that may send: it marks the email as sent before sending."""
    return bool(
        model.objects.filter(pk=pk, **{f"{field}__isnull": True}).update(**{field: timezone.now()})
    )


def _send(template, context, users):
    return email_send(f"{TEMPLATES}{template}", context, users)


@shared_task
@transaction.atomic
def send_question_asked_emails(question_id):
    """Tell the forum's hosts a question was asked (naming the asker only if not anonymous)."""
    question = (
        ForumQuestion.objects.select_related("forum", "event", "asked_by")
        .filter(pk=question_id)
        .first()
    )
    if question is None or not _claim(ForumQuestion, question_id, "hosts_told_at"):
        return 0
    forum = question.forum
    context = {
        "question": question,
        "forum": forum,
        "asker": None if question.anonymous else question.asked_by,
        "questions_url": _url("forum_questions", forum.pk),
    }
    return _send("question_asked", context, selectors.hosts_of(forum))


@shared_task
@transaction.atomic
def send_question_answered_email(question_id):
    """Tell the asker (never for an anonymous question) that their question has an answer."""
    question = (
        ForumQuestion.objects.select_related("forum", "asked_by")
        .filter(pk=question_id, anonymous=False, asked_by__isnull=False)
        .exclude(answer="")
        .first()
    )
    if question is None or not _claim(ForumQuestion, question_id, "answer_email_sent_at"):
        return 0
    context = {
        "question": question,
        "forum": question.forum,
        "questions_url": _url("forum_questions", question.forum_id),
    }
    return _send("question_answered", context, [question.asked_by])


@shared_task
@transaction.atomic
def send_post_hidden_email(post_id):
    """Tell the author why their post was hidden, once."""
    post = ForumPost.objects.select_related("thread__forum", "author").filter(pk=post_id).first()
    if post is None or post.hidden_at is None:
        return 0
    claimed = ForumPost.objects.filter(
        pk=post_id, hidden_at__isnull=False, author_told_at__isnull=True
    ).update(author_told_at=timezone.now())
    if not claimed:
        return 0
    context = {
        "post": post,
        "thread": post.thread,
        "forum": post.thread.forum,
        "thread_url": _url("forum_thread_detail", post.thread_id),
    }
    return _send("post_hidden", context, [post.author])


@shared_task
@transaction.atomic
def send_post_reported_emails(report_id):
    """Tell the forum's hosts a post was reported (who reported it is not in the email)."""
    report = PostReport.objects.select_related("post__thread__forum").filter(pk=report_id).first()
    if report is None or report.resolved_at is not None:
        return 0
    if not _claim(PostReport, report_id, "hosts_told_at"):
        return 0
    forum = report.post.thread.forum
    context = {
        "report": report,
        "post": report.post,
        "thread": report.post.thread,
        "forum": forum,
        "reports_url": _url("forum_reports", forum.pk),
    }
    return _send("post_reported", context, selectors.hosts_of(forum))
