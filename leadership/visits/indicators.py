"""Leader presence (INDICATORS.md C `leader_presence`: "visits by senior leaders per month,
including nights and weekends"; warning pattern "none out of hours"; S3 "walk the patch", CQC-CC
"managers unaware of daily life"), as three figures registered with the host's registry:
`days_since_senior_visit`, `senior_visits_out_of_hours` and `senior_visits_unannounced`
(warning pattern "visits only when announced"). Senior means a board member or a
senior leader (models.SENIOR); visits by other managers are recorded but not counted here.

Who a figure rests on. These are figures about what leaders did, not about the people who use or
work in the service, so the small-number floor does not apply (`min_people=0`): each visit is
already shown, with the visitor's name, to the same leaders on the visits pages, so withholding
the figure would protect nobody, and it would hide exactly the signal that matters (one visit,
or none). `people` is the number of different senior leaders who visited in the period, so the
dashboards' "from N people" says how many leaders the figure rests on.

"Never visited". Days since a senior visit count from the latest senior visit before the end of
the period. A service with no senior visit at all counts from the first visit the organisation
recorded to any of its services (it was keeping a visit log from then, so the service has gone
unvisited at least that long): a long-unvisited service shows as a large number and does not
disappear. Before the organisation recorded any visit there is no figure: it was not using the
visit log, and silence in an unused log says nothing.

Each figure is one rule with two forms: for many services at once (a snapshot run's batch,
`register_many`: a query or three for the batch, figures.py) and for one service, which asks the
same readers about [service] and costs the queries the one-service reads did.
"""

import functools

from cms.indicators import Direction, IndicatorValue, register, register_many

from . import figures
from .models import is_out_of_hours

NO_FIGURE = IndicatorValue(None, 0)

# INDICATORS.md E: PEL "Accountability" (leader_presence), HULL "management and leadership",
# CQC closed-culture feature "leadership oversight". Stream: INDICATORS.md lists
# `leader_presence` in section C, "Staff voice and speaking up" (do leaders hear from all
# staff?). `cqc_statements`: the CQC single assessment framework's well-led quality
# statements the visits are evidence for (CQC-AND-SPEAK-UP.md), for the evidence ledger.
LEADER_PRESENCE = {
    "pel": "Accountability",
    "hull": "management and leadership",
    "cqc": "leadership oversight",
    "stream": "staff voice",
    "cqc_statements": (
        "Capable, compassionate and inclusive leaders",
        "Shared direction and culture",
    ),
}
SOURCE = "S3 (walk the patch; are we visible enough?); CQC-CC; INDICATORS.md C leader_presence"


def register_both(key, **details):
    """Register `key` from `many(services, start, end) -> {service pk: IndicatorValue}` in
    both forms: set-based, and for one service as `many([service], start, end)`."""

    def decorator(many):
        @functools.wraps(many)
        def compute(service, start, end):
            return many([service], start, end).get(service.pk, NO_FIGURE)

        register(key, **details)(compute)
        register_many(key)(many)
        return compute

    return decorator


def _visitors(visits):
    """How many different senior leaders made `visits`."""
    return len({visitor for _started, visitor, _announced in visits})


def _counted(services, start, end, counts):
    """{service pk: IndicatorValue(the senior visits in the period that `counts`, the leaders
    who made them)} for the services whose organisation recorded a visit before `end` (before
    that there is no figure); the visits are read only for those."""
    first = figures.first_visits(services, start, end)
    logging = [service for service in services if service.organisation_id in first]
    if not logging:
        return {}
    visits = figures.senior_visits_between(services, start, end)
    found = {}
    for service in logging:
        its_visits = visits.get(service.pk, [])
        count = sum(1 for visit in its_visits if counts(visit))
        found[service.pk] = IndicatorValue(float(count), _visitors(its_visits))
    return found


@register_both(
    "days_since_senior_visit",
    label="Days since a senior visit",
    unit="days",
    good_direction=Direction.DOWN,
    description="At the end of the period, the days since a board member or senior leader last "
    "visited the service. A service never visited counts from the first visit the organisation "
    "recorded anywhere, so it shows as a long gap rather than no figure. After the Panorama "
    "programme, NHS England asked boards whether they are visible enough and whether they "
    "walk the patch.",
    source=SOURCE,
    labels=LEADER_PRESENCE,
    min_people=0,
)
def days_since_senior_visit(services, start, end):
    since = dict(figures.latest_senior_visits(services, start, end))  # shared: read only
    if any(service.pk not in since for service in services):
        first = figures.first_visits(services, start, end)
        for service in services:
            if service.pk not in since and service.organisation_id in first:
                since[service.pk] = first[service.organisation_id]
    if not since:
        return {}
    visits = figures.senior_visits_between(services, start, end)
    return {
        pk: IndicatorValue(float((end - moment).days), _visitors(visits.get(pk, [])))
        for pk, moment in since.items()
    }


@register_both(
    "senior_visits_out_of_hours",
    label="Senior visits at night or at a weekend",
    unit="visits",
    good_direction=Direction.UP,
    description="Visits by board members and senior leaders in the period that began between "
    "20:00 and 07:00 or on a Saturday or Sunday (UK time). Night and weekend shifts are when "
    "leaders are least often seen; none out of hours is the warning sign.",
    source=SOURCE,
    labels=LEADER_PRESENCE,
    min_people=0,
)
def senior_visits_out_of_hours(services, start, end):
    return _counted(services, start, end, lambda visit: is_out_of_hours(visit[0]))


@register_both(
    "senior_visits_unannounced",
    label="Unannounced senior visits",
    unit="visits",
    good_direction=Direction.UP,
    description="Visits by board members and senior leaders in the period that the service did "
    "not know were coming. A service that sees its leaders only when it has been told to expect "
    "them shows them what it chooses to; the guidance on responding to organisational failure "
    "names both announced and unannounced visits among the ways to test that care has improved.",
    source="S2 (quality assurance: announced and unannounced visits); INDICATORS.md C "
    "leader_presence (visits only when announced)",
    labels=LEADER_PRESENCE,
    min_people=0,
)
def senior_visits_unannounced(services, start, end):
    return _counted(services, start, end, lambda visit: visit[2] is False)
