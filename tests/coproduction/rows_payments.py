"""Permission rows for the co-production plugin: payments (involvement rates and records).

Finance (the rate, the organisation's records, marking paid or declined, the CSV) is for the
organisation's admins only; leaders included, everyone else is refused (403). Recording is for a
space's lead: the rows build a space in the world's organisation as rows_spaces does (the
lived-experience lead leads it, the lived-experience member is a member, the staff member a
staff ally, the supervisor an observer); to everyone else the space and its meetings are "not
found" (404). Everyone signed in sees their own record. tests/coproduction/test_payments.py
proves the refusals for other organisations' admins and other spaces' leads.
"""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.spaces.models import SpaceRole
from tests.permission_table import ANONYMOUS, LOGIN, Row, everyone

from .rows_spaces import IN_SPACE, table_space

_ADMINS = everyone(403).but(**{ANONYMOUS: LOGIN, Role.ORGANISATION_ADMIN: 200})
_SIGNED_IN = everyone(200).but(**{ANONYMOUS: LOGIN})


def _space_lead(outcome):
    """Outside the space: 404 (anonymous: sign in); in it: `outcome` for the lead, else 403."""
    expect = everyone(404).but(**{ANONYMOUS: LOGIN})
    return expect.but(
        **{host: outcome if space == SpaceRole.LEAD else 403 for host, space in IN_SPACE.items()}
    )


def _rate(organisation):
    from tests.coproduction.factories_payments import InvolvementRateFactory

    return InvolvementRateFactory(organisation=organisation, hourly_rate=Decimal("15.00"))


def _meeting(world):
    from tests.coproduction.factories_payments import AttendanceFactory, MeetingFactory

    space = table_space(world)
    _rate(world.organisation)
    meeting = MeetingFactory(space=space, created_by=world.people[Role.LIVED_EXPERIENCE_LEAD])
    AttendanceFactory(meeting=meeting, user=world.people[Role.LIVED_EXPERIENCE_MEMBER])
    return meeting


def _record(world):
    from coproduction.payments.services import record_add

    space = table_space(world)
    _rate(world.organisation)
    return record_add(
        space,
        member=world.people[Role.LIVED_EXPERIENCE_MEMBER],
        kind="content_review",
        description="Reviewed the easy-read visiting guide",
        occurred_on=timezone.localdate() - timedelta(days=1),
        minutes=60,
        by=world.people[Role.LIVED_EXPERIENCE_LEAD],
    )


def _finance_url(world):
    _record(world)  # a list with a record in it
    return reverse("coproduction:involvement_finance")


def _url(name):
    return lambda world: reverse(f"coproduction:{name}")


def _space_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[table_space(world).pk])


ROWS = [
    # Finance: organisation admins only.
    Row("coproduction:involvement_rate", _url("involvement_rate"), _ADMINS),
    Row(
        "coproduction:involvement_rate",
        _url("involvement_rate"),
        _ADMINS.but(**{Role.ORGANISATION_ADMIN: 302}),
        method="post",
        data={"hourly_rate": "15.00"},  # one organisation: it is chosen without asking
    ),
    Row(
        "coproduction:involvement_finance",
        _finance_url,
        _ADMINS,
    ),
    Row("coproduction:involvement_export", _url("involvement_export"), _ADMINS),
    # Marking paid: nothing ticked shows the list again with the error (400, like every form
    # page shown with errors).
    Row(
        "coproduction:involvement_mark_paid",
        _url("involvement_mark_paid"),
        everyone(403).but(**{ANONYMOUS: LOGIN, Role.ORGANISATION_ADMIN: 400}),
        method="post",
        data={"paid_on": "2026-01-05"},
    ),
    Row(
        "coproduction:involvement_decline",
        lambda world: reverse("coproduction:involvement_decline", args=[_record(world).pk]),
        _ADMINS,
    ),
    # Recording: the space's lead.
    Row(
        "coproduction:meeting_involvement",
        lambda world: reverse("coproduction:meeting_involvement", args=[_meeting(world).pk]),
        _space_lead(200),
    ),
    Row(
        "coproduction:meeting_involvement",
        lambda world: reverse("coproduction:meeting_involvement", args=[_meeting(world).pk]),
        _space_lead(302),
        method="post",
    ),
    Row("coproduction:space_involvement", _space_url("space_involvement"), _space_lead(200)),
    Row("coproduction:involvement_add", _space_url("involvement_add"), _space_lead(200)),
    # Your own record: everyone signed in.
    Row("coproduction:my_involvement", _url("my_involvement"), _SIGNED_IN),
]
