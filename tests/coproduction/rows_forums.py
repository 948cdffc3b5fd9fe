"""Permission rows for the co-production plugin: forums, families joining, events and RSVPs.

Each URL builder makes the family forum of the world's service. The world's forum host (a
service role) hosts it; its family member (a service role) is a family of it who has said whom
they visit. Everyone else, organisation admins and leaders included, is not in the forum: to
them it and its events are "not found" (404). Creating a forum is for organisation admins and
forum hosts. Joining with a code is public. tests/coproduction/test_forums.py proves the
refusals for other services and organisations.
"""

from django.urls import reverse

from cms.organisations.models import Role
from tests.permission_table import ANONYMOUS, LOGIN, Row, everyone


def table_forum(world):
    from coproduction.forums.models import ForumFamily
    from tests.coproduction.factories_forums import FamilyForumFactory

    forum = FamilyForumFactory(service=world.service)
    ForumFamily.objects.create(forum=forum, user=world.people[Role.FAMILY_MEMBER], visits="Ann")
    return forum


def table_event(world):
    from tests.coproduction.factories_forums import ForumEventFactory

    return ForumEventFactory(forum=table_forum(world), created_by=world.people[Role.FORUM_HOST])


def _url(name):
    return lambda world: reverse(f"coproduction:{name}")


def _forum_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[table_forum(world).pk])


def _event_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[table_event(world).pk])


def _in_forum(host, family):
    """Outside the forum: 404 (anonymous: sign in); its host gets `host`, its family `family`."""
    return everyone(404).but(
        **{ANONYMOUS: LOGIN, Role.FORUM_HOST: host, Role.FAMILY_MEMBER: family}
    )


_SIGNED_IN = everyone(200).but(**{ANONYMOUS: LOGIN})
_CREATORS = everyone(403).but(
    **{ANONYMOUS: LOGIN, Role.ORGANISATION_ADMIN: 200, Role.FORUM_HOST: 200}
)


ROWS = [
    Row("coproduction:forum_list", _url("forum_list"), _SIGNED_IN),
    Row("coproduction:forum_create", _url("forum_create"), _CREATORS),
    Row("coproduction:forum_join", _url("forum_join"), everyone(200)),
    Row(
        "coproduction:forum_join",
        _url("forum_join"),
        everyone(400),
        method="post",
        data={"code": "NOTACODE", "email": "someone@example.org"},
    ),
    Row("coproduction:forum_detail", _forum_url("forum_detail"), _in_forum(200, 200)),
    Row("coproduction:forum_welcome", _forum_url("forum_welcome"), _in_forum(403, 200)),
    Row("coproduction:forum_families", _forum_url("forum_families"), _in_forum(200, 403)),
    Row("coproduction:forum_invite", _forum_url("forum_invite"), _in_forum(200, 403)),
    Row("coproduction:forum_code_renew", _forum_url("forum_code_renew"), _in_forum(200, 403)),
    Row(
        "coproduction:forum_code_renew",
        _forum_url("forum_code_renew"),
        _in_forum(302, 403),
        method="post",
    ),
    Row("coproduction:forum_event_create", _forum_url("forum_event_create"), _in_forum(200, 403)),
    Row("coproduction:forum_event_detail", _event_url("forum_event_detail"), _in_forum(200, 200)),
    Row("coproduction:forum_event_edit", _event_url("forum_event_edit"), _in_forum(200, 403)),
    Row(
        "coproduction:forum_event_rsvp",
        _event_url("forum_event_rsvp"),
        _in_forum(403, 302),
        method="post",
        data={"answer": "yes", "guests": "1", "access_needs": "A hearing loop"},
    ),
    Row("coproduction:forum_event_cancel", _event_url("forum_event_cancel"), _in_forum(200, 403)),
    Row(
        "coproduction:forum_event_cancel",
        _event_url("forum_event_cancel"),
        _in_forum(302, 403),
        method="post",
    ),
    Row("coproduction:forum_event_notes", _event_url("forum_event_notes"), _in_forum(200, 403)),
    Row("coproduction:forum_event_action", _event_url("forum_event_action"), _in_forum(200, 403)),
]
