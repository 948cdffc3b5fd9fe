from celery import shared_task

from .services import invitation_send_email


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_jitter=True, max_retries=5)
def send_invitation_email(invitation_id):
    """Email one invitation. Idempotent: a second run (or a retry after success) sends nothing.
    SMTP errors (OSError subclasses) are retried with backoff."""
    return invitation_send_email(invitation_id=invitation_id)
