"""Celery tasks of the snapshots part: the nightly run over every organisation, the run a
leader asks for from the Figures page, and the parts each is cut into. Idempotent: a run is
claimed by a conditional update from queued to running (services.run_execute), and so is each
part (services.part_execute), so a task delivered twice computes once and leaves the run
alone; writing the same snapshots twice changes nothing.

The task that claims a run queues one `compute_snapshot_part` per part, so every worker
listening takes a share of the run. With no broker (eager Celery) each part's task runs at once,
in order, in the process that claimed the run.

Red flags read the snapshots, so each run evaluates them at its end, once the figures they read
are complete (the part that finishes the run asks for them), rather than at a fixed time that
a long run could overtake. Beat runs `compute_snapshots` nightly (cms/settings/base.py).
"""

import os
import socket

from celery import shared_task

from . import services
from .models import SnapshotRun

__all__ = ["compute_snapshot_part", "compute_snapshots", "compute_snapshots_for"]


def _then_flags(run, organisation_id=None):
    from ..flags.tasks import evaluate_flags

    if run is not None and run.status == SnapshotRun.Status.DONE:
        evaluate_flags.delay(organisation_id=organisation_id)


def _dispatch(run_id, part_ids):
    """One task per part. A run with no services has no part: it is finished here."""
    if not part_ids:
        run = services.run_finish(run_id)
        _then_flags(run, run and run.organisation_id)
    for part_id in part_ids:
        compute_snapshot_part.delay(part_id)


@shared_task
def compute_snapshots():
    """Every indicator, every service of every organisation (nightly), in parts; once they are
    done, every organisation's red flags."""
    run = services.nightly_run(dispatch=_dispatch)
    return run.pk if run else None


@shared_task
def compute_snapshots_for(run_id):
    """One organisation's snapshots, for the run a leader asked for, in parts; once they are
    done, its red flags, so the flags a leader sees next agree with the figures they asked
    for."""
    run = services.run_execute(run_id, dispatch=_dispatch)
    return run.pk if run else None


@shared_task(bind=True)
def compute_snapshot_part(self, part_id):
    """One part of a run. The part that finishes its run evaluates the run's red flags."""
    worker = f"{self.request.hostname or socket.gethostname()}/{os.getpid()}"
    run = services.part_execute(part_id, worker=worker)
    _then_flags(run, run and run.organisation_id)
    return part_id
