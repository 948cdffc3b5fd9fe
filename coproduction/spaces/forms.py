"""Forms of the spaces part. Choices are limited to what the person may pick; the services
enforce the rest."""

from django import forms
from django.contrib.auth import get_user_model

from cms.organisations.models import Membership, Organisation, Role, Service
from cms.permissions import roles
from cms.sanitise import SanitisedCharField
from coproduction.spaces.models import AgendaItem, SpaceRole

from ..forms import LATER_UNDER_YOUR_WORDS, quote_consent_field

Status = AgendaItem.Status


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name()
        return f"{name} ({obj.email})" if name else obj.email


class SpaceDetailsForm(forms.Form):
    """What a space says about itself; its lead changes these (`SpaceEditForm`)."""

    name = SanitisedCharField(max_length=200, label="Name of the space")
    purpose = SanitisedCharField(
        widget=forms.Textarea(attrs={"rows": 4}), help_text="What the space is for, in plain words."
    )
    how_it_works = SanitisedCharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="How it works",
        help_text="When you meet, how people raise things, how decisions are made.",
    )
    accessibility_notes = SanitisedCharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Easy-read papers, hearing loop, quiet room, breaks, ...",
    )
    service = forms.ModelChoiceField(
        queryset=Service.objects.none(),
        required=False,
        help_text="Leave empty for a space for the whole organisation.",
    )


class SpaceEditForm(SpaceDetailsForm):
    """Change a space: the service is chosen from the space's own organisation."""

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, **kwargs)
        self.space = space
        self.fields["service"].queryset = space.organisation.services.order_by("name")

    def clean_service(self):
        service = self.cleaned_data.get("service")
        if service is not None and service.organisation_id != self.space.organisation_id:
            raise forms.ValidationError("Choose a service of this space's organisation.")
        return service


class SpaceForm(SpaceDetailsForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    lead = PersonChoiceField(
        queryset=get_user_model().objects.none(),
        label="Lived-experience lead",
        help_text="The person who leads the space. They can add other leads later.",
    )

    field_order = [
        "organisation",
        "name",
        "purpose",
        "how_it_works",
        "accessibility_notes",
        "service",
        "lead",
    ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = {Role.LIVED_EXPERIENCE_LEAD, Role.ORGANISATION_ADMIN}
        organisations = Organisation.objects.filter(
            pk__in=[
                org_id
                for org_id, _service, role in Membership.objects.filter(user=user).values_list(
                    "organisation_id", "service_id", "role"
                )
                if role in allowed
            ]
        )
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
            self.fields["organisation"].widget = forms.HiddenInput()
        self.fields["service"].queryset = Service.objects.filter(organisation__in=organisations)
        leads = Membership.objects.filter(
            organisation__in=organisations, role=Role.LIVED_EXPERIENCE_LEAD
        ).values("user_id")
        self.fields["lead"].queryset = get_user_model().objects.filter(pk__in=leads)
        if Role.LIVED_EXPERIENCE_LEAD in roles(user):
            self.fields["lead"].initial = user.pk

    def clean(self):
        data = super().clean()
        organisation, service, lead = (data.get(k) for k in ("organisation", "service", "lead"))
        if organisation and service and service.organisation_id != organisation.pk:
            self.add_error("service", "Choose a service of this organisation.")
        if (
            organisation
            and lead
            and Role.LIVED_EXPERIENCE_LEAD not in roles(lead, organisation=organisation)
        ):
            self.add_error("lead", "Choose a lived-experience lead of this organisation.")
        return data


class MemberAddForm(forms.Form):
    user = PersonChoiceField(queryset=get_user_model().objects.none(), label="Person")
    role = forms.ChoiceField(choices=SpaceRole.choices, label="Role in the space")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people


class AlliesForm(forms.Form):
    allies_may_propose_and_vote = forms.BooleanField(
        required=False, label="Staff allies may propose items and vote"
    )


class AgendaItemForm(forms.Form):
    title = SanitisedCharField(max_length=200)
    about = SanitisedCharField(widget=forms.Textarea(attrs={"rows": 4}), label="What it is about")
    why_it_matters = SanitisedCharField(
        widget=forms.Textarea(attrs={"rows": 4}), label="Why it matters"
    )
    may_quote = quote_consent_field(later=LATER_UNDER_YOUR_WORDS)


class SubmitForMemberForm(AgendaItemForm):
    member = PersonChoiceField(
        queryset=get_user_model().objects.none(),
        label="The member who asked you",
        help_text="The item is shown as theirs, submitted with support from you.",
    )
    consent_note = SanitisedCharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="How did they ask you?",
        help_text="For example: “Asked me at the meeting on 3 May to write it down for them.”",
    )

    may_quote = quote_consent_field(for_someone=True)

    field_order = ["member", "title", "about", "why_it_matters", "consent_note", "may_quote"]

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members


class CommentForm(forms.Form):
    body = SanitisedCharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="Your comment", max_length=4000
    )
    may_quote = quote_consent_field(later=LATER_UNDER_YOUR_WORDS)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="New status")
    reason = SanitisedCharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Reason or outcome",
        help_text="Needed when the item is not taken forward (the proposer sees it) and when "
        "it is closed (write the outcome).",
    )

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s.value, s.label) for s in statuses]


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(), label="Merge into this item"
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets
