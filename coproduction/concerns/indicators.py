"""Indicators of concerns, registered with the host's registry (cms.indicators) through
coproduction/indicators.py: INDICATORS.md section A (`complaints`: how many, acknowledged on
time, closed with an outcome fed back), section B (`safeguarding_raised`) and section C
(`speakup_cases`: speak-up cases, detriment, would speak up again).

Whole calendar months only. "One anonymous concern about nights this week" can identify
someone (INDICATORS.md section G), and a registry that answered any [start, end) would let a
reader narrow an anonymous concern to a day by asking for one-day periods. So every concern
indicator looks only at the whole calendar months (UK time) inside the period: a concern counts
when the moment that selects it (raised, acknowledged, outcome shared, closed) falls in one of
them, and a period holding no whole month has no figure. Monthly, quarterly and yearly periods
are counted exactly; a rolling 90-day period counts the two or three whole months inside it.
The same rule applies to named concerns, so that subtracting one figure from another reveals
nothing finer than a month either.

Concerns are not linked to people in a way that can be counted (an anonymous concern names
nobody), so each concern stands for one voice: `people` is the number of concerns a figure
rests on, and a figure from fewer than 5 concerns is withheld like any small number.
"""

from collections import defaultdict
from statistics import median

from django.db.models import Count, Q
from django.utils import timezone

from cms.indicators import Direction, IndicatorValue, percent, register, register_many
from cms.periods import whole_months
from coproduction.concerns.models import Concern, SpeakUpCase

SOURCE = "S1, S4, CQC-CC"
REPORTING = {"pel": "Reporting", "stream": "people and families"}
ACCOUNTABILITY = {"pel": "Accountability", "stream": "people and families"}
NO_FIGURE = IndicatorValue(None, 0)

# Set-based forms (cms.indicators.register_many): each indicator's rule is written once, in its
# `*_many(services, start, end)`, which reads every service asked about in one query grouped (or
# tallied) by service; the per-service form asks it about [service]. The whole-month rule is
# the same filter in both, so a set of services learns nothing finer than a month either.


def _in_whole_months(field, start, end):
    """A filter for concerns whose `field` falls in the whole months of the period, and the
    number of those months; (None, 0) when there are none."""
    months = whole_months(start, end)
    if months is None:
        return None, 0
    first, last, count = months
    return Q(**{f"{field}__gte": first, f"{field}__lt": last}), count


def _concerns_of(services, field, start, end):
    """The concerns of `services` selected by `field` in the period's whole months, or None."""
    condition, _months = _in_whole_months(field, start, end)
    if condition is None:
        return None
    return Concern.objects.filter(condition, service__in=[service.pk for service in services])


def one(many, service, start, end):
    """The per-service form of a set-based indicator: `many` asked about `service` alone."""
    return many([service], start, end).get(service.pk, NO_FIGURE)


def count_by_service(queryset, field="service_id"):
    """{service id: how many rows of `queryset`}, counted in the database (one GROUP BY)."""
    return dict(
        queryset.order_by().values(field).annotate(count=Count("pk")).values_list(field, "count")
    )


def rows_by_service(queryset, *fields, service_field="service_id"):
    """{service id: [tuples of `fields`]} from one query over all the services."""
    rows = defaultdict(list)
    for service_id, *row in queryset.order_by().values_list(service_field, *fields):
        rows[service_id].append(tuple(row))
    return rows


def _counts(services, queryset, field="service_id"):
    """IndicatorValue(count, count) for every service (0 where none), or {} with no period."""
    if queryset is None:
        return {}
    counts = count_by_service(queryset, field)
    return {
        service.pk: IndicatorValue(counts.get(service.pk, 0), counts.get(service.pk, 0))
        for service in services
    }


@register(
    "concerns_raised",
    label="Concerns raised",
    unit="concerns",
    good_direction=Direction.EITHER,
    description="Concerns raised about the service in the whole calendar months of the period "
    "(anonymous ones included). More concerns can mean more problems or more trust that "
    "raising one is worth it; a fall, or none at all, can mean fear or futility: read it with "
    "staff-voice measures.",
    source=SOURCE,
    labels=REPORTING,
)
def concerns_raised(service, start, end):
    return one(concerns_raised_many, service, start, end)


