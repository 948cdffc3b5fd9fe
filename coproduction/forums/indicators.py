"""Indicators of family forum events, registered with the host's registry (cms.indicators)
through coproduction/indicators.py: INDICATORS.md section A, `family_forum` ("attendance per
event"; warning pattern: falling attendance).

Who came is what the host records after an event (`EventRSVP.attended`, ticked among the people
who answered). Not every host records it, so an event without a record counts the families who
said they were coming instead: a promise, not a head count, but the best the platform knows.
A family counts with the guests they said they would bring, because hosts record families,
not their guests.
"""

from django.utils import timezone

from cms.indicators import Direction, IndicatorValue, register
from coproduction.forums.models import EventRSVP, ForumEvent


def events_held_between(service, start, end, now=None):
    """The service's forum events that started in [start, end) and before `now`, not
    cancelled."""
    now = now or timezone.now()
    return ForumEvent.objects.filter(
        forum__service=service,
        starts_at__gte=start,
        starts_at__lt=min(end, now),
        cancelled_at__isnull=True,
    )


def event_attendance(rsvps):
    """(people at the event, the families among them) from an event's RSVP rows of
    (user, answer, guests, attended): those the host recorded as having come or, with no
    record, those who said yes; each with their guests."""
    recorded = any(attended is not None for *_rest, attended in rsvps)
    came = [
        (user, guests)
        for user, answer, guests, attended in rsvps
        if (attended if recorded else answer == EventRSVP.Answer.YES)
    ]
    return len(came) + sum(guests for _user, guests in came), {user for user, _guests in came}


@register(
    "forum_event_attendance",
    label="Attendance at family forum events",
    unit="people per event",
    good_direction=Direction.UP,
    description="The mean number of people at each family forum event held in the period "
    "(cancelled events left out). Where the host recorded who came, those families; where "
    "not, the families who said they were coming. Each family counts with the guests they said "
    "they would bring. An event nobody answered counts as none. Rests on the number of "
    "different families who came.",
    source="S1",
    labels={"stream": "people and families"},
)
def forum_event_attendance(service, start, end):
    rsvps = {
        event_id: []
        for event_id in events_held_between(service, start, end).values_list("pk", flat=True)
    }
    if not rsvps:
        return IndicatorValue(None, 0)
    for event_id, *row in EventRSVP.objects.filter(event_id__in=rsvps).values_list(
        "event_id", "user_id", "answer", "guests", "attended"
    ):
        rsvps[event_id].append(row)
    total, families = 0, set()
    for rows in rsvps.values():
        people, came = event_attendance(rows)
        total += people
        families |= came
    return IndicatorValue(round(total / len(rsvps), 1), len(families))
