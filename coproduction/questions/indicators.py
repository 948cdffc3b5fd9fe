"""Indicators of forum questions, registered with the host's registry (cms.indicators) through
coproduction/indicators.py: INDICATORS.md section A, `family_forum` ("% answered"; warning
pattern: questions left unanswered).

Questions can be anonymous, and INDICATORS.md section G asks for anonymous items to be shown by
month, not by day. So the count is taken at a month boundary: the end of the last whole
calendar month in the period (as for concerns, cms.periods.whole_months).
A count that can only change from one month's end to the next cannot place a question on a
day. For the same reason there is no "median days waiting": the age of a single question, in
days, would date it.
"""

from django.db.models import Q

from cms.indicators import Direction, IndicatorValue, register, register_many
from cms.periods import whole_months
from coproduction.questions.models import ForumQuestion


def unanswered_at(service, moment):
    """The service's forum questions asked before `moment` and not answered by then."""
    return unanswered_by(services=[service], moment=moment)


def unanswered_by(services, moment):
    """The forum questions of any of `services` asked before `moment` and not answered by
    then (the rule of `unanswered_at`, for many services)."""
    return ForumQuestion.objects.filter(
        forum__service__in=[service.pk for service in services], asked_at__lt=moment
    ).filter(Q(answered_at__isnull=True) | Q(answered_at__gte=moment))


@register(
    "questions_unanswered",
    label="Forum questions waiting for an answer",
    unit="questions",
    good_direction=Direction.DOWN,
    description="At the end of the last whole calendar month in the period, how many questions "
    "families had sent to the service's family forum that had no answer yet, however long ago "
    "they were asked. Rests on the number of different people who asked them: an anonymous "
    "question names nobody, so each counts as one person (two anonymous questions may come "
    "from one family, but the count says nothing about who asked).",
    source="S1",
    labels={"pel": "Accountability", "stream": "people and families"},
)
def questions_unanswered(service, start, end):
    return questions_unanswered_many([service], start, end).get(service.pk, IndicatorValue(None, 0))


def _by_asker(services, questions):
    """{service id: IndicatorValue(questions, people who asked them)} for every service
    (0 where none) from one query: each anonymous question counts as one person, a named
    asker once however many they asked."""
    askers = {service.pk: [] for service in services}
    for service_id, asker in questions.order_by().values_list("forum__service_id", "asked_by_id"):
        askers[service_id].append(asker)
    values = {}
    for service_id, found in askers.items():
        named = {asker for asker in found if asker is not None}
        unnamed = sum(1 for asker in found if asker is None)
        values[service_id] = IndicatorValue(len(found), len(named) + unnamed)
    return values


@register_many("questions_unanswered")
def questions_unanswered_many(services, start, end):
    months = whole_months(start, end)
    if months is None:
        return {}
    _first, month_end, _count = months
    return _by_asker(services, unanswered_by(services, month_end))


@register(
    "questions_asked",
    label="Forum questions asked",
    unit="questions",
    good_direction=Direction.EITHER,
    description="How many questions families sent to the service's family forum in the whole "
    "calendar months of the period. Either direction deserves a question: a fall can mean "
    "families have stopped expecting an answer. Rests on the number of different people who "
    "asked (each anonymous question counts as one).",
    source="S1",
    labels={"pel": "Reporting", "stream": "people and families"},
)
def questions_asked(service, start, end):
    return questions_asked_many([service], start, end).get(service.pk, IndicatorValue(None, 0))


@register_many("questions_asked")
def questions_asked_many(services, start, end):
    months = whole_months(start, end)
    if months is None:
        return {}
    first, last, _count = months
    questions = ForumQuestion.objects.filter(
        forum__service__in=[service.pk for service in services],
        asked_at__gte=first,
        asked_at__lt=last,
    )
    return _by_asker(services, questions)