@register_many("concerns_raised")
def concerns_raised_many(services, start, end):
    return _counts(services, _concerns_of(services, "created_at", start, end))


@register(
    "concerns_per_10_beds",
    label="Concerns raised per 10 beds",
    unit="per 10 beds a quarter",
    good_direction=Direction.EITHER,
    description="Concerns raised in the whole calendar months of the period, per 10 beds and "
    "per quarter (3 months), so that homes and wards of different sizes and periods of "
    "different lengths compare. Only for services with beds (care homes and wards).",
    source=SOURCE,
    labels=REPORTING,
)
def concerns_per_10_beds(service, start, end):
    return one(concerns_per_10_beds_many, service, start, end)


@register_many("concerns_per_10_beds")
def concerns_per_10_beds_many(services, start, end):
    condition, months = _in_whole_months("created_at", start, end)
    with_beds = [service for service in services if service.beds]
    if condition is None or not with_beds:
        return {}
    counts = count_by_service(
        Concern.objects.filter(condition, service__in=[service.pk for service in with_beds])
    )
    values = {}
    for service in with_beds:
        count = counts.get(service.pk, 0)
        values[service.pk] = IndicatorValue(round(count * 10 / service.beds * 3 / months, 1), count)
    return values


@register(
    "safeguarding_raised",
    label="Possible safeguarding concerns raised",
    unit="concerns",
    good_direction=Direction.EITHER,
    description="Concerns raised in the whole calendar months of the period that the person "
    "raising them said could be abuse or neglect, or that someone was at risk now (these go to "
    "the safeguarding leads at once). None at all from a high-risk service is a warning sign, "
    "as is a sharp rise.",
    source="CSSG, NG189",
    labels={"pel": "Reporting", "stream": "practice and outcomes"},
)
def safeguarding_raised(service, start, end):
    return one(safeguarding_raised_many, service, start, end)


@register_many("safeguarding_raised")
def safeguarding_raised_many(services, start, end):
    concerns = _concerns_of(services, "created_at", start, end)
    if concerns is None:
        return {}
    return _counts(services, concerns.filter(possible_safeguarding=True))


@register(
    "concerns_anonymous_share",
    label="Concerns raised anonymously",
    unit="%",
    good_direction=Direction.DOWN,
    description="Of the concerns raised in the whole calendar months of the period, the share "
    "raised anonymously. A rising share can mean people fear what happens if they give their "
    "name. Counted by month only, never by day, so an anonymous concern cannot be placed on a "
    "date.",
    source="S1, CQC-CC",
    labels=REPORTING,
)
def concerns_anonymous_share(service, start, end):
    return one(concerns_anonymous_share_many, service, start, end)


@register_many("concerns_anonymous_share")
def concerns_anonymous_share_many(services, start, end):
    concerns = _concerns_of(services, "created_at", start, end)
    if concerns is None:
        return {}
    values = {}
    for service_id, rows in rows_by_service(concerns, "anonymous").items():
        anonymous = [flag for (flag,) in rows]
        values[service_id] = IndicatorValue(percent(sum(anonymous), len(anonymous)), len(anonymous))
    return values


@register(
    "concern_hours_to_acknowledge",
    label="Hours to acknowledge a concern",
    unit="hours",
    good_direction=Direction.DOWN,
    description="Median hours from a concern being raised to a member of staff acknowledging "
    "it, for concerns acknowledged in the whole calendar months of the period. In hours "
    "because possible safeguarding concerns are due within 24 hours (others within 5 working "
    "days).",
    source=SOURCE,
    labels=ACCOUNTABILITY,
)
def concern_hours_to_acknowledge(service, start, end):
    return one(concern_hours_to_acknowledge_many, service, start, end)


