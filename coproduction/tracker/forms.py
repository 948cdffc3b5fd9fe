from django import forms

from cms.forms import DateInput
from cms.sanitise import SanitisedCharField
from coproduction.tracker.models import Action, FeedbackItem, OutcomeResponse, Theme

from ..forms import quote_consent_field


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.label


class ThemesByGroupForm(forms.Form):
    """The tracker's themes for a piece of feedback, one set of checkboxes per group so each
    gets its own legend; recommendations are for actions, not feedback. Optional. Pass the
    current themes as `themes`; `chosen_themes()` gives the ticked ones of both groups."""

    harm_themes = ThemeChoiceField(
        queryset=Theme.objects.filter(group=Theme.Group.HARM),
        required=False,
        label="Sources of harm",
    )
    hallmark_themes = ThemeChoiceField(
        queryset=Theme.objects.filter(group=Theme.Group.HALLMARK),
        required=False,
        label="Hallmarks of a closed culture",
    )

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        themes = list(themes)
        self.fields["harm_themes"].initial = [t for t in themes if t.group == Theme.Group.HARM]
        self.fields["hallmark_themes"].initial = [
            t for t in themes if t.group == Theme.Group.HALLMARK
        ]

    def chosen_themes(self):
        return [*self.cleaned_data["harm_themes"], *self.cleaned_data["hallmark_themes"]]


class FeedbackFilterForm(forms.Form):
    """The tracker's filters and sort, read from the query string."""

    theme = forms.ModelChoiceField(
        queryset=Theme.objects.exclude(group=Theme.Group.RECOMMENDATION),
        required=False,
        empty_label="Any theme",
    )
    role = forms.ChoiceField(
        label="Who gave it",
        choices=[("", "Anyone"), *FeedbackItem.GiverRole.choices],
        required=False,
    )
    channel = forms.ChoiceField(
        label="Where it came from",
        choices=[("", "Any channel"), *FeedbackItem.Channel.choices],
        required=False,
    )
    service = forms.ModelChoiceField(queryset=None, required=False, empty_label="Any service")
    date_from = forms.DateField(label="Received from", required=False, widget=DateInput)
    date_to = forms.DateField(label="Received up to", required=False, widget=DateInput)
    order = forms.ChoiceField(
        label="Sort by",
        choices=[("-date", "Newest first"), ("date", "Oldest first"), ("channel", "Channel")],
        required=False,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = organisation.services.all()
        self.fields["service"].label_from_instance = lambda service: service.name

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "This date must be on or after the “received from” date.")
        return cleaned

    def filters(self):
        """The valid filters only; a field with an error is left out (and shown at the field)."""
        data = getattr(self, "cleaned_data", {})
        return {
            name: data.get(name)
            for name in ("theme", "role", "channel", "service", "date_from", "date_to", "order")
            if data.get(name) and name not in self.errors
        }


class FeedbackItemForm(forms.ModelForm):
    themes = ThemeChoiceField(
        queryset=Theme.objects.exclude(group=Theme.Group.RECOMMENDATION),
        required=False,
        help_text="Tick every theme that fits.",
    )

    class Meta:
        model = FeedbackItem
        fields = ["service", "channel", "giver_role", "received_on", "text", "themes", "may_quote"]
        widgets = {"received_on": DateInput}
        labels = {
            "channel": "Where it came from",
            "received_on": "Date received",
            "text": "What was said",
        }
        help_texts = {"text": "Leave out names and anything else that could identify someone."}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Staff enter this for someone: the box records that the giver agreed.
        self.fields["may_quote"] = quote_consent_field(for_someone=True)
        self.fields["service"].queryset = organisation.services.all()
        self.fields["service"].label_from_instance = lambda service: service.name


class FeedbackThemesForm(forms.Form):
    themes = ThemeChoiceField(
        queryset=Theme.objects.exclude(group=Theme.Group.RECOMMENDATION),
        required=False,
        help_text="Tick every theme that fits. Untick a theme that does not.",
    )


class ActionForm(forms.ModelForm):
    recommendation_themes = ThemeChoiceField(
        queryset=Theme.objects.filter(group=Theme.Group.RECOMMENDATION),
        required=False,
        label="Which recommendations does this follow?",
    )

    class Meta:
        model = Action
        fields = ["title", "owner", "due_on", "status", "recommendation_themes"]
        widgets = {"due_on": DateInput}
        labels = {"title": "What will be done", "owner": "Who will do it", "due_on": "Due by"}

    def __init__(self, *args, owners, with_status=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda user: (
            user.get_full_name() or user.display_name
        )
        if with_status:
            self.fields["status"].choices = [
                choice for choice in Action.Status.choices if choice[0] != Action.Status.DONE
            ]
        else:
            del self.fields["status"]


class ActionCompleteForm(forms.Form):
    outcome = SanitisedCharField(
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Plain words the person who raised it will understand. This is published.",
    )


class OutcomeResponseForm(forms.ModelForm):
    addressed = forms.ChoiceField(
        label="Did this address what you raised?",
        choices=OutcomeResponse.Addressed.choices,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = OutcomeResponse
        fields = ["addressed", "comment"]
        labels = {"comment": "Anything you want to add"}
        widgets = {"comment": forms.Textarea(attrs={"rows": 4})}
