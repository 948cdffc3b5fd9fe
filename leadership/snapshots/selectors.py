"""Reads of the snapshots part: snapshots for dashboards (in a fixed number of queries, however
long the history), and what the Figures page shows about the runs."""

from dataclasses import dataclass

from django.db.models import Max, Q

from cms.organisations.models import Organisation, Role
from cms.permissions import memberships

from .models import IndicatorSnapshot, SnapshotRun

RECENT_RUNS = 10
# The roles that bring the figures up to date (leadership.refresh_snapshots).
REFRESHING_ROLES = frozenset({Role.LEADER, Role.ORGANISATION_ADMIN})


def snapshots_for(service_ids, indicator_keys, period, start, end):
    """The snapshots of `period` kind ("month" or "rolling_90") whose start falls in
    [start, end), for those services and indicators, ordered by service, indicator and start.
    One query whatever the number of months. Each row's `shown_value` is its value, or None
    when it rests on fewer people than its indicator's floor: show that, never `value`."""
    return list(
        IndicatorSnapshot.objects.filter(
            service_id__in=service_ids,
            indicator__in=indicator_keys,
            period=period,
            start__gte=start,
            start__lt=end,
        ).order_by("service_id", "indicator", "start")
    )


def refreshable_organisations(user):
    """The organisations whose figures `user` may bring up to date: those they lead or run
    (every organisation for a site superuser)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    ids = {org_id for org_id, _service, role in memberships(user) if role in REFRESHING_ROLES}
    return Organisation.objects.filter(pk__in=ids)


@dataclass(frozen=True)
class OrganisationFigures:
    organisation: Organisation
    last_computed: object  # the latest computed_at of its snapshots, or None
    open_run: SnapshotRun | None  # a run of its own, queued or running


def figures_overview(organisations):
    """For each organisation: when its snapshots were last computed and its open run, if any.
    Three queries, whatever the number of organisations or snapshots."""
    organisations = list(organisations)
    ids = [organisation.pk for organisation in organisations]
    last_computed = dict(
        IndicatorSnapshot.objects.filter(service__organisation_id__in=ids)
        .values("service__organisation_id")
        .annotate(last=Max("computed_at"))
        .values_list("service__organisation_id", "last")
    )
    open_runs = {}
    for run in SnapshotRun.objects.filter(
        organisation_id__in=ids, status__in=(SnapshotRun.Status.QUEUED, SnapshotRun.Status.RUNNING)
    ).order_by("requested_at"):
        open_runs.setdefault(run.organisation_id, run)
    return [
        OrganisationFigures(
            organisation=organisation,
            last_computed=last_computed.get(organisation.pk),
            open_run=open_runs.get(organisation.pk),
        )
        for organisation in organisations
    ]


def recent_runs(organisations, limit=RECENT_RUNS):
    """The latest runs that covered these organisations: their own, and the nightly runs over
    every organisation."""
    return list(
        SnapshotRun.objects.filter(Q(organisation__in=organisations) | Q(organisation=None))
        .select_related("organisation", "requested_by")
        .order_by("-requested_at", "-pk")[:limit]
    )
