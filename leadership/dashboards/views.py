"""The dashboards: organisation overview, one service, learning and listening, each with a CSV
file of what it shows. Thin: each asks `request.user.has_perm` (dashboards/rules.py), reads
through `selectors` and builds through `panels`.

An organisation (or a service of one) where the person holds no role is "not found" (404); a
person of the organisation without the permission is refused (403).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from cms import access
from cms.indicators import all_indicators
from cms.organisations.models import Service
from cms.pagination import paginate

from ..snapshots.selectors import figures_as_of
from . import caching, panels, selectors
from .exports import csv_response
from .forms import DashboardFilterForm
from .selectors import VIEW_DASHBOARDS, VIEW_LISTENING

# The snapshots part's page where the figures are brought up to date.
FIGURES_URL_NAME = "leadership:figures"

PERMISSIONS = {
    "overview": VIEW_DASHBOARDS,
    "learning": VIEW_DASHBOARDS,
    "listening": VIEW_LISTENING,
}
TEMPLATES = {
    "overview": "leadership/dashboards/overview.html",
    "learning": "leadership/dashboards/learning.html",
    "listening": "leadership/dashboards/listening.html",
    "service": "leadership/dashboards/service.html",
}


def _organisation(request, slug, perm):
    return access.organisation_for(request.user, slug, perm)


def _registered_keys(organisation=None):
    return [indicator.key for indicator in all_indicators(organisation)]


def _refresh_url(user, organisation):
    if not user.has_perm("leadership.refresh_snapshots", organisation):
        return ""
    return reverse(FIGURES_URL_NAME)


def _views_nav(user, organisation, current, query):
    """The organisation's dashboards this person may open, for the sub-navigation, keeping the
    filters chosen."""
    links = []
    for kind, label in (
        ("overview", "Overview"),
        ("learning", "Learning"),
        ("listening", "Listening"),
    ):
        if user.has_perm(PERMISSIONS[kind], organisation):
            url = reverse(f"leadership:dashboard_{kind}", args=[organisation.slug])
            links.append({"label": label, "url": url + query, "current": kind == current})
    return links


def _render(request, kind, built, form, csv_url, nav_query="", pages=None):
    key, dashboard, as_of = built
    organisation = dashboard.organisation
    return render(
        request,
        TEMPLATES[kind],
        {
            **(pages or {}),
            "dashboard": dashboard,
            "sections_html": caching.sections_html(key, dashboard),
            "form": form,
            "csv_url": csv_url,
            "views_nav": _views_nav(request.user, organisation, kind, nav_query),
            "figures_as_of": as_of,
            "refresh_url": _refresh_url(request.user, organisation),
            "query": request.GET.urlencode(),
        },
    )


def _built(request, kind, organisation, services, months, build, *read):
    """(cache key, dashboard, figures_as_of): the dashboard from the cache while the figures
    and all else that decides it are unchanged, built by `build` otherwise."""
    as_of = figures_as_of(organisation)
    key = caching.dashboard_key(kind, as_of, services, months, request.GET, *read)
    return key, caching.cached(key, build), as_of


def _organisation_dashboard(request, slug, kind, as_csv):
    perm = PERMISSIONS[kind]
    organisation = _organisation(request, slug, perm)
    services = selectors.visible_services(request.user, organisation, perm)
    form = DashboardFilterForm(request.GET or None, services=services)
    months = form.chosen_months()
    chosen = form.chosen_service()
    if chosen is not None:
        chosen = next(service for service in services if service.pk == chosen.pk)
    shown = [chosen] if chosen is not None else services
    ids = [service.pk for service in shown]
    period_query = form.period_query()
    # The learning and listening views' per-service detail comes a page of services at a time;
    # their CSV files have every service.
    pages = None
    if not as_csv:
        per_page = (
            panels.OVERVIEW_SERVICES_PER_PAGE if kind == "overview" else panels.SERVICES_PER_PAGE
        )
        pages = paginate(request.GET, shown, per_page)
    page_services = None if pages is None else list(pages["page_obj"].object_list)

    def service_url(service):
        # The service's own dashboard, over the same months.
        url = reverse("leadership:dashboard_service", args=[organisation.slug, service.pk])
        return url + period_query

    registered = tuple(_registered_keys(organisation if kind == "learning" else None))

    def build():
        if kind == "overview":
            index = selectors.monthly_snapshots(ids, months, keys=panels.KEY_INDICATORS)
            return panels.overview(
                organisation,
                shown,
                index,
                months,
                flag_counts,
                service_url=service_url,
                page_services=page_services,
            )
        if kind == "learning":
            index = selectors.monthly_snapshots(
                ids,
                months,
                keys=panels.LEARNING_INDICATORS,
                prefixes=(
                    panels.HARMFUL_PREFIX,
                    panels.LEARNING_PATH_PREFIX,
                    panels.LEARNING_ROLE_PREFIX,
                ),
            )
            return panels.learning(
                organisation,
                shown,
                index,
                months,
                list(registered),
                chosen_service=chosen,
                service_url=service_url,
                page_services=page_services,
            )
        keys = [key for *_heading, group_keys in panels.LISTENING_GROUPS for key in group_keys]
        index = selectors.monthly_snapshots(
            ids, months, keys=keys, prefixes=(panels.THEME_PREFIX, panels.CHANNEL_PREFIX)
        )
        return panels.listening(
            organisation,
            shown,
            index,
            months,
            list(registered),
            chosen_service=chosen,
            page_services=page_services,
        )

    # The overview shows each service's active flags: they are part of what decides the page.
    flag_counts = selectors.active_flag_counts(ids) if kind == "overview" else None
    read = (registered, tuple(sorted((flag_counts or {}).items())))
    if as_csv:
        _key, dashboard, _as_of = _built(
            request, f"{kind}-csv", organisation, services, months, build, *read
        )
        return csv_response(dashboard, f"{kind}-{organisation.slug}")
    built = _built(request, kind, organisation, services, months, build, *read)
    csv_url = reverse(f"leadership:dashboard_{kind}_csv", args=[organisation.slug])
    nav_query = f"?{request.GET.urlencode()}" if request.GET else ""
    return _render(request, kind, built, form, csv_url, nav_query, pages)


@require_GET
@login_required
def dashboards(request):
    """Straight to the one organisation's dashboard, or a choice of organisations."""
    user = request.user
    choices = []
    for organisation in selectors.dashboard_organisations(user, VIEW_LISTENING):
        kind = "overview" if user.has_perm(VIEW_DASHBOARDS, organisation) else "listening"
        url = reverse(f"leadership:dashboard_{kind}", args=[organisation.slug])
        choices.append({"organisation": organisation, "url": url})
    if not choices:
        raise PermissionDenied
    if len(choices) == 1:
        return redirect(choices[0]["url"])
    return render(request, "leadership/dashboards/index.html", {"choices": choices})


