"""Celery tasks of the surveys part: the email to a forum's families when a survey opens, and a
periodic sweep that sends it for surveys that open later and closes surveys past their date.

Idempotent: the run that claims `opened_email_sent_at` (a conditional update) writes the emails
to the host's outbox in the same transaction, so a task delivered twice sends once; closing
claims `closed_at` the same way (services.survey_close), and sealing is safe to run twice
(services.family_surveys_seal)."""

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cms.outbox.services import email_send
from coproduction.surveys.models import FamilySurvey

from . import selectors, services

__all__ = [
    "seal_family_survey",
    "seal_family_surveys",
    "send_due_survey_emails",
    "send_survey_opened_emails",
]


@shared_task
@transaction.atomic
def send_survey_opened_emails(survey_id):
    """Tell the forum's families that the survey is open, once."""
    survey = FamilySurvey.objects.select_related("forum__service").filter(pk=survey_id).first()
    if survey is None or not services.is_open(survey):
        return 0
    claimed = FamilySurvey.objects.filter(pk=survey_id, opened_email_sent_at__isnull=True).update(
        opened_email_sent_at=timezone.now()
    )
    if not claimed:
        return 0
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "survey": survey,
        "forum": survey.forum,
        "service": survey.forum.service,
        "survey_url": base + survey.get_absolute_url(),
    }
    template = "coproduction/surveys/email/survey_opened"
    return email_send(template, context, selectors.families_to_email(survey))


@shared_task
def send_due_survey_emails():
    """The periodic sweep: email the families of surveys that have opened, and close the
    surveys whose closing time has passed (their comments go to the tracker)."""
    sent = 0
    for survey_id in selectors.surveys_due_for_email().values_list("pk", flat=True):
        sent += send_survey_opened_emails(survey_id)
    for survey in selectors.surveys_due_to_close().select_related("forum__service"):
        services.survey_close(survey)
    return sent


@shared_task
def seal_family_survey(survey_id):
    """Seal a survey that has just closed: its rows were rewritten as it closed; this vacuums
    the old copies away."""
    return services.family_surveys_seal(survey_id=survey_id)


@shared_task
def seal_family_surveys():
    """Every 15 minutes: close the surveys past their closing time, and seal any closed survey
    whose sealing did not finish (harmless twice)."""
    return services.family_surveys_seal()
