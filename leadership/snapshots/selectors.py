"""Reads of the snapshots part: snapshots for dashboards (in a fixed number of queries, however
long the history), and what the Figures page shows about the runs."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Max, Q
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.utils.formats import date_format

from cms import access
from cms.organisations.models import Organisation, Role

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
    return access.organisations_where(user, *REFRESHING_ROLES)


@dataclass(frozen=True)
class FiguresAsOf:
    """When an organisation's figures were last complete, and the run bringing them up to date
    now, if one is open. Every page that says when the figures were brought up to date says it
    with `text` and `progress_text` (through leadership/snapshots/_figures_as_of.html), so no
    two pages disagree."""

    organisation: Organisation
    at: datetime | None  # when the figures the pages show were last complete
    open_run: SnapshotRun | None  # queued or running: its own, or the nightly run

    @property
    def text(self):
        if self.at is None:
            return "The figures have not been worked out yet."
        moment = timezone.localtime(self.at)
        return (
            f"The figures were last brought up to date on {date_format(moment, 'j F Y')} "
            f"at {date_format(moment, 'H:i')}."
        )

    @property
    def is_open(self):
        return self.open_run is not None

    @property
    def progress_text(self):
        """How far the open run has got, or "" when none is open."""
        run = self.open_run
        if run is None:
            return ""
        by = " by the nightly run" if run.organisation_id is None else ""
        if run.status == SnapshotRun.Status.QUEUED or not run.services_total:
            asked = timezone.localtime(run.requested_at)
            return (
                f"They are being brought up to date now{by}: waiting to start (asked for at "
                f"{date_format(asked, 'H:i')})."
            )
        return (
            f"They are being brought up to date now{by}: {run.services_done} of "
            f"{run.services_total} service{pluralize(run.services_total)} done."
        )

    def as_json(self):
        run = self.open_run
        return {
            "organisation": self.organisation.pk,
            "open": self.is_open,
            "text": self.text,
            "progress": self.progress_text,
            "done": run.services_done if run else None,
            "total": run.services_total if run else None,
        }


def open_run_for(organisation):
    """The run now bringing `organisation`'s figures up to date: its own open run, else an open
    nightly run (which covers every organisation), else None."""
    return (
        SnapshotRun.objects.filter(status__in=SnapshotRun.OPEN_STATUSES)
        .filter(Q(organisation=organisation) | Q(organisation__isnull=True))
        .order_by(F("organisation_id").asc(nulls_last=True), "requested_at")
        .first()
    )


def figures_as_of(organisation):
    """The one answer to "how up to date are these figures?" for `organisation`: the end of the
    last finished run that covered it (its own or the nightly run), and the open run if any.
    Figures worked out without a run being recorded (the demo's) count from the last time one
    of its snapshots was written, so a page never says "not worked out yet" beside figures.
    Two queries, three when no run has finished."""
    last = (
        SnapshotRun.objects.filter(
            Q(organisation=organisation) | Q(organisation__isnull=True),
            status=SnapshotRun.Status.DONE,
            finished_at__isnull=False,
        )
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    if last is None:
        last = IndicatorSnapshot.objects.filter(service__organisation=organisation).aggregate(
            last=Max("computed_at")
        )["last"]
    return FiguresAsOf(organisation=organisation, at=last, open_run=open_run_for(organisation))


def figures_overview(organisations):
    """`figures_as_of` for each of these organisations, by name."""
    return [figures_as_of(organisation) for organisation in organisations]


def recent_runs(organisations, limit=RECENT_RUNS):
    """The latest runs that covered these organisations: their own, and the nightly runs over
    every organisation."""
    return list(
        SnapshotRun.objects.filter(Q(organisation__in=organisations) | Q(organisation=None))
        .select_related("organisation", "requested_by")
        .order_by("-requested_at", "-pk")[:limit]
    )
