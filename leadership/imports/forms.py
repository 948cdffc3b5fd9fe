"""The upload form. The file itself is read and checked by `services.import_csv`; the form only
makes sure a kind and a file were given, and that the file is not too large to read."""

from django import forms

from . import services
from .models import DataImport


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What the file holds",
        choices=DataImport.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the file holds."},
    )
    file = forms.FileField(
        label="CSV file",
        help_text=(
            f"A CSV file made from the template below, up to {services.MAX_FILE_SIZE_TEXT}. "
            "The months (or weeks) it covers are read from the file. A file for the same "
            "months as an earlier one replaces it."
        ),
        error_messages={
            "required": "Choose a CSV file to upload.",
            "empty": "The file is empty. Download the template and fill it in.",
        },
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            services.check_size(upload)
        except services.ImportRefused as refusal:
            raise forms.ValidationError(refusal.messages) from None
        return upload
