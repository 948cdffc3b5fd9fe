"""The dashboards' filters: a period of whole months and (on the organisation's views) one
service. Read from the query string; a filter with an error is shown at its field and the
dashboard falls back to the last 12 months, so the page always shows something."""

import re
from datetime import date
from urllib.parse import urlencode

from django import forms

from cms.organisations.models import Service
from cms.periods import Months, this_month

PERIODS = (("6", "Last 6 months"), ("12", "Last 12 months"), ("24", "Last 24 months"))
CUSTOM = "custom"
DEFAULT_MONTHS = 12
MOST_MONTHS = 36
EARLIEST_YEAR = 2000
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


class MonthInput(forms.TextInput):
    input_type = "month"


class MonthField(forms.Field):
    """A month as "YYYY-MM" (what a browser's month picker sends), as its first day."""

    widget = MonthInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value.replace(day=1)
        match = _MONTH.match(str(value))
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise forms.ValidationError("Enter a month as year and month, for example 2025-04.")
        year = int(match.group(1))
        if year < EARLIEST_YEAR:
            raise forms.ValidationError(f"Enter a month from {EARLIEST_YEAR} onwards.")
        return date(year, int(match.group(2)), 1)

    def prepare_value(self, value):
        return f"{value:%Y-%m}" if isinstance(value, date) else value


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class DashboardFilterForm(forms.Form):
    period = forms.ChoiceField(
        label="Period",
        choices=[*PERIODS, (CUSTOM, "From and to months I choose")],
        required=False,
        widget=forms.RadioSelect,
    )
    from_month = MonthField(label="From month", required=False, help_text="For example 2025-04.")
    to_month = MonthField(label="To month", required=False, help_text="For example 2026-03.")
    service = ServiceChoiceField(
        queryset=Service.objects.none(), required=False, empty_label="All services"
    )

    def __init__(self, *args, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].initial = str(DEFAULT_MONTHS)
        if services is None:
            del self.fields["service"]
        else:
            self.fields["service"].queryset = Service.objects.filter(
                pk__in=[service.pk for service in services]
            ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        period = cleaned.get("period") or ""
        first, last = cleaned.get("from_month"), cleaned.get("to_month")
        chose_months = period == CUSTOM or (not period and (first or last))
        if not chose_months or self.has_error("from_month") or self.has_error("to_month"):
            return cleaned
        cleaned["period"] = CUSTOM
        if first is None:
            self.add_error("from_month", "Enter the first month of the period.")
        if last is None:
            self.add_error("to_month", "Enter the last month of the period.")
        if first is None or last is None:
            return cleaned
        if last > this_month():
            self.add_error("to_month", "The last month cannot be in the future.")
        elif first > last:
            self.add_error("to_month", "The last month must be the same as or after the first.")
        elif len(Months.between(first, last)) > MOST_MONTHS:
            self.add_error(
                "from_month", f"Choose a period of at most {MOST_MONTHS} months (3 years)."
            )
        return cleaned

    def chosen_months(self):
        """The period chosen, or the last 12 whole months when none is (or it has an error)."""
        if not self.is_bound:
            return Months.last(DEFAULT_MONTHS)
        self.is_valid()
        if any(self.has_error(name) for name in ("period", "from_month", "to_month")):
            return Months.last(DEFAULT_MONTHS)
        period = self.cleaned_data.get("period") or str(DEFAULT_MONTHS)
        if period == CUSTOM:
            return Months.between(self.cleaned_data["from_month"], self.cleaned_data["to_month"])
        return Months.last(int(period))

    def period_query(self):
        """The period chosen, as a query string ("?period=24") for links to other dashboards,
        or "" for the default or a period with an error."""
        if not self.is_bound:
            return ""
        self.is_valid()
        names = ("period", "from_month", "to_month")
        if any(self.has_error(name) for name in names):
            return ""
        period = self.cleaned_data.get("period")
        if period == CUSTOM:
            months = {name: f"{self.cleaned_data[name]:%Y-%m}" for name in names[1:]}
            return "?" + urlencode({"period": CUSTOM, **months})
        return f"?{urlencode({'period': period})}" if period else ""

    def chosen_service(self):
        """The service chosen, or None for all of them (also when the choice has an error)."""
        if "service" not in self.fields or not self.is_bound or self.has_error("service"):
            return None
        self.is_valid()
        return self.cleaned_data.get("service")
