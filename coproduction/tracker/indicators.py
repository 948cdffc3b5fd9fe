"""Indicators of the tracker, registered with the host's registry (cms.indicators) through
coproduction/indicators.py: INDICATORS.md section D, `you_said_we_did` (closing the loop).

An action belongs to a service when it is about that service or comes from a space of that
service; an organisation-wide space's actions count for each of the organisation's services, as
the spaces' own indicators do. Figures about actions rest on the number of actions (`people`
counts actions, so that fewer than 5 are withheld like any small number); the "addressed it"
rate rests on the people who answered. Repeated themes rest on the pieces of feedback behind
the window.

Feedback by theme and by channel, for the listening dashboard: the registry computes
`(service, start, end)` and has no parameters, so each theme of the taxonomy and each channel is
its own indicator, `feedback_theme:<theme key>` and `feedback_channel:<channel>`. The keys come
from code (the taxonomy in seeds.py, `FeedbackItem.Channel`), because the registry is filled at
import time, before the database can be read. They count by whole calendar months only, as
concerns do (concerns/indicators.py): speak-up, concerns and surveys can be anonymous, and a
count for any [start, end) would place one of them on a day (INDICATORS.md section G).
"""

from datetime import timedelta
from statistics import median

from django.db.models import Q
from django.utils import timezone

from cms.indicators import MIN_PEOPLE, Direction, IndicatorValue, percent, register
from cms.periods import whole_months
from coproduction.tracker.models import Action, FeedbackItem, OutcomeResponse

from ..concerns.indicators import NO_FIGURE
from .seeds import THEMES
from .selectors import REPEAT_WINDOW_DAYS, repeated_themes

SOURCE = "S1"
LABELS = {"pel": "Accountability", "stream": "people and families"}


def _service_actions(service):
    return Action.objects.filter(
        Q(service=service)
        | Q(space__service=service)
        | Q(space__service__isnull=True, space__organisation_id=service.organisation_id)
    )


@register(
    "action_closure_rate",
    label="Actions closed with an outcome",
    unit="%",
    good_direction=Direction.UP,
    description="Of the actions open at some time in the period, the share done, with a "
    "published outcome, by the end of the period.",
    source=SOURCE,
    labels=LABELS,
)
def action_closure_rate(service, start, end):
    rows = list(
        _service_actions(service)
        .filter(created_at__lt=end)
        .filter(Q(outcome_published_at__isnull=True) | Q(outcome_published_at__gte=start))
        .values_list("outcome_published_at", flat=True)
    )
    done = sum(1 for published in rows if published is not None and published < end)
    return IndicatorValue(percent(done, len(rows)), len(rows))


@register(
    "action_days_to_outcome",
    label="Days to a published outcome",
    unit="days",
    good_direction=Direction.DOWN,
    description="Median days from agreeing an action to publishing its outcome, for outcomes "
    "published in the period.",
    source=SOURCE,
    labels=LABELS,
)
def action_days_to_outcome(service, start, end):
    rows = list(
        _service_actions(service)
        .filter(outcome_published_at__gte=start, outcome_published_at__lt=end)
        .values_list("created_at", "outcome_published_at")
    )
    days = [(published - created).total_seconds() / 86400 for created, published in rows]
    return IndicatorValue(round(median(days), 1) if days else None, len(rows))


@register(
    "outcome_addressed_rate",
    label="Outcomes that addressed what was raised",
    unit="%",
    good_direction=Direction.UP,
    description="Of the people who answered in the period whether an outcome addressed what "
    "they raised, the share who said yes.",
    source=SOURCE,
    labels=LABELS,
)
def outcome_addressed_rate(service, start, end):
    rows = list(
        OutcomeResponse.objects.filter(
            action__in=_service_actions(service), responded_at__gte=start, responded_at__lt=end
        ).values_list("action__raised_by_id", "addressed")
    )
    yes = sum(1 for _person, addressed in rows if addressed == OutcomeResponse.Addressed.YES)
    return IndicatorValue(percent(yes, len(rows)), len({person for person, _ in rows}))


def last_day(end):
    """The last day of a period that ends (exclusive) at `end`."""
    return timezone.localdate(end - timedelta(microseconds=1))


@register(
    "repeated_themes",
    label="Themes raised again and again",
    unit="themes",
    good_direction=Direction.DOWN,
    description="At the end of the period, how many themes were raised in 3 or more pieces of "
    "feedback about the service in the last 90 days, from 2 or more channels (forum, survey, "
    "concern, co-production, ...). Rests on the pieces of feedback received about the service in "
    "those 90 days: feedback is not linked to people, so each piece stands for one voice.",
    source="S1, S4",
    labels={"pel": "Accountability", "stream": "people and families"},
)
def repeated_themes_count(service, start, end):
    today = last_day(end)
    feedback = FeedbackItem.objects.filter(
        service=service,
        received_on__gte=today - timedelta(days=REPEAT_WINDOW_DAYS),
        received_on__lte=today,
    ).count()
    return IndicatorValue(len(repeated_themes(service=service, today=today)), feedback)


FEEDBACK_LABELS = {"pel": "Reporting", "stream": "people and families"}
# Speak-up is staff voice: INDICATORS.md section G asks for a higher floor there.
STAFF_VOICE_MIN_PEOPLE = 10


def _feedback_count(**match):
    """compute(service, start, end): the service's pieces of feedback matching `match` received
    in the whole calendar months of the period. Each piece stands for one voice (feedback is not
    linked to people), so `people` is the count itself and a small count is withheld."""

    def compute(service, start, end):
        months = whole_months(start, end)
        if months is None:
            return NO_FIGURE
        first, last, _count = months
        count = FeedbackItem.objects.filter(
            service=service,
            received_on__gte=timezone.localdate(first),
            received_on__lt=timezone.localdate(last),
            **match,
        ).count()
        return IndicatorValue(count, count)

    return compute


for _channel in FeedbackItem.Channel:
    register(
        f"feedback_channel:{_channel.value}",
        label=f"Feedback by channel: {_channel.label}",
        unit="pieces of feedback",
        good_direction=Direction.EITHER,
        description="Pieces of feedback about the service received through this channel in the "
        "whole calendar months of the period (anonymous ones included). A rise can mean more "
        "problems or more trust that speaking up is worth it; a fall, or none at all, can mean "
        "fear or futility.",
        source="S1, S4",
        labels={**FEEDBACK_LABELS, "channel": _channel.value},
        min_people=STAFF_VOICE_MIN_PEOPLE
        if _channel == FeedbackItem.Channel.SPEAK_UP
        else MIN_PEOPLE,
    )(_feedback_count(channel=_channel.value))

for _group, _entries in THEMES.items():
    for _key, _label in _entries:
        register(
            f"feedback_theme:{_key}",
            label=f"Feedback by theme: {_label}",
            unit="pieces of feedback",
            good_direction=Direction.EITHER,
            description="Pieces of feedback about the service tagged with this theme, received "
            "in the whole calendar months of the period, from every channel. A theme that keeps "
            "coming back asks whether anything changed.",
            source="S1, S4, S5",
            labels={**FEEDBACK_LABELS, "theme": _key, "theme_group": _group},
        )(_feedback_count(themes__key=_key))
