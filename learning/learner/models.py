"""What learners do: module completions, scenario attempts and the choices made in them,
reflections and their replies, and module feedback. Every row belongs to the learner who made it.

Completions, attempts' choices (`ChoiceEvent`) are history: they are appended, never changed or
deleted in code, and an attempt keeps the page revision the learner saw, so later edits of a
scenario never rewrite what someone chose.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from cms.sanitise import SanitisedTextField

from ..principles import ChoiceQuality


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a learning record that is history."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are never changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are never deleted.")

    # bulk_update goes through update(); refuse it by name too, with a clearer message.
    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(f"{self.model.__name__} rows are never changed.")


class AppendOnlyModel(models.Model):
    """A row that may be created once and then only read."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are never changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are never deleted.")


class ModuleCompletion(AppendOnlyModel):
    """A pass of a module's knowledge check. Every pass is kept (a learner may pass again after
    their path is reopened for recertification); the module counts as done from the first."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_completions"
    )
    module = models.ForeignKey(
        "learning.ModulePage", on_delete=models.CASCADE, related_name="completions"
    )
    passed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-passed_at"]
        indexes = [
            models.Index(fields=["user", "module"]),
            # The xAPI export reads the completions oldest first (xapi.statements).
            models.Index(fields=["passed_at", "id"], name="module_completion_passed"),
        ]

    def __str__(self):
        return f"{self.user} passed {self.module_id} at {self.passed_at:%Y-%m-%d}"


class ScenarioAttempt(models.Model):
    """One play of a scenario, from the start to an ending. It plays the page revision that was
    live when it started, whatever is published later. A retry is a new attempt."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scenario_attempts"
    )
    scenario = models.ForeignKey(
        "learning.ScenarioPage", on_delete=models.CASCADE, related_name="attempts"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The version of the scenario the learner saw.",
    )
    number = models.PositiveIntegerField(help_text="1 for the first attempt, 2 for a retry, ...")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    ending_step_key = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scenario", "number"], name="scenario_attempt_number_unique"
            )
        ]
        # The choice tallies of a batch of services (learner/indicators.py) reach the choices
        # through their people's attempts, and the reflection rate reads the attempts they
        # finished in the period. On bench_sab (3.1 M attempts; 50 services, 6,300 people, a
        # month) the planner hashed a sequential scan of every attempt, 2.1 s of a 4.1 s
        # query; walking the people's attempts by user instead took 0.7 s (forced). This index
        # holds the user, the finish and the id, so both read only the people's entries and
        # never the table (an index-only scan).
        # The xAPI export reads an organisation's attempts oldest first, by start and by
        # finish, through a cursor (xapi.statements). Sorted, PostgreSQL read all of them
        # before the first (on bench_sab, 1 M attempts of the biggest organisation: the
        # export's first bytes waited 1.6 s on these two reads, 0.4 s in index order).
        indexes = [
            models.Index(
                fields=["user", "finished_at", "id"], name="scenario_attempt_user_finished"
            ),
            models.Index(fields=["started_at", "id"], name="scenario_attempt_started"),
            models.Index(
                fields=["finished_at", "id"],
                name="scenario_attempt_finished",
                condition=Q(finished_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.user} – scenario {self.scenario_id} – attempt {self.number}"

    @property
    def is_finished(self):
        return self.finished_at is not None


class ChoiceEvent(AppendOnlyModel):
    """A choice a learner made in an attempt, as it was: append-only, never edited."""

    attempt = models.ForeignKey(ScenarioAttempt, on_delete=models.CASCADE, related_name="events")
    order = models.PositiveIntegerField()
    step_key = models.CharField(max_length=100)
    choice_key = models.CharField(max_length=100)
    next_step_key = models.CharField(max_length=100)
    quality = models.CharField(max_length=16, choices=ChoiceQuality.choices)
    principles = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["attempt", "order"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "order"], name="choice_event_order_unique")
        ]
        # The choice tallies (learner/indicators.py) read one service's choices in one period.
        # EXPLAIN ANALYZE, 345,600 events over 36 months (2,400 people in 40 services; one month
        # of one 60-person service; PostgreSQL, issue 16). Before: a parallel sequential scan
        # of every event plus a sort for the default ordering, 75 ms, 5,325 buffers. With
        # (created_at), rows stored in the order they are appended: an index scan of the month
        # hash-joined to the service's attempts, 2.7 ms, 344 buffers (the planner's choice).
        # (attempt, created_at) serves the other way round, a nested loop over the service's
        # attempts reading only each one's events in the period (9 ms here when forced): the
        # cheaper plan when a month of the whole board holds far more events than one service
        # has attempts, so its cost follows the service's size, not the table's.
        indexes = [
            models.Index(fields=["attempt", "created_at"], name="choice_event_attempt_time"),
            models.Index(fields=["created_at"], name="choice_event_time"),
        ]

    def __str__(self):
        return f"attempt {self.attempt_id} #{self.order}: {self.step_key} -> {self.choice_key}"


class Reflection(models.Model):
    """A learner's private journal entry about a module or scenario. Only its author sees it,
    until they share it with their supervisor."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The module or scenario this reflection is about.",
    )
    attempt = models.ForeignKey(
        ScenarioAttempt,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reflections",
    )
    text = SanitisedTextField(html=False)
    created_at = models.DateTimeField(auto_now_add=True)
    shared_with_supervisor_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Reflection by {self.author} on page {self.page_id}"

    @property
    def is_shared(self):
        return self.shared_with_supervisor_at is not None


class ReflectionReply(models.Model):
    """A supervisor's reply to a reflection shared with them."""

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = SanitisedTextField(html=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "reflection replies"

    def __str__(self):
        return f"Reply by {self.author} to reflection {self.reflection_id}"


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class ModuleFeedback(models.Model):
    """A learner's rating of a module, one per learner and module; they may change it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_feedback"
    )
    page = models.ForeignKey(
        "learning.ModulePage", on_delete=models.CASCADE, related_name="feedback"
    )
    clarity = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    relevance = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    comment = SanitisedTextField(html=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name_plural = "module feedback"
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="module_feedback_one_per_user"),
            models.CheckConstraint(
                condition=models.Q(clarity__gte=1, clarity__lte=5)
                & models.Q(relevance__gte=1, relevance__lte=5),
                name="module_feedback_scores_1_to_5",
            ),
        ]

    def __str__(self):
        return f"Feedback by {self.user} on module {self.page_id}"
