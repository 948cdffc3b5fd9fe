"""Views of the ledger part: thin, each asks `request.user.has_perm` (ledger/rules.py) and calls
a selector or service.

An organisation (or one of its services) where the person holds no role is "not found" (404);
a person of the organisation without the permission is refused (403).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cms import access
from cms.organisations.models import Organisation, Service
from cms.pagination import paginate
from cms.periods import Months
from cms.views import done, form_page

from .. import queued_pdfs
from ..snapshots.selectors import figures_as_of
from . import caching, packs, selectors, services
from .exports import csv_response
from .forms import FrameworkVersionForm, LedgerPeriodForm
from .models import InspectionPack
from .selectors import VIEW_LEDGER

REQUEST_PACK = "leadership.request_inspection_pack"
VIEW_SUMMARY = "leadership.view_ledger_summary"
MANAGE_FRAMEWORK = "leadership.manage_quality_framework"
PACKS_PER_PAGE = 10


@require_GET
@login_required
def ledger_home(request):
    organisations = access.organisations_with(request.user, VIEW_LEDGER)
    if not organisations:
        raise PermissionDenied
    if len(organisations) == 1:
        return redirect("leadership:ledger_summary", organisations[0].slug)
    return render(request, "leadership/ledger/home.html", {"organisations": organisations})


def _months(request, organisation):
    form = LedgerPeriodForm(request.GET or None, organisation=organisation)
    if form.is_bound and form.is_valid():
        return form, form.chosen_months()
    unbound = LedgerPeriodForm(organisation=organisation)
    initial = {name: unbound.fields[name].initial for name in ("from_month", "to_month")}
    return form, Months.between(initial["from_month"], initial["to_month"])


@require_GET
@login_required
def ledger_summary(request, slug):
    organisation = access.organisation_for(request.user, slug, VIEW_LEDGER)
    services_seen = selectors.ledger_services(request.user, organisation)
    if not request.user.has_perm(VIEW_SUMMARY, organisation):
        # A leader of one service: their service's ledger is the page for them.
        if len(services_seen) == 1:
            return redirect("leadership:ledger_service", slug, services_seen[0].pk)
        return render(
            request,
            "leadership/ledger/summary.html",
            {"organisation": organisation, "services": services_seen, "table_html": None},
        )
    form, months = _months(request, organisation)
    framework = services.framework_of(organisation)
    # A Board's area has hundreds of services: a page of them at a time keeps the table
    # readable and the page small; each page costs the same few queries.
    page = paginate(request.GET, services_seen, selectors.SUMMARY_SERVICES_PER_PAGE)
    shown = list(page["page_obj"])
    as_of = figures_as_of(organisation)

    def table():
        rows = selectors.organisation_summary(
            organisation, shown, months, request.user, framework=framework
        )
        return render_to_string(
            "leadership/ledger/_summary_table.html",
            {
                "organisation": organisation,
                "services": shown,
                "rows": rows,
                "totals": selectors.summary_totals(rows, len(shown)),
                "months": months,
                **page,
            },
        )

    key = caching.summary_key(
        as_of, framework, months, shown, (page["page_obj"].number, page["page_obj"].paginator.count)
    )
    if caching.wants_fresh(request):
        caching.cached(key, table, fresh=True)
        return redirect(caching.without_fresh(request))
    table_html, worked_out_at = caching.cached(key, table)
    return render(
        request,
        "leadership/ledger/summary.html",
        {
            "organisation": organisation,
            "services": shown,
            "table_html": table_html,
            **page,
            "months": months,
            "form": form,
            "framework": framework,
            "figures_as_of": as_of,
            "worked_out_at": worked_out_at,
            "fresh_url": caching.fresh_url(request),
            "cache_minutes": caching.MINUTES,
            "may_manage": request.user.has_perm(MANAGE_FRAMEWORK, organisation),
        },
    )


def _ledger(request, service, months, as_of):
    """(the ledger of `service` over `months` as the person asking may see it, when it was
    worked out), from the cache when it is there (caching.py)."""
    framework = services.framework_of(service.organisation)
    key = caching.service_key(as_of, framework, months, service, request.user)
    return caching.cached(
        key,
        lambda: selectors.service_ledger(service, months, request.user, framework=framework),
        fresh=caching.wants_fresh(request),
    )


def _service(request, slug, service_id):
    service = get_object_or_404(
        Service.objects.select_related("organisation"), pk=service_id, organisation__slug=slug
    )
    if not access.holds_role_in(request.user, service.organisation):
        raise Http404("Not found.")
    if not request.user.has_perm(VIEW_LEDGER, service):
        raise PermissionDenied
    return service


@require_GET
@login_required
def ledger_service_csv(request, slug, service_id):
    service = _service(request, slug, service_id)
    _form, months = _months(request, service.organisation)
    ledger, _worked_out_at = _ledger(request, service, months, figures_as_of(service.organisation))
    return csv_response(ledger, f"ledger-{slug}-{service.pk}-{months.slug}")


@require_http_methods(["GET", "POST"])
@login_required
def ledger_service(request, slug, service_id):
    service = _service(request, slug, service_id)
    organisation = service.organisation
    filter_form, months = _months(request, organisation)
    pack_form = LedgerPeriodForm(request.POST or None, organisation=organisation)
    asked = []

    def ask(form):
        if not request.user.has_perm(REQUEST_PACK, service):
            raise PermissionDenied
        asked.append(packs.pack_request(service, form.chosen_months(), by=request.user))
        return done(request, None, "leadership:ledger_service", slug, service.pk)

    as_of = figures_as_of(organisation)
    if request.method == "GET" and caching.wants_fresh(request):
        _ledger(request, service, months, as_of)
        return redirect(caching.without_fresh(request))
    ledger, worked_out_at = _ledger(request, service, months, as_of)
    page = paginate(request.GET, packs.packs_of(service), PACKS_PER_PAGE)
    for pack in page["page_obj"]:
        pack.period_label = packs.pack_months(pack).label
    response = form_page(
        request,
        pack_form,
        "leadership/ledger/service.html",
        {
            "pack_form": pack_form,
            "filter_form": filter_form,
            "ledger": ledger,
            "worked_out_at": worked_out_at,
            "fresh_url": caching.fresh_url(request),
            "cache_minutes": caching.MINUTES,
            "organisation": organisation,
            "may_see_summary": request.user.has_perm(VIEW_SUMMARY, organisation),
            "figures_as_of": as_of,
            "csv_url": reverse("leadership:ledger_service_csv", args=[slug, service.pk]),
            "query": request.GET.urlencode() if filter_form.is_bound else "",
            **page,
        },
        on_valid=ask,
    )
    if asked:
        _tell(request, service, *asked[0])
    return response


def _tell(request, service, pack, queued):
    name = f"The inspection pack for {service.name}, {packs.pack_months(pack).label},"
    queued_pdfs.tell(request, name, pack, queued)


@require_GET
@login_required
def pack_download(request, key):
    pack = InspectionPack.objects.select_related("service__organisation").filter(key=key).first()
    if pack is None or not access.holds_role_in(request.user, pack.service.organisation):
        raise Http404("Not found.")
    if not request.user.has_perm(VIEW_LEDGER, pack.service):
        raise PermissionDenied
    if pack.status != InspectionPack.Status.READY or not pack.pdf:
        raise Http404("Not found.")
    return FileResponse(
        pack.pdf.open("rb"),
        as_attachment=True,
        filename=packs.download_name(pack),
        content_type="application/pdf",
    )


@require_http_methods(["GET", "POST"])
@login_required
def framework_map(request, slug):
    """The framework versions an organisation can read and, for one of them, what evidences
    each statement; organisation admins load a later version here."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not access.holds_role_in(request.user, organisation):
        raise Http404("Not found.")
    may_manage = request.user.has_perm(MANAGE_FRAMEWORK, organisation)
    if not (may_manage or request.user.has_perm(VIEW_LEDGER, organisation)):
        raise PermissionDenied
    versions = list(services.frameworks_for(organisation))
    current = services.framework_of(organisation)
    chosen = current
    wanted = request.GET.get("version")
    if wanted:
        chosen = next((v for v in versions if str(v.pk) == wanted), None)
        if chosen is None:
            raise Http404("Not found.")
    if request.method == "POST" and not may_manage:
        raise PermissionDenied
    form = FrameworkVersionForm(request.POST or None, request.FILES or None)

    def load(form):
        framework, carried, left = services.load_version(
            organisation, form.content, by=request.user
        )
        note = f" {len(left)} could not: see the earlier version." if left else ""
        return done(
            request,
            f"{framework} is loaded and is now the version your ledger reads. {carried} links "
            f"of the earlier version were carried over.{note}",
            "leadership:ledger_framework",
            slug,
        )

    links = services.links_of(chosen, organisation) if chosen else []
    by_statement = {}
    for link in links:
        by_statement.setdefault(link.statement_id, []).append(link)
    statements = (
        [
            (statement, by_statement.get(statement.pk, []))
            for statement in chosen.statements.select_related("key_question").order_by(
                "key_question__order", "order"
            )
        ]
        if chosen
        else []
    )
    return form_page(
        request,
        form,
        "leadership/ledger/framework.html",
        {
            "organisation": organisation,
            "versions": versions,
            "current": current,
            "chosen": chosen,
            "statements": statements,
            "may_manage": may_manage,
            "may_view_ledger": request.user.has_perm(VIEW_LEDGER, organisation),
        },
        on_valid=load,
    )
