"""Board reports: asking for one, and making it, through `leadership.queued_pdfs` (as the
inspection pack is made): a queued `BoardReport`, a task that renders it with `cms.pdf` and
stores the PDF under the report's unguessable key, served only through the download view."""

from cms.organisations.models import Organisation
from cms.pdf import render_pdf
from cms.periods import Months

from .. import queued_pdfs
from . import sections, selectors
from .models import BoardReport

PDF_TEMPLATE = "leadership/reports/pdf/board_report.html"


def report_months(report):
    return Months(report.start, report.end)


def report_request(organisation, months, by):
    """Queue a board report of `organisation` for `months`, unless the same one is already
    queued. Returns (the report, whether it was queued now)."""
    from .tasks import make_board_report

    return queued_pdfs.queue(
        BoardReport,
        lock=Organisation.objects.filter(pk=organisation.pk),
        scope={"organisation": organisation},
        months=months,
        task=make_board_report,
        requested_by=by,
    )


def report_content(report, made_at=None):
    """What the report says, from the snapshots, flags and alerts as they stand now."""
    data = selectors.report_data(report.organisation, report_months(report))
    return sections.board_report(data, made_at=made_at)


def report_pdf(report, made_at=None):
    return render_pdf(PDF_TEMPLATE, {"report": report_content(report, made_at=made_at)})


def report_make(report_id):
    """Make a queued report: render it and store the PDF (ready), or record why not (failed).
    Returns the report, or None when there was nothing to do (unknown, or no longer queued)."""
    return queued_pdfs.make(
        BoardReport.objects.select_related("organisation"),
        report_id,
        lambda report, made_at: report_pdf(report, made_at=made_at),
        what="report",
    )


def download_name(report):
    months = report_months(report)
    return f"board-report-{report.organisation.slug}-{months.slug}.pdf"
