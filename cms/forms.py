"""Form pieces the host and every plugin share."""

from django import forms


class DateInput(forms.DateInput):
    """A browser date picker; its value must be ISO (2026-11-23), whatever the locale."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
