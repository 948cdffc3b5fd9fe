"""Factories for the meetings part: meetings, papers and attendance."""

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from coproduction.meetings.models import Attendance, Meeting, MeetingPaper
from coproduction.spaces.models import SpaceRole
from tests.coproduction.factories import SpaceFactory, space_with


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting a week from now, planned by a new lead of the space."""

    class Meta:
        model = Meeting

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)
    )
    duration_minutes = 90
    place = "The garden room, Willow House"
    online_link = ""
    created_by = factory.LazyAttribute(lambda o: space_with(SpaceRole.LEAD, o.space))


class MeetingPaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingPaper

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Paper {n}")
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 minutes", name="paper.pdf"))
    original_filename = "paper.pdf"
    easy_read = False
    uploaded_by = factory.SelfAttribute("meeting.created_by")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.LazyAttribute(lambda o: space_with(SpaceRole.MEMBER, o.meeting.space))
    status = Attendance.Status.ATTENDED
    minutes_attended = factory.LazyAttribute(
        lambda o: o.meeting.duration_minutes if o.status == Attendance.Status.ATTENDED else 0
    )
    recorded_by = factory.SelfAttribute("meeting.created_by")


__all__ = ["AttendanceFactory", "MeetingFactory", "MeetingPaperFactory"]
