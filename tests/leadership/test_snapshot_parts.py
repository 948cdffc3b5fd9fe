"""A snapshot run cut into parts that several workers share: the parts cover every service once,
a part's task delivered twice computes once, the run finishes once when its last part ends
(even when two parts end at the same moment on two connections), a failed part fails the run
and keeps the other parts' figures, a part whose worker was killed is requeued once and its
run given up after that, and two real worker processes each take parts of one run."""

import os
import threading
import time
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.utils import timezone

from cms import indicators
from cms.indicators import Direction, IndicatorValue
from cms.organisations.models import Role
from leadership.snapshots import services, tasks
from leadership.snapshots.models import IndicatorSnapshot, SnapshotRun, SnapshotRunPart
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.leadership.factories_snapshots import SnapshotRunFactory

pytestmark = pytest.mark.django_db

Status = SnapshotRun.Status
PartStatus = SnapshotRunPart.Status
TODAY = date(2026, 3, 15)
PERIODS = 2  # months=1: one month and the rolling 90 days


@pytest.fixture
def registry(monkeypatch):
    """One indicator, `visits`, that records which services it was asked about and, while
    `state.barrier` is set, waits there (two parts computing at the same moment)."""
    monkeypatch.setattr(indicators, "_registry", {})
    state = SimpleNamespace(calls=[], barrier=None)

    @indicators.register("visits", label="Visits", unit="count", good_direction=Direction.UP)
    def visits(service, start, end):
        state.calls.append(service.pk)
        if state.barrier is not None:
            state.barrier.wait(20)
        return IndicatorValue(float(service.beds), 7)

    return state


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Island Care", slug="island-care")


def _services(organisation, count):
    return [
        ServiceFactory(organisation=organisation, name=f"House {n}", beds=n + 1)
        for n in range(count)
    ]


@pytest.fixture
def flags_evaluated(monkeypatch):
    from leadership.flags import services as flag_services

    evaluated = []
    monkeypatch.setattr(
        flag_services,
        "flags_evaluate",
        lambda organisation=None, month=None: evaluated.append(organisation) or {},
    )
    return evaluated


@pytest.fixture
def told(monkeypatch):
    """The runs whose requester was told they finished."""
    told = []
    real = services._tell_requester
    monkeypatch.setattr(services, "_tell_requester", lambda run: told.append(run.pk) or real(run))
    return told


def _cut(run, months=1):
    """Claim and cut the run, queueing nothing: the ids of its parts."""
    queued = []
    services.run_execute(
        run.pk, today=TODAY, months=months, dispatch=lambda run_id, ids: queued.extend(ids)
    )
    return queued


# --- Cutting ----------------------------------------------------------------------------------


def test_slices_cover_every_id_once_in_nearly_equal_parts_of_at_most_a_batch():
    for count in range(0, 240):
        ids = list(range(1000, 1000 + count))
        slices = services._slices(ids)
        assert [pk for part in slices for pk in part] == ids
        sizes = [len(part) for part in slices]
        assert all(0 < size <= services.SERVICES_AT_ONCE for size in sizes)
        assert not sizes or max(sizes) - min(sizes) <= 1
        # Enough parts for PARTS_AT_LEAST workers, when there are the services for them.
        assert len(slices) >= min(count, services.PARTS_AT_LEAST)


def test_a_runs_parts_cover_each_of_its_services_exactly_once(organisation, monkeypatch):
    monkeypatch.setattr(services, "SERVICES_AT_ONCE", 3)
    monkeypatch.setattr(services, "PARTS_AT_LEAST", 2)
    mine = _services(organisation, 11)
    _services(OrganisationFactory(), 2)  # another organisation's are not in this run
    run = SnapshotRunFactory(organisation=organisation)

    part_ids = _cut(run)

    parts = list(SnapshotRunPart.objects.filter(run=run).order_by("index"))
    assert [part.pk for part in parts] == part_ids
    assert [part.index for part in parts] == [0, 1, 2, 3]
    covered = [pk for part in parts for pk in part.service_ids]
    assert covered == sorted(service.pk for service in mine)
    assert all(part.status == PartStatus.QUEUED for part in parts)
    assert {(part.today, part.months) for part in parts} == {(TODAY, 1)}
    run.refresh_from_db()
    assert (run.status, run.services_done, run.services_total) == (Status.RUNNING, 0, 11)


