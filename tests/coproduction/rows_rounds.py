"""Permission rows for the co-production plugin: rounds.

The table's people hold host roles only. Each URL builder makes a space in the world's
organisation in which the world's lived-experience lead is the space's lead and the world's
lived-experience member is a member; everyone else is not in the space, so its rounds are "not
found" to them (404). A member who may not do something (start or close a round) is refused
(403). tests/coproduction/test_rounds.py proves the rest: observers, staff allies, results
hidden until published, rounds not open.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from tests.permission_table import ANONYMOUS, LOGIN, Row, everyone

LEAD = Role.LIVED_EXPERIENCE_LEAD
MEMBER = Role.LIVED_EXPERIENCE_MEMBER

# The ballot posted by the ballot row: filled in by its URL builder, which knows the item ids.
_BALLOT = {}


def space_for(world):
    from coproduction.spaces.models import AgendaItem, SpaceRole
    from tests.coproduction.factories import (
        AgendaItemFactory,
        SpaceFactory,
        SpaceMembershipFactory,
    )

    space = SpaceFactory(organisation=world.organisation)
    SpaceMembershipFactory(space=space, user=world.people[LEAD], role=SpaceRole.LEAD)
    SpaceMembershipFactory(space=space, user=world.people[MEMBER], role=SpaceRole.MEMBER)
    items = [
        AgendaItemFactory(
            space=space,
            proposed_by=world.people[MEMBER],
            status=AgendaItem.Status.SHORTLISTED,
        )
        for _ in range(2)
    ]
    return space, items


def round_for(world):
    from coproduction.rounds.models import PriorityRound
    from coproduction.rounds.services import round_open

    space, items = space_for(world)
    now = timezone.now()
    return round_open(
        space,
        world.people[LEAD],
        title="What first?",
        method=PriorityRound.Method.APPROVAL,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=7),
        agenda_items=items,
    )


def _round_create_url(world):
    space, _items = space_for(world)
    return reverse("coproduction:round_create", args=[space.pk])


def _round_url(name):
    def build(world):
        return reverse(f"coproduction:{name}", args=[round_for(world).pk])

    return build


def _ballot_url(world):
    priority_round = round_for(world)
    _BALLOT.clear()
    _BALLOT[f"item_{priority_round.items.first().pk}"] = "on"
    return reverse("coproduction:ballot_submit", args=[priority_round.pk])


_NOT_IN_SPACE = everyone(404).but(**{ANONYMOUS: LOGIN})

ROWS = [
    # The lead starts a round; a member may not; nobody else knows the space exists.
    Row(
        "coproduction:round_create",
        _round_create_url,
        _NOT_IN_SPACE.but(**{LEAD: 200, MEMBER: 403}),
    ),
    # The round page: the space's members.
    Row(
        "coproduction:round_detail",
        _round_url("round_detail"),
        _NOT_IN_SPACE.but(**{LEAD: 200, MEMBER: 200}),
    ),
    # Voting: lived-experience leads and members; a saved ballot sends them back to the round.
    Row(
        "coproduction:ballot_submit",
        _ballot_url,
        _NOT_IN_SPACE.but(**{LEAD: 302, MEMBER: 302}),
        method="post",
        data=_BALLOT,
    ),
    # The easy-read ballot: the same voters; others do not know the space exists.
    Row(
        "coproduction:ballot_easy_read",
        lambda world: reverse("coproduction:ballot_easy_read", args=[round_for(world).pk, 1]),
        _NOT_IN_SPACE.but(**{LEAD: 200, MEMBER: 200}),
    ),
    # Closing and publishing: the lead sees the confirmation page; a member may not.
    Row(
        "coproduction:round_close",
        _round_url("round_close"),
        _NOT_IN_SPACE.but(**{LEAD: 200, MEMBER: 403}),
    ),
    Row(
        "coproduction:round_close",
        _round_url("round_close"),
        _NOT_IN_SPACE.but(**{LEAD: 302, MEMBER: 403}),
        method="post",
        data={"confirm": "yes"},
    ),
]
