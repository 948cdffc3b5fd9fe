"""Celery task of the reports part: making a board report a leader asked for. Idempotent: only
a queued report is made (services.report_make), so a task delivered twice stores one file."""

from celery import shared_task

from . import services

__all__ = ["make_board_report"]


@shared_task
def make_board_report(report_id):
    report = services.report_make(report_id)
    return report.pk if report else None
