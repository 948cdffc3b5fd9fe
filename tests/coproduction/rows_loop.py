"""Permission rows for the co-production plugin: loop (email preferences, editing a space, an
action from a round's result, re-tagging feedback).

The space rows use the spaces part's world (tests/coproduction/rows_spaces.py): a space of the
world's organisation whose lead is the lived-experience lead, with the lived-experience member
as a member, the staff member as a staff ally and the supervisor as an observer; to everyone
else the space is "not found". tests/coproduction/test_loop.py proves the refusals for other
organisations, for rounds whose results are not published, and for POSTs.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from tests.coproduction.rows_spaces import LEAD, _only, table_space
from tests.coproduction.rows_tracker import _TRACKER, _feedback
from tests.permission_table import ANONYMOUS, LOGIN, Row, everyone


def _published_round_item(world):
    """A round of the table's space over two shortlisted items, closed and published."""
    from coproduction.rounds.models import PriorityRound
    from coproduction.rounds.services import round_close_and_publish, round_open
    from coproduction.spaces.models import AgendaItem
    from tests.coproduction.factories import AgendaItemFactory

    space = table_space(world)
    lead = world.people[Role.LIVED_EXPERIENCE_LEAD]
    items = [
        AgendaItemFactory(
            space=space,
            proposed_by=world.people[Role.LIVED_EXPERIENCE_MEMBER],
            status=AgendaItem.Status.SHORTLISTED,
        )
        for _ in range(2)
    ]
    now = timezone.now()
    priority_round = round_open(
        space,
        lead,
        title="What first?",
        method=PriorityRound.Method.APPROVAL,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=7),
        agenda_items=items,
    )
    round_close_and_publish(priority_round, lead, early=True)
    return priority_round.items.first()


def _round_result_action_url(world):
    round_item = _published_round_item(world)
    return reverse(
        "coproduction:action_create_from_round_result", args=[round_item.round_id, round_item.pk]
    )


_SPACE_EDIT = {
    "name": "Voices group",
    "purpose": "We decide together what changes first.",
    "how_it_works": "",
    "accessibility_notes": "",
    "service": "",
}

ROWS = [
    # Email preferences: anyone signed in, for their own emails.
    Row(
        "coproduction:email_preferences",
        lambda world: reverse("coproduction:email_preferences"),
        everyone(200).but(**{ANONYMOUS: LOGIN}),
    ),
    Row(
        "coproduction:email_preferences",
        lambda world: reverse("coproduction:email_preferences"),
        everyone(302).but(**{ANONYMOUS: LOGIN}),
        method="post",
        data={"round_opened": "on"},
    ),
    # Editing a space: its lead; its other members are refused; to others it is not found.
    Row(
        "coproduction:space_edit",
        lambda world: reverse("coproduction:space_edit", args=[table_space(world).pk]),
        _only(200, LEAD),
    ),
    Row(
        "coproduction:space_edit",
        lambda world: reverse("coproduction:space_edit", args=[table_space(world).pk]),
        _only(302, LEAD),
        method="post",
        data=_SPACE_EDIT,
    ),
    # An action answering a published round's result: the space's lead.
    Row(
        "coproduction:action_create_from_round_result",
        _round_result_action_url,
        _only(200, LEAD),
    ),
    # Re-tagging feedback: the tracker's people of the feedback's organisation.
    Row(
        "coproduction:feedback_themes",
        lambda world: reverse("coproduction:feedback_themes", args=[_feedback(world).pk]),
        _TRACKER,
    ),
    Row(
        "coproduction:feedback_themes",
        lambda world: reverse("coproduction:feedback_themes", args=[_feedback(world).pk]),
        _TRACKER.but(
            **{role: 302 for role, outcome in _TRACKER.items() if outcome == 200},
        ),
        method="post",
        data={"themes": []},
    ),
]
