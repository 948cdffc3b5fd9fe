"""Celery tasks of the outbox: send one row (enqueued when its transaction commits), and the
sweeper that beat runs every minute. Both may run twice: a row is claimed before it is sent."""

from celery import shared_task

from . import services

__all__ = ["send_outbox_message", "sweep_outbox"]


@shared_task
def send_outbox_message(message_pk):
    return services.outbox_send(message_pk)


@shared_task
def sweep_outbox():
    return services.outbox_sweep()
