"""Permission rows for the co-production plugin: tracker (feedback tracker, actions and
"you said, we did").

The tracker is for the organisation's leaders, admins, safeguarding leads and forum hosts. For
the space rows, the world's lived-experience lead leads a new space of the organisation and its
lived-experience member is a member who proposed an agenda item; everyone else in the table is
not in the space and is refused. tests/coproduction/test_actions.py proves the refusals for
other organisations and for space members who are not the lead.
"""

from django.urls import reverse

from cms.organisations.models import Role
from coproduction.spaces.models import SpaceRole
from tests.permission_table import ANONYMOUS, LOGIN, NO_ROLE, Row, everyone

_TRACKER = everyone(403).but(
    **{
        ANONYMOUS: LOGIN,
        Role.LEADER: 200,
        Role.ORGANISATION_ADMIN: 200,
        Role.SAFEGUARDING_LEAD: 200,
        Role.FORUM_HOST: 200,
    }
)
_SPACE_LEAD = everyone(403).but(**{ANONYMOUS: LOGIN, Role.LIVED_EXPERIENCE_LEAD: 200})
_RAISER = everyone(403).but(**{ANONYMOUS: LOGIN, Role.LIVED_EXPERIENCE_MEMBER: 200})
_SPACE_MEMBERS = _SPACE_LEAD.but(**{Role.LIVED_EXPERIENCE_MEMBER: 200})
_ORGANISATION = everyone(200).but(**{ANONYMOUS: LOGIN, NO_ROLE: 403})


def _url(name):
    return lambda world: reverse(f"coproduction:{name}")


def _space_item(world):
    from tests.coproduction.factories import AgendaItemFactory, SpaceFactory, SpaceMembershipFactory

    space = SpaceFactory(organisation=world.organisation)
    SpaceMembershipFactory(
        space=space, user=world.people[Role.LIVED_EXPERIENCE_LEAD], role=SpaceRole.LEAD
    )
    proposer = world.people[Role.LIVED_EXPERIENCE_MEMBER]
    SpaceMembershipFactory(space=space, user=proposer, role=SpaceRole.MEMBER)
    return AgendaItemFactory(space=space, proposed_by=proposer)


def _feedback(world):
    from coproduction.tracker.services import feedback_record

    return feedback_record(
        channel="forum",
        giver_role="family",
        service=world.service,
        text="Weekend visiting is too short.",
        themes=["hm_not_listening"],
    )


def _space_action(world, done=False):
    from coproduction.tracker.services import action_complete, action_create_from_agenda_item

    action = action_create_from_agenda_item(_space_item(world), title="Longer weekend visits")
    if done:
        action_complete(action, outcome="Visiting is now 10am to 8pm at weekends.")
    return action


def _feedback_action_url(name):
    def build(world):
        from coproduction.tracker.services import action_create_from_feedback

        action = action_create_from_feedback(_feedback(world), title="Review visiting")
        return reverse(f"coproduction:{name}", args=[action.pk])

    return build


def _space_action_url(name, done=False):
    return lambda world: reverse(f"coproduction:{name}", args=[_space_action(world, done).pk])


ROWS = [
    # The tracker, adding feedback and its CSV: leaders, admins, safeguarding leads, forum hosts.
    Row("coproduction:feedback_list", _url("feedback_list"), _TRACKER),
    Row("coproduction:feedback_add", _url("feedback_add"), _TRACKER),
    Row("coproduction:feedback_export", _url("feedback_export"), _TRACKER),
    Row(
        "coproduction:action_create_from_feedback",
        lambda world: reverse(
            "coproduction:action_create_from_feedback", args=[_feedback(world).pk]
        ),
        _TRACKER,
    ),
    # An action on an agenda item: the space's lead only.
    Row(
        "coproduction:action_create_from_agenda_item",
        lambda world: reverse(
            "coproduction:action_create_from_agenda_item", args=[_space_item(world).pk]
        ),
        _SPACE_LEAD,
    ),
    # Changing and completing an action: the space's lead for a space action ...
    Row("coproduction:action_edit", _space_action_url("action_edit"), _SPACE_LEAD),
    Row("coproduction:action_complete", _space_action_url("action_complete"), _SPACE_LEAD),
    # ... the tracker's people for an action on feedback.
    Row("coproduction:action_edit", _feedback_action_url("action_edit"), _TRACKER),
    Row("coproduction:action_complete", _feedback_action_url("action_complete"), _TRACKER),
    # Whether the outcome addressed it: the person who raised it, once it is done.
    Row(
        "coproduction:action_respond",
        _space_action_url("action_respond", done=True),
        _RAISER,
    ),
    # "You said, we did": a space's members; a service's organisation.
    Row(
        "coproduction:space_you_said_we_did",
        lambda world: reverse(
            "coproduction:space_you_said_we_did", args=[_space_item(world).space_id]
        ),
        _SPACE_MEMBERS,
    ),
    Row(
        "coproduction:service_you_said_we_did",
        lambda world: reverse("coproduction:service_you_said_we_did", args=[world.service.pk]),
        _ORGANISATION,
    ),
]
