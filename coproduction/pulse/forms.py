"""Forms of the pulse part. They read the input and say at the field what is wrong; the rules
that must hold whoever calls are in `services`."""

from django import forms

from cms.sanitise import SanitisedCharField
from coproduction.pulse.models import Agreement, PulseResponse, StaffGroup
from coproduction.surveys.forms import SurveyForm


class PulseRoundForm(SurveyForm):
    """The family survey's form (a name, an opening and a closing day), for a pulse round."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].label = "Name of the round"
        self.fields["title"].help_text = "For example: “Staff pulse, spring”."
        self.fields["opens_on"].help_text = "Today opens it straight away."
        self.fields["closes_on"].help_text = (
            "Answers are taken until the end of this day. Two weeks lets night and weekend "
            "staff answer too."
        )


AGREE_HELP = "Choose one."


class PulseResponseForm(forms.Form):
    staff_group = forms.ChoiceField(
        label="Which group do you work in?",
        choices=StaffGroup.choices,
        widget=forms.RadioSelect,
        help_text="Pick the one that fits best. A group's answers are only shown once 5 people "
        "in it have answered.",
        error_messages={"required": "Choose the group you work in."},
    )
    safe_to_speak = forms.TypedChoiceField(
        label="I feel safe to speak up about anything that concerns me here.",
        coerce=int,
        choices=Agreement.choices,
        widget=forms.RadioSelect,
        help_text=AGREE_HELP,
        error_messages={"required": "Choose how much you agree."},
    )
    acted_on = forms.TypedChoiceField(
        label="When I raised something, it was acted on.",
        coerce=int,
        choices=[(PulseResponse.NOT_RAISED, "I have not raised anything"), *Agreement.choices],
        widget=forms.RadioSelect,
        help_text=AGREE_HELP,
        error_messages={
            "required": "Choose how much you agree, or that you have not raised anything."
        },
    )
    dignity_seen = forms.TypedChoiceField(
        label="In the last month, have you seen anyone treated without dignity here?",
        coerce=lambda value: value == "yes",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        help_text="By anyone: staff, visitors or other people living here.",
        error_messages={"required": "Choose yes or no."},
    )
    anything_else = SanitisedCharField(
        required=False,
        max_length=2000,
        label="Is there anything else you want the people who run this service to know?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Please do not write names. If someone is at risk now, raise a concern or "
        "tell the safeguarding lead today: this survey is read only after it closes.",
    )
