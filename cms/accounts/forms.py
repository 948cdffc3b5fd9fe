"""Forms of people's own accounts: the name they are called by, asked at sign-up and changed on
"Your account". The sign-up form is allauth's (ACCOUNT_SIGNUP_FORM_CLASS adds this field to it;
allauth's adapter stores `first_name` on the user)."""

from django import forms

from cms.sanitise import SanitisedCharField


def name_field():
    return SanitisedCharField(
        label="What should we call you?",
        max_length=150,
        help_text="The name you want to be called by on this site, for example Sam. The "
        "people you work with here see it too.",
        error_messages={"required": "Say what we should call you."},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )


class SignupNameForm(forms.Form):
    """Added to allauth's sign-up form, so nobody is greeted by the start of their email."""

    first_name = name_field()
    field_order = ["email", "first_name", "password1", "password2"]

    def signup(self, request, user):
        """allauth calls this after saving the user; the name is already stored by then."""


class NameForm(forms.Form):
    first_name = name_field()