def test_the_nightly_runs_parts_cover_every_organisations_services(organisation):
    everyone = _services(organisation, 3) + _services(OrganisationFactory(), 4)
    queued = []

    run = services.nightly_run(today=TODAY, months=1, dispatch=lambda r, ids: queued.extend(ids))

    covered = sorted(
        pk for part in SnapshotRunPart.objects.filter(run=run) for pk in part.service_ids
    )
    assert covered == sorted(service.pk for service in everyone)
    assert len(queued) == 7


def test_with_eager_celery_the_parts_run_in_order_and_finish_the_run(
    organisation, registry, flags_evaluated, monkeypatch
):
    """The embedded default: the task that claims the run runs each part's task at once."""
    _services(organisation, 3)
    run = SnapshotRunFactory(organisation=organisation)
    order = []
    real = services.part_execute

    def recording(part_id, worker=""):
        order.append(SnapshotRunPart.objects.get(pk=part_id).index)
        return real(part_id, worker)

    monkeypatch.setattr(services, "part_execute", recording)

    tasks.compute_snapshots_for(run.pk)

    run.refresh_from_db()
    assert order == [0, 1, 2]
    assert run.status == Status.DONE and (run.services_done, run.services_total) == (3, 3)
    assert run.snapshots_written == IndicatorSnapshot.objects.count() == 3 * 25
    assert flags_evaluated == [organisation]


def test_a_run_with_no_services_is_done_at_once(organisation, flags_evaluated):
    run = SnapshotRunFactory(organisation=organisation)

    tasks.compute_snapshots_for(run.pk)

    run.refresh_from_db()
    assert run.status == Status.DONE and not run.parts.exists()
    assert flags_evaluated == [organisation]


# --- A part delivered twice -------------------------------------------------------------------


def test_a_part_delivered_twice_computes_once(organisation, registry, flags_evaluated, monkeypatch):
    first, second = _services(organisation, 2)
    run = SnapshotRunFactory(organisation=organisation)
    part_id, other_id = _cut(run)
    redelivered = []
    compute = services.snapshots_compute

    def compute_and_meanwhile_redeliver(**kwargs):
        # The broker hands the same message to another worker while this one computes.
        redelivered.append(services.part_execute(part_id, "another/2"))
        return compute(**kwargs)

    monkeypatch.setattr(services, "snapshots_compute", compute_and_meanwhile_redeliver)

    tasks.compute_snapshot_part(part_id)

    part = SnapshotRunPart.objects.get(pk=part_id)
    assert redelivered == [None]
    assert part.status == PartStatus.DONE and part.worker.endswith(f"/{os.getpid()}")
    assert registry.calls == [first.pk] * PERIODS
    # Delivered again once it is done: nothing.
    monkeypatch.setattr(services, "snapshots_compute", compute)
    tasks.compute_snapshot_part(part_id)
    assert registry.calls == [first.pk] * PERIODS
    run.refresh_from_db()
    assert (run.status, run.services_done) == (Status.RUNNING, 1)

    tasks.compute_snapshot_part(other_id)
    tasks.compute_snapshot_part(other_id)

    run.refresh_from_db()
    assert registry.calls == [first.pk] * PERIODS + [second.pk] * PERIODS
    assert (run.status, run.services_done, run.snapshots_written) == (Status.DONE, 2, 2 * PERIODS)
    assert flags_evaluated == [organisation]


# --- Finishing once ---------------------------------------------------------------------------


def test_the_run_finishes_once_when_its_last_part_ends(
    organisation, registry, flags_evaluated, told
):
    _services(organisation, 3)
    run = SnapshotRunFactory(organisation=organisation, requested_by=member(Role.LEADER))
    part_ids = _cut(run)

    ended = [services.part_execute(part_id) for part_id in part_ids]

    assert ended[:2] == [None, None]
    assert ended[2].pk == run.pk and ended[2].status == Status.DONE
    assert told == [run.pk]
    assert services.run_finish(run.pk) is None  # asked again: already finished
    assert told == [run.pk]


