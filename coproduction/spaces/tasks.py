"""Celery tasks of the spaces part. Idempotent: each email is sent once, the database decides."""

from celery import shared_task

from . import services

__all__ = ["send_space_welcome", "send_status_change_email"]


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_jitter=True, max_retries=5)
def send_space_welcome(membership_id):
    """Tell a person they were added to a space (once)."""
    return services.welcome_email_send(membership_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_jitter=True, max_retries=5)
def send_status_change_email(change_id):
    """Tell the proposer that the item they raised changed status, and why (once)."""
    return services.status_change_email_send(change_id)
