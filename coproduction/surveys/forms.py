"""Forms of the surveys part. They read the input and say at the field what is wrong; the
rules that must hold whoever calls are in `services`."""

import datetime

from django import forms
from django.utils import timezone

from cms.forms import DateInput
from cms.sanitise import SanitisedCharField
from cms.stepper import Step

from ..forms import LATER_NEVER, quote_consent_field


class SurveyForm(forms.Form):
    title = SanitisedCharField(
        max_length=200,
        label="Name of the survey",
        help_text="For example: “Spring survey for families”.",
    )
    opens_on = forms.DateField(
        label="Opens on",
        widget=DateInput(),
        help_text="Families are emailed on this day. Today opens it straight away.",
    )
    closes_on = forms.DateField(
        label="Closes on",
        widget=DateInput(),
        help_text="Answers are taken until the end of this day. Two to four weeks works well.",
    )

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        today = timezone.localdate()
        if opens_on and opens_on < today:
            self.add_error("opens_on", "The opening date cannot be in the past.")
        elif opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", "The closing date must be on or after the opening date.")
        elif opens_on and closes_on:
            data["opens_at"] = (
                timezone.now()
                if opens_on == today
                else timezone.make_aware(datetime.datetime.combine(opens_on, datetime.time.min))
            )
            data["closes_at"] = timezone.make_aware(
                datetime.datetime.combine(closes_on + datetime.timedelta(days=1), datetime.time.min)
            )
        return data

    def survey_data(self):
        data = self.cleaned_data
        return {
            "title": data["title"],
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
        }


class ResponseForm(forms.Form):
    recommend = forms.TypedChoiceField(
        coerce=int,
        choices=[(number, str(number)) for number in range(11)],
        widget=forms.RadioSelect(attrs={"class": "scale"}),
        error_messages={"required": "Choose a number from 0 to 10."},
    )
    what_is_good = SanitisedCharField(
        required=False,
        max_length=2000,
        label="What is good?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Please do not write names or anything about someone's health.",
    )
    what_could_be_better = SanitisedCharField(
        required=False,
        max_length=2000,
        label="What could be better?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Please do not write names or anything about someone's health.",
    )
    may_quote = quote_consent_field(later=LATER_NEVER)

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommend"].label = (
            f"How likely are you to recommend {service.name} to a friend or family member who "
            "needs care?"
        )
        self.fields["recommend"].help_text = "0 means not at all likely, 10 means extremely likely."


def survey_easy_read_steps(service):
    """The easy-read family survey (cms.stepper): the same questions, in short sentences."""
    pictures = "coproduction/easy-read/"
    return [
        Step(
            ("recommend",),
            label=f"Would you tell a friend to choose {service.name}?",
            hint="Choose a number. 0 means no, never. 10 means yes, for sure.",
            picture=pictures + "thumbs-up.svg",
        ),
        Step(
            ("what_is_good",),
            label="What is good?",
            hint="Tell us in your own words. Please do not write names or about someone's "
            "health. You do not have to answer this.",
            picture=pictures + "tick.svg",
        ),
        Step(
            ("what_could_be_better",),
            label="What could be better?",
            hint="Tell us in your own words. Please do not write names or about someone's "
            "health. You do not have to answer this.",
            picture=pictures + "speech.svg",
        ),
        Step(
            ("may_quote",),
            label="Yes, you may use my words in reports, without my name",
            hint="Leaders and inspectors read these reports. You do not have to tick this.",
            picture=pictures + "quote.svg",
        ),
    ]
