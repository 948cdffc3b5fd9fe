"""Admin forms for organisations, limited to what the person filling them in administers.

Wagtail passes the signed-in user as `for_user`. The organisation, service and person choices are
narrowed to that user's organisations, and `clean` asks the rules once more for the object as it
would be saved, so a hand-made POST cannot place anything in another organisation.
"""

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from .views import (
    administered_organisations,
    administered_services,
    people_in_administered_organisations,
)

OUTSIDE_ORGANISATION = "You can only manage organisations you are an admin of."


class ScopedAdminForm(WagtailAdminModelForm):
    """Base for the admin forms: narrows organisation, service and user choices to `for_user`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "organisation" in self.fields:
            organisations = administered_organisations(user)
            self.fields["organisation"].queryset = organisations
            if self.instance._state.adding and len(organisations) == 1:
                self.fields["organisation"].initial = organisations[0].pk
        if "service" in self.fields:
            field = self.fields["service"]
            field.queryset = administered_services(user)
            field.label_from_instance = lambda service: f"{service.organisation} – {service.name}"
        if "user" in self.fields:
            self.fields["user"].queryset = people_in_administered_organisations(user)
            self.fields[
                "user"
            ].help_text = (
                "People already in your organisation. To add someone new, send an invitation."
            )

    def permission_codename(self):
        meta = self._meta.model._meta
        action = "add" if self.instance._state.adding else "change"
        return f"{meta.app_label}.{action}_{meta.model_name}"

    def probe(self, cleaned_data):
        """An unsaved object placed where the form would put it, for the rules to judge."""
        return self._meta.model(
            organisation=cleaned_data["organisation"], service=cleaned_data.get("service")
        )

    def clean(self):
        cleaned_data = super().clean()
        user = self.for_user
        if user is None or cleaned_data.get("organisation") is None:
            return cleaned_data
        if not user.has_perm(self.permission_codename(), self.probe(cleaned_data)):
            self.add_error("organisation", OUTSIDE_ORGANISATION)
        return cleaned_data


class OrganisationForm(WagtailAdminModelForm):
    """Organisation admins may rename their organisation; the slug (used in addresses) is for
    site administrators."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "slug" in self.fields and not (user is not None and user.is_superuser):
            self.fields["slug"].disabled = True
            self.fields["slug"].help_text = "Only a site administrator can change this."


class ServiceForm(ScopedAdminForm):
    def probe(self, cleaned_data):
        return self._meta.model(organisation=cleaned_data["organisation"])


class MembershipForm(ScopedAdminForm):
    pass


class InvitationForm(ScopedAdminForm):
    """A new invitation: who, to which organisation (and service), in which role, until when.

    Once sent, the address is fixed (the link went to it); once accepted, nothing changes.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = "We email the invitation link to this address."
        self.fields["expires_at"].help_text = "The link stops working after this."
        if not self.instance._state.adding:
            self.fields["email"].disabled = True
            self.fields["email"].help_text = (
                "The invitation has been sent to this address. To invite someone else, create "
                "a new invitation."
            )
            if self.instance.is_accepted:
                for field in self.fields.values():
                    field.disabled = True

    def clean_expires_at(self):
        expires_at = self.cleaned_data.get("expires_at")
        is_new_date = self.instance._state.adding or "expires_at" in self.changed_data
        if expires_at is not None and is_new_date and expires_at <= timezone.now():
            raise forms.ValidationError("Choose a date and time in the future.")
        return expires_at

    def clean(self):
        if not self.instance._state.adding and self.instance.is_accepted:
            raise forms.ValidationError(
                "This invitation has been accepted, so it can no longer be changed."
            )
        return super().clean()
