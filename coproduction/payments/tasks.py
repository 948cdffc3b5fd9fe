"""Celery tasks of the payments part. Idempotent: the database decides who sends."""

from celery import shared_task

from . import services

__all__ = ["send_paid_email"]


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_jitter=True, max_retries=5)
def send_paid_email(record_id):
    """Tell a member that their involvement record was paid (once)."""
    return services.paid_email_send(record_id)
