"""Form pieces the host and every plugin share."""

from django import forms


class DateInput(forms.DateInput):
    """A browser date picker; its value must be ISO (2026-11-23), whatever the locale."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def add_service_error(form, error):
    """Show a service's ValidationError on the form: at its field when it names one the form
    has, above the form otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
