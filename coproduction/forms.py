"""Form pieces several parts of the plugin use: a time input (the date input is the host's,
cms.forms) and "when and where" for meetings and forum events. A service's ValidationError is
put on a form by the host (cms.views.form_page, cms.forms.add_service_error)."""

import datetime

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone

from cms.forms import DateInput
from cms.sanitise import SanitisedCharField


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class WhenAndWhereForm(forms.Form):
    """Date, start time, length, and a place and/or an online link (at least one). Cleaned
    data gains `starts_at`. Subclasses set `who` ("people", "families") for the messages."""

    who = "people"

    date = forms.DateField(label="Date", widget=DateInput())
    start_time = forms.TimeField(
        label="Start time", widget=TimeInput(), help_text="For example: 14:00."
    )
    duration_minutes = forms.IntegerField(
        label="How long it lasts, in minutes", min_value=15, max_value=480, initial=90
    )
    place = SanitisedCharField(
        max_length=300,
        required=False,
        label="Place",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The room and address, with directions if useful. Give a place, an online "
        "link, or both.",
    )
    online_link = forms.URLField(
        required=False,
        label="Online link",
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        link = self.fields["online_link"]
        link.help_text = f"The video call link, if {self.who} can join online."

    def clean(self):
        data = super().clean()
        if (
            not data.get("place")
            and not data.get("online_link")
            and "online_link" not in self.errors
        ):
            self.add_error(
                "place",
                f"Give the place, the online link, or both, so {self.who} know where to go.",
            )
        if data.get("date") and data.get("start_time"):
            data["starts_at"] = timezone.make_aware(
                datetime.datetime.combine(data["date"], data["start_time"])
            )
        return data


# Consent for quotes: the same plainly worded box wherever a person writes feedback in words.
# Unticked unless they tick it; who reads the reports is said next to it.
QUOTE_LABEL = "You may quote my words in reports, without my name"
QUOTE_HELP = (
    "Optional. The service's leaders and inspectors (for example the Care Quality Commission) "
    "read these reports. We would quote only your words, never your name."
)
# What the person can do later: the last sentence of the hint, per form.
LATER_UNDER_YOUR_WORDS = "You can change your mind later, under what you wrote."
LATER_UNLESS_ANONYMOUS = (
    "You can change your mind later on the questions page, unless you ask anonymously: then "
    "nothing links the question to you, so it cannot be changed."
)
LATER_NEVER = "Your answers are anonymous, so this cannot be changed once they are sent."
QUOTE_FOR_SOMEONE_LABEL = "They agreed their words may be quoted in reports, without their name"
QUOTE_FOR_SOMEONE_HELP = (
    "Tick this only if the person said yes when you asked them. The service's leaders and "
    "inspectors read these reports. Leave it unticked if you did not ask."
)


def quote_consent_field(*, for_someone=False, later=""):
    """The "may we quote you?" box, default no. `for_someone`: staff record that the person
    who gave the feedback agreed. `later`: what the person can do afterwards (LATER_*)."""
    return forms.BooleanField(
        required=False,
        initial=False,
        label=QUOTE_FOR_SOMEONE_LABEL if for_someone else QUOTE_LABEL,
        help_text=QUOTE_FOR_SOMEONE_HELP if for_someone else f"{QUOTE_HELP} {later}".strip(),
    )


class QuoteConsentForm(forms.Form):
    """A person changing their mind about being quoted (a button under their own words: a
    hidden "on" to agree, nothing to take it back)."""

    may_quote = quote_consent_field()


def quote_consent_message(may_quote, what):
    """What the person is told after changing it ("post", "question", "item", "comment")."""
    if may_quote:
        return f"Thank you. Your {what} may be quoted in reports, without your name."
    return f"Your {what} will not be quoted in reports."
