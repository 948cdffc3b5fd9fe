"""The ledger's forms: the period of a ledger or pack (whole months, as the board report's), and
a later framework version to load."""

from django import forms
from django.core.exceptions import ValidationError

from ..reports.forms import BoardReportForm
from . import loading

LARGEST_FILE = 1024 * 1024


class LedgerPeriodForm(BoardReportForm):
    """The months of the ledger (GET) or of an inspection pack (POST): one organisation, so
    there is nothing to choose but the months."""

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, organisations=[organisation], **kwargs)


class FrameworkVersionForm(forms.Form):
    file = forms.FileField(
        label="Framework file (JSON)",
        help_text="A later version of the framework: its name, version, key questions with "
        "their quality statements, and evidence categories. The README shows the shape.",
        error_messages={"required": "Choose the framework file to load."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > LARGEST_FILE:
            raise ValidationError("The file is larger than 1 MB; a framework file is far smaller.")
        self.content = loading.decode(upload)
        return upload
