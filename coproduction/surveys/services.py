"""Writes and rules of the surveys part: opening a family survey, answering it once, closing it.

A response carries nothing that links it to the person who gave it: the receipt (that a person
answered) and the response (what was answered) are separate rows with no link between them,
written in one transaction. That transaction is itself a link while the survey is open (a person
with SQL access can pair the two rows by their system columns); closing ends it, as for the
staff pulse: the survey's rows are written again in a random order under new keys, then the
tables are vacuumed (`cms.sealing`); a sweep finishes what a busy database left undone. Comments
become feedback items only when the survey closes, all at once and in random order, so neither
their timing nor their order points at a family."""

import random

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.sealing import rewrite_in_random_order, vacuum_full
from coproduction.surveys.models import FamilySurvey, SurveyReceipt, SurveyResponse
from coproduction.tracker.models import FeedbackItem

from ..tracker.services import feedback_record

__all__ = [
    "family_surveys_seal",
    "is_open",
    "survey_close",
    "survey_open",
    "survey_respond",
]


def is_open(survey, now=None):
    now = now or timezone.now()
    return survey.closed_at is None and survey.opens_at <= now < survey.closes_at


def survey_open(forum, by, *, title, opens_at, closes_at):
    """Set up a survey for the forum's families. They are emailed when it opens (now, or by the
    periodic sweep `send_due_survey_emails` for a later opening)."""
    from .tasks import send_survey_opened_emails

    if closes_at <= opens_at:
        raise ValidationError({"closes_on": "The closing date must be after the opening date."})
    if closes_at <= timezone.now():
        raise ValidationError({"closes_on": "The closing date must be in the future."})
    with transaction.atomic():
        survey = FamilySurvey.objects.create(
            forum=forum, title=title, opens_at=opens_at, closes_at=closes_at, created_by=by
        )
        if opens_at <= timezone.now():
            send_survey_opened_emails.delay_on_commit(survey.pk)
    return survey


def survey_respond(
    survey, user, *, recommend, what_is_good="", what_could_be_better="", may_quote=False
):
    """Record one family's answers. The receipt is written first: a second answer by the same
    person (a double click, two tabs at once) fails on the receipt's unique constraint and the
    whole transaction, response included, is rolled back. A refusal is a ValidationError whose
    code says which: "not_open" or "already_answered" (the page answers each differently)."""
    if not is_open(survey):
        raise ValidationError("This survey is not open for answers.", code="not_open")
    if not 0 <= int(recommend) <= 10:
        raise ValidationError({"recommend": "Choose a number from 0 to 10."})
    try:
        with transaction.atomic():
            SurveyReceipt.objects.create(survey=survey, user=user)
            SurveyResponse.objects.create(
                survey=survey,
                recommend=int(recommend),
                what_is_good=what_is_good.strip(),
                what_could_be_better=what_could_be_better.strip(),
                may_quote=bool(may_quote),
            )
    except IntegrityError as error:
        raise ValidationError(
            "You have already answered this survey. Thank you.", code="already_answered"
        ) from error


def has_answered(survey, user):
    return SurveyReceipt.objects.filter(survey=survey, user=user).exists()


RESPONSE_FIELDS = ("survey_id", "recommend", "what_is_good", "what_could_be_better", "may_quote")


def _rewrite(survey, now):
    """Write the survey's responses and receipts again in a random order under new keys (in
    the caller's transaction)."""
    rewrite_in_random_order(SurveyResponse.objects.filter(survey=survey), RESPONSE_FIELDS)
    rewrite_in_random_order(SurveyReceipt.objects.filter(survey=survey), ("survey_id", "user_id"))
    FamilySurvey.objects.filter(pk=survey.pk).update(rewritten_at=now)
    survey.rewritten_at = now


def survey_close(survey, now=None):
    """Close the survey (once: the run that claims `closed_at` does the rest): rewrite its rows
    in a random order, turn each non-empty comment into a feedback item for the tracker, with
    the family's consent to quote it (or not), and have the worker vacuum the tables once this
    commits. Returns the items made."""
    from .tasks import seal_family_survey

    now = now or timezone.now()
    with transaction.atomic():
        claimed = FamilySurvey.objects.filter(pk=survey.pk, closed_at__isnull=True).update(
            closed_at=now
        )
        if not claimed:
            return []
        survey.closed_at = now
        _rewrite(survey, now)
        items = _comments_to_tracker(survey, now)
        seal_family_survey.delay_on_commit(survey.pk)
    return items


def _comments_to_tracker(survey, now):
    texts = []
    for good, better, may_quote in SurveyResponse.objects.filter(survey=survey).values_list(
        "what_is_good", "what_could_be_better", "may_quote"
    ):
        if good.strip():
            texts.append((f"What is good: {good.strip()}", may_quote))
        if better.strip():
            texts.append((f"What could be better: {better.strip()}", may_quote))
    random.SystemRandom().shuffle(texts)
    service = survey.forum.service
    received_on = timezone.localdate(now)
    return [
        feedback_record(
            channel=FeedbackItem.Channel.SURVEY,
            giver_role=FeedbackItem.GiverRole.FAMILY,
            service=service,
            text=text,
            received_on=received_on,
            recorded_by=None,
            may_quote=may_quote,
        )
        for text, may_quote in texts
    ]


def family_surveys_seal(survey_id=None, now=None):
    """Close every survey past its closing time, rewrite any closed survey whose rows were not
    (closed before sealing existed), and seal every closed survey not yet sealed (or only
    survey `survey_id`): vacuum the tables, outside any transaction, so no old row version is
    left, then mark them sealed. Safe to run twice or at once. Returns how many were due."""
    now = now or timezone.now()
    due_to_close = FamilySurvey.objects.filter(closed_at__isnull=True, closes_at__lte=now)
    for survey in due_to_close.select_related("forum__service"):
        survey_close(survey, now=min(now, survey.closes_at))
    for survey in FamilySurvey.objects.filter(closed_at__isnull=False, rewritten_at__isnull=True):
        with transaction.atomic():
            locked = (
                FamilySurvey.objects.select_for_update()
                .filter(pk=survey.pk, rewritten_at__isnull=True)
                .first()
            )
            if locked is not None:
                _rewrite(locked, now)
    due = FamilySurvey.objects.filter(closed_at__isnull=False, sealed_at__isnull=True)
    if survey_id is not None:
        due = due.filter(pk=survey_id)
    due_ids = list(due.values_list("pk", flat=True))
    if not due_ids:
        return 0

    def vacuum_then_mark():
        if vacuum_full((SurveyResponse, SurveyReceipt), "family survey"):
            FamilySurvey.objects.filter(
                pk__in=due_ids, rewritten_at__isnull=False, sealed_at__isnull=True
            ).update(sealed_at=now)

    # VACUUM cannot run in a transaction: called inside one, it waits for the commit.
    transaction.on_commit(vacuum_then_mark)
    return len(due_ids)
