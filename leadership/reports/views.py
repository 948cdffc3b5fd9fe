"""Views of the reports part: thin, each asks `request.user.has_perm` (reports/rules.py) and
calls a service or selector.

The board reports page lists the reports of the organisations a person leads and takes a new
request; the download view serves a ready report's PDF to a leader of its organisation, never
through a public media address. A report of an organisation where the person holds no role is
"not found" (404); a person of the organisation without the permission is refused (403).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET, require_http_methods

from cms.pagination import paginate
from cms.views import done, form_page

from .. import queued_pdfs
from ..snapshots.selectors import figures_overview
from . import selectors, services
from .forms import BoardReportForm
from .models import BoardReport
from .selectors import REQUEST_REPORT, VIEW_REPORT

PER_PAGE = 20


def _page(request, organisations):
    page = paginate(request.GET, selectors.reports_of(organisations), PER_PAGE)
    for report in page["page_obj"]:
        report.period_label = services.report_months(report).label
    return {
        **page,
        "any_queued": any(
            report.status == BoardReport.Status.QUEUED for report in page["page_obj"]
        ),
    }


@require_http_methods(["GET", "POST"])
@login_required
def board_reports(request):
    if not request.user.has_perm(REQUEST_REPORT):
        raise PermissionDenied
    organisations = selectors.report_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    form = BoardReportForm(request.POST or None, organisations=organisations)
    asked = []

    def ask(form):
        organisation = form.cleaned_data["organisation"]
        if not request.user.has_perm(REQUEST_REPORT, organisation):
            raise PermissionDenied
        months = form.chosen_months()
        asked.append(
            (organisation, months, *services.report_request(organisation, months, by=request.user))
        )
        return done(request, None, "leadership:board_reports")

    response = form_page(
        request,
        form,
        "leadership/reports/board_reports.html",
        {
            "several_organisations": len(organisations) > 1,
            "figures_as_of": figures_overview(organisations),
            **_page(request, organisations),
        },
        on_valid=ask,
    )
    if asked:
        # Told once form_page has committed the request: with no worker, the report was made
        # in this process as it committed, and is ready (or failed) by now.
        _tell(request, *asked[0])
    return response


def _tell(request, organisation, months, report, queued):
    name = f"The board report for {organisation.name}, {months.label},"
    queued_pdfs.tell(request, name, report, queued)


@require_GET
@login_required
def board_report_download(request, key):
    report = selectors.report_by_key(key)
    if report is None or not selectors.holds_role_in(request.user, report.organisation):
        raise Http404("Not found.")
    if not request.user.has_perm(VIEW_REPORT, report):
        raise PermissionDenied
    if report.status != BoardReport.Status.READY or not report.pdf:
        raise Http404("Not found.")
    return FileResponse(
        report.pdf.open("rb"),
        as_attachment=True,
        filename=services.download_name(report),
        content_type="application/pdf",
    )
