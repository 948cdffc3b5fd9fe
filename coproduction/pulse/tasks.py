"""Celery tasks of the pulse part: a periodic sweep that closes rounds past their closing time
and seals closed rounds a busy database left unsealed (services.pulse_rounds_seal: idempotent,
each closing claims `closed_at` once)."""

from celery import shared_task

from . import services

__all__ = ["seal_pulse_rounds"]


@shared_task
def seal_pulse_rounds():
    return services.pulse_rounds_seal()
