"""Indicators of priority rounds, registered with the host's registry (cms.indicators) through
coproduction/indicators.py: INDICATORS.md section D, `coproduction_voice` (do members take part
in setting priorities?).

A round belongs to a service when its space does (coproduction.spaces.indicators.service_spaces:
organisation-wide spaces count for every service of the organisation). A round closes when the
lead closes it or, if they have not, at its closing time.
"""

from collections import defaultdict
from types import SimpleNamespace

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cms.indicators import Direction, IndicatorValue, percent, register, register_many
from coproduction.rounds.models import Ballot, PriorityRound, SecretBallot
from coproduction.spaces.models import SpaceMembership

from ..spaces.indicators import (
    LABELS,
    SOURCE,
    service_spaces,
    services_of_space,
    spaces_of_services_q,
)
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
    return round_turnout_many([service], start, end).get(service.pk, IndicatorValue(None, 0))


def _count_of(model):
    """A subquery: how many rows of `model` (ballots) the outer round has; 0 for none."""
    counted = (
        model.objects.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _voters_by_space(space_ids):
    """{space id: the ids of its eligible voters} (as selectors.eligible_voters: active
    people holding a voting role, allies where the space lets them vote), in one query."""
    voters = defaultdict(set)
    rows = (
        SpaceMembership.objects.filter(space_id__in=space_ids, user__is_active=True)
        .order_by()
        .values_list("space_id", "user_id", "role", "space__allies_may_propose_and_vote")
    )
    # The roles that vote, by whether allies vote: the selectors' rule, asked once each way.
    roles = {
        allies_vote: selectors.voting_roles(
            SimpleNamespace(allies_may_propose_and_vote=allies_vote)
        )
        for allies_vote in (False, True)
    }
    for space_id, user_id, role, allies_vote in rows:
        if role in roles[allies_vote]:
            voters[space_id].add(user_id)
    return voters


@register_many("round_turnout")
def round_turnout_many(services, start, end):
    """Two queries for all the services: the rounds closed in the period with their ballots
    counted (secret ballots for a secret round), then the voters of their spaces. Each round
    is handed to every service its space speaks for, as the per-service rule does."""
    now = timezone.now()
    rounds = list(
        PriorityRound.objects.filter(spaces_of_services_q(services, "space__"))
        .annotate(ended_at=Coalesce("closed_at", "closes_at"))
        .filter(ended_at__gte=start, ended_at__lt=min(end, now))
        .annotate(open_count=_count_of(Ballot), secret_count=_count_of(SecretBallot))
        .order_by()
        .values_list(
            "space_id",
            "space__service_id",
            "space__organisation_id",
            "secret",
            "open_count",
            "secret_count",
        )
    )
    if not rounds:
        return {}
    voters = _voters_by_space({row[0] for row in rounds})
    of = services_of_space(services)
    tally = defaultdict(lambda: [0, 0, set()])  # service id -> voted, eligible, people
    for space_id, space_service, space_organisation, secret, ballots, secret_ballots in rounds:
        for service_id in of(space_service, space_organisation):
            figures = tally[service_id]
            figures[0] += secret_ballots if secret else ballots
            figures[1] += len(voters[space_id])
            figures[2] |= voters[space_id]
    return {
        service_id: IndicatorValue(percent(voted, eligible), len(people))
        for service_id, (voted, eligible, people) in tally.items()
    }
