from django import forms

from .models import Stakeholder, Theme


class ResourceFilterForm(forms.Form):
    """The resource bank's search and filters. Every field is optional and they combine."""

    q = forms.CharField(
        label="Search for",
        required=False,
        max_length=200,
        help_text="For example: warning signs, capacity, families.",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    stakeholder = forms.ModelChoiceField(
        label="Who it is for",
        queryset=Stakeholder.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Everyone",
    )
    theme = forms.ModelChoiceField(
        label="Theme",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All themes",
    )

    def filters(self):
        """The filters to apply: only those that are valid, so a bad one is reported at its
        field and the rest still work."""
        if not self.is_bound:
            return {"q": "", "stakeholder": None, "theme": None}
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "q": (cleaned.get("q") or "").strip(),
            "stakeholder": cleaned.get("stakeholder"),
            "theme": cleaned.get("theme"),
        }
