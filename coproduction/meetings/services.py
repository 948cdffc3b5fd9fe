"""Writes of the meetings part: planning a meeting and its agenda, papers, attendance, minutes
and cancelling.

Views check permissions (coproduction/meetings/rules.py) before calling these; the services
enforce what must hold whoever calls them: a place or a link, an agenda made of the space's own
open items (moved on through the spaces part's `status_set`, which records the change and tells
the proposer), papers of an allowed type and size, attendance for members of the space only.
"""

import os

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from coproduction.meetings.models import Attendance, Meeting, MeetingAgendaEntry, MeetingPaper
from coproduction.spaces.models import AgendaItem

from ..spaces.services import FINAL_STATUSES, status_set

Status = AgendaItem.Status

PAPER_EXTENSIONS = ("pdf", "docx", "odt", "rtf", "txt", "png", "jpg", "jpeg")
PAPER_MAX_BYTES = 10 * 1024 * 1024
MAX_MINUTES_GIVEN = 24 * 60


def _name(user):
    return user.get_full_name() or user.email


def _when(meeting):
    return date_format(timezone.localtime(meeting.starts_at), "j F Y")


def is_upcoming(meeting, now=None):
    """Not cancelled, and not yet started."""
    return meeting.cancelled_at is None and meeting.starts_at > (now or timezone.now())


# --- Planning -------------------------------------------------------------------------------


def _check_where(place, online_link):
    if not (place or "").strip() and not (online_link or "").strip():
        raise ValidationError(
            {"place": "Give the place, the online link, or both, so people know where to go."}
        )


def _check_agenda(space, meeting, items):
    ids = [item.pk for item in items]
    if len(set(ids)) != len(ids):
        raise ValidationError("An item can be on the agenda only once.")
    already = set(meeting.agenda_entries.values_list("item_id", flat=True)) if meeting else set()
    for item in items:
        if item.space_id != space.pk:
            raise ValidationError(f"“{item.title}” is not an item of {space.name}.")
        if item.status in FINAL_STATUSES and item.pk not in already:
            raise ValidationError(
                f"“{item.title}” is {item.get_status_display().lower()}: it cannot go on an agenda."
            )


def _put_on_agenda(item, meeting, by):
    """Move a proposed or shortlisted item on to "On an agenda"; items further along keep
    their status. A proposed item is shortlisted first, as the spaces part allows no jump."""
    reason = f"On the agenda of “{meeting.title}” on {_when(meeting)}."
    item = AgendaItem.objects.get(pk=item.pk)
    if item.status == Status.PROPOSED:
        item = status_set(item, Status.SHORTLISTED, by, reason=reason)
    if item.status == Status.SHORTLISTED:
        item = status_set(item, Status.ON_AGENDA, by, reason=reason)
    return item


def agenda_set(meeting, items, by):
    """Make `items` (in that order) the meeting's agenda. Items new to it move on to "On an
    agenda"; an item taken off keeps its status (the lead can change it on the item's page)."""
    items = list(items)
    _check_agenda(meeting.space, meeting, items)
    with transaction.atomic():
        before = set(meeting.agenda_entries.values_list("item_id", flat=True))
        meeting.agenda_entries.exclude(item__in=[item.pk for item in items]).delete()
        for position, item in enumerate(items, start=1):
            MeetingAgendaEntry.objects.update_or_create(
                meeting=meeting, item=item, defaults={"position": position}
            )
            if item.pk not in before:
                _put_on_agenda(item, meeting, by)
    return meeting


@transaction.atomic
def meeting_plan(
    space,
    by,
    *,
    title,
    starts_at,
    duration_minutes=90,
    place="",
    online_link="",
    agenda_items=(),
):
    """A new meeting of `space` with its agenda; the space's members are emailed about it."""
    from .tasks import send_meeting_planned_emails

    _check_where(place, online_link)
    meeting = Meeting.objects.create(
        space=space,
        title=title,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place.strip(),
        online_link=online_link.strip(),
        created_by=by,
    )
    agenda_set(meeting, agenda_items, by)
    if is_upcoming(meeting):
        send_meeting_planned_emails.delay_on_commit(meeting.pk)
    return meeting


@transaction.atomic
def meeting_update(
    meeting, by, *, title, starts_at, duration_minutes, place="", online_link="", agenda_items=()
):
    """Change a meeting's details and agenda (not once it is cancelled)."""
    if meeting.cancelled_at is not None:
        raise ValidationError("This meeting was cancelled, so it cannot be changed.")
    _check_where(place, online_link)
    meeting.title = title
    meeting.starts_at = starts_at
    meeting.duration_minutes = duration_minutes
    meeting.place = place.strip()
    meeting.online_link = online_link.strip()
    meeting.save(update_fields=["title", "starts_at", "duration_minutes", "place", "online_link"])
    agenda_set(meeting, agenda_items, by)
    return meeting


