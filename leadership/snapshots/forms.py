"""The Figures page's one form: which organisation's figures to bring up to date."""

from django import forms

from cms.organisations.models import Organisation


class RefreshForm(forms.Form):
    # Any organisation's id is read here; the view then asks whether this person may refresh
    # it, so another organisation's id is refused (403) rather than passed over as a typo.
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Choose an organisation."},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = organisations

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        if organisation is None:
            # With a single organisation there is nothing to choose.
            if self.organisations.count() != 1:
                raise forms.ValidationError("Choose an organisation.")
            organisation = self.organisations.get()
        return organisation
