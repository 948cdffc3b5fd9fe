"""Indicators of the staff pulse survey, registered with the host's registry (cms.indicators)
through coproduction/indicators.py: INDICATORS.md section C, staff voice. The first two answer
two of the NHS Staff Survey's raising-concerns items ("safe to speak up about anything";
confident the organisation would address it) in the provider's own survey, as INDICATORS.md
suggests social care providers do; the third asks what a closed culture hides.

Responses carry no time by design, so a response belongs to the period in which its round
ended: when a leader closed it, or at its closing time if that came first. A round with fewer
than 10 answers is left out, as its own page withholds its figures: otherwise a period holding
it and one that does not could be subtracted to work out what its few people answered. Every
figure is withheld below 10 people (`min_people`, INDICATORS.md G)."""

from django.db.models import F
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from cms.indicators import Direction, IndicatorValue, register
from coproduction.pulse.models import PulseResponse

from .selectors import MIN_ANSWERS_SHOWN, shares

STAFF_VOICE = {"pel": "Reporting", "stream": "staff voice"}


def answers_of_rounds_ended_between(service, start, end, now=None):
    """(safe_to_speak, acted_on, dignity_seen) of the service's rounds that ended in
    [start, end) and before `now`, leaving out rounds with fewer than MIN_ANSWERS_SHOWN."""
    now = now or timezone.now()
    rows = (
        PulseResponse.objects.filter(round__service=service)
        .annotate(
            ended_at=Least(Coalesce("round__closed_at", "round__closes_at"), F("round__closes_at"))
        )
        .filter(ended_at__gte=start, ended_at__lt=min(end, now))
        .values_list("round_id", "safe_to_speak", "acted_on", "dignity_seen")
    )
    by_round = {}
    for round_id, *answers in rows:
        by_round.setdefault(round_id, []).append(tuple(answers))
    return [
        answer
        for answers in by_round.values()
        if len(answers) >= MIN_ANSWERS_SHOWN
        for answer in answers
    ]


@register(
    "staff_pulse_safe_to_speak",
    label="Staff who feel safe to speak up",
    unit="%",
    good_direction=Direction.UP,
    description="The share of staff answering the pulse survey who agree or strongly agree "
    "that they feel safe to speak up about anything that concerns them, from the rounds that "
    "ended in the period (all staff groups, agency staff included). Rounds with fewer than 10 "
    "answers are left out; withheld below 10 people.",
    source="NGO; NHS Staff Survey",
    labels=STAFF_VOICE,
    min_people=MIN_ANSWERS_SHOWN,
)
def staff_pulse_safe_to_speak(service, start, end):
    figures = shares(answers_of_rounds_ended_between(service, start, end))
    return IndicatorValue(figures.safe_to_speak, figures.answers)


@register(
    "staff_pulse_acted_on",
    label="Staff who say what they raised was acted on",
    unit="%",
    good_direction=Direction.UP,
    description="Of the staff answering the pulse survey who had raised something, the share "
    "who agree or strongly agree it was acted on, from the rounds that ended in the period. "
    "Rests on the people who had raised something; withheld below 10 of them.",
    source="NGO; NHS Staff Survey",
    labels={**STAFF_VOICE, "pel": "Accountability"},
    min_people=MIN_ANSWERS_SHOWN,
)
def staff_pulse_acted_on(service, start, end):
    figures = shares(answers_of_rounds_ended_between(service, start, end))
    return IndicatorValue(figures.acted_on, figures.raised)


@register(
    "staff_pulse_dignity_seen",
    label="Staff who saw someone treated without dignity",
    unit="%",
    good_direction=Direction.DOWN,
    description="The share of staff answering the pulse survey who saw someone treated without "
    "dignity in the month before they answered, from the rounds that ended in the period. "
    "Withheld below 10 people.",
    source="design (the question is ours)",
    labels={**STAFF_VOICE, "pel": "Caring", "cqc": "poor care"},
    min_people=MIN_ANSWERS_SHOWN,
)
def staff_pulse_dignity_seen(service, start, end):
    figures = shares(answers_of_rounds_ended_between(service, start, end))
    return IndicatorValue(figures.dignity_seen, figures.answers)