@pytest.mark.django_db(transaction=True)
def test_two_parts_ending_at_once_finish_the_run_once(
    postgres_db, organisation, registry, monkeypatch, told
):
    """Two workers, each on its own connection, compute the run's two parts at the same
    moment and end together: one of them finishes the run, and its flags are asked for once."""
    _services(organisation, 2)
    run = SnapshotRunFactory(organisation=organisation, requested_by=member(Role.LEADER))
    part_ids = _cut(run)
    registry.barrier = threading.Barrier(2)
    asked = []
    monkeypatch.setattr(tasks, "_then_flags", lambda run, organisation_id=None: asked.append(run))
    errors = []

    def work(part_id):
        try:
            tasks.compute_snapshot_part(part_id)
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=work, args=(part_id,)) for part_id in part_ids]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(60)

    assert errors == []
    run.refresh_from_db()
    assert run.status == Status.DONE and run.services_done == 2
    assert run.snapshots_written == IndicatorSnapshot.objects.count() == 2 * PERIODS
    assert told == [run.pk]
    assert [finished.pk for finished in asked if finished is not None] == [run.pk]


@pytest.mark.django_db(transaction=True)
def test_two_finishers_at_the_same_moment_finish_the_run_once(
    postgres_db, organisation, registry, told
):
    """The last two parts both see none left open and both try to finish the run: the
    database lets one."""
    _services(organisation, 2)
    run = SnapshotRunFactory(organisation=organisation, requested_by=member(Role.LEADER))
    _cut(run)
    SnapshotRunPart.objects.filter(run=run).update(status=PartStatus.DONE)
    barrier = threading.Barrier(2)
    finished = []

    def finish():
        try:
            barrier.wait(10)
            finished.append(services.run_finish(run.pk))
        finally:
            connection.close()

    finishers = [threading.Thread(target=finish) for _ in range(2)]
    for thread in finishers:
        thread.start()
    for thread in finishers:
        thread.join(30)

    assert len(finished) == 2 and finished.count(None) == 1
    assert [one.pk for one in finished if one] == [run.pk]
    assert told == [run.pk]


# --- A failed part ----------------------------------------------------------------------------


def test_a_failed_part_fails_the_run_and_the_other_parts_figures_are_kept(
    organisation, registry, flags_evaluated, told, monkeypatch
):
    first, broken, third = _services(organisation, 3)
    run = SnapshotRunFactory(organisation=organisation, requested_by=member(Role.LEADER))
    compute = services.snapshots_compute

    def stop_on_the_broken_service(**kwargs):
        if broken.pk in kwargs["service_ids"]:
            raise RuntimeError("the database went away while reading Jane Doe")
        return compute(**kwargs)

    monkeypatch.setattr(services, "snapshots_compute", stop_on_the_broken_service)

    tasks.compute_snapshots_for(run.pk)

    run.refresh_from_db()
    assert run.status == Status.FAILED and told == [run.pk]
    assert run.error == (
        "The run stopped with an error (RuntimeError). The figures of 2 of 3 services were "
        "brought up to date; the others keep their earlier values."
    )
    assert "Jane Doe" not in run.error
    kept = set(IndicatorSnapshot.objects.values_list("service_id", flat=True))
    assert kept == {first.pk, third.pk}
    assert run.snapshots_written == IndicatorSnapshot.objects.count() == 2 * 25
    assert run.services_done == 2
    failed = SnapshotRunPart.objects.get(run=run, status=PartStatus.FAILED)
    assert (failed.service_ids, failed.error) == ([broken.pk], "RuntimeError")
    assert flags_evaluated == []  # flags are not evaluated on figures that are not complete


def test_indicator_failures_of_every_part_are_summed_up_on_the_run(organisation, registry):
    _services(organisation, 3)

    @indicators.register("broken", label="Broken", unit="%", good_direction=Direction.UP)
    def broken(service, start, end):
        raise ZeroDivisionError("cannot divide Jane Doe's hours")

    run = SnapshotRunFactory(organisation=organisation)

    services.run_execute(run.pk, today=TODAY, months=1)

    run.refresh_from_db()
    assert run.status == Status.DONE and run.parts.count() == 3
    assert "broken (ZeroDivisionError x 6)" in run.error  # 3 services x 2 periods
    assert run.snapshots_written == 3 * PERIODS


# --- A killed worker --------------------------------------------------------------------------


def _stall(part, minutes):
    SnapshotRunPart.objects.filter(pk=part.pk).update(
        status=PartStatus.RUNNING,
        worker="killed/1",
        started_at=timezone.now() - timedelta(minutes=minutes),
    )


