"""Celery task of the flags part: evaluating the rules after the nightly snapshots.

Idempotent: a flag is unique per service, rule and month, an alert per service and month, and an
alert's email is claimed by a conditional update on `notified_at` (services.service_evaluate),
so a task delivered twice raises nothing twice and sends one email."""

from datetime import date

from celery import shared_task

from cms.organisations.models import Organisation

from . import services

__all__ = ["evaluate_flags"]


@shared_task
def evaluate_flags(organisation_id=None, month=None):
    """Evaluate the red-flag rules for `month` (an ISO date in the month; the last whole month
    when None), for one organisation or every one."""
    organisation = None
    if organisation_id is not None:
        organisation = Organisation.objects.filter(pk=organisation_id).first()
        if organisation is None:
            return {}
    month = date.fromisoformat(month) if month else None
    return services.flags_evaluate(organisation=organisation, month=month)
