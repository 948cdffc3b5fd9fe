"""Forms of the forums part. They read the input and say at the field what is wrong; the rules
that must hold whoever calls are in `services`."""

from django import forms
from django.utils import timezone

from cms.sanitise import SanitisedCharField
from coproduction.forums.models import EventRSVP

from ..forms import WhenAndWhereForm

__all__ = [
    "EventActionForm",
    "EventForm",
    "ForumForm",
    "InviteForm",
    "JoinForm",
    "NotesForm",
    "RSVPForm",
    "VisitsForm",
]


class ForumForm(forms.Form):
    service = forms.ModelChoiceField(
        queryset=None,
        label="Service",
        help_text="The home or service the forum is for. Each service has one forum.",
        empty_label="Choose a service",
    )
    name = SanitisedCharField(
        max_length=200,
        label="Name of the forum",
        help_text="For example: “Willow House family forum”.",
    )
    welcome = SanitisedCharField(
        required=False,
        label="Welcome",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the forum is for and how it works, in plain words. Families see this "
        "first.",
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        help_text="They get an email with a link to make an account and join the forum.",
    )


class JoinForm(forms.Form):
    code = forms.CharField(
        max_length=32,
        label="The forum code",
        help_text="The home gives families this code. It has 8 letters and numbers.",
        error_messages={"required": "Enter the code the home gave you."},
    )
    email = forms.EmailField(
        label="Your email address",
        help_text="We send you an email with a link to join.",
        error_messages={"required": "Enter your email address."},
    )


class VisitsForm(forms.Form):
    visits = SanitisedCharField(
        max_length=100,
        label="Whom do you visit?",
        help_text="A first name is enough. Please do not write anything about their health.",
        error_messages={"required": "Say whom you visit. A first name is enough."},
    )


class EventForm(WhenAndWhereForm):
    who = "families"
    field_order = ["title", "date", "start_time", "duration_minutes", "place", "online_link"]

    title = SanitisedCharField(
        max_length=200, label="Name of the event", help_text="For example: “Spring family forum”."
    )
    guest_speaker = SanitisedCharField(max_length=200, required=False, label="Guest speaker")
    topic = SanitisedCharField(
        required=False, label="Topic", widget=forms.Textarea(attrs={"rows": 3})
    )
    refreshments = SanitisedCharField(
        max_length=300, required=False, label="Refreshments", help_text="For example: tea and cake."
    )
    access_notes = SanitisedCharField(
        required=False,
        label="Access",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Step-free access, hearing loop, parking, a quiet space...",
    )

    def event_data(self):
        data = self.cleaned_data
        names = ("title", "starts_at", "duration_minutes", "place", "online_link")
        names += ("guest_speaker", "topic", "refreshments", "access_notes")
        return {name: data.get(name) or "" for name in names} | {
            "duration_minutes": data["duration_minutes"]
        }

    @classmethod
    def initial_for(cls, event):
        starts_at = timezone.localtime(event.starts_at)
        return {
            "title": event.title,
            "date": starts_at.date(),
            "start_time": starts_at.time().replace(second=0, microsecond=0),
            "duration_minutes": event.duration_minutes,
            "place": event.place,
            "online_link": event.online_link,
            "guest_speaker": event.guest_speaker,
            "topic": event.topic,
            "refreshments": event.refreshments,
            "access_notes": event.access_notes,
        }


class RSVPForm(forms.Form):
    answer = forms.ChoiceField(
        label="Are you coming?",
        choices=EventRSVP.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you are coming."},
    )
    guests = forms.IntegerField(
        label="How many people are coming with you?",
        min_value=0,
        max_value=10,
        initial=0,
        required=False,
    )
    access_needs = SanitisedCharField(
        required=False,
        label="Anything you need to take part",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: step-free access, a hearing loop, large print, a quiet space.",
    )


class NotesForm(forms.Form):
    notes = SanitisedCharField(
        required=False,
        label="Notes",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="What was talked about and what was agreed, in plain words.",
    )
    attended = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Who came",
        help_text="Tick the people who came, from the families who answered.",
    )

    def __init__(self, *args, rsvps, publishing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.publishing = publishing
        self.fields["attended"].choices = [
            (
                str(rsvp.pk),
                f"{rsvp.user.get_full_name() or rsvp.user.email} ({rsvp.get_answer_display()})",
            )
            for rsvp in rsvps
        ]
        if not rsvps:
            del self.fields["attended"]

    def clean(self):
        data = super().clean()
        if self.publishing and not data.get("notes") and "notes" not in self.errors:
            self.add_error("notes", "Write the notes before publishing them.")
        return data


class EventActionForm(forms.Form):
    raised = SanitisedCharField(
        label="Something families raised",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In plain words, without names.",
        error_messages={"required": "Say what families raised."},
    )
    will_do = SanitisedCharField(
        max_length=200,
        label="What we will do",
        help_text="It shows on the service’s “You said, we did” page.",
        error_messages={"required": "Say what you will do about it."},
    )
