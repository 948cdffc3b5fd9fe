"""Reads of the surveys part: a survey's results, the families to email, the forum panel."""

import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from cms import access
from cms.organisations.models import Role
from coproduction.surveys.models import FamilySurvey, SurveyReceipt, SurveyResponse

# The score and the comments are shown only from this many responses up, so that nobody can
# work out what one family answered.
MIN_RESPONSES_SHOWN = 5


def recommend_score(answers):
    """Promoters (9-10) as a percentage of all answers minus detractors (0-6), rounded to a
    whole number from -100 to +100; None with no answers. Passives (7-8) count only in the
    total."""
    answers = list(answers)
    if not answers:
        return None
    promoters = sum(1 for answer in answers if answer >= 9)
    detractors = sum(1 for answer in answers if answer <= 6)
    return round(100 * (promoters - detractors) / len(answers))


@dataclass
class SurveyResults:
    responses: int
    shown: bool
    score: int | None = None
    promoters: int = 0
    passives: int = 0
    detractors: int = 0
    good: list = field(default_factory=list)
    better: list = field(default_factory=list)

    @property
    def still_needed(self):
        return max(0, MIN_RESPONSES_SHOWN - self.responses)


def survey_results(survey):
    """The number of responses and, only from MIN_RESPONSES_SHOWN up, the score, the counts and
    the comments (shuffled, so their order says nothing about who answered when)."""
    rows = list(
        SurveyResponse.objects.filter(survey=survey).values_list(
            "recommend", "what_is_good", "what_could_be_better"
        )
    )
    if len(rows) < MIN_RESPONSES_SHOWN:
        return SurveyResults(responses=len(rows), shown=False)
    answers = [row[0] for row in rows]
    shuffle = random.SystemRandom().shuffle
    good = [row[1] for row in rows if row[1].strip()]
    better = [row[2] for row in rows if row[2].strip()]
    shuffle(good)
    shuffle(better)
    return SurveyResults(
        responses=len(rows),
        shown=True,
        score=recommend_score(answers),
        promoters=sum(1 for answer in answers if answer >= 9),
        passives=sum(1 for answer in answers if 7 <= answer <= 8),
        detractors=sum(1 for answer in answers if answer <= 6),
        good=good,
        better=better,
    )


def surveys_of(forum):
    return FamilySurvey.objects.filter(forum=forum).order_by("-opens_at", "-pk")


def open_surveys(forum, now=None):
    now = now or timezone.now()
    return surveys_of(forum).filter(closed_at__isnull=True, opens_at__lte=now, closes_at__gt=now)


def last_finished_survey(forum, now=None):
    """The survey that finished last (closed by a host, or past its closing time)."""
    now = now or timezone.now()
    return (
        FamilySurvey.objects.filter(forum=forum)
        .filter(Q(closed_at__isnull=False) | Q(closes_at__lte=now))
        .order_by("-closes_at", "-pk")
        .first()
    )


def answered_survey_ids(user, surveys):
    if not user.is_authenticated:
        return set()
    return set(
        SurveyReceipt.objects.filter(user=user, survey__in=surveys).values_list(
            "survey_id", flat=True
        )
    )


def families_to_email(survey):
    """The people holding the family member role for the survey's service (or the whole
    organisation), active and with an email address."""
    service = survey.forum.service
    return (
        get_user_model()
        .objects.filter(
            Q(memberships__service=service) | Q(memberships__service__isnull=True),
            is_active=True,
            memberships__organisation_id=service.organisation_id,
            memberships__role=Role.FAMILY_MEMBER,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def surveys_due_for_email(now=None):
    now = now or timezone.now()
    return FamilySurvey.objects.filter(
        opened_email_sent_at__isnull=True,
        closed_at__isnull=True,
        opens_at__lte=now,
        closes_at__gt=now,
    )


def surveys_due_to_close(now=None):
    now = now or timezone.now()
    return FamilySurvey.objects.filter(closed_at__isnull=True, closes_at__lte=now)


def surveys_waiting_for(user, now=None):
    """The open surveys of the forums where `user` is a family, that they have not answered."""
    if not user.is_authenticated:
        return []
    now = now or timezone.now()
    return list(
        FamilySurvey.objects.filter(
            access.reach_q(
                user,
                Role.FAMILY_MEMBER,
                organisation="forum__service__organisation",
                service="forum__service",
            ),
            closed_at__isnull=True,
            opens_at__lte=now,
            closes_at__gt=now,
        )
        .exclude(receipts__user=user)
        .select_related("forum")
        .order_by("closes_at", "pk")
    )
