"""What the shared form templates need from a form that a template cannot work out itself."""

from dataclasses import dataclass

from django import template
from django.forms.widgets import ChoiceWidget

register = template.Library()


@dataclass(frozen=True)
class SummaryError:
    message: str
    anchor: str = ""  # the id of the input the message is about; empty when it is about the form


def _anchor(field):
    """The id to link to for `field`: its input, or for a group of radios or checkboxes (whose
    id is on a box around them, which cannot take focus) the first of them."""
    if field.is_hidden or not field.auto_id:
        return ""
    widget = field.field.widget
    if isinstance(widget, ChoiceWidget) and widget.input_type in ("radio", "checkbox"):
        return f"{field.auto_id}_0"
    return field.id_for_label


@register.simple_tag
def error_summary(form=None, error=None, error_anchor=""):
    """The errors of `form` in the order a person meets them (the GOV.UK error summary): `error`
    (a message the page shows without a form, linked to `error_anchor` if it names an input) and
    the form's own errors first, then each field's, with the id of the input it belongs to."""
    errors = [SummaryError(str(error), error_anchor or "")] if error else []
    if form is None or not getattr(form, "errors", None):
        return errors
    errors.extend(SummaryError(str(message)) for message in form.non_field_errors())
    for field in form:
        errors.extend(SummaryError(str(message), _anchor(field)) for message in field.errors)
    return errors
