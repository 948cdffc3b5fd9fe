"""Forms of the visits part. They read the input and say at the field what is wrong; the rules
that must hold whoever calls are in `services`."""

import datetime

from django import forms
from django.utils import timezone

from cms.forms import DateInput
from cms.sanitise import SanitisedCharField

from .models import Capacity, SpokeWith
from .services import CLOCK_SLACK_SECONDS

FOLLOW_UP_ROWS = 3


class TimeInput(forms.TimeInput):
    """A browser time picker (24-hour, as the rota is written)."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class VisitForm(forms.Form):
    capacity = forms.ChoiceField(
        label="You visited as",
        choices=Capacity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the capacity you visited in."},
    )
    date = forms.DateField(
        label="Date of the visit",
        widget=DateInput(),
        error_messages={
            "required": "Give the date of the visit.",
            "invalid": "Give the date as day, month and year, for example 14/03/2026.",
        },
    )
    start_time = forms.TimeField(
        label="Time you arrived",
        widget=TimeInput(),
        help_text="UK time, 24-hour clock, for example 21:30. Visits between 20:00 and 07:00 "
        "or at a weekend count as out of hours.",
        error_messages={
            "required": "Give the time you arrived.",
            "invalid": "Give the time as hours and minutes, for example 21:30.",
        },
    )
    announced = forms.TypedChoiceField(
        label="Did the service know you were coming?",
        choices=[
            ("yes", "Yes: the visit was announced"),
            ("no", "No: it was unannounced"),
        ],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the service knew you were coming."},
    )
    spoke_with = forms.MultipleChoiceField(
        label="Whom did you speak with?",
        choices=SpokeWith.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every group. Groups only: never names.",
        error_messages={"required": "Choose at least one group you spoke with."},
    )
    seen_and_heard = SanitisedCharField(
        label="What did you see and hear?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What care looked like, what people told you, what worried you and what "
        "went well. Do not write the names of people who use the service, their families or "
        "staff.",
        error_messages={"required": "Say what you saw and heard."},
    )

    def __init__(self, *args, now=None, visit=None, **kwargs):
        if visit is not None:
            started = timezone.localtime(visit.started_at)
            kwargs.setdefault(
                "initial",
                {
                    "capacity": visit.capacity,
                    "date": started.date(),
                    "start_time": started.time().replace(second=0, microsecond=0),
                    "announced": {True: "yes", False: "no"}.get(visit.announced),
                    "spoke_with": visit.spoke_with,
                    "seen_and_heard": visit.seen_and_heard,
                },
            )
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()

    def clean(self):
        data = super().clean()
        day, at = data.get("date"), data.get("start_time")
        if day is None:
            return data
        today = timezone.localdate(self.now)
        if day > today:
            self.add_error(
                "date", "The date is in the future. Record a visit once it has happened."
            )
            return data
        if at is None:
            return data
        started_at = timezone.make_aware(datetime.datetime.combine(day, at))
        if (started_at - self.now).total_seconds() > CLOCK_SLACK_SECONDS:
            self.add_error("start_time", "This time is later than now. Give the time you arrived.")
            return data
        data["started_at"] = started_at
        return data

    def visit_data(self):
        data = self.cleaned_data
        return {
            "capacity": data["capacity"],
            "started_at": data["started_at"],
            "seen_and_heard": data["seen_and_heard"],
            "spoke_with": data["spoke_with"],
            "announced": data["announced"],
        }


class FollowUpForm(forms.Form):
    """One follow-up. A row left empty is ignored; a row begun must be finished."""

    action = SanitisedCharField(
        label="What is to be done",
        max_length=500,
        error_messages={"required": "Say what is to be done."},
    )
    owner = SanitisedCharField(
        label="Who will do it",
        max_length=200,
        help_text="A role (for example “registered manager”) or a leader’s name.",
        error_messages={"required": "Say who will do it: a role or a leader’s name."},
    )
    due_on = forms.DateField(
        label="By when",
        widget=DateInput(),
        error_messages={
            "required": "Give the date it is due.",
            "invalid": "Give the date as day, month and year, for example 14/03/2026.",
        },
    )


class BaseFollowUpFormSet(forms.BaseFormSet):
    def __init__(self, *args, visit_date=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.visit_date = visit_date

    def clean(self):
        super().clean()
        if self.visit_date is None:
            return
        for form in self.forms:
            due = form.cleaned_data.get("due_on") if hasattr(form, "cleaned_data") else None
            if due is not None and due < self.visit_date:
                form.add_error("due_on", "This date is before the visit. Give a later date.")

    def follow_ups(self):
        return [
            {
                "action": form.cleaned_data["action"],
                "owner": form.cleaned_data["owner"],
                "due_on": form.cleaned_data["due_on"],
            }
            for form in self.forms
            if form.has_changed() and form.cleaned_data
        ]


FollowUpFormSet = forms.formset_factory(
    FollowUpForm,
    formset=BaseFollowUpFormSet,
    extra=FOLLOW_UP_ROWS,
    max_num=FOLLOW_UP_ROWS,
    absolute_max=FOLLOW_UP_ROWS,
)
