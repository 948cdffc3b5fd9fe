"""Celery tasks of the meetings part: the email to a space's members when a meeting is planned.

Idempotent: the run that claims `planned_email_sent_at` (a conditional update) sends, so a task
delivered twice sends once. It sends nothing for a meeting that was cancelled or has started by
then.
This email is not one of the kinds in a person's email preferences, so none applies.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from ..models import Meeting
from . import selectors, services

__all__ = ["send_meeting_planned_emails"]

logger = logging.getLogger(__name__)


@shared_task
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
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    template = "coproduction/meetings/email/meeting_planned"
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context)
    sent = 0
    for user in selectors.people_to_tell(meeting):
        try:
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
            sent += 1
        except OSError:
            logger.exception("meeting email to user %s not sent", user.pk)
    return sent
