"""Computing the snapshots: every registered indicator (cms.indicators) for every service and
period, stored as `IndicatorSnapshot` rows that dashboards, red flags and the board report read.

Periods. Each run computes the `months` whole calendar months before the current one, and the
rolling 90 days: the 90 whole days before the day of computing, [today - 90 days, today). The
current month is left out while it is under way: a part month would look like a fall in every
count (fewer concerns, fewer complaints, fewer leavers) and trip "falling reports" rules, and a
snapshot has no field to mark it partial. The present is covered by the rolling 90 days, and on
the first night of a month the month just ended gets its snapshot. Periods are passed to the
indicators as moments: midnight UK time at each end.

Recomputing replaces. A snapshot is keyed by service, indicator, period kind and start; a run
writes every key again (an upsert), so a corrected CSV or a late-answered concern shows up the
next night. A leader's "bring the figures up to date" and the first nightly run recompute every
month, old ones included. Later nightly runs recompute, per service, only what can have changed
(incremental.py): the rolling 90 days, the month just ended, and the months whose data was
touched since the last run (imports re-uploaded for a past period, an outcome fed back late, a
record erased), which every plugin marks as it writes (cms.figures).

Failures. An indicator that raises is skipped for that service and period (its earlier snapshot,
if any, stays, with its older `computed_at`); the others carry on. The failure is logged with the
indicator key, the service id, the period and the kind of error only (an error's message can
quote stored data), and summed up on the run in the same terms. A family of indicators whose
members cannot be listed for an organisation (cms.indicators.all_indicators) is skipped the
same way: the organisation's other indicators are computed, the family's figures keep their
earlier values, the run (still done) names the family's prefix and the kind of error, and the
next run asks the family again.
"""

import logging
import math
import time as time_module
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cms.background import start_on_commit
from cms.indicators import IndicatorValue, all_indicators, computing
from cms.organisations.models import Service
from cms.outbox.services import email_send
from cms.periods import add_months, month_start

from .incremental import NightlyPlan, compute_per_service
from .models import IndicatorSnapshot, SnapshotRun
from .selectors import open_run_for

logger = logging.getLogger(__name__)

DEFAULT_MONTHS = 24
ROLLING_DAYS = 90
# A run moves on (`progressed_at`) when it is asked for, when a worker takes it and after every
# service. One that has not moved for this long has been lost (a worker killed mid-run, a queue
# that was flushed): it is given up (failed, with the reason) when the next run is asked for or
# by the nightly run, so the figures can be brought up to date again. One service takes well
# under a minute even at the scale of a Safeguarding Adults Board area.
STALLED_AFTER = timedelta(minutes=30)
FINISH_ATTEMPTS = 5
OPEN = SnapshotRun.OPEN_STATUSES

Period = IndicatorSnapshot.Period


@dataclass(frozen=True)
class SnapshotPeriod:
    kind: str
    start: object  # a date; [start, end)
    end: object


def snapshot_periods(today, months=DEFAULT_MONTHS):
    """The periods a run computes on `today`: the `months` whole months before today's month,
    oldest first, then the 90 days before today."""
    current = month_start(today)
    monthly = [
        SnapshotPeriod(Period.MONTH, add_months(current, -back), add_months(current, 1 - back))
        for back in range(months, 0, -1)
    ]
    rolling = SnapshotPeriod(Period.ROLLING_90, today - timedelta(days=ROLLING_DAYS), today)
    return [*monthly, rolling]


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time()))


@dataclass
class ComputeResult:
    written: int = 0
    # indicator key -> Counter of error kinds, one count per service and period it failed for
    failures: dict = field(default_factory=lambda: defaultdict(Counter))

    # family prefix -> Counter of error kinds, one count per organisation it failed for
    family_failures: dict = field(default_factory=lambda: defaultdict(Counter))

    def failed(self, key, error):
        self.failures[key][type(error).__name__] += 1

    def family_failed(self, prefix, error):
        self.family_failures[prefix][type(error).__name__] += 1

    def problems(self):
        """The failures in words, without personal data: the indicator keys (or the families'
        prefixes), the kinds of error and how many service-periods (or organisations) each
        failed for."""
        sentences = []
        if self.failures:
            sentences.append(
                "Some figures could not be worked out and keep their earlier value "
                f"(indicator, kind of error x times): {_listed(self.failures)}."
            )
        if self.family_failures:
            sentences.append(
                "Some groups of figures could not be listed, so none of theirs were worked out "
                "this time and they keep their earlier values (indicators starting with, kind "
                f"of error x organisations): {_listed(self.family_failures)}."
            )
        return " ".join(sentences)


