"""Views of the imports part: thin, each asks `request.user.has_perm` (imports/rules.py) and
calls a service or selector.

Every page belongs to one organisation and needs `leadership.import_data` for it (HR,
organisation admins); anyone else is refused (403), and an import is looked up within the
organisation, so another organisation's import is "not found" (404). The rota's rows per coded
person also need `leadership.view_rota_detail` (HR): everyone else sees counts per service and
week.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cms.exports import csv_cell, csv_download
from cms.organisations.models import Organisation
from cms.pagination import paginate
from cms.views import confirm_page, done, form_page

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
    form = ImportUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    page = _page(request, selectors.imports_of(organisation), PER_PAGE)
    page["page_obj"].object_list = selectors.with_descriptions(page["page_obj"].object_list)
    context = {
        "organisation": organisation,
        "several_organisations": len(selectors.import_organisations(request.user)) > 1,
        "guides": selectors.kind_guides(),
        **page,
    }

    def upload(form):
        file = form.cleaned_data["file"]
        try:
            data_import = services.import_csv(
                organisation, form.cleaned_data["kind"], file, request.user
            )
        except services.ImportRefused as refusal:
            # The page lists every problem by line and column (the context is rendered after
            # this returns); the file field says what became of the file.
            context.update(_refusal_context(file.name, refusal))
            raise ValidationError({"file": _refused_message(refusal)}) from None
        return done(
            request,
            _imported_message(data_import),
            "leadership:import_detail",
            slug=organisation.slug,
            import_id=data_import.pk,
        )

    return form_page(request, form, "leadership/imports/import_list.html", context, on_valid=upload)


def _refusal_context(file_name, refusal):
    problems = refusal.problems
    line_problems = [problem for problem in problems if problem.line]
    return {
        "file_name": file_name,
        "file_problems": [problem for problem in problems if problem.line is None],
        "line_problems": line_problems[:PROBLEMS_SHOWN],
        "problem_count": len(problems),
        "line_problem_count": len(line_problems),
        "problems_shown": PROBLEMS_SHOWN,
        "conflict": refusal.conflict,
    }


def _refused_message(refusal):
    count = len(refusal.problems)
    return (
        "The file was not imported: correct the problem listed above and upload it again."
        if count == 1
        else f"The file was not imported: correct the {count} problems listed above and "
        "upload it again."
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
    # Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.
    return csv_download(
        ([csv_cell(cell) for cell in row] for row in rows),
        f"{kind}-template.csv",
        byte_order_mark=True,
    )


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
    back = reverse("leadership:import_detail", args=[organisation.slug, data_import.pk])

    def delete():
        services.import_delete(data_import, by=request.user)
        return done(
            request,
            f"{data_import.get_kind_display()} figures for {data_import.period_text} deleted "
            f"({data_import.file_name}).",
            "leadership:import_list",
            slug=organisation.slug,
        )

    return confirm_page(
        request,
        "leadership/imports/import_delete.html",
        {
            "organisation": organisation,
            "data_import": data_import,
            "question": (
                f"Delete the {data_import.kind_noun} figures for {data_import.period_text}?"
            ),
            "confirm_label": "Yes, delete these figures",
            "cancel_url": back,
            "cancel_label": "No, keep them",
            "danger": True,
        },
        on_confirm=delete,
    )
