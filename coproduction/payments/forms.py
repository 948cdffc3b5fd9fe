"""Forms of the payments part. Choices are limited to what the person may pick; the services
enforce the rest."""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.forms import DateInput
from cms.organisations.models import Organisation
from cms.sanitise import SanitisedCharField
from coproduction.payments.models import InvolvementRecord

from ..spaces.forms import PersonChoiceField
from .services import ENTERED_KINDS

Status = InvolvementRecord.Status


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _limit_organisations(form, organisations):
    """Offer only `organisations`; with just one, choose it without asking."""
    field = form.fields["organisation"]
    field.queryset = organisations
    form.only_organisation = organisations.first() if organisations.count() == 1 else None
    if form.only_organisation is not None:
        field.initial = form.only_organisation
        field.widget = forms.HiddenInput()
        field.required = False


class RateForm(forms.Form):
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none())
    hourly_rate = forms.DecimalField(
        label="Hourly rate in pounds (£)",
        min_value=Decimal("0.00"),
        max_digits=7,
        decimal_places=2,
        help_text="For example 15.50. Records already made keep the rate they were made at.",
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_organisations(self, organisations)

    def clean_organisation(self):
        organisation = self.cleaned_data.get("organisation") or self.only_organisation
        if organisation is None:
            raise forms.ValidationError("Choose the organisation.")
        return organisation


class RecordForm(forms.Form):
    member = PersonChoiceField(
        queryset=get_user_model().objects.none(),
        label="Who gave their time",
        help_text="Lived-experience leads and members of the space.",
    )
    kind = forms.ChoiceField(
        label="What kind of work",
        choices=[(kind.value, kind.label) for kind in ENTERED_KINDS],
        widget=forms.RadioSelect,
    )
    description = SanitisedCharField(
        max_length=300,
        label="What the work was",
        help_text="For example: “Reviewed the easy-read guide to visiting”.",
    )
    occurred_on = forms.DateField(label="Date", widget=DateInput)
    minutes = forms.IntegerField(
        label="Time given, in minutes",
        min_value=1,
        max_value=24 * 60,
        help_text="Include agreed preparation time. For 1 hour 30 minutes, enter 90.",
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members

    def clean_occurred_on(self):
        occurred_on = self.cleaned_data["occurred_on"]
        if occurred_on > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        return occurred_on


class FinanceFilterForm(forms.Form):
    """The finance list's filters, read from the query string."""

    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(), required=False, empty_label="All your organisations"
    )
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Status.choices], required=False, label="Status"
    )
    date_from = forms.DateField(label="Time given from", required=False, widget=DateInput)
    date_to = forms.DateField(label="Time given up to", required=False, widget=DateInput)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() < 2:
            del self.fields["organisation"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "This date must be on or after the “from” date.")
        return cleaned

    def filters(self):
        """The valid filters only; a field with an error is left out (and shown at the field)."""
        data = getattr(self, "cleaned_data", {})
        return {
            name: data.get(name)
            for name in ("organisation", "status", "date_from", "date_to")
            if data.get(name) and name not in self.errors
        }


class MarkPaidForm(forms.Form):
    records = forms.ModelMultipleChoiceField(
        queryset=InvolvementRecord.objects.none(),
        label="Records to mark paid",
        error_messages={
            "required": "Tick at least one record that is due to mark it paid.",
            "invalid_choice": "One of the records ticked is no longer due. Tick again.",
            "invalid_pk_value": "One of the records ticked is no longer due. Tick again.",
        },
    )
    paid_on = forms.DateField(
        label="Date paid", widget=DateInput, help_text="The date the payment was made."
    )

    def __init__(self, *args, due_records, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["records"].queryset = due_records

    def clean_paid_on(self):
        paid_on = self.cleaned_data["paid_on"]
        if paid_on > timezone.localdate():
            raise forms.ValidationError("The payment date cannot be in the future.")
        return paid_on
