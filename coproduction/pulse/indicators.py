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

from cms.indicators import Direction, IndicatorValue, register, register_many, shared_many
from coproduction.pulse.models import PulseResponse

from .selectors import MIN_ANSWERS_SHOWN, shares

STAFF_VOICE = {"pel": "Reporting", "stream": "staff voice"}


def answers_of_rounds_ended_between(service, start, end, now=None):
    """(safe_to_speak, acted_on, dignity_seen) of the service's rounds that ended in
    [start, end) and before `now`, leaving out rounds with fewer than MIN_ANSWERS_SHOWN."""
    return answers_by_service([service], start, end, now).get(service.pk, [])


def answers_by_service(services, start, end, now=None):
    """{service id: its answers as `answers_of_rounds_ended_between` gives them} for all of
    `services` from one query. A round belongs to one service, so the floor of
    MIN_ANSWERS_SHOWN is still applied round by round: a set of services is never told more
    about a small round than one service is (nothing of it). Rows carry no person and no time."""
    now = now or timezone.now()
    rows = (
        PulseResponse.objects.filter(round__service__in=[service.pk for service in services])
        .annotate(
            ended_at=Least(Coalesce("round__closed_at", "round__closes_at"), F("round__closes_at"))
        )
        .filter(ended_at__gte=start, ended_at__lt=min(end, now))
        .order_by()
        .values_list("round__service_id", "round_id", "safe_to_speak", "acted_on", "dignity_seen")
    )
    by_round = {}
    for service_id, round_id, *answers in rows:
        by_round.setdefault((service_id, round_id), []).append(tuple(answers))
    found = {}
    for (service_id, _round_id), answers in by_round.items():
        if len(answers) >= MIN_ANSWERS_SHOWN:
            found.setdefault(service_id, []).extend(answers)
    return found


@shared_many
def _shares_by_service(services, start, end):
    """The pulse figures of each service with answers, read once for the three indicators."""
    return {
        service_id: shares(answers)
        for service_id, answers in answers_by_service(services, start, end).items()
    }


def _one(many, service, start, end):
    """The per-service form: the set-based `many` asked about `service` alone."""
    return many([service], start, end).get(service.pk, IndicatorValue(None, 0))


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
    return _one(staff_pulse_safe_to_speak_many, service, start, end)


@register_many("staff_pulse_safe_to_speak")
def staff_pulse_safe_to_speak_many(services, start, end):
    return {
        service_id: IndicatorValue(figures.safe_to_speak, figures.answers)
        for service_id, figures in _shares_by_service(services, start, end).items()
    }


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
    return _one(staff_pulse_acted_on_many, service, start, end)


@register_many("staff_pulse_acted_on")
def staff_pulse_acted_on_many(services, start, end):
    return {
        service_id: IndicatorValue(figures.acted_on, figures.raised)
        for service_id, figures in _shares_by_service(services, start, end).items()
    }


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
    return _one(staff_pulse_dignity_seen_many, service, start, end)


@register_many("staff_pulse_dignity_seen")
def staff_pulse_dignity_seen_many(services, start, end):
    return {
        service_id: IndicatorValue(figures.dignity_seen, figures.answers)
        for service_id, figures in _shares_by_service(services, start, end).items()
    }
