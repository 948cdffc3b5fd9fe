"""Factories for the payments part: a meeting that has happened, who attended it, and an
organisation's rate."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from coproduction.payments.models import InvolvementRate
from coproduction.spaces.models import SpaceRole
from tests.coproduction import factories_meetings
from tests.coproduction.factories import SpaceMembershipFactory


class MeetingFactory(factories_meetings.MeetingFactory):
    """A meeting of a space, held last week."""

    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))


class AttendanceFactory(factories_meetings.AttendanceFactory):
    """A person who attended a meeting held last week for all of it (90 minutes; pass `status`
    and `minutes_attended` for anything else)."""

    meeting = factory.SubFactory(MeetingFactory)


class InvolvementRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvolvementRate
        django_get_or_create = ("organisation",)

    organisation = factory.SubFactory("tests.cms.factories.OrganisationFactory")
    hourly_rate = Decimal("15.00")


def attended(meeting, role=SpaceRole.MEMBER, minutes=90, **user_fields):
    """A new person holding `role` in the meeting's space who attended it for `minutes`."""
    membership = SpaceMembershipFactory(
        space=meeting.space, role=role, **{f"user__{k}": v for k, v in user_fields.items()}
    )
    return AttendanceFactory(meeting=meeting, user=membership.user, minutes_attended=minutes).user


__all__ = ["AttendanceFactory", "InvolvementRateFactory", "MeetingFactory", "attended"]
