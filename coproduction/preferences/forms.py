from django import forms

from ..models import EmailPreferences
from .selectors import KINDS


class EmailPreferencesForm(forms.ModelForm):
    class Meta:
        model = EmailPreferences
        fields = list(KINDS)
