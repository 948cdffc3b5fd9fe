"""Celery tasks of the snapshots part: the nightly run over every organisation, and the run a
leader asks for from the Figures page. Idempotent: a run is claimed by a conditional update
from queued to running (services.run_execute), so a task delivered twice computes once and
leaves the run alone; writing the same snapshots twice changes nothing.

Red flags read the snapshots, so each run evaluates them at its end, once the figures they read
are complete, rather than at a fixed time that a long run could overtake. Beat runs
`compute_snapshots` nightly (cms/settings/base.py).
"""

from celery import shared_task

from . import services
from .models import SnapshotRun

__all__ = ["compute_snapshots", "compute_snapshots_for"]


def _then_flags(run, organisation_id=None):
    from ..flags.tasks import evaluate_flags

    if run is not None and run.status == SnapshotRun.Status.DONE:
        evaluate_flags.delay(organisation_id=organisation_id)


@shared_task
def compute_snapshots():
    """Every indicator, every service of every organisation (nightly); then every
    organisation's red flags."""
    run = services.nightly_run()
    _then_flags(run)
    return run.pk if run else None


@shared_task
def compute_snapshots_for(run_id):
    """One organisation's snapshots, for the run a leader asked for; then its red flags, so the
    flags a leader sees next agree with the figures they asked for."""
    run = services.run_execute(run_id)
    if run is None:
        return None
    _then_flags(run, run.organisation_id)
    return run.pk