def _listed(failures):
    parts = []
    for key in sorted(failures):
        kinds = ", ".join(f"{kind} x {count}" for kind, count in sorted(failures[key].items()))
        parts.append(f"{key} ({kinds})")
    return "; ".join(parts)


def _where(error):
    """The file and line an error was raised at: enough to find it, with no stored data."""
    frames = traceback.extract_tb(error.__traceback__)
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "unknown"


def _checked(value):
    """The figure as it is stored; anything that is not a finite figure resting on a whole,
    non-negative number of people is the indicator's error."""
    if not isinstance(value, IndicatorValue):
        raise TypeError("an indicator must return an IndicatorValue")
    figure = None if value.value is None else float(value.value)
    if figure is not None and not math.isfinite(figure):
        raise ValueError("an indicator's value must be a finite number")
    people = int(value.people)
    if people < 0:
        raise ValueError("an indicator's people cannot be negative")
    return figure, people


def _snapshot(indicator, service, period, value, result):
    """The snapshot of one computed value, or None (the failure recorded) when the value is
    not a figure that can be stored."""
    try:
        figure, people = _checked(value)
    except Exception as error:  # noqa: BLE001 (one bad value must not stop the others)
        _failed(indicator, service, period, error, result)
        return None
    return IndicatorSnapshot(
        service=service,
        indicator=indicator.key,
        period=period.kind,
        start=period.start,
        end=period.end,
        value=figure,
        people=people,
        min_people=indicator.min_people,
    )


def _failed(indicator, service, period, error, result):
    result.failed(indicator.key, error)
    logger.warning(
        "Indicator %s failed for service %s, %s from %s: %s at %s",
        indicator.key,
        service.pk,
        period.kind,
        period.start.isoformat(),
        type(error).__name__,
        _where(error),
    )


def _compute_one(indicator, service, period, result):
    try:
        # A savepoint, so that a database error in one indicator leaves the connection usable
        # for the rest (PostgreSQL refuses every query in a transaction after an error).
        with transaction.atomic():
            value = indicator(service, _midnight(period.start), _midnight(period.end))
    except Exception as error:  # noqa: BLE001 (one indicator must not stop the others)
        _failed(indicator, service, period, error, result)
        return None
    return _snapshot(indicator, service, period, value, result)


def _compute_many(indicator, services, period, result):
    """The indicator for every one of `services` over `period`: in one set-based call where it
    has one (cms.indicators.Indicator.for_services). If that call fails, each service is
    worked out on its own, so one service's bad data costs that service's figure only."""
    if indicator.many is not None and len(services) > 1:
        try:
            with transaction.atomic():
                values = indicator.for_services(
                    services, _midnight(period.start), _midnight(period.end)
                )
        except Exception as error:  # noqa: BLE001 (fall back to one service at a time)
            logger.warning(
                "Indicator %s failed for %s services at once, %s from %s: %s at %s; "
                "working them out one at a time",
                indicator.key,
                len(services),
                period.kind,
                period.start.isoformat(),
                type(error).__name__,
                _where(error),
            )
        else:
            return [
                snapshot
                for service in services
                if (snapshot := _snapshot(indicator, service, period, values[service.pk], result))
                is not None
            ]
    return [
        snapshot
        for service in services
        if (snapshot := _compute_one(indicator, service, period, result)) is not None
    ]


def _upsert(snapshots):
    IndicatorSnapshot.objects.bulk_create(
        snapshots,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["service", "indicator", "period", "start"],
        update_fields=["end", "value", "people", "min_people", "computed_at"],
    )


# Services worked out together: each indicator is asked about this many at once. Large enough
# that a set-based indicator's one query replaces many, small enough that a run's progress
# moves and the figures of one batch are held in memory at a time.
SERVICES_AT_ONCE = 50


