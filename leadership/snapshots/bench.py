"""The snapshot run as `make bench` times it on real workers (cms/bench/workers.py): the
biggest organisation's run, asked for as a leader asks for it, with one worker and with two."""

from django.utils import timezone

from .models import SnapshotRun
from .services import run_give_up_stalled


def recompute_on_workers(organisation, counts=(1, 2)):
    """A full recompute of `organisation` with each number of workers in `counts`; the times,
    their ratio, and how many parts and worker processes each run had."""
    from cms.bench.workers import timed_on_workers

    from .tasks import compute_snapshots_for

    def start():
        run_give_up_stalled()
        run = SnapshotRun.objects.create(
            organisation=organisation,
            status=SnapshotRun.Status.QUEUED,
            progressed_at=timezone.now(),
        )
        compute_snapshots_for.delay(run.pk)
        return run.pk

    def finished(run_id):
        run = SnapshotRun.objects.get(pk=run_id)
        if run.status in SnapshotRun.OPEN_STATUSES:
            return None
        if run.status != SnapshotRun.Status.DONE:
            raise RuntimeError(f"the run failed: {run.error}")
        return {
            "parts": run.parts.count(),
            "processes": len(set(run.parts.values_list("worker", flat=True))),
            "services": run.services_total,
            "snapshots_written": run.snapshots_written,
        }

    return timed_on_workers(list(counts), start, finished)


# The share of services whose data a day changes in months already computed (a late outcome,
# an import re-uploaded), and how many such months each: what the incremental night meets.
LATE_SHARE = 0.1
LATE_MONTHS = (2, 5)


def nightly_on_workers(workers=2):
    """The nightly run of the whole area on `workers` workers, twice: first recomputing
    everything (every service marked as changed in every month, as after an upgrade), then as
    a night after a day's work (LATE_SHARE of the services with data changed in LATE_MONTHS
    months back): issue 16's "full recompute under 15 minutes on two workers" and "nightly run
    under 2 minutes"."""
    from cms.bench.workers import timed_on_workers
    from cms.figures.models import EVERY_MONTH
    from cms.indicators import touched
    from cms.organisations.models import Service
    from cms.periods import add_months, month_start

    from .tasks import compute_snapshots

    def nightly(mark):
        def start():
            run_give_up_stalled()
            mark()
            since = timezone.now()
            compute_snapshots.delay()
            return since

        def finished(since):
            run = (
                SnapshotRun.objects.filter(organisation__isnull=True, requested_at__gte=since)
                .order_by("requested_at")
                .first()
            )
            if run is None or run.status in SnapshotRun.OPEN_STATUSES:
                return None
            if run.status != SnapshotRun.Status.DONE:
                raise RuntimeError(f"the nightly run failed: {run.error}")
            return {
                "parts": run.parts.count(),
                "processes": len(set(run.parts.values_list("worker", flat=True))),
                "services": run.services_total,
                "snapshots_written": run.snapshots_written,
            }

        return timed_on_workers([workers], start, finished)

    ids = list(Service.objects.order_by("pk").values_list("pk", flat=True))
    late = ids[:: max(1, round(1 / LATE_SHARE))]
    this_month = month_start(timezone.localdate())

    def mark_everything():
        touched(ids, EVERY_MONTH)

    def mark_a_day():
        touched(late, [add_months(this_month, -back) for back in LATE_MONTHS])

    full = nightly(mark_everything)["workers"][str(workers)]
    night = nightly(mark_a_day)["workers"][str(workers)]
    return {
        "full": full,
        "nightly": night,
        "late_services": len(late),
        "summary": (
            f"whole area on {workers} workers: everything {full['seconds']:.1f} s "
            f"({full['snapshots_written']} figures, {full['services']} services), a night after "
            f"a day's changes ({len(late)} services with {len(LATE_MONTHS)} earlier months "
            f"changed) {night['seconds']:.1f} s ({night['snapshots_written']} figures)"
        ),
    }
