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
