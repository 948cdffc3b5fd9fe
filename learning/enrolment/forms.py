"""Forms for enrolment: a leader's assignment, and the public certificate check."""

from django import forms
from django.utils import timezone

from cms.forms import DateInput
from cms.organisations.models import Membership

from . import selectors


class AssignPathForm(forms.Form):
    """Assign a path to one person, the staff of one service, or the whole organisation, limited
    to where the leader leads."""

    PERSON, SERVICE, ORGANISATION = "person", "service", "organisation"

    path = forms.ModelChoiceField(
        queryset=None, label="Learning path", empty_label="Choose a learning path"
    )
    assign_to = forms.ChoiceField(label="Who should follow it?", widget=forms.RadioSelect)
    person = forms.ModelChoiceField(queryset=None, required=False, empty_label="Choose a person")
    service = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="Choose a service",
        help_text="Everyone who works at the service.",
    )
    organisation = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="Choose an organisation",
        help_text="Everyone who works in the organisation.",
    )
    due_on = forms.DateField(
        label="Complete by",
        widget=DateInput,
        help_text="For example 28 February 2027.",
    )

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope
        self.fields["path"].queryset = scope.paths()
        self.fields["person"].queryset = scope.people()
        self.fields["person"].label_from_instance = lambda u: f"{u.get_full_name() or u.email}"
        self.fields["service"].queryset = scope.services()
        self.fields["service"].label_from_instance = lambda s: f"{s.name} ({s.organisation})"
        self.fields["organisation"].queryset = scope.organisations()
        choices = [(self.PERSON, "One person"), (self.SERVICE, "A service's staff")]
        if scope.organisation_ids:
            choices.append((self.ORGANISATION, "The whole organisation"))
        else:
            del self.fields["organisation"]
        self.fields["assign_to"].choices = choices

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError("The date to complete by must be today or later.")
        return due_on

    def clean(self):
        data = super().clean()
        target = data.get("assign_to")
        if target and not data.get(target):
            label = {self.PERSON: "person", self.SERVICE: "service"}.get(target, "organisation")
            self.add_error(target, f"Choose the {label} to assign the path to.")
            return data
        path = data.get("path")
        if path is None or not target:
            return data
        organisation = selectors.path_organisation(path)
        chosen = data[target]
        if target == self.PERSON:
            belongs = Membership.objects.filter(user=chosen, organisation=organisation).exists()
        elif target == self.SERVICE:
            belongs = chosen.organisation_id == organisation.pk
        else:
            belongs = chosen.pk == organisation.pk
        if not belongs:
            self.add_error(target, f"This is not part of {organisation}, whose path this is.")
        return data


class VerifyCertificateForm(forms.Form):
    code = forms.CharField(
        label="Certificate code",
        max_length=30,
        help_text="The code printed on the certificate, for example ABCD-EFGH-JKMN.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
