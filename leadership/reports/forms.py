"""The form a leader asks for a board report with: the organisation (when they lead several)
and a period of whole months. Months are read as the dashboards read them ("YYYY-MM", what a
browser's month picker sends), so a period means the same on the screen and in the report."""

from django import forms

from cms.organisations.models import Organisation
from cms.periods import Months, add_months, last_whole_month, month_label, this_month

from ..dashboards.forms import MonthField

MOST_MONTHS = 24
DEFAULT_MONTHS = 12


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class BoardReportForm(forms.Form):
    organisation = OrganisationChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        empty_label=None,
        error_messages={
            "required": "Choose the organisation.",
            "invalid_choice": "Choose one of your organisations.",
        },
    )
    from_month = MonthField(
        label="From month",
        help_text="The first month of the period, for example 2025-04.",
        error_messages={"required": "Enter the first month of the period."},
    )
    to_month = MonthField(
        label="To month",
        help_text="The last month of the period, for example 2026-03.",
        error_messages={"required": "Enter the last month of the period."},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = list(organisations)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(
            pk__in=[organisation.pk for organisation in organisations]
        ).order_by("name")
        # With one organisation there is nothing to choose.
        self.only_organisation = organisations[0] if len(organisations) == 1 else None
        if self.only_organisation is not None:
            del self.fields["organisation"]
        last = last_whole_month()
        self.fields["from_month"].initial = add_months(last, 1 - DEFAULT_MONTHS)
        self.fields["to_month"].initial = last

    def clean(self):
        cleaned = super().clean()
        if self.only_organisation is not None:
            cleaned["organisation"] = self.only_organisation
        first, last = cleaned.get("from_month"), cleaned.get("to_month")
        if first is None or last is None:
            return cleaned
        latest = last_whole_month()
        if last > this_month():
            self.add_error("to_month", "The last month cannot be in the future.")
        elif last > latest:
            # Snapshots are worked out for whole months only: the month under way has none.
            self.add_error(
                "to_month",
                f"{month_label(last, short=True)} has not ended yet, so its figures are not "
                "complete. "
                f"Choose {month_label(latest, short=True)} or earlier.",
            )
        elif first > last:
            self.add_error("to_month", "The last month must be the same as or after the first.")
        elif len(Months.between(first, last)) > MOST_MONTHS:
            self.add_error(
                "from_month", f"Choose a period of at most {MOST_MONTHS} months (2 years)."
            )
        return cleaned

    def chosen_months(self):
        return Months.between(self.cleaned_data["from_month"], self.cleaned_data["to_month"])
