"""Indicator snapshots: the figure every registered indicator gave for one service and one
period, computed by a Celery task (nightly and on demand). Dashboards, exports and the board
report read snapshots only, so what they cost does not grow with history."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce

from cms.indicators import MIN_PEOPLE
from cms.organisations.models import Service


class IndicatorSnapshot(models.Model):
    class Period(models.TextChoices):
        MONTH = "month", "Month"
        ROLLING_90 = "rolling_90", "Last 90 days"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField(max_length=64, help_text="The key in cms.indicators.")
    period = models.CharField(max_length=16, choices=Period.choices)
    # [start, end): a calendar month, or the 90 days that end with the day of computing.
    start = models.DateField()
    end = models.DateField()
    value = models.FloatField(null=True, blank=True)
    people = models.PositiveIntegerField(default=0)
    # The floor the indicator asked for when it was computed: a figure resting on fewer people
    # than this is never shown (`shown_value`).
    min_people = models.PositiveSmallIntegerField(default=MIN_PEOPLE)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["service", "indicator", "period", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "indicator", "period", "start"], name="one_snapshot_per_period"
            ),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="snapshot_period_in_order"
            ),
        ]
        indexes = [models.Index(fields=["period", "start", "service"])]

    def __str__(self):
        return f"{self.indicator} for {self.service} from {self.start}"

    @property
    def withheld(self):
        return self.people < self.min_people

    @property
    def shown_value(self):
        """The value, or None when it rests on too few people to show."""
        return None if self.withheld else self.value


class SnapshotRun(models.Model):
    """One computation of the snapshots (nightly, or asked for by a leader), so a leader sees
    when the figures were last brought up to date and whether a run is under way."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for the nightly run over every organisation.",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Progress, written by the run as it goes: services worked out of the services it covers,
    # and when it last moved on (a run that stops moving is given up: services.run_give_up_stalled).
    services_total = models.PositiveIntegerField(default=0)
    services_done = models.PositiveIntegerField(default=0)
    progressed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    snapshots_written = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    OPEN_STATUSES = (Status.QUEUED, Status.RUNNING)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            # At most one open (queued or running) run per organisation, and at most one open
            # nightly run: the nightly run's empty organisation counts as organisation 0 here
            # (NULLs would never collide in a unique index). The two kinds do not block each
            # other in the database: a nightly run may start while a leader's run is open and
            # the reverse (both write the same snapshots by upsert, so the later one wins with
            # the newer figures). A leader who asks while the nightly run is open is shown
            # that run instead of starting another (services.run_request).
            models.UniqueConstraint(
                Coalesce("organisation", Value(0)),
                condition=Q(status__in=["queued", "running"]),
                name="one_open_snapshot_run_per_organisation",
            ),
        ]

    def __str__(self):
        return f"Snapshot run {self.requested_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class SnapshotRunPart(models.Model):
    """A slice of a run's services that one worker computes (services.part_execute), so that a
    run's services are shared among as many workers as are listening: each part is claimed by
    a conditional update from queued to running, and the part that leaves none open finishes
    the run."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    run = models.ForeignKey(SnapshotRun, on_delete=models.CASCADE, related_name="parts")
    index = models.PositiveIntegerField()
    # The services' primary keys, fixed when the run is cut: a service added meanwhile waits
    # for the next run rather than landing in two parts or none.
    service_ids = models.JSONField(default=list)
    # An incremental (nightly) run's plan for the part, fixed when the run is cut: each
    # service's periods ({service id: [[kind, start, end], ...]}; null: every period) and the
    # marks (cms.figures) read for its services, consumed once the whole run is done
    # (incremental.py).
    periods = models.JSONField(null=True, blank=True)
    marks = models.JSONField(default=list, blank=True)
    # The day the run computes for and how many months back (services.snapshot_periods), so
    # every part of one run computes the same periods whenever its worker takes it.
    today = models.DateField()
    months = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    # How many times the part was put back in the queue after its worker stopped answering; a
    # part is requeued once (services.parts_requeue_stalled), then its run is given up.
    attempt = models.PositiveSmallIntegerField(default=0)
    # Which worker process computed it ("host/pid"): where to look when a part stalls.
    worker = models.CharField(max_length=255, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    snapshots_written = models.PositiveIntegerField(default=0)
    # What failed, in the terms of services.ComputeResult (indicator keys, families' prefixes,
    # kinds of error, counts: never an error's message), merged into the run's summary.
    failures = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=255, blank=True)

    OPEN_STATUSES = (Status.QUEUED, Status.RUNNING)

    class Meta:
        ordering = ["run", "index"]
        constraints = [
            models.UniqueConstraint(fields=["run", "index"], name="one_snapshot_run_part_per_index")
        ]

    def __str__(self):
        return f"Part {self.index} of {self.run} ({self.get_status_display()})"
