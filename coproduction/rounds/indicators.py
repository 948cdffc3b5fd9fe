"""Indicators of priority rounds, registered with the host's registry (cms.indicators) through
coproduction/indicators.py: INDICATORS.md section D, `coproduction_voice` (do members take part
in setting priorities?).

A round belongs to a service when its space does (coproduction.spaces.indicators.service_spaces:
organisation-wide spaces count for every service of the organisation). A round closes when the
lead closes it or, if they have not, at its closing time.
"""

from django.db.models.functions import Coalesce
from django.utils import timezone

from cms.indicators import Direction, IndicatorValue, percent, register
from coproduction.rounds.models import PriorityRound

from ..spaces.indicators import LABELS, SOURCE, service_spaces
from . import selectors


def rounds_closed_between(service, start, end, now=None):
    """The service's rounds whose voting ended in [start, end) and before `now`."""
    now = now or timezone.now()
    return (
        PriorityRound.objects.filter(space__in=service_spaces(service))
        .annotate(ended_at=Coalesce("closed_at", "closes_at"))
        .filter(ended_at__gte=start, ended_at__lt=min(end, now))
        .select_related("space")
    )


@register(
    "round_turnout",
    label="Turnout in priority rounds",
    unit="%",
    good_direction=Direction.UP,
    description="Of the people who could vote in the priority rounds that closed in the period, "
    "the share who did (all those rounds together). Who could vote is the space's voters now "
    "(lived-experience leads and members, and staff allies where the lead lets them vote), not "
    "when the round was open. Rests on the number of different people who could vote.",
    source=SOURCE,
    labels=LABELS,
)
def round_turnout(service, start, end):
    voted = eligible = 0
    people = set()
    spaces_seen = set()
    for priority_round in rounds_closed_between(service, start, end):
        turnout = selectors.round_turnout(priority_round)
        voted += turnout.voted
        eligible += turnout.eligible
        if priority_round.space_id not in spaces_seen:
            spaces_seen.add(priority_round.space_id)
            people.update(
                selectors.eligible_voters(priority_round.space).values_list("pk", flat=True)
            )
    return IndicatorValue(percent(voted, eligible), len(people))
