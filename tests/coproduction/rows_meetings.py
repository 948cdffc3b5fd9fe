"""Permission rows for the co-production plugin: meetings.

Each URL builder makes a space in the world's organisation (tests.coproduction.rows_spaces:
the lived-experience lead leads it, the lived-experience member is a member, the staff member is
a staff ally and the supervisor an observer) and a meeting of it, planned by the lead, with one
paper. Everyone else, organisation admins and leaders included, is not in the space: to them the
meeting is "not found" (404). tests/coproduction/test_meetings.py proves the refusals for other
spaces and organisations.
"""

from django.urls import reverse

from cms.organisations.models import Role
from coproduction.spaces.models import SpaceRole
from tests.coproduction.rows_spaces import IN_SPACE, table_space
from tests.permission_table import ANONYMOUS, LOGIN, Row, everyone


def table_meeting(world):
    from tests.coproduction.factories_meetings import MeetingFactory, MeetingPaperFactory

    meeting = MeetingFactory(
        space=table_space(world), created_by=world.people[Role.LIVED_EXPERIENCE_LEAD]
    )
    MeetingPaperFactory(meeting=meeting, title="Easy-read agenda", easy_read=True)
    return meeting


def _space_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[table_space(world).pk])


def _meeting_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[table_meeting(world).pk])


def _paper_url(name):
    def build(world):
        meeting = table_meeting(world)
        return reverse(f"coproduction:{name}", args=[meeting.pk, meeting.papers.get().pk])

    return build


def _only(outcome, *space_roles):
    """Outside the space: 404 (anonymous: sign in); inside it: `outcome` for `space_roles`,
    403 for the other roles."""
    expect = everyone(404).but(**{ANONYMOUS: LOGIN})
    return expect.but(
        **{host: outcome if role in space_roles else 403 for host, role in IN_SPACE.items()}
    )


LEAD = SpaceRole.LEAD
MEMBERS = tuple(SpaceRole)

ROWS = [
    Row("coproduction:meeting_list", _space_url("meeting_list"), _only(200, *MEMBERS)),
    Row("coproduction:meeting_create", _space_url("meeting_create"), _only(200, LEAD)),
    Row("coproduction:meeting_detail", _meeting_url("meeting_detail"), _only(200, *MEMBERS)),
    Row("coproduction:meeting_edit", _meeting_url("meeting_edit"), _only(200, LEAD)),
    Row("coproduction:meeting_cancel", _meeting_url("meeting_cancel"), _only(200, LEAD)),
    Row(
        "coproduction:meeting_cancel",
        _meeting_url("meeting_cancel"),
        _only(302, LEAD),
        method="post",
    ),
    Row(
        "coproduction:meeting_paper_upload",
        _meeting_url("meeting_paper_upload"),
        _only(200, LEAD),
    ),
    Row(
        "coproduction:meeting_paper_download",
        _paper_url("meeting_paper_download"),
        _only(200, *MEMBERS),
    ),
    Row(
        "coproduction:meeting_paper_delete",
        _paper_url("meeting_paper_delete"),
        _only(200, LEAD),
    ),
    Row(
        "coproduction:meeting_paper_delete",
        _paper_url("meeting_paper_delete"),
        _only(302, LEAD),
        method="post",
    ),
    Row(
        "coproduction:meeting_attendance",
        _meeting_url("meeting_attendance"),
        _only(200, LEAD),
    ),
    Row("coproduction:meeting_minutes", _meeting_url("meeting_minutes"), _only(200, LEAD)),
]
