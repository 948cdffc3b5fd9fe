"""Board reports: asking for one, and making it.

A leader's request stores a `BoardReport` (queued) and enqueues the task on commit; the task
renders the PDF with `cms.pdf.render_pdf` and stores it under the report's unguessable key in
the default storage, served only through the download view. Making a report is idempotent: a
report that is no longer queued is left as it is, so a task delivered twice stores one file; two
deliveries at once both render, and the first to finish stores its file.

A report that cannot be made is marked failed with a message a leader can read; the details
(the kind of error and where it was raised, never a message that could quote stored data) go to
the log.
"""

import logging
import traceback
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cms.organisations.models import Organisation
from cms.pdf import render_pdf
from cms.periods import Months

from . import sections, selectors
from .models import BoardReport

logger = logging.getLogger(__name__)

PDF_TEMPLATE = "leadership/reports/pdf/board_report.html"
# A report still queued this long after it was asked for has been lost (a worker that died, a
# queue that was flushed): asking again marks it failed rather than waiting for it for ever.
STALE_AFTER = timedelta(minutes=30)
STALE_MESSAGE = (
    "It was not made within 30 minutes, so it was given up. Ask for the report again; if it "
    "fails again, tell your site administrator."
)

Status = BoardReport.Status


def report_months(report):
    return Months(report.start, report.end)


def report_request(organisation, months, by):
    """Queue a board report of `organisation` for `months`, unless the same one is already
    queued. Returns (the report, whether it was queued now)."""
    from .tasks import make_board_report

    with transaction.atomic():
        # The organisation's row is the lock: two leaders asking at once queue one report.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        BoardReport.objects.filter(
            organisation=organisation,
            status=Status.QUEUED,
            requested_at__lt=timezone.now() - STALE_AFTER,
        ).update(status=Status.FAILED, finished_at=timezone.now(), error=STALE_MESSAGE)
        waiting = selectors.queued_report(organisation, months)
        if waiting is not None:
            return waiting, False
        report = BoardReport.objects.create(
            organisation=organisation, start=months.first, end=months.end, requested_by=by
        )
        make_board_report.delay_on_commit(report.pk)
    return report, True


def report_content(report, made_at=None):
    """What the report says, from the snapshots, flags and alerts as they stand now."""
    data = selectors.report_data(report.organisation, report_months(report))
    return sections.board_report(data, made_at=made_at)


def report_pdf(report, made_at=None):
    return render_pdf(PDF_TEMPLATE, {"report": report_content(report, made_at=made_at)})


def where_raised(error):
    """The file and line an error was raised at: enough to find it, with no stored data."""
    frames = traceback.extract_tb(error.__traceback__)
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "unknown"


def _failure_message(error):
    return (
        f"The report could not be made ({type(error).__name__}). Ask for it again; if it fails "
        "again, tell your site administrator."
    )


def report_make(report_id):
    """Make a queued report: render it and store the PDF (ready), or record why not (failed).
    Returns the report, or None when there was nothing to do (unknown, or no longer queued)."""
    report = (
        BoardReport.objects.select_related("organisation")
        .filter(pk=report_id, status=Status.QUEUED)
        .first()
    )
    if report is None:
        return None
    made_at = timezone.now()
    try:
        pdf = report_pdf(report, made_at=made_at)
    except Exception as error:  # noqa: BLE001 (the leader is told; the worker carries on)
        logger.error(
            "Board report %s could not be made: %s at %s",
            report.pk,
            type(error).__name__,
            where_raised(error),
        )
        BoardReport.objects.filter(pk=report.pk, status=Status.QUEUED).update(
            status=Status.FAILED, finished_at=timezone.now(), error=_failure_message(error)
        )
        report.refresh_from_db()
        return report
    with transaction.atomic():
        report = BoardReport.objects.select_for_update().get(pk=report.pk)
        if report.status != Status.QUEUED:
            return report  # another delivery of the task stored its file first
        report.pdf.save(f"{report.key}.pdf", ContentFile(pdf), save=False)
        report.status = Status.READY
        report.finished_at = timezone.now()
        report.error = ""
        report.save(update_fields=["pdf", "status", "finished_at", "error"])
    return report


def download_name(report):
    months = report_months(report)
    return f"board-report-{report.organisation.slug}-{months.slug}.pdf"