@require_GET
@login_required
def overview(request, slug):
    return _organisation_dashboard(request, slug, "overview", as_csv=False)


@require_GET
@login_required
def overview_csv(request, slug):
    return _organisation_dashboard(request, slug, "overview", as_csv=True)


@require_GET
@login_required
def learning(request, slug):
    return _organisation_dashboard(request, slug, "learning", as_csv=False)


@require_GET
@login_required
def learning_csv(request, slug):
    return _organisation_dashboard(request, slug, "learning", as_csv=True)


@require_GET
@login_required
def listening(request, slug):
    return _organisation_dashboard(request, slug, "listening", as_csv=False)


@require_GET
@login_required
def listening_csv(request, slug):
    return _organisation_dashboard(request, slug, "listening", as_csv=True)


def _service_dashboard(request, slug, service_id, as_csv):
    service = get_object_or_404(
        Service.objects.select_related("organisation"), pk=service_id, organisation__slug=slug
    )
    if not access.holds_role_in(request.user, service.organisation):
        raise Http404("Not found.")
    if not request.user.has_perm(VIEW_DASHBOARDS, service):
        raise PermissionDenied
    form = DashboardFilterForm(request.GET or None)
    months = form.chosen_months()
    show = request.GET.get(panels.SHOW, "")

    def group_url(group):
        # This page with that group shown month by month, keeping the period chosen.
        query = request.GET.copy()
        query[panels.SHOW] = group
        return f"?{query.urlencode()}"

    flags = selectors.active_flags(service)
    registered = tuple(_registered_keys())

    def build():
        index = selectors.monthly_snapshots([service.pk], months, every_key=True)
        return panels.service_view(
            service, index, months, flags, list(registered), show=show, group_url=group_url
        )

    # The flags shown (and what they say) are part of what decides the page.
    read = (registered, tuple((flag.pk, flag.summary, flag.rule) for flag in flags))
    kind = "service-csv" if as_csv else "service"
    built = _built(request, kind, service.organisation, [service], months, build, *read)
    if as_csv:
        return csv_response(built[1], f"service-{service.organisation.slug}-{service.pk}")
    csv_url = reverse("leadership:dashboard_service_csv", args=[slug, service.pk])
    return _render(
        request,
        "service",
        built,
        form,
        csv_url,
        form.period_query(),
        {"show_all_url": group_url(panels.SHOW_ALL), "showing_all": show == panels.SHOW_ALL},
    )


@require_GET
@login_required
def service(request, slug, service_id):
    return _service_dashboard(request, slug, service_id, as_csv=False)


@require_GET
@login_required
def service_csv(request, slug, service_id):
    return _service_dashboard(request, slug, service_id, as_csv=True)
