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

from cms.indicators import Direction, IndicatorValue, register, register_many
from coproduction.surveys.models import SurveyResponse

from .selectors import MIN_RESPONSES_SHOWN, recommend_score


def responses_of_surveys_ended_between(service, start, end, now=None):
    """The recommend answers of the service's surveys that ended in [start, end) and before
    `now`, leaving out surveys with fewer than MIN_RESPONSES_SHOWN responses."""
    return responses_by_service([service], start, end, now).get(service.pk, [])


def responses_by_service(services, start, end, now=None):
    """{service id: its recommend answers as `responses_of_surveys_ended_between` gives them}
    for all of `services` from one query. A survey belongs to one forum and so one service,
    and the floor of MIN_RESPONSES_SHOWN is still applied survey by survey: a set of services
    learns nothing of a small survey, as one service does not. Rows carry no person and no
    time (responses have neither)."""
    now = now or timezone.now()
    rows = (
        SurveyResponse.objects.filter(
            survey__forum__service__in=[service.pk for service in services]
        )
        .annotate(
            ended_at=Least(
                Coalesce("survey__closed_at", "survey__closes_at"), F("survey__closes_at")
            )
        )
        .filter(ended_at__gte=start, ended_at__lt=min(end, now))
        .order_by()
        .values_list("survey__forum__service_id", "survey_id", "recommend")
    )
    by_survey = {}
    for service_id, survey_id, recommend in rows:
        by_survey.setdefault((service_id, survey_id), []).append(recommend)
    found = {}
    for (service_id, _survey_id), answers in by_survey.items():
        if len(answers) >= MIN_RESPONSES_SHOWN:
            found.setdefault(service_id, []).extend(answers)
    return found


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
    return family_nps_many([service], start, end).get(service.pk, IndicatorValue(None, 0))


@register_many("family_nps")
def family_nps_many(services, start, end):
    return {
        service_id: IndicatorValue(recommend_score(answers), len(answers))
        for service_id, answers in responses_by_service(services, start, end).items()
    }