def meeting_cancel(meeting, by, now=None):
    """Cancel a meeting that has not started yet."""
    now = now or timezone.now()
    if meeting.cancelled_at is not None:
        raise ValidationError("This meeting is already cancelled.")
    if meeting.starts_at <= now:
        raise ValidationError("This meeting has already started, so it cannot be cancelled.")
    updated = Meeting.objects.filter(pk=meeting.pk, cancelled_at__isnull=True).update(
        cancelled_at=now
    )
    if not updated:
        raise ValidationError("This meeting is already cancelled.")
    meeting.cancelled_at = now
    return meeting


# --- Papers ---------------------------------------------------------------------------------


def paper_check(upload):
    """Refuse a file of a type or size that is not allowed, saying what is."""
    name = os.path.basename(upload.name or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in PAPER_EXTENSIONS:
        kinds = ", ".join(f".{ext}" for ext in PAPER_EXTENSIONS)
        found = f"a .{extension} file" if extension else "a file without a type"
        raise ValidationError(f"“{name}” is {found}. Upload one of these: {kinds}.")
    if upload.size == 0:
        raise ValidationError(f"“{name}” is empty. Choose the file again.")
    if upload.size > PAPER_MAX_BYTES:
        size = upload.size / (1024 * 1024)
        raise ValidationError(f"“{name}” is {size:.1f} MB. Upload a file of 10 MB or less.")


def paper_add(meeting, by, *, title, file, easy_read=False):
    try:
        paper_check(file)
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from None
    original = os.path.basename(file.name)[-255:]
    return MeetingPaper.objects.create(
        meeting=meeting,
        title=title,
        file=file,
        original_filename=original,
        easy_read=bool(easy_read),
        uploaded_by=by,
    )


def paper_delete(paper):
    """Remove the paper, and its file once the removal is committed."""
    storage, name = paper.file.storage, paper.file.name
    paper.delete()
    transaction.on_commit(lambda: storage.delete(name) if name else None)


# --- Attendance -----------------------------------------------------------------------------


@transaction.atomic
def attendance_record(meeting, by, records):
    """Record `records` ({user: (status, minutes or None)}) for the meeting, updating what was
    recorded before. Minutes default to the meeting's length for people who came, and are 0
    for everyone else."""
    if meeting.cancelled_at is not None:
        raise ValidationError("This meeting was cancelled: there is no attendance to record.")
    member_ids = set(meeting.space.members.values_list("user_id", flat=True))
    saved = []
    for user, (status, minutes) in records.items():
        if user.pk not in member_ids:
            raise ValidationError(f"{_name(user)} is not a member of {meeting.space.name}.")
        status = Attendance.Status(status)
        if status == Attendance.Status.ATTENDED:
            minutes = meeting.duration_minutes if minutes is None else minutes
            if not 0 < minutes <= MAX_MINUTES_GIVEN:
                raise ValidationError(
                    f"Give the minutes {_name(user)} was there: between 1 and {MAX_MINUTES_GIVEN}."
                )
        else:
            if minutes:
                raise ValidationError(f"{_name(user)} did not come, so no time can be recorded.")
            minutes = 0
        attendance, _ = Attendance.objects.update_or_create(
            meeting=meeting,
            user=user,
            defaults={"status": status, "minutes_attended": minutes, "recorded_by": by},
        )
        saved.append(attendance)
    return saved


# --- Minutes --------------------------------------------------------------------------------


@transaction.atomic
def minutes_save(meeting, by, text, *, publish=False, discussed_items=(), now=None):
    """Save the minutes; with `publish`, publish them to the space's members and move the
    chosen agenda items that are "On an agenda" on to "Discussed"."""
    if meeting.cancelled_at is not None:
        raise ValidationError("This meeting was cancelled: it has no minutes.")
    text = (text or "").strip()
    if (publish or meeting.minutes_published_at) and not text:
        raise ValidationError({"minutes": "Write the minutes before publishing them."})
    meeting.minutes = text
    fields = ["minutes"]
    if publish and meeting.minutes_published_at is None:
        meeting.minutes_published_at = now or timezone.now()
        fields.append("minutes_published_at")
    meeting.save(update_fields=fields)
    if publish:
        on_agenda = set(meeting.agenda_entries.values_list("item_id", flat=True))
        for item in discussed_items:
            if item.pk not in on_agenda:
                raise ValidationError(f"“{item.title}” is not on this meeting's agenda.")
            if item.status == Status.ON_AGENDA:
                status_set(
                    item,
                    Status.DISCUSSED,
                    by,
                    reason=f"Discussed at “{meeting.title}” on {_when(meeting)}.",
                )
    return meeting
