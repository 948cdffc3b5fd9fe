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
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from cms.background import start_on_commit
from cms.indicators import IndicatorValue, all_indicators, computing
from cms.organisations.models import Service
from cms.outbox.services import email_send
from cms.periods import add_months, month_start

from .incremental import StoredPlan, compute_per_service, consume_planned, plan_parts
from .models import IndicatorSnapshot, SnapshotRun, SnapshotRunPart
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
    # (prefix, kind of error, organisation id): the same, so that the parts of a run that
    # share an organisation count its failure once when their results are merged
    family_failed_for: set = field(default_factory=set)

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
    organisation=None,
    today=None,
    months=DEFAULT_MONTHS,
    on_progress=None,
    service_ids=None,
    plan=None,
):
    """Compute and store every registered indicator for every service of `organisation` (every
    organisation when None), or for the services `service_ids` (a part of a run), for the
    months before `today`'s and the 90 days before `today`. `on_progress(done, total)` is
    called before the first service and after each batch of services, with the number of
    services worked out and to work out. With `plan` (an incremental run's: see
    incremental.py) each service gets only the periods that can have changed. Returns a
    ComputeResult: how many snapshots were written and which indicators failed."""
    today = today or timezone.localdate()
    periods = snapshot_periods(today, months)
    result = ComputeResult()
    listed = {}  # organisation id -> its indicators, families' members included

    def indicators_of(organisation):
        if organisation.pk not in listed:

            def family_failed(prefix, error):
                result.family_failed(prefix, error)
                result.family_failed_for.add((prefix, type(error).__name__, organisation.pk))

            listed[organisation.pk] = all_indicators(organisation, family_failed=family_failed)
        return listed[organisation.pk]

    services = Service.objects.select_related("organisation").order_by("pk")
    if organisation is not None:
        services = services.filter(organisation=organisation)
    if service_ids is not None:
        services = services.filter(pk__in=service_ids)
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
# neither computes again nor marks it failed.
#
# Parts. The worker that claims a run cuts its services into parts (models.SnapshotRunPart)
# and queues one task per part, so every worker listening takes a share: two workers take
# about half the time of one. A part is claimed the same way (queued -> running), so a part's
# task delivered twice computes once. The part that leaves no part open finishes the run,
# once (a conditional update that also asks that no part be open): done, or failed if a part
# failed (the other parts' figures are kept: each is written as it is computed). With no
# broker (eager Celery) the parts run one after another in the process that claimed the run.
#
# A lost worker. A part whose worker was killed stays running; after PART_STALLED_AFTER it is
# put back in the queue once (parts_requeue_stalled). A run that has not moved on for
# STALLED_AFTER (its part lost twice, its messages flushed) is given up.

STALLED_REASON = (
    "It stopped moving on (the computer working it out may have been restarted), so it was "
    "given up. You can bring the figures up to date again."
)
# A run is cut into parts of at most SERVICES_AT_ONCE services (one batch each, so a
# set-based indicator still asks about many services at once), and into at least this many
# when it has the services for them, so that an organisation of 100 services is shared among
# up to 8 workers rather than the two or three its batches would make.
PARTS_AT_LEAST = 8
# A part takes one batch of services: minutes at most. One running for longer has lost its
# worker; it is requeued once, well before its run would be given up.
PART_STALLED_AFTER = STALLED_AFTER / 2
PART_REQUEUES = 1

Part = SnapshotRunPart


def _written(write):
    """`write()` in a transaction. SQLite (the embedded default) refuses a write while another
    connection holds the table: try again shortly rather than leave a run open until it is
    given up."""
    for attempt in range(FINISH_ATTEMPTS):
        try:
            with transaction.atomic():
                return write()
        except OperationalError:
            if attempt == FINISH_ATTEMPTS - 1:
                raise
            time_module.sleep(0.2 * (attempt + 1))
    return None


def parts_requeue_stalled(now=None, run_id=None):
    """Put back in the queue, once, every part of a running run that has been running for
    PART_STALLED_AFTER (its worker was killed: the broker will not hand its message to anyone
    else before its visibility timeout, if at all). Returns the ids requeued. The part's
    worker, if it was only slow, finds the part taken from it when it ends and its figures
    do not count twice (part_execute)."""
    from .tasks import compute_snapshot_part

    now = now or timezone.now()
    stalled = Part.objects.filter(
        status=Part.Status.RUNNING,
        run__status=SnapshotRun.Status.RUNNING,
        started_at__lt=now - PART_STALLED_AFTER,
        attempt__lt=PART_REQUEUES,
    )
    if run_id is not None:
        stalled = stalled.filter(run_id=run_id)
    requeued = []
    for part in stalled:
        with transaction.atomic():
            if Part.objects.filter(
                pk=part.pk, status=Part.Status.RUNNING, attempt=part.attempt
            ).update(status=Part.Status.QUEUED, attempt=F("attempt") + 1, started_at=None):
                # The run moves on again: it is not given up while its part is redone.
                SnapshotRun.objects.filter(
                    pk=part.run_id, status=SnapshotRun.Status.RUNNING
                ).update(progressed_at=now)
                logger.warning(
                    "Snapshot run %s: part %s (worker %s) stalled; queued again",
                    part.run_id,
                    part.index,
                    part.worker or "unknown",
                )
                requeued.append(part.pk)
                start_on_commit(compute_snapshot_part, part.pk)
    return requeued


