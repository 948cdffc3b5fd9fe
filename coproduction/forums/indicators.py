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

from cms.indicators import Direction, IndicatorValue, register, register_many
from coproduction.forums.models import EventRSVP, ForumEvent


def events_held_between(service, start, end, now=None):
    """The service's forum events that started in [start, end) and before `now`, not
    cancelled."""
    return events_held_by(services=[service], start=start, end=end, now=now)


def events_held_by(services, start, end, now=None):
    """The forum events of any of `services` that started in [start, end) and before `now`,
    not cancelled (the rule of `events_held_between`, for many services)."""
    now = now or timezone.now()
    return ForumEvent.objects.filter(
        forum__service__in=[service.pk for service in services],
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
    return forum_event_attendance_many([service], start, end).get(
        service.pk, IndicatorValue(None, 0)
    )


@register_many("forum_event_attendance")
def forum_event_attendance_many(services, start, end):
    """The set-based form: the events of all the services in one query, their RSVPs in a
    second (by the index on the RSVP's event), tallied per service as above. A family at
    events of two services counts in each."""
    events = events_held_by(services, start, end)
    rsvps = {}  # service id -> event id -> RSVP rows
    for event_id, service_id in events.order_by().values_list("pk", "forum__service_id"):
        rsvps.setdefault(service_id, {})[event_id] = []
    if not rsvps:
        return {}
    event_service = {
        event_id: service_id for service_id, by_event in rsvps.items() for event_id in by_event
    }
    for event_id, *row in (
        EventRSVP.objects.filter(event_id__in=list(event_service))
        .order_by()
        .values_list("event_id", "user_id", "answer", "guests", "attended")
    ):
        rsvps[event_service[event_id]][event_id].append(row)
    values = {}
    for service_id, by_event in rsvps.items():
        total, families = 0, set()
        for rows in by_event.values():
            people, came = event_attendance(rows)
            total += people
            families |= came
        values[service_id] = IndicatorValue(round(total / len(by_event), 1), len(families))
    return values
