"""Meetings of a space: when and where, an agenda built from the space's items, papers (easy-read
among them), who came, and the minutes."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from cms.sanitise import SanitisedCharModelField, SanitisedTextField
from coproduction.spaces.models import AgendaItem, CoproductionSpace

__all__ = ["Attendance", "Meeting", "MeetingAgendaEntry", "MeetingPaper"]


class Meeting(models.Model):
    """A meeting of a co-production space, run by its lived-experience leads."""

    space = models.ForeignKey(CoproductionSpace, on_delete=models.CASCADE, related_name="meetings")
    title = SanitisedCharModelField(max_length=200)
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(
        default=90, help_text="How long the meeting is planned to last, in minutes."
    )
    place = SanitisedCharModelField(
        max_length=300, blank=True, help_text="The room and address, with directions if useful."
    )
    online_link = models.URLField(blank=True, help_text="The video call link, if there is one.")
    minutes = SanitisedTextField(html=False, blank=True)
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    planned_email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_link=""),
                name="meeting_has_place_or_link",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coproduction:meeting_detail", kwargs={"meeting_id": self.pk})


class MeetingAgendaEntry(models.Model):
    """An agenda item taken up at a meeting, in the order it will be discussed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_entries")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="meeting_entries")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "item"], name="item_once_per_meeting")
        ]

    def __str__(self):
        return f"{self.meeting}: {self.item}"


def _paper_path(paper, filename):
    # Papers are private to the space: they are served through a view that checks membership,
    # and stored under an unguessable name so a leaked media URL cannot be walked.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"coproduction/papers/{uuid.uuid4().hex}.{extension}"


class MeetingPaper(models.Model):
    """A paper for a meeting (an uploaded file), marked when it is an easy-read version."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    title = SanitisedCharModelField(max_length=200)
    file = models.FileField(upload_to=_paper_path)
    original_filename = models.CharField(max_length=255, editable=False)
    easy_read = models.BooleanField(default=False, help_text="An easy-read version.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "-easy_read", "title"]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    """Whether a member came to a meeting, and for how long (what involvement payments use)."""

    class Status(models.TextChoices):
        ATTENDED = "attended", "Attended"
        APOLOGIES = "apologies", "Sent apologies"
        ABSENT = "absent", "Did not attend"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_attendance"
    )
    status = models.CharField(max_length=16, choices=Status.choices)
    minutes_attended = models.PositiveSmallIntegerField(
        default=0, help_text="Time given, in minutes, including preparation if agreed."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_attendance_per_person"),
            models.CheckConstraint(
                condition=Q(status="attended") | Q(minutes_attended=0),
                name="only_attendance_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_status_display()} – {self.meeting}"