def run_give_up_stalled(now=None):
    """Requeue stalled parts (once), then mark failed every open run that has not moved on for
    STALLED_AFTER, and its open parts with it. Returns how many runs were given up."""
    now = now or timezone.now()
    parts_requeue_stalled(now)
    before = now - STALLED_AFTER
    given_up = (
        SnapshotRun.objects.filter(status__in=OPEN)
        .filter(
            Q(progressed_at__lt=before) | Q(progressed_at__isnull=True, requested_at__lt=before)
        )
        .update(status=SnapshotRun.Status.FAILED, finished_at=now, error=STALLED_REASON)
    )
    if given_up:
        Part.objects.filter(
            status__in=Part.OPEN_STATUSES, run__status=SnapshotRun.Status.FAILED
        ).update(status=Part.Status.FAILED, finished_at=now, error="given up with its run")
    return given_up


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


def _slices(ids):
    """`ids` cut into parts of nearly equal size: at most SERVICES_AT_ONCE each, and at least
    PARTS_AT_LEAST parts when there are that many ids."""
    if not ids:
        return []
    count = max(math.ceil(len(ids) / SERVICES_AT_ONCE), min(PARTS_AT_LEAST, len(ids)))
    return [ids[n * len(ids) // count : (n + 1) * len(ids) // count] for n in range(count)]


def _cut(run, today, months):
    """The run's parts, made in one transaction with the run's total: every service of its
    organisation (every organisation's for the nightly run) in exactly one part."""
    services = Service.objects.order_by("pk")
    if run.organisation_id is not None:
        services = services.filter(organisation_id=run.organisation_id)
    ids = list(services.values_list("pk", flat=True))
    slices = _slices(ids)
    # The nightly run's plan (which periods of which services can have changed), made now from
    # the marks as they stand, and kept on each part (incremental.py).
    plans = plan_parts(run, slices, today, months)

    def write():
        Part.objects.bulk_create(
            Part(
                run=run,
                index=index,
                service_ids=part,
                today=today,
                months=months,
                periods=periods,
                marks=marks,
            )
            for index, (part, (periods, marks)) in enumerate(zip(slices, plans, strict=True))
        )
        SnapshotRun.objects.filter(pk=run.pk).update(
            services_total=len(ids), services_done=0, progressed_at=timezone.now()
        )

    _written(write)
    return list(run.parts.order_by("index").values_list("pk", flat=True))


def run_execute(run_id, today=None, months=DEFAULT_MONTHS, dispatch=None):
    """Carry out a queued run: claim it (queued -> running), cut it into parts, and hand the
    parts' ids to `dispatch(run_id, part_ids)` (the Celery tasks, one per part), or, without
    `dispatch`, compute them here one after another. Only the worker that claims the run does
    this: a task delivered again finds it running (or finished) and returns None, leaving it
    as it is. Returns the run, finished when its parts were computed here."""
    if not _claim(run_id):
        return None
    run = SnapshotRun.objects.get(pk=run_id)
    part_ids = _cut(run, today or timezone.localdate(), months)
    if dispatch is not None:
        dispatch(run_id, part_ids)
    else:
        for part_id in part_ids:
            part_execute(part_id)
        run_finish(run_id)  # a run with no services has no part to finish it
    return SnapshotRun.objects.select_related("organisation", "requested_by").get(pk=run_id)


def _touch(run_id, now):
    # Progress is for people watching and for the stalled rule: a write that cannot be made now
    # (SQLite's table lock while a page reads the run) is skipped; the part's end writes again.
    try:
        with transaction.atomic():
            SnapshotRun.objects.filter(pk=run_id, status=SnapshotRun.Status.RUNNING).update(
                progressed_at=now
            )
    except OperationalError as error:
        logger.warning("Snapshot run %s: progress not recorded (%s)", run_id, error)


def _failures_of(result):
    """A part's failures as stored (JSON): kinds of error and counts only."""
    return {
        "indicators": {key: dict(kinds) for key, kinds in result.failures.items()},
        "families": sorted([list(failure) for failure in result.family_failed_for]),
    }


def part_execute(part_id, worker=""):
    """Compute one part of a running run: claim it (queued -> running, so a task delivered
    twice computes once), compute its services, record it done (or failed) and add its
    services to the run's progress, then finish the run if no part is left open. Returns the
    run when this part finished it, else None."""
    now = timezone.now()
    claimed = Part.objects.filter(
        pk=part_id, status=Part.Status.QUEUED, run__status=SnapshotRun.Status.RUNNING
    ).update(status=Part.Status.RUNNING, started_at=now, worker=worker[:255])
    if not claimed:
        return None
    part = Part.objects.get(pk=part_id)
    _touch(part.run_id, now)
    try:
        result = snapshots_compute(
            today=part.today,
            months=part.months,
            service_ids=part.service_ids,
            plan=None if part.periods is None else StoredPlan(part.periods),
        )
    except Exception as error:  # noqa: BLE001 (the part is marked failed; the others go on)
        logger.error(
            "Snapshot run %s, part %s stopped: %s at %s",
            part.run_id,
            part.index,
            type(error).__name__,
            _where(error),
        )
        fields = {"status": Part.Status.FAILED, "error": type(error).__name__}
    else:
        fields = {
            "status": Part.Status.DONE,
            "snapshots_written": result.written,
            "failures": _failures_of(result),
        }

    def end():
        ended = timezone.now()
        # Only while the part is still this worker's: a part requeued meanwhile (its worker
        # thought lost) or given up with its run is recorded by whoever has it now.
        if not Part.objects.filter(
            pk=part.pk, status=Part.Status.RUNNING, attempt=part.attempt
        ).update(finished_at=ended, **fields):
            return False
        progress = {"progressed_at": ended}
        if fields["status"] == Part.Status.DONE:
            progress["services_done"] = F("services_done") + len(part.service_ids)
        SnapshotRun.objects.filter(pk=part.run_id, status=SnapshotRun.Status.RUNNING).update(
            **progress
        )
        return True

    _written(end)
    finished = run_finish(part.run_id)
    if finished is None:
        parts_requeue_stalled(run_id=part.run_id)
    return finished


def _merged(parts):
    """The parts' failures as one ComputeResult; a family that failed for an organisation
    counts once, however many parts the organisation's services were in."""
    result = ComputeResult()
    families = set()
    for part in parts:
        result.written += part.snapshots_written
        for key, kinds in (part.failures or {}).get("indicators", {}).items():
            result.failures[key].update(kinds)
        families.update(tuple(failure) for failure in (part.failures or {}).get("families", []))
    for prefix, kind, _organisation in families:
        result.family_failures[prefix][kind] += 1
    return result


def run_finish(run_id):
    """Finish the run if none of its parts is open: done, or failed if a part failed, with
    what it wrote and what failed. Exactly once, however many parts end at the same moment:
    the update asks for the run still running and no part open, and on PostgreSQL a second
    update waits for the first and then finds the run finished. Tells the person who asked.
    Returns the run if this call finished it, else None."""
    open_parts = Part.objects.filter(run=OuterRef("pk"), status__in=Part.OPEN_STATUSES)
    finishable = SnapshotRun.objects.filter(pk=run_id, status=SnapshotRun.Status.RUNNING).filter(
        ~Exists(open_parts)
    )
    if not finishable.exists():
        return None
    parts = list(Part.objects.filter(run_id=run_id))
    result = _merged(parts)
    failed = sorted({part.error for part in parts if part.status == Part.Status.FAILED})
    fields = {"snapshots_written": result.written}
    if failed:
        fields["status"] = SnapshotRun.Status.FAILED
        fields["error"] = f"The run stopped with an error ({', '.join(failed)})."
        if any(part.status == Part.Status.DONE for part in parts):
            done = sum(len(part.service_ids) for part in parts if part.status == Part.Status.DONE)
            fields["error"] += (
                f" The figures of {done} of {sum(len(part.service_ids) for part in parts)} "
                "services were brought up to date; the others keep their earlier values."
            )
    else:
        fields["status"] = SnapshotRun.Status.DONE
        fields["error"] = result.problems()

    def write():
        now = timezone.now()
        if not finishable.update(finished_at=now, progressed_at=now, **fields):
            return None
        run = SnapshotRun.objects.select_related("organisation", "requested_by").get(pk=run_id)
        if run.status == SnapshotRun.Status.DONE and not run.error and parts:
            # Every figure worked out: the marks the plan was made from are dealt with.
            consume_planned(parts, parts[0].today, parts[0].months)
        _tell_requester(run)
        return run

    return _written(write)


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


def nightly_run(today=None, months=DEFAULT_MONTHS, dispatch=None):
    """The nightly run over every organisation, carried out as run_execute does (its parts to
    `dispatch`, or here). Gives up stalled runs first; skipped (None) while another nightly
    run is open, so a redelivered task does not double the night's work. It recomputes only
    what can have changed since the last nightly run (the first one recomputes everything),
    planned when it is cut into parts; once done with every figure worked out, it consumes the
    marks it was planned from (incremental.py)."""
    run_give_up_stalled()
    now = timezone.now()
    try:
        with transaction.atomic():
            run = SnapshotRun.objects.create(
                organisation=None, status=SnapshotRun.Status.QUEUED, progressed_at=now
            )
    except IntegrityError:
        return None
    return run_execute(run.pk, today=today, months=months, dispatch=dispatch)
