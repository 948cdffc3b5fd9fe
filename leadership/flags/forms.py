"""Forms of the flags part: acknowledging an alert, assigning a learning path from it, and an
organisation's rule settings. The services enforce the same rules again."""

from django import forms
from django.utils import timezone

from cms.forms import DateInput
from cms.sanitise import SanitisedCharField

from .learning import red_flags_path
from .models import ClosedCultureAlert


class AcknowledgeForm(forms.Form):
    what_was_done = SanitisedCharField(
        label="What was done",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For example: who looked at the evidence, who was told, what visits or "
        "learning were arranged, and what happens next. Describe the service, not people.",
        error_messages={"required": "Say what was done about the alert."},
    )
    state = forms.ChoiceField(
        label="Which state fits what you found?",
        choices=ClosedCultureAlert.State.choices,
        widget=forms.RadioSelect,
        help_text="The states of a closed culture (Patient Experience Library).",
        error_messages={"required": "Choose which state fits what you found."},
    )


class AssignPathForm(forms.Form):
    path = forms.TypedChoiceField(
        label="Learning path",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a learning path.",
            "invalid_choice": "Choose one of the organisation's learning paths.",
        },
    )
    due_on = forms.DateField(
        label="Due by",
        widget=DateInput,
        help_text="Staff are reminded a week before.",
        error_messages={
            "required": "Enter the date the path is due by.",
            "invalid": "Enter a real date.",
        },
    )

    def __init__(self, *args, paths, **kwargs):
        super().__init__(*args, **kwargs)
        self.paths = {path.pk: path for path in paths}
        self.fields["path"].choices = [(path.pk, path.title) for path in paths]
        suggested = red_flags_path(paths)
        if suggested is not None:
            self.fields["path"].initial = suggested.pk

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError("The due date cannot be in the past.")
        return due_on

    def chosen_path(self):
        return self.paths[self.cleaned_data["path"]]


def _percent_safe(message):
    return message.replace("%", "%%")


class FlagSettingsForm(forms.Form):
    """For each rule: on or off, and its threshold (empty: the default)."""

    def __init__(self, *args, rule_settings, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule_settings = rule_settings
        for setting in rule_settings:
            rule = setting.rule
            self.fields[f"{rule.key}_enabled"] = forms.BooleanField(
                label="Check this rule", required=False, initial=setting.enabled
            )
            step = "1" if rule.whole_number else "any"
            minimum = rule.threshold_text(rule.threshold_min)
            maximum = rule.threshold_text(rule.threshold_max)
            self.fields[f"{rule.key}_threshold"] = forms.FloatField(
                label=f"{rule.threshold_label} ({rule.threshold_unit})",
                required=False,
                min_value=rule.threshold_min,
                max_value=rule.threshold_max,
                initial=setting.threshold,
                help_text=f"Leave empty for the default: {rule.threshold_text()}.",
                widget=forms.NumberInput(attrs={"step": step, "inputmode": "decimal"}),
                error_messages={
                    "invalid": "Enter a number, or leave it empty for the default.",
                    # Django fills these in with "%" formatting: a literal "%" is doubled.
                    "min_value": _percent_safe(f"Enter {minimum} or more."),
                    "max_value": _percent_safe(f"Enter {maximum} or less."),
                },
            )

    def clean(self):
        cleaned = super().clean()
        for setting in self.rule_settings:
            rule = setting.rule
            name = f"{rule.key}_threshold"
            value = cleaned.get(name)
            if value is not None and rule.whole_number and value != int(value):
                self.add_error(name, f"Enter a whole number of {rule.threshold_unit}.")
        return cleaned

    def rows(self):
        """Each rule with its two bound fields, for the template."""
        return [
            {
                "setting": setting,
                "enabled": self[f"{setting.rule.key}_enabled"],
                "threshold": self[f"{setting.rule.key}_threshold"],
            }
            for setting in self.rule_settings
        ]

    def choices(self):
        """{rule key: (enabled, threshold or None)} from the cleaned data."""
        return {
            setting.rule.key: (
                self.cleaned_data[f"{setting.rule.key}_enabled"],
                self.cleaned_data[f"{setting.rule.key}_threshold"],
            )
            for setting in self.rule_settings
        }
