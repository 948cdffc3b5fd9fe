"""Celery tasks of the pulse part: a periodic sweep that closes rounds past their closing time
and seals closed rounds a busy database left unsealed (services.pulse_rounds_seal: idempotent,
each closing claims `closed_at` once)."""

from celery import shared_task

from . import services

__all__ = ["seal_pulse_round", "seal_pulse_rounds"]


@shared_task
def seal_pulse_round(round_id):
    """Seal a round a leader has just closed: its rows were rewritten as it closed; this
    vacuums the old copies away."""
    return services.pulse_rounds_seal(round_id=round_id)


@shared_task
def seal_pulse_rounds():
    """Every 15 minutes: close the rounds past their closing time, and seal any closed round
    whose sealing did not finish (harmless twice)."""
    return services.pulse_rounds_seal()
