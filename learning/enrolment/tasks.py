"""Celery tasks of enrolment: rules, recertification, reminders and certificates. Each is
idempotent and may run twice; the work is in `learning.enrolment.services`."""

from celery import shared_task

from . import services


@shared_task
def apply_rules(organisation_id=None):
    """Enrol everyone the active enrolment rules cover (daily, and when a rule or membership
    is added)."""
    from cms.organisations.models import Organisation

    organisation = (
        Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
    )
    if organisation_id and organisation is None:
        return 0
    return services.apply_enrolment_rules(organisation=organisation)


@shared_task
def reopen_recertifications():
    """Open the next cycle of every path whose recertification interval has passed (daily)."""
    return len(services.reopen_due_recertifications())


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_jitter=True, max_retries=5)
def send_due_reminders():
    """A week-before and an overdue reminder per open enrolment, each sent once (daily)."""
    return services.send_due_reminders()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_jitter=True, max_retries=5)
def issue_certificate(enrolment_id):
    """Create, render and email the certificate of a completed enrolment, once."""
    certificate = services.certificate_issue(enrolment_id)
    return certificate.code if certificate else None
