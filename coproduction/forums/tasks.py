"""Celery tasks of the forums part: the reminder the day before an event, and the email when an
event is cancelled, to the families who said yes or maybe.

`send_event_reminders` runs hourly (Celery beat). It is idempotent: the run whose conditional
update claims an event's `reminder_sent_at` sends that event's reminders, so overlapping or
repeated runs send each reminder once.
"""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cms.outbox.services import email_send
from coproduction.forums.models import ForumEvent

from . import selectors

__all__ = ["send_event_cancelled_emails", "send_event_reminders"]

REMIND_FROM = timedelta(hours=12)
REMIND_UNTIL = timedelta(hours=36)


def _send(event, template):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "event": event,
        "forum": event.forum,
        "event_url": base + event.get_absolute_url(),
    }
    families = [rsvp.user for rsvp in selectors.coming_or_maybe(event)]
    return email_send(f"coproduction/forums/email/{template}", context, families)


@shared_task
def send_event_reminders(now=None):
    """Remind the families who said yes or maybe about events starting 12 to 36 hours from
    now. Returns how many emails were sent."""
    now = now or timezone.now()
    due = ForumEvent.objects.filter(
        cancelled_at__isnull=True,
        reminder_sent_at__isnull=True,
        starts_at__gte=now + REMIND_FROM,
        starts_at__lte=now + REMIND_UNTIL,
    ).values_list("pk", flat=True)
    sent = 0
    for event_id in list(due):
        with transaction.atomic():
            claimed = ForumEvent.objects.filter(
                pk=event_id, reminder_sent_at__isnull=True, cancelled_at__isnull=True
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            event = ForumEvent.objects.select_related("forum").get(pk=event_id)
            sent += _send(event, "event_reminder")
    return sent


@shared_task
@transaction.atomic
def send_event_cancelled_emails(event_id):
    """Tell the families who said yes or maybe that the event is cancelled."""
    event = ForumEvent.objects.select_related("forum").filter(pk=event_id).first()
    if event is None or event.cancelled_at is None:
        return 0
    claimed = ForumEvent.objects.filter(pk=event_id, cancelled_email_sent_at__isnull=True).update(
        cancelled_email_sent_at=timezone.now()
    )
    if not claimed:
        return 0
    return _send(event, "event_cancelled")
