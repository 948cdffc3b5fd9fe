"""A mark that one month of one service's figures may have changed since they were computed."""

from datetime import date

from django.db import models

from cms.organisations.models import Service

# The month of a mark that stands for every month: data that every period's figure reads (who
# works at the service, its number of beds) changed, so all of the service's months are due.
EVERY_MONTH = date(1, 1, 1)


class FiguresTouched(models.Model):
    """Data an indicator reads was written, so the figures of `service` for `month` (its first
    day, or EVERY_MONTH) are to be worked out again. Touching a month already marked moves its
    `touched_at` on, so a run that read the mark before it was touched again leaves it for the
    next run (cms.figures.services.marks_consume)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    touched_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "month"], name="one_mark_per_service_month")
        ]

    def __str__(self):
        return f"Figures of service {self.service_id} for {self.month:%b %Y} touched"
