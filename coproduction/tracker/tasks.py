"""Celery tasks of the tracker. Idempotent: they may run twice; the database decides."""

from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_jitter=True, max_retries=5)
def send_outcome_email(action_id):
    """Ask the person who raised a done action whether its outcome addressed it (once)."""
    return services.outcome_email_send(action_id)
