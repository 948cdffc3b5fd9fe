"""The nightly run recomputes only what can have changed.

A snapshot depends on the data its indicator reads for that service and period. Every plugin
marks the months its writes touch (cms.figures: `cms.indicators.touched` and
`register_source`), so the nightly run works out, per service:

- the current periods: the rolling 90 days and the month just ended, and every month that ended
  since the last nightly run that finished well (so a missed night loses no month);
- every month marked since the last run;
- everything, for a service marked EVERY_MONTH (who works there changed, say) or with no
  snapshot yet (a new service), and for every service on the first nightly run (none finished
  well before). A leader's "bring the figures up to date" always recomputes everything.

Marks are consumed only once the run is done without failures, and only those it read before
it started and computed: a mark touched again during the run (its `touched_at` moved on) stays
for the next night, and so does a mark of the month under way, which has no snapshot until the
month ends.
"""

from collections import defaultdict
from datetime import date, datetime

from django.db.models import Q

from cms.figures.models import EVERY_MONTH
from cms.figures.services import marks_consume, marks_read
from cms.periods import month_start

from .models import IndicatorSnapshot, SnapshotRun

Period = IndicatorSnapshot.Period


def _all_periods(today, months):
    from .services import snapshot_periods

    return snapshot_periods(today, months)


def _services_with_snapshots(service_ids):
    return set(
        IndicatorSnapshot.objects.filter(service_id__in=service_ids)
        .order_by()
        .values_list("service_id", flat=True)
        .distinct()
    )


def periods_to_compute(services, today, months, full, marks=None, since=None):
    """{service pk: [SnapshotPeriod]}: what a run on `today` computes for each of `services`.

    `full` (a leader's run, or a first run) gives every service every period
    (services.snapshot_periods). Otherwise each service gets its current periods (the rolling
    90 days, the month just ended, and the months that ended after `since`, the start of the
    last nightly run that finished well) plus the months its `marks` name (cms.figures, as
    `marks_read` gives them; read now when None), or every period when it is marked
    EVERY_MONTH or has no snapshot yet. Periods keep the order of snapshot_periods."""
    every = _all_periods(today, months)
    services = list(services)
    if full:
        return {service.pk: list(every) for service in services}
    ids = [service.pk for service in services]
    if marks is None:
        marks = marks_read(ids)
    marked = defaultdict(set)
    for _pk, service_id, month, _touched_at in marks:
        marked[service_id].add(month)
    computed_before = _services_with_snapshots(ids)
    current_month = month_start(today)
    since_day = since.date() if since is not None else None

    def current(period):
        if period.kind != Period.MONTH:
            return True  # the rolling 90 days move every day
        if period.end == current_month:
            return True  # the month just ended
        return since_day is not None and period.end > since_day

    plan = {}
    for service in services:
        months_marked = marked.get(service.pk, set())
        if EVERY_MONTH in months_marked or service.pk not in computed_before:
            plan[service.pk] = list(every)
        else:
            plan[service.pk] = [
                period for period in every if current(period) or period.start in months_marked
            ]
    return plan


def marks_computed(marks, plan, today, months):
    """Of `marks`, those the run following `plan` has dealt with: a month it computed for the
    service, EVERY_MONTH where it computed every period, or a month too old to be computed at
    all. Marks of services it did not cover, and of the month under way (or later), stay."""
    every = _all_periods(today, months)
    window_start = min(period.start for period in every if period.kind == Period.MONTH)
    current_month = month_start(today)
    done = []
    for mark in marks:
        _pk, service_id, month, _touched_at = mark
        periods = plan.get(service_id)
        if periods is None:
            continue
        computed = {period.start for period in periods if period.kind == Period.MONTH}
        if month == EVERY_MONTH:
            if len(periods) == len(every):
                done.append(mark)
        elif month < window_start or (month < current_month and month in computed):
            done.append(mark)
    return done


