"""Red flags and closed-culture alerts (INDICATORS.md section E).

A red-flag rule (a detector in leadership/flags/detectors.py, its defaults adjustable per
organisation by `FlagSetting`) reads one service's snapshots and raises a `RedFlag` for a
period, with the evidence behind it. When three or more flags from at least two evidence
streams stand in one service over the same periods, a `ClosedCultureAlert` goes to the
organisation's leaders and safeguarding leads. Flags describe services and systems, never
people. Nothing is deleted: a flag that no longer holds is cleared (`cleared_at`), an alert is
acknowledged with what was done, and the history stays."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cms.organisations.models import Organisation, Service
from cms.sanitise import SanitisedTextField


class FlagSetting(models.Model):
    """An organisation's adjustment of one rule's default: off, or another threshold."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="flag_settings"
    )
    rule = models.CharField(max_length=64)
    enabled = models.BooleanField(default=True)
    threshold = models.FloatField(null=True, blank=True, help_text="Empty: the default.")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "rule"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "rule"], name="one_setting_per_rule")
        ]

    def __str__(self):
        return f"{self.rule} for {self.organisation}"


class RedFlag(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(max_length=64)
    # [start, end): from the month the flag was raised for to the last month its rule was seen
    # to hold (end moves on each time it holds again). A flag stands until a later evaluation
    # finds its rule no longer holds; it counts towards an alert while `end` is within its
    # rule's window (services.evidence_current).
    start = models.DateField()
    end = models.DateField()
    # INDICATORS.md E: PEL subculture, HULL group, CQC closed-culture feature, evidence stream.
    labels = models.JSONField(default=dict)
    stream = models.CharField(max_length=32)
    # What the rule saw: the indicators and periods, their values and the people behind them,
    # already with small numbers withheld, so the evidence can be shown as it is stored.
    evidence = models.JSONField(default=list)
    summary = models.CharField(max_length=300)
    raised_at = models.DateTimeField(auto_now_add=True)
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-start", "service", "rule"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "rule", "start"], name="one_flag_per_rule_and_month"
            )
        ]
        indexes = [models.Index(fields=["service", "cleared_at"])]

    def __str__(self):
        return f"{self.rule} at {self.service} ({self.start:%b %Y})"

    @property
    def active(self):
        return self.cleared_at is None


class ClosedCultureAlert(models.Model):
    class Rung(models.TextChoices):
        # INDICATORS.md E, the escalation ladder mapped onto the S2 levels.
        INTERNAL_REVIEW = "internal_review", "Internal review"
        INFORMATION_SHARING = "information_sharing", "Level 1: information sharing"
        PROVIDER_CONCERNS_VISIT = "provider_concerns_visit", "Level 2: provider concerns visit"
        ENHANCED_MONITORING = "level_3", "Level 3: sustained concerns despite a plan"
        MAJOR_SANCTIONS = "level_4", "Level 4: failure and major sanctions"

    class State(models.TextChoices):
        # The PEL states the reviewer records (INDICATORS.md E).
        COMPLACENCY = "complacency", "Complacency: no one looked"
        AVOIDANCE = "avoidance", "Avoidance: people looked away"
        DENIAL = "denial", "Denial: signals were rejected"
        NONE = "none", "None of these"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    start = models.DateField()
    end = models.DateField()
    flags = models.ManyToManyField(RedFlag, related_name="alerts")
    streams = models.JSONField(default=list)
    suggested_rung = models.CharField(max_length=32, choices=Rung.choices)
    raised_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    what_was_done = SanitisedTextField(html=False, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, blank=True)

    class Meta:
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "start"], name="one_alert_per_service_and_month"
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True) | (~Q(what_was_done="") & ~Q(state="")),
                name="alert_acknowledged_with_what_was_done",
            ),
        ]

    def __str__(self):
        return f"Closed-culture alert for {self.service} ({self.start:%b %Y})"

    @property
    def open(self):
        return self.acknowledged_at is None


class AlertPathAssignment(models.Model):
    """A learning path assigned to a service's staff from an alert, in one step. The path is
    the learning plugin's page; it is kept here by id and title so the history reads the same if
    the learning plugin is removed."""

    alert = models.ForeignKey(
        ClosedCultureAlert, on_delete=models.CASCADE, related_name="assignments"
    )
    path_id = models.PositiveIntegerField()
    path_title = models.CharField(max_length=255)
    people_enrolled = models.PositiveIntegerField(default=0)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assigned_at"]

    def __str__(self):
        return f"{self.path_title} for {self.alert.service}"
