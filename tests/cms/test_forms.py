"""The host's shared form pieces (cms/forms.py)."""

import datetime

from django import forms
from django.utils import translation

from cms.forms import DateInput


class _Form(forms.Form):
    on = forms.DateField(widget=DateInput)


def test_the_date_input_is_a_browser_date_picker_with_an_iso_value_in_any_locale():
    # en-gb would write 28/02/2027, which a browser date picker shows as empty.
    with translation.override("en-gb"):
        html = str(_Form(initial={"on": datetime.date(2027, 2, 28)})["on"])
    assert 'type="date"' in html
    assert 'value="2027-02-28"' in html


def test_the_date_input_reads_back_what_the_browser_sends():
    form = _Form({"on": "2027-02-28"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == datetime.date(2027, 2, 28)
