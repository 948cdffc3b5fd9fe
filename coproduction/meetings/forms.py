"""Forms of the meetings part. They read the input and say at the field what is wrong; the
rules that must hold whoever calls are in `services`."""

from django import forms
from django.utils import timezone

from cms.sanitise import SanitisedCharField
from coproduction.meetings.models import Attendance
from coproduction.spaces.models import AgendaItem

from ..forms import WhenAndWhereForm
from . import services


def person_name(user):
    return user.get_full_name() or user.email


class MeetingForm(WhenAndWhereForm):
    """A meeting's details, and its agenda: one number box per open item of the space."""

    field_order = ["title", "date", "start_time", "duration_minutes", "place", "online_link"]

    title = SanitisedCharField(
        max_length=200, label="Name of the meeting", help_text="For example: “May meeting”."
    )

    def __init__(self, *args, items, positions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        positions = positions or {}
        self.agenda_fields = []
        for item in self.items:
            name = f"item_{item.pk}"
            self.fields[name] = forms.IntegerField(
                label=f"{item.title} ({item.get_status_display()})",
                required=False,
                min_value=1,
                max_value=len(self.items),
                initial=positions.get(item.pk),
            )
            self.agenda_fields.append(name)

    def agenda_bound_fields(self):
        return [self[name] for name in self.agenda_fields]

    def detail_bound_fields(self):
        return [self[name] for name in self.fields if name not in self.agenda_fields]

    def clean(self):
        data = super().clean()
        chosen = {}
        for item, name in zip(self.items, self.agenda_fields, strict=True):
            number = data.get(name)
            if number is None:
                continue
            if number in chosen:
                self.add_error(
                    name,
                    f"“{chosen[number].title}” has number {number} too. Give each item its own "
                    "number.",
                )
            else:
                chosen[number] = item
        data["agenda_items"] = [chosen[number] for number in sorted(chosen)]
        return data

    def meeting_data(self):
        data = self.cleaned_data
        return {
            "title": data["title"],
            "starts_at": data["starts_at"],
            "duration_minutes": data["duration_minutes"],
            "place": data.get("place") or "",
            "online_link": data.get("online_link") or "",
            "agenda_items": data["agenda_items"],
        }

    @classmethod
    def initial_for(cls, meeting):
        starts_at = timezone.localtime(meeting.starts_at)
        return {
            "title": meeting.title,
            "date": starts_at.date(),
            "start_time": starts_at.time().replace(second=0, microsecond=0),
            "duration_minutes": meeting.duration_minutes,
            "place": meeting.place,
            "online_link": meeting.online_link,
        }


class PaperForm(forms.Form):
    title = SanitisedCharField(
        max_length=200, label="Title of the paper", help_text="For example: “Notes from April”."
    )
    file = forms.FileField(
        label="File",
        help_text="A PDF, Word (.docx), OpenDocument (.odt), RTF or text file, or a picture "
        "(PNG or JPEG). Up to 10 MB.",
    )
    easy_read = forms.BooleanField(
        required=False,
        label="This is an easy-read version",
        help_text="Easy-read papers are marked and listed first.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        services.paper_check(upload)
        return upload


class AttendanceForm(forms.Form):
    """Two fields a member: whether they came (`status_<user id>`) and the minutes they gave
    (`minutes_<user id>`, empty for the whole meeting)."""

    def __init__(self, *args, meeting, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.rows = []
        for membership in memberships:
            user, attendance = membership.user, membership.attendance
            name = person_name(user)
            status = f"status_{user.pk}"
            minutes = f"minutes_{user.pk}"
            self.fields[status] = forms.ChoiceField(
                label=f"Did {name} come?",
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                initial=attendance.status if attendance else None,
                error_messages={"required": f"Choose whether {name} came."},
            )
            self.fields[minutes] = forms.IntegerField(
                label=f"Minutes {name} gave",
                required=False,
                min_value=0,
                max_value=services.MAX_MINUTES_GIVEN,
                initial=(
                    attendance.minutes_attended
                    if attendance and attendance.status == Attendance.Status.ATTENDED
                    else None
                ),
                help_text=f"Only if they came. Leave empty for the whole meeting "
                f"({meeting.duration_minutes} minutes).",
            )
            self.rows.append(
                {"membership": membership, "name": name, "status": status, "minutes": minutes}
            )

    def row_fields(self):
        return [
            {
                "membership": row["membership"],
                "name": row["name"],
                "status": self[row["status"]],
                "minutes": self[row["minutes"]],
            }
            for row in self.rows
        ]

    def clean(self):
        data = super().clean()
        records = {}
        for row in self.rows:
            status, minutes = data.get(row["status"]), data.get(row["minutes"])
            if not status or row["minutes"] in self.errors:
                continue
            if status == Attendance.Status.ATTENDED:
                if minutes == 0:
                    self.add_error(
                        row["minutes"],
                        f"Give the minutes {row['name']} was there, or leave it empty for the "
                        "whole meeting.",
                    )
                    continue
            elif minutes:
                self.add_error(
                    row["minutes"],
                    f"{row['name']} did not come, so leave the minutes empty.",
                )
                continue
            records[row["membership"].user] = (status, minutes)
        data["records"] = records
        return data


class MinutesForm(forms.Form):
    minutes = SanitisedCharField(
        required=False,
        label="Minutes",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="What was talked about and what was agreed, in plain words.",
    )
    discussed = forms.ModelMultipleChoiceField(
        queryset=AgendaItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Items that were discussed",
        help_text="When you publish the minutes, these items move to “Discussed” and the people "
        "who raised them are told.",
    )

    def __init__(self, *args, items, publishing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.publishing = publishing
        self.fields["discussed"].queryset = items
        if not items.exists():
            del self.fields["discussed"]

    def clean(self):
        data = super().clean()
        if self.publishing and not data.get("minutes") and "minutes" not in self.errors:
            self.add_error("minutes", "Write the minutes before publishing them.")
        return data
