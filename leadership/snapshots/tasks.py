"""Celery tasks of the snapshots part: the nightly run over every organisation, and the run a
leader asks for from the Figures page. Idempotent: a run is claimed by a conditional update
(services.run_execute), and writing the same snapshots twice changes nothing.
Beat runs `compute_snapshots` nightly (cms/settings/base.py).
"""

from celery import shared_task

from . import services
from .models import SnapshotRun

__all__ = ["compute_snapshots", "compute_snapshots_for"]


@shared_task
def compute_snapshots():
    """Every indicator, every service of every organisation (nightly)."""
    run = services.nightly_run()
    return run.pk if run else None


@shared_task
def compute_snapshots_for(run_id):
    """One organisation's snapshots, for the run a leader asked for; then its red flags, which
    read them, so the flags a leader sees next agree with the figures they asked for."""
    from ..flags.tasks import evaluate_flags

    run = services.run_execute(run_id)
    if run is None:
        return None
    if run.status == SnapshotRun.Status.DONE:
        evaluate_flags.delay(organisation_id=run.organisation_id)
    return run.pk
