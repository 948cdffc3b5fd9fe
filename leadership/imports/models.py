"""Data the platform does not hold, uploaded as CSV by an organisation: HR, rota, occupancy,
complaints, and practice and outcomes (monthly counts, and restrictive practice episode by
episode). One `DataImport` per file; its rows live in one table per kind. A file covers a
period (whole months; whole weeks for the rota), and uploading the same kind and period again
replaces the earlier file's rows, so a corrected file never doubles the figures.

Nothing here names a person: HR, complaints and practice come as monthly counts per service; the
rota identifies staff by a stable code the provider chooses (never a name), which only the HR
role sees (see leadership/imports/rules.py); a restrictive practice episode identifies the person
it was used on and the shift by codes too, and no screen shows them (counts only)."""

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
        PRACTICE = "practice", "Practice and outcomes"
        RESTRICTIVE = "restrictive", "Restrictive practice"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="data_imports"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # The period the file covers, both days included: first and last day of whole months (HR,
    # occupancy, complaints, practice, restrictive practice) or Monday and Sunday of whole weeks
    # (rota).
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


def _count_if_given():
    """A count from a column added to a kind of file later: None when the file had no such
    column (files made from the earlier template still import), which is not the same as 0."""
    return models.PositiveIntegerField(null=True, blank=True)


# The main reason a leaver gave at their exit interview, as a coded theme (never free text), one
# per interviewed leaver. Culture, bullying and management are the themes INDICATORS.md C
# `exit_themes` names (S1, citing Reitz & Higgins); the others are ours (design), so that every
# leaver's main reason has a theme. The HR file has an `exit_<code>` column for each.
EXIT_THEMES = (
    ("culture", "The culture of the service"),
    ("bullying", "Bullying or harassment"),
    ("management", "Management or leadership"),
    ("pay", "Pay or conditions"),
    ("workload", "Workload or hours"),
    ("career", "Career, training or promotion"),
    ("personal", "Personal or family reasons"),
    ("retirement", "Retirement"),
    ("other", "Another reason"),
)
# The themes whose rise INDICATORS.md C reads as a warning sign.
EXIT_WARNING_THEMES = ("culture", "bullying", "management")


def exit_field(code):
    return f"exit_{code}"


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
    # Added for INDICATORS.md B `manager_stability` and `supervision_rate`, and C `exit_themes`
    # (issue 12): None where the file had no such columns. The exit themes' counts follow the
    # class (one field per EXIT_THEMES code).
    registered_manager_changes = _count_if_given()
    manager_post_vacant_days = _count_if_given()
    staff_due_supervision = _count_if_given()
    staff_supervised = _count_if_given()
    exit_interviews = _count_if_given()

    class Meta:
        ordering = ["service", "month"]
        constraints = [
            models.UniqueConstraint(fields=["service", "month"], name="one_hr_row_per_month"),
            models.CheckConstraint(
                condition=Q(leavers_under_one_year__lte=F("leavers")),
                name="hr_short_service_leavers_within_leavers",
            ),
            models.CheckConstraint(
                condition=Q(staff_supervised__lte=F("staff_due_supervision")),
                name="hr_supervised_within_due",
            ),
            models.CheckConstraint(
                condition=Q(manager_post_vacant_days__lte=31), name="hr_vacant_days_in_a_month"
            ),
        ]


for _code, _label in EXIT_THEMES:
    HRMonth.add_to_class(
        exit_field(_code),
        models.PositiveIntegerField(null=True, blank=True, verbose_name=f"Exit theme: {_label}"),
    )


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


class PracticeMonth(_ImportedRow):
    """Practice and outcomes at one service in one month, as counts (INDICATORS.md B:
    `incident_reporting`, `safeguarding_raised` (s42 enquiries opened), `basic_care`, and the
    days in long-term segregation of `restrictive_practice`). Restrictive practice itself comes
    episode by episode (RestrictivePracticeEpisode), so that debriefs and concentration show."""

    month = models.DateField(help_text="The first day of the month.")
    incidents = _count()  # every incident reported, near misses included
    near_misses = _count()
    safeguarding_enquiries = _count()
    medication_errors = _count()
    pressure_ulcers = _count()  # acquired at the service
    unplanned_weight_loss = _count()  # people with unplanned weight loss
    long_term_segregation_days = _count()

    class Meta:
        ordering = ["service", "month"]
        constraints = [
            models.UniqueConstraint(fields=["service", "month"], name="one_practice_row_per_month"),
            models.CheckConstraint(
                condition=Q(near_misses__lte=F("incidents")),
                name="practice_near_misses_within_incidents",
            ),
        ]


class RestrictivePracticeEpisode(_ImportedRow):
    """One use of a restrictive practice at one service (INDICATORS.md B `restrictive_practice`):
    what was used, whether a debrief followed, and codes for the person it was used on and the
    shift, so that a rise, episodes without a debrief, and episodes concentrated on one person
    or one shift show. Dated by month only, and the codes never leave the indicators that read
    them: no screen names, ranks or lists a person or a shift."""

    class Practice(models.TextChoices):
        RESTRAINT = "restraint", "Physical restraint"
        SECLUSION = "seclusion", "Seclusion"
        SEGREGATION = "segregation", "Segregation"
        RAPID_TRANQUILLISATION = "rapid_tranquillisation", "Rapid tranquillisation"
        PRN_SEDATION = "prn_sedation", "PRN sedation"

    month = models.DateField(help_text="The first day of the month.")
    person_code = models.CharField(
        max_length=40, help_text="A stable code for the person, never their name."
    )
    shift_code = models.CharField(max_length=40, help_text="A code for the shift or team.")
    practice = models.CharField(max_length=24, choices=Practice.choices)
    debrief = models.BooleanField()

    class Meta:
        ordering = ["service", "month", "pk"]
        indexes = [models.Index(fields=["service", "month"])]
