"""Forms of priority rounds. They read the input; the rules of a round and a ballot are in
`services` (its refusals are shown at the field they are about)."""

from datetime import timedelta

from django import forms
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.html import format_html

from cms.sanitise import SanitisedCharField
from cms.stepper import Step
from coproduction.rounds.models import PriorityRound


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class RoundForm(forms.Form):
    title = SanitisedCharField(
        label="Name of the round",
        max_length=200,
        help_text="For example: “What should we work on this spring?”",
    )
    agenda_items = forms.ModelMultipleChoiceField(
        label="Shortlisted items to vote on",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose at least 2.",
    )
    method = forms.ChoiceField(
        label="How people vote",
        choices=PriorityRound.Method.choices,
        widget=forms.RadioSelect,
        initial=PriorityRound.Method.DOT,
    )
    dots_per_voter = forms.IntegerField(
        label="Dots each person has",
        min_value=1,
        max_value=50,
        initial=5,
        required=False,
        help_text="Dot voting only.",
    )
    max_dots_per_item = forms.IntegerField(
        label="Most dots on one item",
        min_value=1,
        max_value=50,
        initial=3,
        required=False,
        help_text="Dot voting only.",
    )
    opens_at = forms.DateTimeField(
        label="Voting opens",
        widget=DateTimeLocalInput(),
        help_text="Filled in with now: members can vote as soon as you open the round.",
    )
    closes_at = forms.DateTimeField(
        label="Voting closes",
        widget=DateTimeLocalInput(),
        help_text="Filled in with two weeks from now. Change it if your members need longer.",
    )
    secret = forms.BooleanField(
        label="Secret ballot",
        required=False,
        help_text="Nobody, not even you, can see how a person voted. When voting closes, the "
        "votes are mixed up and stored again so they cannot be linked to anyone.",
    )

    # Two weeks: long enough for a space that meets fortnightly to vote at or after a meeting,
    # and for members who vote with a supporter or an easy-read copy to arrange it; short
    # enough that the items chosen are still current when the result is published.
    VOTING_TIME = timedelta(days=14)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_items"].queryset = items
        # A lead usually opens a round as soon as it is ready, so voting opens now by default.
        now = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["opens_at"].initial = now
        self.fields["closes_at"].initial = now + self.VOTING_TIME


class BallotForm(forms.Form):
    """One field per item of the round: dots (a number), approved (a tick) or rank (a list)."""

    def __init__(self, *args, priority_round, items, voting_for=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        self.voting_for = voting_for
        if voting_for is not None:
            self.fields["for"] = forms.IntegerField(widget=forms.HiddenInput, initial=voting_for.pk)
            self.fields["consent_note"] = SanitisedCharField(
                label="How did they ask you to vote for them?",
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="For example: “Sam asked me at the meeting on Tuesday.”",
            )
        method = priority_round.method
        for item in self.items:
            name = f"item_{item.pk}"
            label = item.agenda_item.title
            described_by = f"about_{item.pk}"
            if method == PriorityRound.Method.DOT:
                self.fields[name] = forms.IntegerField(
                    label=label,
                    required=False,
                    widget=forms.NumberInput(
                        attrs={
                            "min": 0,
                            "max": priority_round.max_dots_per_item,
                            "aria-describedby": f"id_{name}_helptext {described_by}",
                        }
                    ),
                    initial=0,
                    help_text=f"0 to {priority_round.max_dots_per_item} dots.",
                )
            elif method == PriorityRound.Method.APPROVAL:
                self.fields[name] = forms.BooleanField(
                    label=f"I approve: {label}",
                    required=False,
                    widget=forms.CheckboxInput(attrs={"aria-describedby": described_by}),
                )
            else:
                self.fields[name] = forms.TypedChoiceField(
                    label=label,
                    choices=[("", "Not ranked")]
                    + [(rank, str(rank)) for rank in range(1, len(self.items) + 1)],
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.Select(attrs={"aria-describedby": described_by}),
                )

    def entries(self):
        """{round item id: whole number or None} from the cleaned data."""
        values = {}
        for item in self.items:
            value = self.cleaned_data.get(f"item_{item.pk}")
            if isinstance(value, bool):
                value = int(value)
            values[item.pk] = value
        return values

    def field_pairs(self):
        return [(item, self[f"item_{item.pk}"]) for item in self.items]


def ballot_easy_read_steps(priority_round, items):
    """The easy-read ballot (cms.stepper): one item per screen, its title as the question and
    what it is about as the hint (escaped here: a hint may hold markup, a member's words may
    not)."""
    method = priority_round.method
    steps = []
    for item in items:
        about = item.agenda_item.about
        if method == PriorityRound.Method.DOT:
            how = (
                f"How many dots do you give this? You can give 0 to "
                f"{priority_round.max_dots_per_item}."
            )
            label = item.agenda_item.title
        elif method == PriorityRound.Method.APPROVAL:
            how = "Tick the box if you want this. Leave it empty if you do not."
            label = f"Yes, I want this: {item.agenda_item.title}"
        else:
            how = "Choose its place: 1 is the most important. You can leave it out."
            label = item.agenda_item.title
        steps.append(
            Step(
                (f"item_{item.pk}",),
                label=label,
                hint=format_html("{}<br>{}", linebreaksbr(about), how),
                picture="coproduction/easy-read/dots.svg",
            )
        )
    return steps
