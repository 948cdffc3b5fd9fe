"""Reads of the reports part: who may ask for a board report of which organisation, the reports
already made, and what a report is made from: the monthly snapshots (through the dashboards'
selector, so the report reads exactly what the screens read), the red flags and alerts of the
period and when the figures were last brought up to date, and for the restrictive practice
review the period's uses of each kind (counts, from the imports part). Never another plugin's
tables.

What a report reads is a fixed number of queries, whatever the length of the period."""

from dataclasses import dataclass, field
from datetime import datetime, time

from django.db.models import Prefetch, Q
from django.utils import timezone

from cms import access
from cms.indicators import all_indicators

from ..dashboards import panels as dashboard_panels
from ..dashboards import selectors as dashboard_selectors
from ..flags.models import AlertPathAssignment, ClosedCultureAlert, RedFlag
from ..flags.selectors import with_rules
from ..imports.selectors import restrictive_practice_by_kind
from ..snapshots.selectors import figures_as_of
from . import sections
from .models import BoardReport

REQUEST_REPORT = "leadership.request_board_report"
VIEW_REPORT = "leadership.view_board_report"


def report_organisations(user):
    """The organisations, by name, whose board reports `user` may ask for."""
    return access.organisations_with(user, REQUEST_REPORT)


def holds_role_in(user, organisation):
    """To someone with no role in an organisation, its reports are "not found"."""
    return access.holds_role_in(user, organisation)


def reports_of(organisations):
    """The reports of these organisations, newest first."""
    return (
        BoardReport.objects.filter(organisation__in=list(organisations))
        .select_related("organisation", "requested_by")
        .order_by("-requested_at", "-pk")
    )


def report_by_key(key):
    return BoardReport.objects.select_related("organisation").filter(key=key).first()


def queued_report(organisation, months):
    """A report of the same organisation and period already waiting to be made, or None."""
    return (
        BoardReport.objects.filter(
            organisation=organisation,
            start=months.first,
            end=months.end,
            status=BoardReport.Status.QUEUED,
        )
        .order_by("-requested_at")
        .first()
    )


# --- What a report is made from ---------------------------------------------------------------


@dataclass(frozen=True)
class ReportData:
    organisation: object
    months: object
    services: list
    index: object  # dashboards.selectors.SnapshotIndex of every indicator the report shows
    flags: list  # the red flags that stood at some time in the period
    alerts: list  # the closed-culture alerts of the period, and older ones still open
    figures_as_of: object  # snapshots.selectors.FiguresAsOf: how up to date the figures are
    registered_keys: list
    # Restrictive practice by kind over the period, by service (imports.selectors): counts only.
    restrictive_kinds: dict = field(default_factory=dict)


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time()))


def flags_in_period(service_ids, months):
    """Flags raised before the period ended and not cleared before it began, each with its
    rule (`rule_definition`)."""
    flags = (
        RedFlag.objects.filter(service_id__in=service_ids, start__lt=months.end)
        .filter(Q(cleared_at__isnull=True) | Q(cleared_at__gte=_midnight(months.first)))
        .select_related("service")
        .order_by("service__name", "service_id", "start", "rule")
    )
    return with_rules(flags)


def alerts_in_period(service_ids, months):
    """Alerts raised for a month of the period, and earlier ones that were still open during
    it, with their flags (each with its rule) and the learning assigned from them."""
    alerts = list(
        ClosedCultureAlert.objects.filter(service_id__in=service_ids, start__lt=months.end)
        .filter(
            Q(start__gte=months.first)
            | Q(acknowledged_at__isnull=True)
            | Q(acknowledged_at__gte=_midnight(months.first))
        )
        .select_related("service", "acknowledged_by")
        .prefetch_related(
            Prefetch("flags", queryset=RedFlag.objects.order_by("rule")),
            Prefetch(
                "assignments",
                queryset=AlertPathAssignment.objects.select_related("assigned_by").order_by(
                    "assigned_at", "pk"
                ),
            ),
        )
        .order_by("service__name", "service_id", "start")
    )
    for alert in alerts:
        alert.flag_list = with_rules(alert.flags.all())
    return alerts


def report_data(organisation, months):
    services = list(organisation.services.select_related("organisation").order_by("name", "pk"))
    ids = [service.pk for service in services]
    index = dashboard_selectors.monthly_snapshots(
        ids,
        months,
        keys=sections.indicator_keys(),
        prefixes=(dashboard_panels.LEARNING_PATH_PREFIX, dashboard_panels.LEARNING_ROLE_PREFIX),
    )
    return ReportData(
        organisation=organisation,
        months=months,
        services=services,
        index=index,
        flags=flags_in_period(ids, months),
        alerts=alerts_in_period(ids, months),
        figures_as_of=figures_as_of(organisation),
        registered_keys=[indicator.key for indicator in all_indicators(organisation)],
        restrictive_kinds=restrictive_practice_by_kind(ids, months.first, months.end),
    )
