"""Celery tasks of the concerns part: routing a concern and alerting its people, the sweeper
(every 15 minutes: routes what the queue missed, re-alerts, escalates), and the outcome email.

Idempotent: each send is claimed by a conditional update in `services` (`routed_at`,
`last_alerted_at`, `escalated_at`, `outcome_email_sent_at`), so a task delivered twice sends once.
"""

from celery import shared_task

from . import services

__all__ = ["route_concern", "send_concern_outcome_email", "sweep_concerns"]


@shared_task
def route_concern(concern_id):
    return services.concern_route(concern_id)


@shared_task
def sweep_concerns():
    return services.concerns_sweep()


@shared_task
def send_concern_outcome_email(concern_id):
    return services.outcome_email_send(concern_id)
