"""Co-production decisions for the ledger (cms.evidence): the priority rounds whose results
were published in a period, in the spaces of a service or of its whole organisation, and the
meetings whose minutes were published, with the members behind them. A count from fewer members
than the floor is never shown."""

from django.db.models import Count, F, Max, Q

from cms.evidence import Evidence, EvidenceItem, register_evidence, register_latest_many
from cms.indicators import MIN_PEOPLE

from ..meetings.models import Attendance, Meeting
from .models import Ballot, BallotReceipt, PriorityRound


def _spaces_of(service, prefix=""):
    """The spaces that speak for `service`: its own and its organisation's whole ones."""
    return Q(**{f"{prefix}space__service": service}) | Q(
        **{
            f"{prefix}space__service__isnull": True,
            f"{prefix}space__organisation_id": service.organisation_id,
        }
    )


@register_evidence(
    "coproduction.decisions",
    label="Co-production decisions",
    description="Priorities people with lived experience voted on, with results published in "
    "the period, and co-production meetings whose minutes were published.",
)
def decisions(service, start, end, viewer):
    rounds = list(
        PriorityRound.objects.filter(
            _spaces_of(service), results_published_at__gte=start, results_published_at__lt=end
        ).values_list("pk", "results_published_at")
    )
    round_ids = [pk for pk, _published in rounds]
    latest_round = max((published for _pk, published in rounds), default=None)
    # The people who voted, openly or in secret (a receipt), each once: UNION keeps one of each.
    voters = (
        Ballot.objects.filter(round_id__in=round_ids)
        .values("voter_id")
        .union(BallotReceipt.objects.filter(round_id__in=round_ids).values("member_id"))
        .count()
    )
    meetings = Meeting.objects.filter(
        _spaces_of(service),
        minutes_published_at__gte=start,
        minutes_published_at__lt=end,
        cancelled_at__isnull=True,
    )
    attended = (
        Attendance.objects.filter(meeting__in=meetings, status=Attendance.Status.ATTENDED)
        .values("user_id")
        .distinct()
        .count()
    )
    held = meetings.aggregate(count=Count("pk"), latest=Max("minutes_published_at"))
    latest_meeting = held["latest"]
    return Evidence(
        items=[
            EvidenceItem(
                "Priority rounds decided",
                len(round_ids),
                voters,
                latest_round.date() if latest_round else None,
            ),
            EvidenceItem(
                "Co-production meetings with minutes",
                held["count"],
                attended,
                latest_meeting.date() if latest_meeting else None,
            ),
        ]
    )


def _by_service(rows, services):
    """{service pk: [row, ...]}: each row (with `space__service_id`, `space__organisation_id`)
    under its space's service, or under every one of `services` of its organisation when the
    space is the organisation's whole one, as `_spaces_of` reads it."""
    by_organisation = {}
    for service in services:
        by_organisation.setdefault(service.organisation_id, []).append(service.pk)
    found = {}
    for row in rows:
        if row["space__service_id"] is not None:
            owners = [row["space__service_id"]]
        else:
            owners = by_organisation.get(row["space__organisation_id"], [])
        for service_id in owners:
            found.setdefault(service_id, []).append(row)
    return found


@register_latest_many("coproduction.decisions")
def decisions_latest(services, start, end, viewer):
    """What `decisions(...).latest` gives each service, in four queries however many services:
    the rounds and meetings of the spaces that speak for each, with the people behind them."""
    services = list(services)
    spaces = Q(space__service__in=services) | Q(
        space__service__isnull=True,
        space__organisation_id__in={service.organisation_id for service in services},
    )
    fields = ("pk", "space__service_id", "space__organisation_id")
    rounds = list(
        PriorityRound.objects.filter(
            spaces, results_published_at__gte=start, results_published_at__lt=end
        ).values(*fields, latest=F("results_published_at"))
    )
    voters = {}
    round_ids = [row["pk"] for row in rounds]
    for round_id, person in [
        *Ballot.objects.filter(round_id__in=round_ids).values_list("round_id", "voter_id"),
        *BallotReceipt.objects.filter(round_id__in=round_ids).values_list("round_id", "member_id"),
    ]:
        voters.setdefault(round_id, set()).add(person)
    meetings = list(
        Meeting.objects.filter(
            spaces,
            minutes_published_at__gte=start,
            minutes_published_at__lt=end,
            cancelled_at__isnull=True,
        ).values(*fields, latest=F("minutes_published_at"))
    )
    attended = {}
    for meeting_id, person in Attendance.objects.filter(
        meeting_id__in=[row["pk"] for row in meetings], status=Attendance.Status.ATTENDED
    ).values_list("meeting_id", "user_id"):
        attended.setdefault(meeting_id, set()).add(person)
    found = {}
    for rows, people_of in ((rounds, voters), (meetings, attended)):
        for service_id, held in _by_service(rows, services).items():
            people = set().union(*(people_of.get(row["pk"], set()) for row in held))
            if len(people) < MIN_PEOPLE:
                continue
            on = max(row["latest"] for row in held).date()
            if found.get(service_id) is None or on > found[service_id]:
                found[service_id] = on
    return found
