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

Set-based forms (cms.indicators.register_many): every indicator here reads all the services of
a snapshot batch in one query (two for repeated themes) and hands each row to every service it
belongs to; the channel and theme counts share one GROUP BY each per period (`shared_many`).
EXPLAIN ANALYZE on the bench_sab dataset (300 services, 56,000 pieces of feedback, 75,000
theme tags), 50 services and a quarter: the feedback is found by its service index and the
tags by a hash join over a sequential scan of the tag table (about 30 ms). The index on the
tag's feedback item exists, and forcing it (enable_seqscan off) took twice as long, so no new
index: the batch covers a sixth of the tags and reading them in one pass is the cheaper plan.
All the co-production indicators for 50 services and a quarter took 27 queries and 0.9 s,
against 2,968 queries and 38 s one service at a time.
"""

from collections import Counter, defaultdict
from datetime import timedelta
from statistics import median

from django.db.models import Count, Q
from django.utils import timezone

from cms.indicators import (
    MIN_PEOPLE,
    Direction,
    IndicatorValue,
    percent,
    register,
    register_many,
    shared_many,
)
from cms.periods import whole_months
from coproduction.tracker.models import Action, FeedbackItem, OutcomeResponse

from ..concerns.indicators import one
from ..spaces.indicators import services_of_space
from .seeds import THEMES
from .selectors import repeated_theme_counts

SOURCE = "S1"
LABELS = {"pel": "Accountability", "stream": "people and families"}


def _actions_q(services, prefix=""):
    """A filter for the actions of any of `services` (about one of them, from a space of one,
    or from an organisation-wide space of their organisations); `prefix` ("action__") filters
    rows of an action by it."""
    pks = [service.pk for service in services]
    return (
        Q(**{f"{prefix}service__in": pks})
        | Q(**{f"{prefix}space__service__in": pks})
        | Q(
            **{
                f"{prefix}space__service__isnull": True,
                f"{prefix}space__organisation_id__in": {s.organisation_id for s in services},
            }
        )
    )


def _by_service(services, rows):
    """{service id: [rest of row]} from rows of (action's service, space, space's service,
    space's organisation, *rest), each handed to every one of `services` the action belongs
    to: the service it is about, and the services its space speaks for (one action can belong
    to two services, an organisation-wide space's to each of the organisation's)."""
    asked = {service.pk for service in services}
    of_space = services_of_space(services)
    found = defaultdict(list)
    for service_id, space_id, space_service, space_organisation, *rest in rows:
        owners = {service_id} & asked
        if space_id is not None:
            owners.update(of_space(space_service, space_organisation))
        for owner in owners:
            found[owner].append(tuple(rest))
    return found


ACTION_PLACE = ("service_id", "space_id", "space__service_id", "space__organisation_id")


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
    return one(action_closure_rate_many, service, start, end)


@register_many("action_closure_rate")
def action_closure_rate_many(services, start, end):
    rows = (
        Action.objects.filter(_actions_q(services), created_at__lt=end)
        .filter(Q(outcome_published_at__isnull=True) | Q(outcome_published_at__gte=start))
        .order_by()
        .values_list(*ACTION_PLACE, "outcome_published_at")
    )
    values = {}
    for service_id, found in _by_service(services, rows).items():
        done = sum(1 for (published,) in found if published is not None and published < end)
        values[service_id] = IndicatorValue(percent(done, len(found)), len(found))
    return values


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
    return one(action_days_to_outcome_many, service, start, end)


@register_many("action_days_to_outcome")
def action_days_to_outcome_many(services, start, end):
    rows = (
        Action.objects.filter(
            _actions_q(services), outcome_published_at__gte=start, outcome_published_at__lt=end
        )
        .order_by()
        .values_list(*ACTION_PLACE, "created_at", "outcome_published_at")
    )
    values = {}
    for service_id, found in _by_service(services, rows).items():
        days = [(published - created).total_seconds() / 86400 for created, published in found]
        values[service_id] = IndicatorValue(round(median(days), 1), len(found))
    return values


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
    return one(outcome_addressed_rate_many, service, start, end)


@register_many("outcome_addressed_rate")
def outcome_addressed_rate_many(services, start, end):
    rows = (
        OutcomeResponse.objects.filter(
            _actions_q(services, "action__"), responded_at__gte=start, responded_at__lt=end
        )
        .order_by()
        .values_list(
            *(f"action__{field}" for field in ACTION_PLACE), "action__raised_by_id", "addressed"
        )
    )
    values = {}
    for service_id, found in _by_service(services, rows).items():
        yes = sum(1 for _person, addressed in found if addressed == OutcomeResponse.Addressed.YES)
        people = len({person for person, _ in found})
        values[service_id] = IndicatorValue(percent(yes, len(found)), people)
    return values


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
    return one(repeated_themes_many, service, start, end)


@register_many("repeated_themes")
def repeated_themes_many(services, start, end):
    counts = repeated_theme_counts(services, today=last_day(end))
    return {
        service_id: IndicatorValue(themes, feedback)
        for service_id, (themes, feedback) in counts.items()
    }


FEEDBACK_LABELS = {"pel": "Reporting", "stream": "people and families"}
# Speak-up is staff voice: INDICATORS.md section G asks for a higher floor there.
STAFF_VOICE_MIN_PEOPLE = 10


def _in_whole_months(prefix, services, start, end):
    """A filter for the feedback (`prefix` "" or "feedbackitem__") of `services` received in
    the whole calendar months of the period; None when it holds none."""
    months = whole_months(start, end)
    if months is None:
        return None
    first, last, _count = months
    return Q(
        **{
            f"{prefix}service__in": [service.pk for service in services],
            f"{prefix}received_on__gte": timezone.localdate(first),
            f"{prefix}received_on__lt": timezone.localdate(last),
        }
    )


@shared_many
def _feedback_by_channel(services, start, end):
    """{(service id, channel): pieces of feedback} in the whole months of the period, one
    GROUP BY for every channel indicator; None when the period holds no whole month."""
    condition = _in_whole_months("", services, start, end)
    if condition is None:
        return None
    return Counter(
        {
            (service_id, channel): count
            for service_id, channel, count in FeedbackItem.objects.filter(condition)
            .order_by()
            .values("service_id", "channel")
            .annotate(count=Count("pk"))
            .values_list("service_id", "channel", "count")
        }
    )


@shared_many
def _feedback_by_theme(services, start, end):
    """{(service id, theme key): pieces of feedback tagged with it} in the whole months of the
    period, one GROUP BY over the tags for every theme indicator; None with no whole month."""
    condition = _in_whole_months("feedbackitem__", services, start, end)
    if condition is None:
        return None
    return Counter(
        {
            (service_id, key): count
            for service_id, key, count in FeedbackItem.themes.through.objects.filter(condition)
            .order_by()
            .values("feedbackitem__service_id", "theme__key")
            .annotate(count=Count("pk"))
            .values_list("feedbackitem__service_id", "theme__key", "count")
        }
    )


def _feedback_count(tally, match):
    """(compute, many) of the indicator counting a service's pieces of feedback received in
    the whole calendar months of the period whose channel or theme (as `tally` groups them) is
    `match`. Each piece stands for one voice (feedback is not linked to people), so `people` is
    the count itself and a small count is withheld."""

    def many(services, start, end):
        counts = tally(services, start, end)
        if counts is None:
            return {}
        return {
            service.pk: IndicatorValue(counts[service.pk, match], counts[service.pk, match])
            for service in services
        }

    def compute(service, start, end):
        return one(many, service, start, end)

    return compute, many


for _channel in FeedbackItem.Channel:
    _compute, _many = _feedback_count(_feedback_by_channel, _channel.value)
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
    )(_compute)
    register_many(f"feedback_channel:{_channel.value}")(_many)

for _group, _entries in THEMES.items():
    for _key, _label in _entries:
        _compute, _many = _feedback_count(_feedback_by_theme, _key)
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
        )(_compute)
        register_many(f"feedback_theme:{_key}")(_many)
