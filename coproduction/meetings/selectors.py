"""Reads of the meetings part: a space's meetings, an agenda, papers, attendance."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from coproduction.meetings.models import Attendance, Meeting
from coproduction.spaces.models import AgendaItem

from ..spaces.services import FINAL_STATUSES


def _start_of_today():
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def upcoming_meetings(space):
    """Meetings from today on, soonest first (cancelled ones too, so people see they are off)."""
    return Meeting.objects.filter(space=space, starts_at__gte=_start_of_today()).order_by(
        "starts_at", "pk"
    )


def past_meetings(space):
    """Meetings before today, latest first."""
    return Meeting.objects.filter(space=space, starts_at__lt=_start_of_today()).order_by(
        "-starts_at", "-pk"
    )


def items_for_agenda(space, meeting=None):
    """The items a lead may put on an agenda: the space's open items (not closed, not taken
    forward), and those already on this meeting's agenda."""
    wanted = ~Q(status__in=FINAL_STATUSES)
    if meeting is not None:
        wanted |= Q(pk__in=meeting.agenda_entries.values("item_id"))
    return AgendaItem.objects.filter(wanted, space=space).order_by("title", "pk")


def agenda_of(meeting):
    return meeting.agenda_entries.select_related("item").order_by("position", "pk")


def papers_of(meeting):
    """Easy-read papers first, then by title."""
    return meeting.papers.order_by("-easy_read", "title", "pk")


def members_for_attendance(meeting):
    """The space's members, each with `attendance` (their record for the meeting, or None)."""
    memberships = list(
        meeting.space.members.select_related("user").order_by(
            "role", "user__first_name", "user__last_name", "user__email"
        )
    )
    recorded = {a.user_id: a for a in meeting.attendance.all()}
    for membership in memberships:
        membership.attendance = recorded.get(membership.user_id)
    return memberships


def attendance_of(meeting):
    return meeting.attendance.select_related("user").order_by(
        "user__first_name", "user__last_name", "user__email"
    )


def attendance_summary(meeting):
    """Who came and who sent apologies (names), and how many did not come: what every member
    of the space may see."""
    rows = list(attendance_of(meeting))
    return {
        "recorded": bool(rows),
        "attended": [a.user for a in rows if a.status == Attendance.Status.ATTENDED],
        "apologies": [a.user for a in rows if a.status == Attendance.Status.APOLOGIES],
        "absent_count": sum(a.status == Attendance.Status.ABSENT for a in rows),
    }


def on_agenda_items(meeting):
    """The meeting's agenda items that are still "On an agenda" (they may move to "Discussed")."""
    return AgendaItem.objects.filter(
        pk__in=meeting.agenda_entries.values("item_id"), status=AgendaItem.Status.ON_AGENDA
    ).order_by("title", "pk")


def people_to_tell(meeting):
    """The space's members with an email address, except the person who planned the meeting."""
    return (
        get_user_model()
        .objects.filter(space_memberships__space_id=meeting.space_id, is_active=True)
        .exclude(pk=meeting.created_by_id)
        .exclude(email="")
        .order_by("pk")
    )
