"""PDFs a leader asks for and a Celery task makes: the board report (reports/) and the
inspection pack (ledger/). Both models have the same life: a request stores a queued row and
enqueues the task on commit; the task renders the PDF with `cms.pdf` and stores it under the
row's unguessable key, served only through a download view that checks the role.

Making one is idempotent: a row that is no longer queued is left as it is, so a task delivered
twice stores one file; two deliveries at once both render, and the first to finish stores its
file. One that cannot be made is marked failed with a message a leader can read; the details
(the kind of error and where it was raised, never a message that could quote stored data) go to
the log.
"""

import logging
import traceback
from datetime import timedelta

from django.contrib import messages
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

logger = logging.getLogger(__name__)

# One still queued this long after it was asked for has been lost (a worker that died, a queue
# that was flushed): asking again marks it failed rather than waiting for it for ever.
STALE_AFTER = timedelta(minutes=30)
STALE_MESSAGE = (
    "It was not made within 30 minutes, so it was given up. Ask for it again; if it fails "
    "again, tell your site administrator."
)
QUEUED, READY, FAILED = "queued", "ready", "failed"


class CannotMake(Exception):
    """Raised by a render function when the PDF cannot be made for a reason the leader should
    read as it is (its message is shown, so it must quote no stored data)."""


def queue(model, *, lock, scope, months, task, **fields):
    """Queue a `model` row for `scope` (e.g. {"organisation": ...}) and `months`, unless the
    same one is already queued. `lock` is a queryset of the one row that serialises requests:
    two leaders asking at once queue one. Returns (the row, whether it was queued now)."""
    with transaction.atomic():
        lock.select_for_update().first()
        model.objects.filter(
            **scope, status=QUEUED, requested_at__lt=timezone.now() - STALE_AFTER
        ).update(status=FAILED, finished_at=timezone.now(), error=STALE_MESSAGE)
        waiting = model.objects.filter(
            **scope, status=QUEUED, start=months.first, end=months.end
        ).first()
        if waiting is not None:
            return waiting, False
        row = model.objects.create(**scope, start=months.first, end=months.end, **fields)
        task.delay_on_commit(row.pk)
    return row, True


def where_raised(error):
    """The file and line an error was raised at: enough to find it, with no stored data."""
    frames = traceback.extract_tb(error.__traceback__)
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "unknown"


def _fail(queryset, row, error):
    queryset.filter(pk=row.pk, status=QUEUED).update(
        status=FAILED, finished_at=timezone.now(), error=error
    )
    row.refresh_from_db()
    return row


def make(queryset, pk, render, *, what):
    """Make the queued row `pk` of `queryset`: `render(row, made_at)` gives the PDF's bytes,
    stored as the row's file (ready), or why not is recorded (failed). `what` names it in the
    leader's message ("report", "pack"). Returns the row, or None when there was nothing to do
    (unknown, or no longer queued)."""
    row = queryset.filter(pk=pk, status=QUEUED).first()
    if row is None:
        return None
    try:
        pdf = render(row, timezone.now())
    except CannotMake as reason:
        return _fail(queryset, row, str(reason))
    except Exception as error:  # noqa: BLE001 (the leader is told; the worker carries on)
        logger.error(
            "%s %s could not be made: %s at %s",
            capfirst(queryset.model._meta.verbose_name),
            row.pk,
            type(error).__name__,
            where_raised(error),
        )
        return _fail(
            queryset,
            row,
            f"The {what} could not be made ({type(error).__name__}). Ask for it again; if it "
            "fails again, tell your site administrator.",
        )
    with transaction.atomic():
        # The row alone is locked: PostgreSQL refuses FOR UPDATE on the nullable side of the
        # outer joins `queryset` may select (a reader whose account is gone).
        row = queryset.model.objects.select_for_update().get(pk=row.pk)
        if row.status != QUEUED:
            return row  # another delivery of the task stored its file first
        row.pdf.save(f"{row.key}.pdf", ContentFile(pdf), save=False)
        row.status = READY
        row.finished_at = timezone.now()
        row.error = ""
        row.save(update_fields=["pdf", "status", "finished_at", "error"])
    return row


def tell(request, name, row, queued):
    """The message for a leader who has just asked: `name` is e.g. "The board report for Ash
    Care, April 2026,". Called once the request has committed: with no worker, the PDF was made
    in this process as it committed, and is ready (or failed) by now."""
    row.refresh_from_db(fields=["status"])
    if row.status == READY:
        messages.success(request, f"{name} is ready: download it below.")
    elif row.status == FAILED:
        messages.error(request, f"{name} could not be made: see below.")
    elif queued:
        messages.success(
            request,
            f"{name} is being made. It takes a minute or two: refresh this page to see when it "
            "is ready.",
        )
    else:
        messages.info(
            request, f"{name} is already being made: refresh this page to see when it is ready."
        )
