"""Celery tasks of the meetings part: the email to a space's members when a meeting is planned.

Idempotent: the run that claims `planned_email_sent_at` (a conditional update) writes the emails
to the host's outbox in the same transaction, so a task delivered twice sends once. It sends
nothing for a meeting that was cancelled or has started by then.
This email is not one of the kinds in a person's email preferences, so none applies.
"""

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cms.outbox.services import email_send
from coproduction.meetings.models import Meeting

from . import selectors, services

__all__ = ["send_meeting_planned_emails"]


@shared_task
@transaction.atomic
def send_meeting_planned_emails(meeting_id):
    """Tell the space's members (but the lead who planned it) about a new meeting."""
    meeting = Meeting.objects.select_related("space").filter(pk=meeting_id).first()
    if meeting is None or not services.is_upcoming(meeting):
        return 0
    claimed = Meeting.objects.filter(pk=meeting_id, planned_email_sent_at__isnull=True).update(
        planned_email_sent_at=timezone.now()
    )
    if not claimed:
        return 0
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "meeting": meeting,
        "space": meeting.space,
        "agenda": [entry.item for entry in selectors.agenda_of(meeting)],
        "meeting_url": base + meeting.get_absolute_url(),
    }
    template = "coproduction/meetings/email/meeting_planned"
    return email_send(template, context, selectors.people_to_tell(meeting))
