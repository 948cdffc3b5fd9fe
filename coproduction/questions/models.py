"""Questions families send in ahead of a forum's events (optionally anonymous), and the forum's
discussion threads, their posts and the reports on them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from cms.sanitise import SanitisedCharModelField, SanitisedTextField
from coproduction.forums.models import FamilyForum, ForumEvent

__all__ = ["ForumPost", "ForumQuestion", "ForumThread", "PostReport"]


class ForumQuestion(models.Model):
    """A question a family member sends in, ahead of an event or at any time. An anonymous
    question stores no person at all: `asked_by` stays empty (a check constraint holds it)."""

    forum = models.ForeignKey(FamilyForum, on_delete=models.CASCADE, related_name="questions")
    event = models.ForeignKey(
        ForumEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    text = SanitisedTextField(html=False)
    anonymous = models.BooleanField(default=False)
    # The asker agreed the question may be quoted in reports, without their name. Kept in step
    # with its feedback item (coproduction/questions/services.py).
    may_quote = models.BooleanField("may be quoted", default=False)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_questions",
    )
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = SanitisedTextField(html=False, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    hosts_told_at = models.DateTimeField(null=True, blank=True, editable=False)
    answer_email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    feedback_item = models.OneToOneField(
        "FeedbackItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="question"
    )

    class Meta:
        ordering = ["-asked_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(asked_by__isnull=True),
                name="anonymous_question_names_nobody",
            )
        ]

    def __str__(self):
        return self.text[:60]


class ForumThread(models.Model):
    forum = models.ForeignKey(FamilyForum, on_delete=models.CASCADE, related_name="threads")
    title = SanitisedCharModelField(max_length=200)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_threads"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_post_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_post_at", "-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coproduction:forum_thread_detail", kwargs={"thread_id": self.pk})


class ForumPost(models.Model):
    """A post in a thread. A host can hide it with a reason its author is told."""

    thread = models.ForeignKey(ForumThread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_posts"
    )
    body = SanitisedTextField(html=False)
    # The author agreed the post may be quoted in reports, without their name; they can take it
    # back. A hidden post is never quoted, whatever this says.
    may_quote = models.BooleanField("may be quoted", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_reason = SanitisedTextField(html=False, blank=True)
    author_told_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="hidden_post_has_reason",
            )
        ]

    def __str__(self):
        return f"Post by {self.author} in {self.thread}"


class PostReport(models.Model):
    """Someone's report that a post should be looked at by the hosts."""

    post = models.ForeignKey(ForumPost, on_delete=models.CASCADE, related_name="reports")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = SanitisedTextField(html=False)
    created_at = models.DateTimeField(auto_now_add=True)
    hosts_told_at = models.DateTimeField(null=True, blank=True, editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Report on {self.post}"
