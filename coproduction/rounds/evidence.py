"""Co-production decisions for the ledger (cms.evidence): the priority rounds whose results
were published in a period, in the spaces of a service or of its whole organisation, and the
meetings whose minutes were published, with the members behind them. A count from fewer members
than the floor is never shown."""

from django.db.models import Max, Q

from cms.evidence import Evidence, EvidenceItem, register_evidence

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
    rounds = PriorityRound.objects.filter(
        _spaces_of(service), results_published_at__gte=start, results_published_at__lt=end
    )
    round_ids = list(rounds.values_list("pk", flat=True))
    voters = len(
        set(Ballot.objects.filter(round_id__in=round_ids).values_list("voter_id", flat=True))
        | set(
            BallotReceipt.objects.filter(round_id__in=round_ids).values_list("member_id", flat=True)
        )
    )
    latest_round = rounds.aggregate(latest=Max("results_published_at"))["latest"]
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
    latest_meeting = meetings.aggregate(latest=Max("minutes_published_at"))["latest"]
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
                meetings.count(),
                attended,
                latest_meeting.date() if latest_meeting else None,
            ),
        ]
    )
