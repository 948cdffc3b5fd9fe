"""Data the platform does not hold, uploaded as CSV by an organisation: HR, rota, occupancy and
complaints. One `DataImport` per file; its rows live in one table per kind. A file covers a
period (whole months; whole weeks for the rota), and uploading the same kind and period again
replaces the earlier file's rows, so a corrected file never doubles the figures.

Nothing here names a person: HR and complaints come as monthly counts per service, and the rota
identifies people by a stable code the provider chooses (never a name), which only the HR role
sees (see leadership/imports/rules.py)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from cms.organisations.models import Organisation, Service


class DataImport(models.Model):
    class Kind(models.TextChoices):
        HR = "hr", "HR"
        ROTA = "rota", "Rota"
        OCCUPANCY = "occupancy", "Occupancy"
        COMPLAINTS = "complaints", "Complaints"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="data_imports"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # The period the file covers, both days included: first and last day of whole months (HR,
    # occupancy, complaints) or Monday and Sunday of whole weeks (rota).
    period_start = models.DateField()
    period_end = models.DateField()
    file_name = models.CharField(max_length=255)
    row_count = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "period_start", "period_end"],
                name="one_import_per_kind_and_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="import_period_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_start:%b %Y} to {self.period_end:%b %Y}"


class _ImportedRow(models.Model):
    data_import = models.ForeignKey(DataImport, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


def _count():
    return models.PositiveIntegerField(default=0)


class HRMonth(_ImportedRow):
    """One service's staffing for one month, as counts (INDICATORS.md A and B: `staff_turnover`,
    `hr_bullying`, `sickness_absence`)."""

    month = models.DateField(help_text="The first day of the month.")
    headcount = _count()
    starters = _count()
    leavers = _count()
    leavers_under_one_year = _count()
    sickness_days_lost = models.DecimalField(
        max_digits=8, decimal_places=1, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    working_days_available = models.DecimalField(
        max_digits=8, decimal_places=1, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    bullying_reports = _count()
    grievance_reports = _count()
    cases_closed_informally = _count()

    class Meta:
        ordering = ["service", "month"]
        constraints = [
            models.UniqueConstraint(fields=["service", "month"], name="one_hr_row_per_month"),
            models.CheckConstraint(
                condition=Q(leavers_under_one_year__lte=F("leavers")),
                name="hr_short_service_leavers_within_leavers",
            ),
        ]


class RotaWeek(_ImportedRow):
    """Hours one (coded) person worked at one service in one week (INDICATORS.md A `rota_hours`,
    B `agency_share`)."""

    class Contract(models.TextChoices):
        PERMANENT = "permanent", "Permanent"
        BANK = "bank", "Bank"
        AGENCY = "agency", "Agency"

    week_start = models.DateField(help_text="The Monday the week starts on.")
    person_code = models.CharField(
        max_length=40, help_text="A stable code for the person, never their name."
    )
    hours = models.DecimalField(max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    contract = models.CharField(max_length=16, choices=Contract.choices)

    class Meta:
        ordering = ["service", "week_start", "person_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "week_start", "person_code"], name="one_rota_row_per_week"
            )
        ]
        indexes = [models.Index(fields=["service", "week_start"])]


class OccupancyMonth(_ImportedRow):
    """Bed-nights at one service in one month (INDICATORS.md A `occupancy`): planned closures
    are recorded beside the figures, not counted as a decline."""

    month = models.DateField(help_text="The first day of the month.")
    available_bed_nights = _count()
    occupied_bed_nights = _count()
    planned_closure_bed_nights = _count()

    class Meta:
        ordering = ["service", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "month"], name="one_occupancy_row_per_month"
            ),
            models.CheckConstraint(
                condition=Q(occupied_bed_nights__lte=F("available_bed_nights")),
                name="occupancy_within_available",
            ),
        ]


class ComplaintsMonth(_ImportedRow):
    """Complaints handled outside the platform for one service in one month (INDICATORS.md A
    `complaints`): the platform's own concerns are counted by the co-production plugin."""

    month = models.DateField(help_text="The first day of the month.")
    received = _count()
    responded = _count()
    upheld = _count()

    class Meta:
        ordering = ["service", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "month"], name="one_complaints_row_per_month"
            )
        ]
