"""Views of the imports part: thin, each asks `request.user.has_perm` (imports/rules.py) and
calls a service or selector.

Every page belongs to one organisation and needs `leadership.import_data` for it (HR,
organisation admins); anyone else is refused (403), and an import is looked up within the
organisation, so another organisation's import is "not found" (404). The rota's rows per coded
person also need `leadership.view_rota_detail` (HR): everyone else sees counts per service and
week.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cms.exports import csv_cell
from cms.organisations.models import Organisation
from cms.pagination import paginate

from . import selectors, services
from .forms import ImportUploadForm
from .models import DataImport

Kind = DataImport.Kind

PER_PAGE = 25
ROWS_PER_PAGE = 100
# A file with thousands of bad rows would make a page no one can use; the count says how many
# more there are.
PROBLEMS_SHOWN = 500


def _organisation(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm(selectors.IMPORT_PERMISSION, organisation):
        raise PermissionDenied
    return organisation


def _import(request, slug, import_id):
    organisation = _organisation(request, slug)
    data_import = get_object_or_404(selectors.imports_of(organisation), pk=import_id)
    return organisation, selectors.describe(data_import)


def _page(request, items, per_page):
    return paginate(request.GET, items, per_page)


@require_GET
@login_required
def imports_home(request):
    """The organisations whose data the person imports; with just one, straight to it."""
    organisations = selectors.import_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    if len(organisations) == 1:
        return redirect("leadership:import_list", slug=organisations[0].slug)
    return render(
        request, "leadership/imports/choose_organisation.html", {"organisations": organisations}
    )


@require_http_methods(["GET", "POST"])
@login_required
def import_list(request, slug):
    organisation = _organisation(request, slug)
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
    else:
        form = ImportUploadForm()
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            data_import = services.import_csv(
                organisation, form.cleaned_data["kind"], form.cleaned_data["file"], request.user
            )
        except services.ImportRefused as error:
            refusal = error
        else:
            messages.success(request, _imported_message(data_import))
            return redirect(
                "leadership:import_detail", slug=organisation.slug, import_id=data_import.pk
            )
    page = _page(request, selectors.imports_of(organisation), PER_PAGE)
    page["page_obj"].object_list = selectors.with_descriptions(page["page_obj"].object_list)
    problems = refusal.problems if refusal else []
    return render(
        request,
        "leadership/imports/import_list.html",
        {
            "organisation": organisation,
            "several_organisations": len(selectors.import_organisations(request.user)) > 1,
            "form": form,
            "file_name": form.cleaned_data["file"].name if refusal else "",
            "file_problems": [problem for problem in problems if problem.line is None],
            "line_problems": [problem for problem in problems if problem.line][:PROBLEMS_SHOWN],
            "problem_count": len(problems),
            "line_problem_count": len([problem for problem in problems if problem.line]),
            "problems_shown": PROBLEMS_SHOWN,
            "conflict": refusal.conflict if refusal else None,
            "guides": selectors.kind_guides(),
            **page,
        },
    )


def _imported_message(data_import):
    rows = f"{data_import.row_count} row{'s' if data_import.row_count != 1 else ''}"
    what = f"{data_import.get_kind_display()} figures for {selectors.period_text(data_import)}"
    if data_import.replaced is not None:
        return f"{what} replaced: {rows} saved, and the earlier file's rows removed."
    return f"{what} imported: {rows} saved."


@require_GET
@login_required
def import_template(request, slug, kind):
    organisation = _organisation(request, slug)
    if kind not in Kind.values:
        raise Http404("No such kind of file.")
    rows = services.template_rows(kind, selectors.example_service_name(organisation))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.csv"'
    # Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return response


@require_GET
@login_required
def import_detail(request, slug, import_id):
    organisation, data_import = _import(request, slug, import_id)
    context = {
        "organisation": organisation,
        "data_import": data_import,
        "may_see_rota_detail": request.user.has_perm("leadership.view_rota_detail", organisation),
    }
    if data_import.kind == Kind.ROTA:
        context.update(_page(request, selectors.rota_weeks(data_import), ROWS_PER_PAGE))
    else:
        headings, rows = selectors.monthly_rows(data_import)
        page = _page(request, rows, ROWS_PER_PAGE)
        page["page_obj"].object_list = selectors.figures_of(page["page_obj"].object_list, headings)
        context.update(headings=headings, **page)
    return render(request, "leadership/imports/import_detail.html", context)


@require_GET
@login_required
def import_rota_detail(request, slug, import_id):
    organisation, data_import = _import(request, slug, import_id)
    if not request.user.has_perm("leadership.view_rota_detail", organisation):
        raise PermissionDenied
    if data_import.kind != Kind.ROTA:
        raise Http404("Only a rota has rows per person.")
    return render(
        request,
        "leadership/imports/rota_detail.html",
        {
            "organisation": organisation,
            "data_import": data_import,
            **_page(request, selectors.rota_rows(data_import), ROWS_PER_PAGE),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def import_delete(request, slug, import_id):
    organisation, data_import = _import(request, slug, import_id)
    if request.method == "POST":
        services.import_delete(data_import, by=request.user)
        messages.success(
            request,
            f"{data_import.get_kind_display()} figures for {data_import.period_text} deleted "
            f"({data_import.file_name}).",
        )
        return redirect("leadership:import_list", slug=organisation.slug)
    return render(
        request,
        "leadership/imports/import_delete.html",
        {"organisation": organisation, "data_import": data_import},
    )