@register_many("concern_hours_to_acknowledge")
def concern_hours_to_acknowledge_many(services, start, end):
    concerns = _concerns_of(services, "acknowledged_at", start, end)
    if concerns is None:
        return {}
    values = {}
    for service_id, rows in rows_by_service(concerns, "created_at", "acknowledged_at").items():
        hours = [(acknowledged - raised).total_seconds() / 3600 for raised, acknowledged in rows]
        values[service_id] = IndicatorValue(round(median(hours), 1), len(hours))
    return values


@register(
    "concerns_acknowledged_on_time",
    label="Concerns acknowledged on time",
    unit="%",
    good_direction=Direction.UP,
    description="Of the concerns whose acknowledgement was due in the whole calendar months of "
    "the period (and is already past), the share acknowledged by the time it was due: 24 hours "
    "for possible safeguarding concerns, 5 working days for others, from when the concern "
    "was routed.",
    source=SOURCE,
    labels=ACCOUNTABILITY,
)
def concerns_acknowledged_on_time(service, start, end):
    return one(concerns_acknowledged_on_time_many, service, start, end)


@register_many("concerns_acknowledged_on_time")
def concerns_acknowledged_on_time_many(services, start, end):
    concerns = _concerns_of(services, "acknowledge_by", start, end)
    if concerns is None:
        return {}
    values = {}
    due_now = concerns.filter(acknowledge_by__lt=timezone.now())
    for service_id, rows in rows_by_service(due_now, "acknowledge_by", "acknowledged_at").items():
        on_time = sum(1 for due, done in rows if done is not None and done <= due)
        values[service_id] = IndicatorValue(percent(on_time, len(rows)), len(rows))
    return values


@register(
    "concern_days_to_outcome",
    label="Days to the outcome of a concern",
    unit="days",
    good_direction=Direction.DOWN,
    description="Median days from a concern being raised to its outcome being shared with the "
    "person who raised it, for outcomes shared in the whole calendar months of the period.",
    source=SOURCE,
    labels=ACCOUNTABILITY,
)
def concern_days_to_outcome(service, start, end):
    return one(concern_days_to_outcome_many, service, start, end)


@register_many("concern_days_to_outcome")
def concern_days_to_outcome_many(services, start, end):
    concerns = _concerns_of(services, "outcome_shared_at", start, end)
    if concerns is None:
        return {}
    values = {}
    for service_id, rows in rows_by_service(concerns, "created_at", "outcome_shared_at").items():
        days = [(shared - raised).total_seconds() / 86400 for raised, shared in rows]
        values[service_id] = IndicatorValue(round(median(days), 1), len(days))
    return values


def outcome_fed_back(anonymous, raised_by_id, contact_email, outcome_shared_at, email_sent_at):
    """Whether a concern's outcome reached the person who raised it: by email when they can
    be emailed (an account, or a contact email they gave), otherwise on the tracking page, the
    only place an anonymous raiser, or one who left no contact, can read it."""
    if outcome_shared_at is None:
        return False
    can_be_emailed = not anonymous and bool(raised_by_id or contact_email)
    return email_sent_at is not None if can_be_emailed else True


@register(
    "concerns_outcome_fed_back",
    label="Concerns closed with the outcome fed back",
    unit="%",
    good_direction=Direction.UP,
    description="Of the concerns closed in the whole calendar months of the period, the share "
    "whose outcome reached the person who raised it: the outcome was shared and, when they can "
    "be emailed (an account or a contact email), the outcome email was sent; anonymous "
    "concerns and those with no contact count when the outcome is shared, because the tracking "
    "page is where they read it. The platform does not close a concern before its outcome is "
    "shared, so a figure below 100% means outcome emails that were never sent.",
    source=SOURCE,
    labels=ACCOUNTABILITY,
)
def concerns_outcome_fed_back(service, start, end):
    return one(concerns_outcome_fed_back_many, service, start, end)


@register_many("concerns_outcome_fed_back")
def concerns_outcome_fed_back_many(services, start, end):
    concerns = _concerns_of(services, "closed_at", start, end)
    if concerns is None:
        return {}
    values = {}
    by_service = rows_by_service(
        concerns,
        "anonymous",
        "raised_by_id",
        "contact_email",
        "outcome_shared_at",
        "outcome_email_sent_at",
    )
    for service_id, rows in by_service.items():
        fed_back = sum(1 for row in rows if outcome_fed_back(*row))
        values[service_id] = IndicatorValue(percent(fed_back, len(rows)), len(rows))
    return values


