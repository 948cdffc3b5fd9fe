"""The Figures page's one form: which organisation's figures to bring up to date."""

from django import forms

from cms.organisations.models import Organisation


class RefreshForm(forms.Form):
    # Any organisation's id is read here; the view then asks whether this person may refresh
    # it, so another organisation's id is refused (403) rather than passed over as a typo.
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), required=False, widget=forms.HiddenInput
    )
