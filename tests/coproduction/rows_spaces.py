"""Permission rows for the co-production plugin: spaces, members and agenda items.

The table's people hold host roles only. Each URL builder makes a space in the world's
organisation with four of them in it: the lived-experience lead as the space's lead, the
lived-experience member as a member, the staff member as a staff ally (allies may not propose
or vote) and the supervisor as an observer. Everyone else, organisation admins and leaders
included, is not in the space: to them it is "not found" (404).
"""

from django.urls import reverse

from cms.organisations.models import Role
from coproduction.spaces.models import SpaceRole
from tests.permission_table import ANONYMOUS, LOGIN, Row, everyone

IN_SPACE = {
    Role.LIVED_EXPERIENCE_LEAD: SpaceRole.LEAD,
    Role.LIVED_EXPERIENCE_MEMBER: SpaceRole.MEMBER,
    Role.STAFF: SpaceRole.STAFF_ALLY,
    Role.SUPERVISOR: SpaceRole.OBSERVER,
}


def table_space(world):
    from tests.coproduction.factories import SpaceFactory, SpaceMembershipFactory

    space = SpaceFactory(organisation=world.organisation)
    for host_role, space_role in IN_SPACE.items():
        SpaceMembershipFactory(
            space=space, user=world.people[host_role], role=space_role, host_role=False
        )
    return space


def table_item(world):
    from tests.coproduction.factories import AgendaItemFactory

    space = table_space(world)
    return AgendaItemFactory(space=space, proposed_by=world.people[Role.LIVED_EXPERIENCE_MEMBER])


def _space_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[table_space(world).pk])


def _item_url(name):
    def build(world):
        item = table_item(world)
        return reverse(f"coproduction:{name}", args=[item.space_id, item.pk])

    return build


def _comment_quote_url(world):
    """A comment by the lived-experience member (a member of the space) on the table's item."""
    from coproduction.spaces.services import comment_add

    item = table_item(world)
    comment = comment_add(item, world.people[Role.LIVED_EXPERIENCE_MEMBER], "I agree.")
    return reverse("coproduction:agenda_comment_quote", args=[item.space_id, item.pk, comment.pk])


def _member_remove_url(world):
    space = table_space(world)
    membership = space.members.get(role=SpaceRole.MEMBER)
    return reverse("coproduction:space_member_remove", args=[space.pk, membership.pk])


def _in_space(outcome_by_space_role):
    """Outside the space: 404 (anonymous: sign in); inside it: the outcome for each space role."""
    expect = everyone(404).but(**{ANONYMOUS: LOGIN})
    return expect.but(**{host: outcome_by_space_role[space] for host, space in IN_SPACE.items()})


def _only(outcome, *space_roles):
    return _in_space({role: outcome if role in space_roles else 403 for role in SpaceRole})


LEAD, MEMBER, ALLY, OBSERVER = (
    SpaceRole.LEAD,
    SpaceRole.MEMBER,
    SpaceRole.STAFF_ALLY,
    SpaceRole.OBSERVER,
)

ROWS = [
    Row(
        "coproduction:space_list",
        lambda world: reverse("coproduction:space_list"),
        everyone(200).but(**{ANONYMOUS: LOGIN}),
    ),
    Row(
        "coproduction:space_create",
        lambda world: reverse("coproduction:space_create"),
        everyone(403).but(
            **{
                ANONYMOUS: LOGIN,
                Role.LIVED_EXPERIENCE_LEAD: 200,
                Role.ORGANISATION_ADMIN: 200,
            }
        ),
    ),
    Row("coproduction:space_detail", _space_url("space_detail"), _only(200, *SpaceRole)),
    Row("coproduction:space_members", _space_url("space_members"), _only(200, LEAD)),
    Row("coproduction:space_member_remove", _member_remove_url, _only(200, LEAD)),
    Row(
        "coproduction:space_allies",
        _space_url("space_allies"),
        _only(302, LEAD),
        method="post",
        data={"allies_may_propose_and_vote": "on"},
    ),
    Row(
        "coproduction:agenda_item_create",
        _space_url("agenda_item_create"),
        _only(200, LEAD, MEMBER),
    ),
    Row(
        "coproduction:agenda_item_submit_for",
        _space_url("agenda_item_submit_for"),
        _only(200, LEAD, ALLY),
    ),
    Row(
        "coproduction:agenda_item_detail",
        _item_url("agenda_item_detail"),
        _only(200, *SpaceRole),
    ),
    Row(
        "coproduction:agenda_item_support",
        _item_url("agenda_item_support"),
        _only(302, LEAD, MEMBER),
        method="post",
    ),
    Row(
        "coproduction:agenda_item_comment",
        _item_url("agenda_item_comment"),
        _only(302, LEAD, MEMBER, ALLY),
        method="post",
        data={"body": "I agree with this."},
    ),
    # Consent for quotes: only the person who wrote the words (here the member, who raised the
    # item and wrote the comment); tests/coproduction/test_quote_consent.py covers the rest.
    Row(
        "coproduction:agenda_item_quote",
        _item_url("agenda_item_quote"),
        _only(302, MEMBER),
        method="post",
        data={"may_quote": "on"},
    ),
    Row(
        "coproduction:agenda_comment_quote",
        _comment_quote_url,
        _only(302, MEMBER),
        method="post",
        data={"may_quote": "on"},
    ),
    Row(
        "coproduction:agenda_item_status",
        _item_url("agenda_item_status"),
        _only(302, LEAD),
        method="post",
        data={"status": "shortlisted"},
    ),
    Row("coproduction:agenda_item_merge", _item_url("agenda_item_merge"), _only(200, LEAD)),
]
