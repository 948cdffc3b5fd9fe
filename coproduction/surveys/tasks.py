"""Celery tasks of the surveys part: the email to a forum's families when a survey opens, and a
periodic sweep that sends it for surveys that open later and closes surveys past their date.

Idempotent: the run that claims `opened_email_sent_at` (a conditional update) sends, so a task
delivered twice sends once; closing claims `closed_at` the same way (services.survey_close)."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from ..models import FamilySurvey
from . import selectors, services

__all__ = ["send_due_survey_emails", "send_survey_opened_emails"]

logger = logging.getLogger(__name__)


@shared_task
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
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    template = "coproduction/surveys/email/survey_opened"
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context)
    sent = 0
    for user in selectors.families_to_email(survey):
        try:
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
            sent += 1
        except OSError:
            logger.exception("survey email to user %s not sent", user.pk)
    return sent


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
