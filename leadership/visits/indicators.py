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
"""

from cms.indicators import Direction, IndicatorValue, register

from . import selectors
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


def _senior_visitors(service, start, end):
    visits = selectors.senior_visits_between(service, start, end)
    return visits, len({visitor for _started, visitor, _announced in visits})


@register(
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
def days_since_senior_visit(service, start, end):
    latest = selectors.latest_senior_visit(service, before=end)
    since = latest.started_at if latest else None
    if since is None:
        since = selectors.first_visit_in_organisation(service.organisation_id, before=end)
    if since is None:
        return NO_FIGURE
    _visits, visitors = _senior_visitors(service, start, end)
    return IndicatorValue(float((end - since).days), visitors)


@register(
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
def senior_visits_out_of_hours(service, start, end):
    if selectors.first_visit_in_organisation(service.organisation_id, before=end) is None:
        return NO_FIGURE
    visits, visitors = _senior_visitors(service, start, end)
    count = sum(1 for started, _visitor, _announced in visits if is_out_of_hours(started))
    return IndicatorValue(float(count), visitors)


@register(
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
def senior_visits_unannounced(service, start, end):
    if selectors.first_visit_in_organisation(service.organisation_id, before=end) is None:
        return NO_FIGURE
    visits, visitors = _senior_visitors(service, start, end)
    count = sum(1 for _started, _visitor, announced in visits if announced is False)
    return IndicatorValue(float(count), visitors)
