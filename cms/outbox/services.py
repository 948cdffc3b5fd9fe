"""The one email path of the platform: render an email, write one outbox row per recipient in
the caller's transaction, and send each row after that transaction commits.

A caller writes its own record of the event (a concern routed, a certificate issued) and calls
`email_send` inside the same transaction, so either both are stored or neither. After the
commit each row is handed to the task queue; if the queue cannot be reached, this process sends
the rows itself at once. `outbox_send` claims a row with a conditional update and a lease, so two
workers never send the same row at once; it marks the row sent only after the mail server took
it, and on an error tries again later (1, 2, 4 ... minutes, at most six hours apart), giving up
after `OUTBOX_MAX_ATTEMPTS`. The sweeper (Celery beat, every minute) sends what is due: retries,
rows whose worker died (once their lease has run out) and rows whose task was lost.

Log lines name a row by its id and kind, never its address or text.
"""

import datetime
import functools
import logging
import uuid
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

Status = OutboxMessage.Status

MAX_RETRY_DELAY = datetime.timedelta(hours=6)
SWEEP_BATCH = 500


def new_message_id():
    """A Message-ID fixed when the row is written, e.g. <3f2c...@example.org>."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<{uuid.uuid4().hex}@{domain}>"


def retry_delay(attempts):
    """How long to wait after the `attempts`-th failed try: 1, 2, 4 ... minutes, at most six
    hours."""
    return min(datetime.timedelta(minutes=2 ** min(attempts - 1, 20)), MAX_RETRY_DELAY)


def email_render(template, context):
    """The subject (one line) and text of `template`: its `_subject.txt` and `_body.txt`."""
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    return subject, render_to_string(f"{template}_body.txt", context)


def _addresses(recipients):
    """Addresses of `recipients` (addresses, or people with an `email`), without blanks or
    repeats, in order."""
    seen, addresses = set(), []
    for recipient in recipients:
        address = (getattr(recipient, "email", recipient) or "").strip()
        if address and address.lower() not in seen:
            seen.add(address.lower())
            addresses.append(address)
    return addresses


def email_send(template, context, recipients, *, kind=None):
    """Render `template` once and write one outbox row per recipient, each sent after the
    current transaction commits (one message per person: nobody sees the others' addresses).
    Returns the number of rows written."""
    addresses = _addresses(recipients)
    if not addresses:
        return 0
    subject, text = email_render(template, context)
    return len(outbox_write(kind=kind or template, to=addresses, subject=subject, text=text))


def outbox_write(*, kind, to, subject, text, html=""):
    """Write one outbox row per address in `to`, to be sent once the transaction commits."""
    messages = [
        OutboxMessage(
            kind=kind[:120],
            to=address,
            subject=subject,
            text=text,
            html=html,
            message_id=new_message_id(),
        )
        for address in to
    ]
    with transaction.atomic():
        OutboxMessage.objects.bulk_create(messages)
        pks = [message.pk for message in messages]
        if None in pks:  # a database that does not return keys from a bulk insert
            ids = {m.message_id: m for m in messages}
            for pk, message_id in OutboxMessage.objects.filter(
                message_id__in=list(ids)
            ).values_list("pk", "message_id"):
                ids[message_id].pk = pk
            pks = [message.pk for message in messages]
        transaction.on_commit(functools.partial(_dispatch, pks))
    return messages


def _dispatch(message_pks):
    """After the commit: hand each row to the task queue; if the queue cannot be reached, send
    the rest from this process now rather than wait for the sweeper."""
    from .tasks import send_outbox_message

    queued = True
    for pk in message_pks:
        if queued:
            try:
                send_outbox_message.delay(pk)
                continue
            except Exception:  # noqa: BLE001 (broker unreachable: kombu errors, OSError; send here)
                queued = False
                logger.warning("task queue unreachable: sending outbox emails from this process")
        try:
            outbox_send(pk)
        except Exception:
            logger.exception("outbox message %s not sent from this process", pk)


def _due(now):
    return OutboxMessage.objects.filter(status=Status.PENDING, next_attempt_at__lte=now).filter(
        Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lte=now)
    )


def _deliver(message):
    lease = settings.OUTBOX_LEASE_SECONDS
    # A send that hangs gives up well before its lease runs out, so no other worker sends the
    # same row while this one may still do so.
    timeout = max(1, min(getattr(settings, "EMAIL_TIMEOUT", None) or lease, lease // 2))
    email = EmailMultiAlternatives(
        message.subject,
        message.text,
        settings.DEFAULT_FROM_EMAIL,
        [message.to],
        headers={"Message-ID": message.message_id},
        connection=get_connection(timeout=timeout),
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    email.send()


def _failed(message, error):
    error_kind = type(error).__name__[:120]
    fields = {"lease_expires_at": None, "last_error": error_kind}
    if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        fields["status"] = Status.FAILED
        logger.error(
            "outbox message %s (%s) given up after %s attempts: %s",
            message.pk,
            message.kind,
            message.attempts,
            error_kind,
        )
    else:
        fields["next_attempt_at"] = timezone.now() + retry_delay(message.attempts)
        logger.warning(
            "outbox message %s (%s) not sent (attempt %s: %s); will try again",
            message.pk,
            message.kind,
            message.attempts,
            error_kind,
        )
    OutboxMessage.objects.filter(pk=message.pk, status=Status.PENDING).update(**fields)


def outbox_send(message_pk):
    """Send one outbox row if this call claims it. Returns whether this call sent it.

    The claim is a conditional update that takes a lease and counts the attempt; it commits
    before the send, so other workers see it. The row is marked sent only after the mail server
    accepted the message; a worker that dies in between leaves the lease to run out, and the
    sweeper sends the row again under the same Message-ID."""
    now = timezone.now()
    claimed = (
        _due(now)
        .filter(pk=message_pk, attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)
        .update(
            lease_expires_at=now + datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS),
            attempts=F("attempts") + 1,
        )
    )
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_pk)
    try:
        _deliver(message)
    except Exception as error:  # noqa: BLE001 (whatever failed is recorded and retried, not lost)
        _failed(message, error)
        return False
    OutboxMessage.objects.filter(pk=message_pk).exclude(status=Status.SENT).update(
        status=Status.SENT, sent_at=timezone.now(), lease_expires_at=None, last_error=""
    )
    return True


def outbox_sweep(now=None):
    """Send every row that is due (new, to retry, or left by a dead worker), give up rows that
    used all their attempts, and delete rows sent (or given up) more than `OUTBOX_KEEP_DAYS` ago."""
    now = now or timezone.now()
    exhausted = _due(now).filter(attempts__gte=settings.OUTBOX_MAX_ATTEMPTS)
    given_up = 0
    for message in exhausted:
        given_up += OutboxMessage.objects.filter(pk=message.pk, status=Status.PENDING).update(
            status=Status.FAILED, lease_expires_at=None
        )
        logger.error(
            "outbox message %s (%s) given up after %s attempts",
            message.pk,
            message.kind,
            message.attempts,
        )
    due = _due(now).order_by("next_attempt_at", "pk").values_list("pk", flat=True)
    sent = sum(outbox_send(pk) for pk in list(due[:SWEEP_BATCH]))
    cutoff = now - datetime.timedelta(days=settings.OUTBOX_KEEP_DAYS)
    removed, _ = OutboxMessage.objects.filter(
        Q(status=Status.SENT, sent_at__lt=cutoff) | Q(status=Status.FAILED, created_at__lt=cutoff)
    ).delete()
    return {"sent": sent, "given_up": given_up, "removed": removed}
