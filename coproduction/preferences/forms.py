from django import forms

from coproduction.preferences.models import EmailPreferences

from .selectors import KINDS


class EmailPreferencesForm(forms.ModelForm):
    class Meta:
        model = EmailPreferences
        fields = list(KINDS)