def services_compute(services, periods, result, indicators_of):
    """Compute and store every indicator of each of `services` (their organisations' lists,
    `indicators_of(organisation)`) over `periods`, indicator by indicator across the services,
    and add to `result`. One transaction per indicator's batch is not needed: each value is
    written by an upsert, so a batch cut short is completed by the next run. `periods` may
    instead be {service pk: [periods]}, each service's own (incremental.compute_per_service)."""
    if isinstance(periods, dict):
        return compute_per_service(services, periods, result, indicators_of, services_compute)
    by_key = {}  # indicator key -> (indicator, [services whose organisation has it])
    for service in services:
        for indicator in indicators_of(service.organisation):
            by_key.setdefault(indicator.key, (indicator, []))[1].append(service)
    for period in periods:
        # Figures several indicators share are read once per batch and period, and forgotten
        # with the period (cms.indicators.computing).
        with computing():
            snapshots = [
                snapshot
                for indicator, its_services in by_key.values()
                for snapshot in _compute_many(indicator, its_services, period, result)
            ]
        _upsert(snapshots)
        result.written += len(snapshots)


def snapshots_compute(
    organisation=None, today=None, months=DEFAULT_MONTHS, on_progress=None, plan=None
):
    """Compute and store every registered indicator for every service of `organisation` (every
    organisation when None), for the months before `today`'s and the 90 days before `today`.
    `on_progress(done, total)` is called before the first service and after each batch of
    services, with the number of services worked out and to work out. With `plan` (the nightly
    run's incremental.NightlyPlan) each service gets only the periods that can have changed.
    Returns a ComputeResult: how many snapshots were written and which indicators failed."""
    today = today or timezone.localdate()
    periods = snapshot_periods(today, months)
    result = ComputeResult()
    listed = {}  # organisation id -> its indicators, families' members included

    def indicators_of(organisation):
        if organisation.pk not in listed:
            listed[organisation.pk] = all_indicators(
                organisation, family_failed=result.family_failed
            )
        return listed[organisation.pk]

    services = Service.objects.select_related("organisation").order_by("pk")
    if organisation is not None:
        services = services.filter(organisation=organisation)
    services = list(services)
    if on_progress is not None:
        on_progress(0, len(services))
    for first in range(0, len(services), SERVICES_AT_ONCE):
        batch = services[first : first + SERVICES_AT_ONCE]
        its_periods = periods if plan is None else plan.periods_of(batch)
        services_compute(batch, its_periods, result, indicators_of)
        if on_progress is not None:
            on_progress(first + len(batch), len(services))
    return result


# --- Runs -------------------------------------------------------------------------------------
#
# A run's life: queued (asked for) -> running (claimed by one worker) -> done or failed. The
# database allows one open (queued or running) run per organisation and one open nightly run
# (models.SnapshotRun.Meta.constraints). A worker claims a run with a conditional update from
# queued to running, so a task delivered twice (redelivered after the broker's visibility
# timeout while the first is still at work) finds the run claimed and leaves it alone: it
# neither computes again nor marks it failed. A run whose worker was killed stays running until
# it has not moved for STALLED_AFTER; then it is given up.

STALLED_REASON = (
    "It stopped moving on (the computer working it out may have been restarted), so it was "
    "given up. You can bring the figures up to date again."
)


def run_give_up_stalled(now=None):
    """Mark failed every open run that has not moved on for STALLED_AFTER. Returns how many."""
    now = now or timezone.now()
    before = now - STALLED_AFTER
    return (
        SnapshotRun.objects.filter(status__in=OPEN)
        .filter(
            Q(progressed_at__lt=before) | Q(progressed_at__isnull=True, requested_at__lt=before)
        )
        .update(status=SnapshotRun.Status.FAILED, finished_at=now, error=STALLED_REASON)
    )


def run_request(organisation, user):
    """Ask for `organisation`'s figures to be brought up to date. Returns (run, created): a new
    queued run, started in the background once the transaction commits; or, while one is open
    (its own, or the nightly run), that run and False. Runs that stalled are given up first."""
    from .tasks import compute_snapshots_for

    run_give_up_stalled()
    existing = open_run_for(organisation)
    if existing is not None:
        return existing, False
    now = timezone.now()
    try:
        with transaction.atomic():
            run = SnapshotRun.objects.create(
                organisation=organisation,
                requested_by=user,
                status=SnapshotRun.Status.QUEUED,
                progressed_at=now,
            )
    except IntegrityError:
        # Another request opened one first (the unique constraint): show that one.
        existing = open_run_for(organisation)
        if existing is None:  # finished between the two statements: ask again
            return run_request(organisation, user)
        return existing, False
    start_on_commit(compute_snapshots_for, run.pk)
    return run, True


