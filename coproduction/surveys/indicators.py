"""Indicators of the family survey, registered with the host's registry (cms.indicators) through
coproduction/indicators.py: INDICATORS.md section A, `family_nps` (the family survey recommend
score, one of the key indicators Island Healthcare's leaders read together).

Responses carry no time by design (a time could tell who answered), so a response belongs to
the period in which its survey ended: when a host closed it, or at its closing time if that
came first. A survey with fewer than 5 responses is left out, as its own results page withholds
its score: otherwise a period holding it and one that does not could be subtracted to work out
what its few families answered.
"""

from django.db.models import F
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from cms.indicators import Direction, IndicatorValue, register
from coproduction.surveys.models import SurveyResponse

from .selectors import MIN_RESPONSES_SHOWN, recommend_score


def responses_of_surveys_ended_between(service, start, end, now=None):
    """The recommend answers of the service's surveys that ended in [start, end) and before
    `now`, leaving out surveys with fewer than MIN_RESPONSES_SHOWN responses."""
    now = now or timezone.now()
    rows = (
        SurveyResponse.objects.filter(survey__forum__service=service)
        .annotate(
            ended_at=Least(
                Coalesce("survey__closed_at", "survey__closes_at"), F("survey__closes_at")
            )
        )
        .filter(ended_at__gte=start, ended_at__lt=min(end, now))
        .values_list("survey_id", "recommend")
    )
    by_survey = {}
    for survey_id, recommend in rows:
        by_survey.setdefault(survey_id, []).append(recommend)
    return [
        recommend
        for answers in by_survey.values()
        if len(answers) >= MIN_RESPONSES_SHOWN
        for recommend in answers
    ]


@register(
    "family_nps",
    label="Family recommend score",
    unit="score (-100 to +100)",
    good_direction=Direction.UP,
    description="How likely families are to recommend the service, from the family surveys "
    "that ended in the period: the percentage of promoters (answering 9 or 10 out of 10) minus "
    "the percentage of detractors (0 to 6), as a whole number from -100 to +100. A survey "
    "ends when a host closes it or at its closing time; surveys with fewer than 5 responses are "
    "left out, as their results are. Rests on the number of responses (each family answers a "
    "survey once).",
    source="S1",
    labels={"pel": "Caring", "stream": "people and families"},
)
def family_nps(service, start, end):
    answers = responses_of_surveys_ended_between(service, start, end)
    return IndicatorValue(recommend_score(answers), len(answers))
