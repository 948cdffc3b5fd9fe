from django.db import models
from django.utils import timezone


class OutboxMessage(models.Model):
    """One email to one person, written in the same transaction as the event that causes it.

    It holds what the email itself needs (address, subject, text) and nothing more: no link to
    a user, a concern or its raiser. `message_id` is fixed when the row is written, so a resend
    after a crash carries the same Message-ID and the receiving server (or a person) can tell it
    is the same email. A worker claims a row with a lease (`lease_expires_at`); a row whose worker
    died is claimed again once the lease has run out."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Given up"

    kind = models.CharField(max_length=120, help_text="What the email is for (its template).")
    to = models.EmailField(max_length=254)
    subject = models.TextField()
    text = models.TextField()
    html = models.TextField(blank=True)
    message_id = models.CharField(max_length=255, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(
        max_length=120, blank=True, help_text="The kind of the last error, never its text."
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.kind} {self.message_id} ({self.get_status_display()})"