def _claim(run_id):
    """queued -> running, by one worker only (the conditional update)."""
    now = timezone.now()
    return SnapshotRun.objects.filter(pk=run_id, status=SnapshotRun.Status.QUEUED).update(
        status=SnapshotRun.Status.RUNNING, started_at=now, progressed_at=now
    )


def _progress(run_id):
    def record(done, total):
        # Progress is for people watching: a write that cannot be made now (SQLite's table lock
        # while a page reads the run) is skipped, and the next service writes it again.
        try:
            with transaction.atomic():
                SnapshotRun.objects.filter(pk=run_id, status=SnapshotRun.Status.RUNNING).update(
                    services_done=done, services_total=total, progressed_at=timezone.now()
                )
        except OperationalError as error:
            logger.warning("Snapshot run %s: progress not recorded (%s)", run_id, error)

    return record


def _finish(run, result=None, error=""):
    """Record how the run ended, only if it is still running (a run given up while its worker
    was slow stays given up), and tell the person who asked for it."""
    now = timezone.now()
    if result is not None:
        fields = {
            "status": SnapshotRun.Status.DONE,
            "snapshots_written": result.written,
            "error": result.problems(),
        }
    else:
        fields = {"status": SnapshotRun.Status.FAILED, "error": error}
    for attempt in range(FINISH_ATTEMPTS):
        try:
            with transaction.atomic():
                finished = SnapshotRun.objects.filter(
                    pk=run.pk, status=SnapshotRun.Status.RUNNING
                ).update(finished_at=now, progressed_at=now, **fields)
                run.refresh_from_db()
                if finished:
                    _tell_requester(run)
            return run
        except OperationalError:
            # SQLite (the embedded default) refuses a write while another connection holds the
            # table; try again shortly rather than leave the run open until it is given up.
            if attempt == FINISH_ATTEMPTS - 1:
                raise
            time_module.sleep(0.2 * (attempt + 1))
    return run


def _tell_requester(run):
    """An email to the person who asked for the run: done, or failed and what to do."""
    person = run.requested_by
    if run.organisation is None or person is None or not person.email:
        return
    context = {
        "run": run,
        "organisation_name": run.organisation.name,
        "done": run.status == SnapshotRun.Status.DONE,
        "finished_at": timezone.localtime(run.finished_at),
        "figures_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("leadership:figures"),
    }
    email_send(
        "leadership/snapshots/email/run_finished",
        context,
        [person],
        kind="leadership/snapshots/run_finished",
    )


def _execute(run, today=None, months=DEFAULT_MONTHS, plan=None):
    try:
        result = snapshots_compute(
            organisation=run.organisation,
            today=today,
            months=months,
            on_progress=_progress(run.pk),
            plan=plan,
        )
    except Exception as error:  # noqa: BLE001 (the run is marked failed; the worker carries on)
        logger.error(
            "Snapshot run %s stopped: %s at %s", run.pk, type(error).__name__, _where(error)
        )
        return _finish(run, error=f"The run stopped with an error ({type(error).__name__}).")
    return _finish(run, result)


def run_execute(run_id, today=None, months=DEFAULT_MONTHS):
    """Carry out a queued run: queued -> running -> done (or failed). Only the worker that
    claims it from queued computes: a task delivered again finds it running (or finished) and
    returns None, leaving it as it is. Returns the finished run."""
    if not _claim(run_id):
        return None
    run = SnapshotRun.objects.select_related("organisation", "requested_by").get(pk=run_id)
    return _execute(run, today=today, months=months)


def nightly_run(today=None, months=DEFAULT_MONTHS):
    """The nightly run over every organisation. Gives up stalled runs first; skipped (None)
    while another nightly run is open, so a redelivered task does not double the night's
    work. Recomputes only what can have changed since the last nightly run (the first one
    recomputes everything): incremental.NightlyPlan. Once done with every figure worked out, it
    consumes the marks it read before it started and computed."""
    run_give_up_stalled()
    now = timezone.now()
    try:
        with transaction.atomic():
            run = SnapshotRun.objects.create(
                organisation=None, status=SnapshotRun.Status.QUEUED, progressed_at=now
            )
    except IntegrityError:
        return None
    if not _claim(run.pk):
        return None
    run.refresh_from_db()
    plan = NightlyPlan(today or timezone.localdate(), months, run_id=run.pk)
    run = _execute(run, today=today, months=months, plan=plan)
    if run.status == SnapshotRun.Status.DONE and not run.error:
        plan.consume()
    return run
