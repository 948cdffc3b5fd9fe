"""Forms of the concerns part. Raising is two steps, so that "is anyone at risk of harm now?"
is answered, and what to do shown, before anything else (no JavaScript needed). The staff side
tags a concern with the tracker's themes; organisation admins keep each service's safeguarding
contacts in the Wagtail admin."""

import re

from django import forms
from django.core.exceptions import ValidationError

from cms.organisations.forms import OUTSIDE_ORGANISATION, ScopedAdminForm
from cms.organisations.models import Service
from cms.sanitise import SanitisedCharField
from cms.stepper import Step
from coproduction.concerns.models import Concern, ConcernContacts, SpeakUpCase

from ..forms import QUOTE_LABEL
from . import services

YES_NO = [("yes", "Yes"), ("no", "No")]


def service_choices():
    """Services grouped by their organisation, for a select with one group per organisation."""
    groups = {}
    for service in Service.objects.select_related("organisation").order_by(
        "organisation__name", "name"
    ):
        groups.setdefault(service.organisation.name, []).append((str(service.pk), service.name))
    return [("", "Choose the service"), *groups.items()]


class ConcernStartForm(forms.Form):
    """Step one: which service, and is anyone at risk of harm now?"""

    service = forms.ChoiceField(
        label="Which service is the concern about?",
        help_text="Services are listed under the organisation that runs them.",
    )
    at_risk_now = forms.ChoiceField(
        label="Is anyone at risk of harm now?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether anyone is at risk of harm now."},
    )

    def __init__(self, *args, service=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_service = service
        if service is not None:
            self.fields["service"].widget = forms.HiddenInput()
            self.fields["service"].choices = [(str(service.pk), service.name)]
            self.fields["service"].initial = str(service.pk)
        else:
            self.fields["service"].choices = service_choices()
        self.fields["service"].error_messages["required"] = "Choose the service."

    def clean_service(self):
        value = self.cleaned_data["service"]
        service = Service.objects.select_related("organisation").filter(pk=value).first()
        if service is None:
            raise forms.ValidationError("Choose the service.")
        return service


class ConcernDetailsForm(ConcernStartForm):
    """Step two: what happened, who is affected, and how the person wants to be kept informed.
    The answers of step one ride along as hidden fields."""

    raiser_role = forms.ChoiceField(
        label="Who are you?",
        choices=Concern.RaiserRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say who you are, for example a family member."},
    )
    what_happened = SanitisedCharField(
        label="What happened?",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Say what you saw or heard, when and where. Your own words are fine.",
        error_messages={"required": "Say what happened."},
        max_length=10000,
    )
    who_is_affected = SanitisedCharField(
        label="Who is affected?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A first name or a room is enough. You do not need to give health details.",
        max_length=2000,
    )
    possible_safeguarding = forms.ChoiceField(
        label="Could this be abuse or neglect?",
        choices=[("yes", "Yes, or I am not sure"), ("no", "No")],
        widget=forms.RadioSelect,
        help_text="If yes, it goes straight to the service's safeguarding leads.",
        error_messages={"required": "Say whether this could be abuse or neglect."},
    )
    may_quote = forms.BooleanField(
        required=False,
        label=QUOTE_LABEL,
        help_text=(
            "Optional. The service's leaders and inspectors read these reports. We would quote "
            "only what happened, in your words, never your name. We never quote a concern "
            "that could be abuse or neglect, or one raised as speaking up, even if you tick "
            "this. It cannot be changed once the concern is sent."
        ),
    )
    anonymous = forms.BooleanField(
        label="Raise it anonymously",
        required=False,
        help_text=(
            "Nobody will know it was you: we do not keep your name, email, account or the "
            "device you used. You get a private tracking code to follow it instead. We cannot "
            "ask you questions about it, so give as much detail as you can."
        ),
    )
    contact_name = SanitisedCharField(label="Your name", required=False, max_length=200)
    contact_email = forms.EmailField(
        label="Your email address",
        required=False,
        help_text="If you want an email when there is an outcome. Leave it empty if you raise "
        "it anonymously.",
    )
    # Speaking up (Freedom to Speak Up): for staff, shown in a fieldset of its own.
    speak_up = forms.BooleanField(
        label="Raise it as speaking up (Freedom to Speak Up)",
        required=False,
        help_text="For staff of every kind, including porters, cleaners, kitchen and agency "
        "staff. It goes to the speak-up lead (Freedom to Speak Up guardian), not to your line "
        "manager or the service's managers. If it could be abuse or neglect, the safeguarding "
        "leads see it too.",
    )
    categories = forms.MultipleChoiceField(
        label="What is it about? Choose all that apply",
        required=False,
        choices=SpeakUpCase.CATEGORIES,
        widget=forms.CheckboxSelectMultiple,
    )
    professional_group = forms.ChoiceField(
        label="Your staff group",
        required=False,
        choices=SpeakUpCase.ProfessionalGroup.choices,
        widget=forms.RadioSelect,
        help_text="Only counted in figures of 5 or more. In a small team your group could "
        "point to you: if you raise it anonymously, you can choose not to say.",
    )
    detriment = forms.ChoiceField(
        label="Have you been treated worse because you spoke up?",
        required=False,
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="For example left out, given worse shifts, or threatened with losing your "
        "job, after you raised something, now or before.",
    )

    SPEAK_UP_FIELDS = ("speak_up", "categories", "professional_group", "detriment")

    def __init__(self, *args, signed_in=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].widget = forms.HiddenInput()
        self.fields["at_risk_now"].widget = forms.HiddenInput()
        self.signed_in = signed_in
        if signed_in:
            del self.fields["contact_name"]
            del self.fields["contact_email"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("anonymous"):
            for name in ("contact_name", "contact_email"):
                if cleaned.get(name):
                    self.add_error(
                        name,
                        "Leave this empty to stay anonymous, or untick “Raise it anonymously”.",
                    )
        if cleaned.get("speak_up"):
            try:
                services.speak_up_details(cleaned.get("raiser_role"), **self._speak_up_answers())
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field, messages)
        return cleaned

    def _speak_up_answers(self):
        detriment = self.cleaned_data.get("detriment")
        return {
            "categories": self.cleaned_data.get("categories") or [],
            "professional_group": self.cleaned_data.get("professional_group") or "",
            "detriment": {"yes": True, "no": False}.get(detriment),
        }

    def speak_up_details(self):
        """What `services.concern_raise` takes as `speak_up`: None unless it is speaking up."""
        return self._speak_up_answers() if self.cleaned_data.get("speak_up") else None

    def main_fields(self):
        return [field for field in self if field.name not in self.SPEAK_UP_FIELDS]

    def speak_up_fields(self):
        return [self[name] for name in self.SPEAK_UP_FIELDS]


class ConcernStatusForm(forms.Form):
    """Moving a concern on. The outcome box is there only while "Outcome shared" can be chosen,
    and is needed exactly when it is: a concern is never closed without an outcome fed back to
    the person who raised it (`services.next_statuses`), so the outcome is written here."""

    status = forms.ChoiceField(label="Move the concern on to", widget=forms.RadioSelect)
    outcome = SanitisedCharField(
        # Not "(optional)": the box is needed for one choice, and its label says which.
        label="The outcome, written to the person who raised it (needed to share the outcome)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Needed if you choose “Outcome shared”: a concern is never closed until its "
        "outcome is fed back to the person who raised it. Write in plain words what was found "
        "and what is being done. They read it on “My concerns” or the tracking page.",
        max_length=10000,
    )
    note = SanitisedCharField(
        label="A note for the audit trail",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen by staff only.",
        max_length=2000,
    )

    def __init__(self, *args, statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(status.value, status.label) for status in statuses]
        if Concern.Status.OUTCOME_SHARED not in statuses:
            del self.fields["outcome"]

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        outcome = (cleaned.get("outcome") or "").strip()
        if "outcome" not in self.fields or status is None:
            return cleaned
        if status == Concern.Status.OUTCOME_SHARED and not outcome:
            self.add_error("outcome", "Write the outcome to the person who raised the concern.")
        elif status != Concern.Status.OUTCOME_SHARED and outcome:
            # Only "Outcome shared" stores it: say so rather than drop what was written.
            self.add_error(
                "outcome",
                "The outcome is kept only when you choose “Outcome shared”. Choose it, or "
                "empty this box.",
            )
        return cleaned


class SpeakUpAgainForm(forms.Form):
    """Asked of the person who raised a speak-up case once its outcome is fed back."""

    answer = forms.ChoiceField(
        label="Would you speak up again?",
        choices=SpeakUpCase.Again.choices,
        widget=forms.RadioSelect,
        help_text="Knowing how it felt helps the speak-up lead make speaking up safer. Your "
        "answer is counted only in figures of 5 or more.",
        error_messages={"required": "Choose one answer."},
    )


class ConcernTrackForm(forms.Form):
    reference = forms.CharField(
        label="Reference", max_length=16, help_text="For example: C-7KQ3M2."
    )
    code = forms.CharField(
        label="Tracking code",
        max_length=40,
        help_text="The private code you were given when you raised the concern.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


# --- Safeguarding contacts (Wagtail admin) --------------------------------------------------

_PHONE_CHARACTERS = re.compile(r"\+?[0-9 ()]+")
PHONE_ERROR = (
    "Enter a phone number using digits, spaces and brackets, with + only at the start, for "
    "example 0300 123 4567 or +44 300 123 4567."
)


def clean_phone_number(value):
    """A phone number people can read and a phone can dial: digits, spaces and brackets, an
    optional leading +, between 3 (for 101 or 111) and 15 digits (the international limit)."""
    value = " ".join((value or "").split())
    if not value:
        return value
    digits = sum(character.isdigit() for character in value)
    if not _PHONE_CHARACTERS.fullmatch(value) or not 3 <= digits <= 15:
        raise forms.ValidationError(PHONE_ERROR)
    return value


class ConcernContactsForm(ScopedAdminForm):
    """A service's safeguarding contacts: the service is one the admin administers (the choice
    is narrowed, and the rules are asked again for the object as it would be saved), and a
    service has one set of contacts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "service" in self.fields:
            self.fields["service"].help_text = (
                "People raising a concern about this service who say someone is at risk now "
                "are shown these contacts."
            )
        hints = {
            "safeguarding_phone": "For example 0300 123 4567.",
            "safeguarding_email": "If the team takes reports by email.",
            "out_of_hours_phone": "For evenings, nights and weekends, if it is a different number.",
        }
        for name, hint in hints.items():
            if name in self.fields:
                self.fields[name].help_text = hint

    def clean_safeguarding_phone(self):
        return clean_phone_number(self.cleaned_data.get("safeguarding_phone"))

    def clean_out_of_hours_phone(self):
        return clean_phone_number(self.cleaned_data.get("out_of_hours_phone"))

    def clean_service(self):
        service = self.cleaned_data.get("service")
        others = ConcernContacts.objects.exclude(pk=self.instance.pk)
        if service is not None and others.filter(service=service).exists():
            raise forms.ValidationError(
                f"{service.name} already has safeguarding contacts. Find them in the list "
                "and change them there."
            )
        return service

    def probe(self, cleaned_data):
        return ConcernContacts(service=cleaned_data["service"])

    def clean(self):
        cleaned_data = super().clean()
        user = self.for_user
        if user is None or cleaned_data.get("service") is None:
            return cleaned_data
        if not user.has_perm(self.permission_codename(), self.probe(cleaned_data)):
            self.add_error("service", OUTSIDE_ORGANISATION)
        return cleaned_data


# --- Easy read (cms.stepper): the same form, one question per screen -------------------------

PICTURES = "coproduction/easy-read/"


def easy_read_concern_form(data=None, *, service=None, signed_in=False):
    """The standard page's `ConcernDetailsForm`, with the questions of its first step (which
    service, whether someone is at risk now) shown as questions again: the standard page
    carries them as hidden fields."""
    form = ConcernDetailsForm(data, service=service, signed_in=signed_in)
    if service is None:
        field = form.fields["service"]
        field.widget = forms.Select()
        field.widget.choices = field.choices
    form.fields["at_risk_now"].widget = forms.RadioSelect(choices=YES_NO)
    return form


def concern_easy_read_steps(*, service=None, signed_in=False):
    """The questions of the easy-read concern form, in short sentences (Ask Listen Do: make
    concerns easy to raise). A person who is not staff is not asked about speaking up; a
    person who stays anonymous is not asked for a name or email."""

    def not_anonymous(answers):
        return not signed_in and answers.get("anonymous") != "on"

    def staff(answers):
        return answers.get("raiser_role") == Concern.RaiserRole.STAFF

    def speaking_up(answers):
        return staff(answers) and answers.get("speak_up") == "on"

    steps = [
        Step(
            ("service",),
            label="Which place is your worry about?",
            hint="Choose the care home or service.",
            picture=PICTURES + "building.svg",
        ),
        Step(
            ("at_risk_now",),
            label="Is someone in danger now?",
            hint="For example, someone is hurt, or is not safe right now.",
            picture=PICTURES + "warning.svg",
        ),
        Step(("raiser_role",), label="Who are you?", picture=PICTURES + "person.svg"),
        Step(
            ("what_happened",),
            label="What happened?",
            hint="Say what you saw or heard. Say when and where. Use your own words.",
            picture=PICTURES + "speech.svg",
        ),
        Step(
            ("who_is_affected",),
            label="Who is it about?",
            hint="A first name or a room number is enough. You do not have to answer this.",
            picture=PICTURES + "people.svg",
        ),
        Step(
            ("possible_safeguarding",),
            label="Could someone be hurt, or not looked after properly?",
            hint="This could be abuse or neglect. If you say yes, or you are not sure, the "
            "people who keep people safe are told straight away.",
            picture=PICTURES + "shield.svg",
        ),
        Step(
            ("anonymous",),
            label="Yes, I want to stay anonymous",
            hint="Anonymous means nobody will know it was you. You get a secret code to "
            "follow your worry. We cannot ask you questions about it. Leave the box empty "
            "if you are happy to give your name.",
            picture=PICTURES + "lock.svg",
        ),
        Step(
            ("contact_name",),
            label="What is your name?",
            hint="You do not have to tell us.",
            picture=PICTURES + "person.svg",
            when=not_anonymous,
        ),
        Step(
            ("contact_email",),
            label="What is your email address?",
            hint="We send you an email when there is an answer. You do not have to tell us.",
            picture=PICTURES + "envelope.svg",
            when=not_anonymous,
        ),
        Step(
            ("speak_up",),
            label="Yes, I want to speak up as staff",
            hint="Speaking up goes to the speak-up lead. They are not your manager. They look "
            "into it and tell you what happened.",
            when=staff,
        ),
        Step(("categories",), label="What is it about? Tick all that fit", when=speaking_up),
        Step(("professional_group",), label="What is your job?", when=speaking_up),
        Step(
            ("detriment",),
            label="Have you been treated worse because you spoke up?",
            hint="For example, left out, or given worse shifts.",
            when=speaking_up,
        ),
        Step(
            ("may_quote",),
            label="Yes, you may use my words in reports, without my name",
            hint="Leaders and inspectors read these reports. You do not have to tick this.",
            picture=PICTURES + "quote.svg",
        ),
    ]
    return steps[1:] if service is not None else steps
