"""The staff pulse survey: a short anonymous survey of a service's staff, in rounds. Every staff
group answers (the respondent picks theirs). A response carries nothing that links it to a
person or a time; a separate receipt records only that a person answered a round, so each
answers once (the family survey's receipt pattern, coproduction.surveys). When a round closes,
its responses and receipts are written again in a random order under new random keys and the
tables are rewritten (`cms.sealing`), so neither system columns nor row order tie a response to
its receipt."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from cms.organisations.models import Service
from cms.sanitise import SanitisedCharModelField, SanitisedTextField

__all__ = ["PulseReceipt", "PulseResponse", "PulseRound"]


class PulseRound(models.Model):
    """One round of the pulse survey at one service, opened and closed by its leaders."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="pulse_rounds")
    title = SanitisedCharModelField(max_length=200)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    # Set once the responses and receipts were written again in a random order (as it closed),
    # and once no old row version of them is left in the tables (cms.sealing.vacuum_full).
    rewritten_at = models.DateTimeField(null=True, blank=True, editable=False)
    sealed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="pulse_round_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coproduction:pulse_round", kwargs={"round_id": self.pk})


class Agreement(models.IntegerChoices):
    STRONGLY_DISAGREE = 1, "Strongly disagree"
    DISAGREE = 2, "Disagree"
    NEITHER = 3, "Neither agree nor disagree"
    AGREE = 4, "Agree"
    STRONGLY_AGREE = 5, "Strongly agree"


class StaffGroup(models.TextChoices):
    CARE = "care", "Care staff (care or support worker, healthcare assistant)"
    NURSE = "nurse", "Nurse"
    PORTER = "porter", "Porter"
    CLEANER = "cleaner", "Cleaner or housekeeping"
    KITCHEN = "kitchen", "Kitchen or catering"
    NIGHT = "night", "Night staff"
    AGENCY = "agency", "Agency or bank staff"
    OTHER = "other", "Another group (for example office, maintenance, activities)"


class PulseResponse(models.Model):
    """One person's answers, with no person and no time beyond the round they belong to. The
    key is random; the rows are written again in a random order when the round closes."""

    NOT_RAISED = 0  # acted_on: "I have not raised anything"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(PulseRound, on_delete=models.CASCADE, related_name="responses")
    staff_group = models.CharField(max_length=16, choices=StaffGroup.choices)
    safe_to_speak = models.PositiveSmallIntegerField(choices=Agreement.choices)
    acted_on = models.PositiveSmallIntegerField(
        choices=[(NOT_RAISED, "I have not raised anything"), *Agreement.choices]
    )
    dignity_seen = models.BooleanField()
    anything_else = SanitisedTextField(html=False, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(safe_to_speak__gte=1, safe_to_speak__lte=5),
                name="pulse_safe_to_speak_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(acted_on__lte=5), name="pulse_acted_on_0_to_5"
            ),
        ]

    def __str__(self):
        return f"Response to {self.round}"


class PulseReceipt(models.Model):
    """That a person answered a round (so they answer once), and nothing about what or when:
    a random key, and written again in a random order when the round closes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(PulseRound, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pulse_receipts"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="one_pulse_answer_a_person")
        ]

    def __str__(self):
        return f"{self.user} answered {self.round}"
