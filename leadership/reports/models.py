"""Board reports: a PDF for one organisation and period, made by a Celery task through
`cms.pdf`, kept so the board papers of each meeting stay on record."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cms.organisations.models import Organisation


def _report_path(instance, filename):
    # An unguessable name: the file is served only through a view that checks the role.
    return f"leadership/board-reports/{instance.organisation_id}/{instance.key}.pdf"


class BoardReport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="board_reports"
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # [start, end): whole months.
    start = models.DateField()
    end = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    pdf = models.FileField(upload_to=_report_path, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="report_period_in_order")
        ]

    def __str__(self):
        return f"Board report for {self.organisation}, {self.start:%b %Y} to {self.end:%b %Y}"
