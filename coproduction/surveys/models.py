"""The family survey: how likely a family is to recommend the service (0 to 10), what is good
and what could be better. Responses carry nothing that links them to a person; a separate
receipt records only that the person answered, so each answers once."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse

from cms.sanitise import SanitisedCharModelField, SanitisedTextField
from coproduction.forums.models import FamilyForum

__all__ = ["FamilySurvey", "SurveyReceipt", "SurveyResponse"]


class FamilySurvey(models.Model):
    forum = models.ForeignKey(FamilyForum, on_delete=models.CASCADE, related_name="surveys")
    title = SanitisedCharModelField(max_length=200)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    opened_email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
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
                name="survey_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coproduction:survey_detail", kwargs={"survey_id": self.pk})


class SurveyResponse(models.Model):
    """One family's answers, with no person and no time beyond the survey it belongs to. The key
    is random, so the order of the keys says nothing about who answered when; when the survey
    closes, its responses and receipts are written again in a random order and the tables
    vacuumed (services.survey_close, cms.sealing), so neither system columns nor row order tie
    a response to its receipt."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(FamilySurvey, on_delete=models.CASCADE, related_name="responses")
    recommend = models.PositiveSmallIntegerField(validators=[MaxValueValidator(10)])
    what_is_good = SanitisedTextField(html=False, blank=True)
    what_could_be_better = SanitisedTextField(html=False, blank=True)
    # Whether the family agreed their comments may be quoted in reports, without their name. It
    # travels with the comments into the tracker when the survey closes.
    may_quote = models.BooleanField("may be quoted", default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recommend__lte=10), name="recommend_is_0_to_10"
            )
        ]

    def __str__(self):
        return f"Response to {self.survey}"


class SurveyReceipt(models.Model):
    """That a person answered a survey (so they answer once), and nothing about what. The key is
    random, as the response's is: a numbered key would say who answered when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(FamilySurvey, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_receipts"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_answer_a_person")
        ]

    def __str__(self):
        return f"{self.user} answered {self.survey}"
