"""Reads of the questions part: a forum's questions and threads, their posts, open reports,
and whom to email."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.timesince import timesince

from cms.organisations.models import Role
from coproduction.forums.models import ForumEvent
from coproduction.questions.models import ForumQuestion, ForumThread, PostReport


def age_in_words(asked_at, now=None):
    """How long ago, in plain words: "today", "yesterday", "12 days ago", "2 months ago"."""
    now = now or timezone.now()
    days = (timezone.localdate(now) - timezone.localdate(asked_at)).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 60:
        return f"{days} days ago"
    return timesince(asked_at, now, depth=1).replace("\xa0", " ") + " ago"


def questions_of(forum, hosts_first=False, now=None):
    """The forum's questions: unanswered ones (the oldest first for hosts, who answer them;
    the newest first for families), each with `age` in words; and a queryset of the answered
    ones, latest answer first."""
    questions = ForumQuestion.objects.filter(forum=forum).select_related(
        "event", "asked_by", "answered_by"
    )
    unanswered = questions.filter(answered_at__isnull=True).order_by(
        "asked_at" if hosts_first else "-asked_at", "pk"
    )
    answered = questions.filter(answered_at__isnull=False).order_by("-answered_at", "-pk")
    unanswered = list(unanswered)
    for question in unanswered:
        question.age = age_in_words(question.asked_at, now)
    return unanswered, answered


def unanswered_count(forum):
    return ForumQuestion.objects.filter(forum=forum, answered_at__isnull=True).count()


def upcoming_events(forum, now=None):
    """Events a question may be linked to: not cancelled, not yet started; soonest first."""
    return ForumEvent.objects.filter(
        forum=forum, cancelled_at__isnull=True, starts_at__gt=now or timezone.now()
    ).order_by("starts_at", "pk")


def threads_of(forum):
    """The forum's threads, latest activity first, each with `post_count`."""
    return (
        ForumThread.objects.filter(forum=forum)
        .select_related("started_by")
        .annotate(post_count=Count("posts"))
        .order_by("-last_post_at", "-created_at", "-pk")
    )


def posts_of(thread):
    return thread.posts.select_related("author", "hidden_by").order_by("created_at", "pk")


def open_reports(forum):
    """Reports not yet dealt with, oldest first, with their post and thread."""
    return (
        PostReport.objects.filter(post__thread__forum=forum, resolved_at__isnull=True)
        .select_related("post__thread", "post__author", "reported_by")
        .order_by("created_at", "pk")
    )


def open_report_count(forum):
    return PostReport.objects.filter(post__thread__forum=forum, resolved_at__isnull=True).count()


def hosts_of(forum):
    """The forum's hosts (the forum host role for its service, or for the whole organisation)
    with an email address."""
    service = forum.service
    return (
        get_user_model()
        .objects.filter(
            Q(memberships__service=service) | Q(memberships__service__isnull=True),
            memberships__organisation_id=service.organisation_id,
            memberships__role=Role.FORUM_HOST,
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def forums_hosted_by(user):
    """The forums whose service (or organisation) `user` holds the forum host role for."""
    from coproduction.forums.models import FamilyForum

    if not user.is_authenticated:
        return FamilyForum.objects.none()
    hosting = user.memberships.filter(role=Role.FORUM_HOST)
    return (
        FamilyForum.objects.filter(
            Q(service__in=hosting.exclude(service=None).values("service"))
            | Q(service__organisation__in=hosting.filter(service=None).values("organisation"))
        )
        .select_related("service")
        .order_by("name", "pk")
    )


def question_themes(question):
    """The themes the question's tracker item is tagged with (none before it has one)."""
    if question.feedback_item_id is None:
        return []
    return list(question.feedback_item.themes.all())
