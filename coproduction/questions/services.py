"""Writes of the questions part: questions sent in ahead of an event and their answers, and
discussion threads with their posts, hiding and reports.

Views check permissions (coproduction/questions/rules.py) before calling these; the services
keep what must hold whoever calls them. An anonymous question stores nobody: not the asker, not
in its feedback item, not in any email or log line. Emails go out after the change is committed,
through the part's tasks.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduction.questions.models import ForumPost, ForumQuestion, ForumThread, PostReport
from coproduction.tracker.models import FeedbackItem

from ..tracker.services import feedback_record, feedback_tag


def _text(value, field, message):
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


# --- Questions ------------------------------------------------------------------------------


def _check_event(forum, event, now):
    if event is None:
        return
    if event.forum_id != forum.pk:
        raise ValidationError({"event": "Choose an event of this forum."})
    if event.cancelled_at is not None or event.starts_at <= now:
        raise ValidationError({"event": "Choose an event that is still to come."})


@transaction.atomic
def question_ask(forum, by, *, text, event=None, anonymous=False, may_quote=False, now=None):
    """A family member's question. Anonymous: neither the question nor its feedback item keeps
    who asked. `may_quote` (they agreed it may be quoted in reports) goes with the question into
    its feedback item. The forum's hosts are emailed once it is saved."""
    from .tasks import send_question_asked_emails

    now = now or timezone.now()
    text = _text(text, "text", "Write your question.")
    _check_event(forum, event, now)
    anonymous = bool(anonymous)
    feedback = feedback_record(
        channel=FeedbackItem.Channel.FORUM,
        giver_role=FeedbackItem.GiverRole.FAMILY,
        service=forum.service,
        text=text,
        recorded_by=None if anonymous else by,
        may_quote=may_quote,
    )
    question = ForumQuestion.objects.create(
        forum=forum,
        event=event,
        text=text,
        anonymous=anonymous,
        may_quote=bool(may_quote),
        asked_by=None if anonymous else by,
        feedback_item=feedback,
    )
    send_question_asked_emails.delay_on_commit(question.pk)
    return question


def _feedback_item_of(question):
    """The question's item in the feedback tracker, recorded now if it has none (without the
    asker: whoever recorded it first is not known here)."""
    if question.feedback_item_id is None:
        question.feedback_item = feedback_record(
            channel=FeedbackItem.Channel.FORUM,
            giver_role=FeedbackItem.GiverRole.FAMILY,
            service=question.forum.service,
            text=question.text,
            received_on=timezone.localdate(question.asked_at),
            may_quote=question.may_quote,
        )
        question.save(update_fields=["feedback_item"])
    return question.feedback_item


@transaction.atomic
def question_answer(question, by, answer, now=None, *, themes=None):
    """Write or change the answer; with `themes`, replace the themes of the question's feedback
    item too. The first answer is emailed to the asker (if they gave their name): `answered_at`
    is claimed by a conditional update, so only one save sends."""
    from .tasks import send_question_answered_email

    now = now or timezone.now()
    answer = _text(answer, "answer", "Write the answer.")
    if themes is not None:
        feedback_tag(_feedback_item_of(question), themes)
    first = ForumQuestion.objects.filter(pk=question.pk, answered_at__isnull=True).update(
        answered_at=now
    )
    ForumQuestion.objects.filter(pk=question.pk).update(answer=answer, answered_by=by)
    question.refresh_from_db(fields=["answer", "answered_by", "answered_at"])
    if first and question.asked_by_id is not None:
        send_question_answered_email.delay_on_commit(question.pk)
    return question


# --- Threads and posts ----------------------------------------------------------------------


@transaction.atomic
def thread_start(forum, by, *, title, body, may_quote=False, now=None):
    """A new thread with its first post (`may_quote`: its author agreed it may be quoted)."""
    now = now or timezone.now()
    title = _text(title, "title", "Give the discussion a title.")
    body = _text(body, "body", "Write your first message.")
    thread = ForumThread.objects.create(forum=forum, title=title, started_by=by, last_post_at=now)
    ForumPost.objects.create(thread=thread, author=by, body=body, may_quote=bool(may_quote))
    return thread


@transaction.atomic
def post_reply(thread, by, body, now=None, *, may_quote=False):
    now = now or timezone.now()
    body = _text(body, "body", "Write your reply.")
    post = ForumPost.objects.create(thread=thread, author=by, body=body, may_quote=bool(may_quote))
    ForumThread.objects.filter(pk=thread.pk).update(last_post_at=now)
    return post


@transaction.atomic
def post_hide(post, by, reason, now=None):
    """Hide a post with a reason; its author is emailed the reason once (the task claims
    `author_told_at`). Open reports on the post are resolved with it."""
    from .tasks import send_post_hidden_email

    now = now or timezone.now()
    reason = _text(reason, "reason", "Say why the post is hidden: its author will be told.")
    hidden = ForumPost.objects.filter(pk=post.pk, hidden_at__isnull=True).update(
        hidden_at=now, hidden_by=by, hidden_reason=reason
    )
    if not hidden:
        raise ValidationError("This post is already hidden.")
    PostReport.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=now, resolved_by=by
    )
    post.refresh_from_db(fields=["hidden_at", "hidden_by", "hidden_reason"])
    send_post_hidden_email.delay_on_commit(post.pk)
    return post


@transaction.atomic
def post_report(post, by, reason):
    """Someone asks the hosts to look at a post; the hosts are emailed."""
    from .tasks import send_post_reported_emails

    reason = _text(reason, "reason", "Say what is wrong with the post.")
    report = PostReport.objects.create(post=post, reported_by=by, reason=reason)
    send_post_reported_emails.delay_on_commit(report.pk)
    return report


def report_resolve(report, by, now=None):
    """Mark a report dealt with (the post stays as it is)."""
    updated = PostReport.objects.filter(pk=report.pk, resolved_at__isnull=True).update(
        resolved_at=now or timezone.now(), resolved_by=by
    )
    if not updated:
        raise ValidationError("This report has already been dealt with.")
    report.refresh_from_db(fields=["resolved_at", "resolved_by"])
    return report


# --- Consent for quotes ---------------------------------------------------------------------


@transaction.atomic
def question_quote_consent_set(question, by, may_quote):
    """The asker gives or takes back consent to quote their question; its feedback item follows.
    Only the asker: an anonymous question has nobody who could prove it is theirs."""
    if question.asked_by_id is None or question.asked_by_id != by.pk:
        raise ValidationError("Only the person who asked this question can change this.")
    may_quote = bool(may_quote)
    ForumQuestion.objects.filter(pk=question.pk).update(may_quote=may_quote)
    if question.feedback_item_id is not None:
        FeedbackItem.objects.filter(pk=question.feedback_item_id).update(may_quote=may_quote)
    question.may_quote = may_quote
    return question


def post_quote_consent_set(post, by, may_quote):
    """The author gives or takes back consent to quote their post."""
    if post.author_id != by.pk:
        raise ValidationError("Only the person who wrote this post can change this.")
    ForumPost.objects.filter(pk=post.pk).update(may_quote=bool(may_quote))
    post.may_quote = bool(may_quote)
    return post