def test_a_stalled_part_is_requeued_once_then_its_run_is_given_up(
    organisation, registry, django_capture_on_commit_callbacks
):
    _services(organisation, 2)
    run = SnapshotRunFactory(organisation=organisation)
    first_id, second_id = _cut(run)
    part = SnapshotRunPart.objects.get(pk=first_id)
    stalled_for = services.PART_STALLED_AFTER.total_seconds() / 60 + 1
    _stall(part, stalled_for)
    SnapshotRun.objects.filter(pk=run.pk).update(
        progressed_at=timezone.now() - timedelta(minutes=stalled_for)
    )

    with django_capture_on_commit_callbacks() as queued:
        assert services.run_give_up_stalled() == 0

    part.refresh_from_db()
    assert (part.status, part.attempt) == (PartStatus.QUEUED, 1)
    assert len(queued) == 1  # its task is sent again
    run.refresh_from_db()
    assert run.status == Status.RUNNING
    assert run.progressed_at > timezone.now() - timedelta(minutes=1)

    # Its worker is killed again: it is not requeued a second time, and once the run has not
    # moved on for STALLED_AFTER the run is given up, its open parts with it.
    _stall(part, stalled_for)
    with django_capture_on_commit_callbacks() as queued:
        assert services.run_give_up_stalled() == 0
    assert queued == []
    later = timezone.now() + services.STALLED_AFTER + timedelta(minutes=1)
    assert services.run_give_up_stalled(now=later) == 1

    run.refresh_from_db()
    assert run.status == Status.FAILED and "given up" in run.error
    assert set(run.parts.values_list("status", flat=True)) == {PartStatus.FAILED}
    # Its messages, turning up after all, do nothing.
    assert services.part_execute(second_id) is None
    assert registry.calls == []


def test_a_slow_worker_whose_part_was_requeued_does_not_count_it_twice(
    organisation, registry, monkeypatch, django_capture_on_commit_callbacks
):
    (service,) = _services(organisation, 1)
    run = SnapshotRunFactory(organisation=organisation)
    (part_id,) = _cut(run)
    compute = services.snapshots_compute

    def slow(**kwargs):
        # Thought lost while it computes: the part is put back in the queue.
        later = timezone.now() + services.PART_STALLED_AFTER + timedelta(minutes=1)
        with django_capture_on_commit_callbacks():
            assert services.parts_requeue_stalled(now=later) == [part_id]
        return compute(**kwargs)

    monkeypatch.setattr(services, "snapshots_compute", slow)
    assert services.part_execute(part_id, "slow/1") is None

    part = SnapshotRunPart.objects.get(pk=part_id)
    assert (part.status, part.attempt) == (PartStatus.QUEUED, 1)
    run.refresh_from_db()
    assert (run.status, run.services_done) == (Status.RUNNING, 0)

    monkeypatch.setattr(services, "snapshots_compute", compute)
    finished = services.part_execute(part_id, "second/2")

    assert finished is not None and finished.status == Status.DONE
    assert finished.services_done == 1 and finished.snapshots_written == PERIODS


# --- Two real worker processes ----------------------------------------------------------------


@pytest.mark.worker
def test_two_worker_processes_share_a_run_and_write_each_snapshot_once(celery_worker):
    """A real Celery worker on Redis with two processes: both take parts of one run, and every
    snapshot is written once (the unique key: as many rows as services x indicators x
    periods, and as many as the run wrote)."""
    from cms.indicators import all_indicators

    organisation = OrganisationFactory(name="Two Hands", slug="two-hands")
    _services(organisation, 4)
    celery_worker.stop()
    celery_worker.options = ["--pool=prefork", "--concurrency=2"]
    celery_worker.start()
    run = SnapshotRunFactory(organisation=organisation)

    tasks.compute_snapshots_for.delay(run.pk)

    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status not in SnapshotRun.OPEN_STATUSES:
            break
        time.sleep(0.5)
    assert run.status == Status.DONE, f"{run.status} {run.error}\n{celery_worker.log()}"
    parts = list(run.parts.all())
    assert len(parts) == 4 and {part.status for part in parts} == {PartStatus.DONE}
    processes = {part.worker for part in parts}
    assert len(processes) == 2, processes  # both processes took parts
    assert {name.split("/")[0] for name in processes} == {celery_worker.name}
    expected = 4 * len(all_indicators(organisation)) * 25
    assert IndicatorSnapshot.objects.count() == expected == run.snapshots_written
    assert not IndicatorSnapshot.objects.filter(computed_at__gt=run.finished_at).exists()