# --- Speaking up (Freedom to Speak Up) --------------------------------------------------------
# Staff voice (INDICATORS.md C, `speakup_cases`): the cases raised through the speak-up route,
# the share whose person says they suffered detriment for speaking up, and the share who would
# speak up again. The same whole-month rule and floor of 5 cases as the quarterly return
# (coproduction.concerns.selectors.speak_up_return), so no figure shown here is finer than it.
SPEAK_UP_SOURCE = "NGO, FTSU guide 2022"
SPEAK_UP_LABELS = {"pel": "Reporting", "stream": "staff voice"}


def _speak_up_cases(services, field, start, end):
    """The speak-up cases of `services` whose concern `field` falls in the period's whole
    months, or None; grouped by "concern__service_id"."""
    concerns = _concerns_of(services, field, start, end)
    return None if concerns is None else SpeakUpCase.objects.filter(concern__in=concerns)


CASE_SERVICE = "concern__service_id"


@register(
    "speakup_cases",
    label="Speak-up cases raised",
    unit="concerns",
    good_direction=Direction.EITHER,
    description="Concerns raised by staff through the speak-up route (Freedom to Speak Up) in "
    "the whole calendar months of the period, anonymous ones included. Case records are a "
    "measure of culture: none at all can mean people do not feel safe to speak up.",
    source=SPEAK_UP_SOURCE,
    labels=SPEAK_UP_LABELS,
)
def speakup_cases(service, start, end):
    return one(speakup_cases_many, service, start, end)


@register_many("speakup_cases")
def speakup_cases_many(services, start, end):
    return _counts(services, _speak_up_cases(services, "created_at", start, end), CASE_SERVICE)


@register(
    "speakup_detriment_share",
    label="Speak-up cases where the person says they suffered detriment",
    unit="%",
    good_direction=Direction.DOWN,
    description="Of the speak-up cases raised in the whole calendar months of the period, the "
    "share where the person says they were treated worse for speaking up. Nationally 3.9% of "
    "cases reported detriment (National Guardian's Office, 2022/23).",
    source=SPEAK_UP_SOURCE,
    labels=SPEAK_UP_LABELS,
)
def speakup_detriment_share(service, start, end):
    return one(speakup_detriment_share_many, service, start, end)


@register_many("speakup_detriment_share")
def speakup_detriment_share_many(services, start, end):
    cases = _speak_up_cases(services, "created_at", start, end)
    if cases is None:
        return {}
    values = {}
    for service_id, rows in rows_by_service(cases, "detriment", service_field=CASE_SERVICE).items():
        detriment = [flag for (flag,) in rows]
        values[service_id] = IndicatorValue(percent(sum(detriment), len(detriment)), len(detriment))
    return values


@register(
    "speakup_again_share",
    label="People who would speak up again",
    unit="%",
    good_direction=Direction.UP,
    description="Of the people who answered, once the outcome of their speak-up case was "
    "shared in the whole calendar months of the period, the share who said yes, they would "
    "speak up again (the others said no, maybe or that they did not know).",
    source=SPEAK_UP_SOURCE,
    labels=SPEAK_UP_LABELS,
)
def speakup_again_share(service, start, end):
    return one(speakup_again_share_many, service, start, end)


@register_many("speakup_again_share")
def speakup_again_share_many(services, start, end):
    cases = _speak_up_cases(services, "outcome_shared_at", start, end)
    if cases is None:
        return {}
    answered = cases.exclude(would_speak_up_again="")
    values = {}
    for service_id, answers in rows_by_service(
        answered, "would_speak_up_again", service_field=CASE_SERVICE
    ).items():
        yes = sum(1 for (answer,) in answers if answer == SpeakUpCase.Again.YES)
        values[service_id] = IndicatorValue(percent(yes, len(answers)), len(answers))
    return values