def compute_per_service(services, periods_of, result, indicators_of, compute):
    """Compute each of `services` over its own periods (`periods_of`: {service pk: [periods]})
    with `compute(services, periods, result, indicators_of)` (services.services_compute), one
    period at a time for every service that needs it, so a set-based indicator is asked once
    per period for all of them."""
    by_period = {}
    for service in services:
        for period in periods_of.get(service.pk, ()):
            by_period.setdefault(period, []).append(service)
    ordered = sorted(by_period, key=lambda period: (period.kind != Period.MONTH, period.start))
    for period in ordered:
        compute(by_period[period], [period], result, indicators_of)


class NightlyPlan:
    """What one nightly run computes: the marks as they stood when it started, the last good
    nightly run before it, and each service's periods (filled in batch by batch). After the
    run, `consume` deletes the marks it dealt with."""

    def __init__(self, today, months, run_id=None):
        self.today = today
        self.months = months
        self.marks = marks_read()
        since = last_good_nightly_run_before(run_id)
        self.full = since is None
        self.since = since
        self.plan = {}

    def periods_of(self, services):
        services = list(services)
        ids = {service.pk for service in services}
        plan = periods_to_compute(
            services,
            self.today,
            self.months,
            self.full,
            marks=[mark for mark in self.marks if mark[1] in ids],
            since=self.since,
        )
        self.plan.update(plan)
        return plan

    def consume(self):
        return marks_consume(marks_computed(self.marks, self.plan, self.today, self.months))


def last_good_nightly_run_before(run_id=None):
    """The start of the latest nightly run other than `run_id` that finished with every figure
    worked out, or None when there has been none (so the next is a first run and recomputes
    everything)."""
    runs = SnapshotRun.objects.filter(
        organisation__isnull=True, status=SnapshotRun.Status.DONE, error=""
    ).exclude(Q(started_at__isnull=True) | Q(pk=run_id))
    run = runs.order_by("-started_at").only("started_at").first()
    return run.started_at if run is not None else None


# --- Runs cut into parts (services.py) ---------------------------------------------------------
#
# A run is cut into parts that workers take in any order, so a nightly run's plan is made once,
# when it is cut, from the marks as they stood then, and kept on each part: the part computes
# its services' periods, and the run, once done with every figure worked out, consumes the
# marks its parts were planned from.


def _period_json(period):
    return [period.kind, period.start.isoformat(), period.end.isoformat()]


def _period_from(data):
    from .services import SnapshotPeriod

    kind, start, end = data
    return SnapshotPeriod(kind, date.fromisoformat(start), date.fromisoformat(end))


def _mark_json(mark):
    pk, service_id, month, touched_at = mark
    return [pk, service_id, month.isoformat(), touched_at.isoformat()]


def _mark_from(data):
    pk, service_id, month, touched_at = data
    return (pk, service_id, date.fromisoformat(month), datetime.fromisoformat(touched_at))


def plan_parts(run, slices, today, months):
    """For each slice of service ids (the run's parts), (periods, marks) as the part keeps them:
    (None, []) for a leader's run, which recomputes everything; the nightly plan otherwise."""
    if run.organisation_id is not None:
        return [(None, []) for _ids in slices]
    from cms.organisations.models import Service

    plan = NightlyPlan(today, months, run_id=run.pk)
    planned = []
    for ids in slices:
        services = list(Service.objects.filter(pk__in=ids).only("pk"))
        periods = plan.periods_of(services)
        wanted = set(ids)
        planned.append(
            (
                {str(pk): [_period_json(period) for period in periods[pk]] for pk in ids},
                [_mark_json(mark) for mark in plan.marks if mark[1] in wanted],
            )
        )
    return planned


class StoredPlan:
    """A part's plan as it was kept (plan_parts): `periods_of(services)` as NightlyPlan's."""

    def __init__(self, periods):
        self.periods = {
            int(pk): [_period_from(period) for period in listed] for pk, listed in periods.items()
        }

    def periods_of(self, services):
        return {service.pk: self.periods.get(service.pk, []) for service in services}


def consume_planned(parts, today, months):
    """Delete the marks the run's parts were planned from and computed (a finished nightly run
    with every figure worked out). Returns how many."""
    plan, marks = {}, []
    for part in parts:
        if part.periods is None:
            continue
        plan.update(StoredPlan(part.periods).periods)
        marks.extend(_mark_from(mark) for mark in part.marks)
    return marks_consume(marks_computed(marks, plan, today, months))
