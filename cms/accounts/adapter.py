from allauth.account.adapter import DefaultAccountAdapter
from django import forms

from .services import invitation_from_session


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Sign-up is open only to someone who arrived through a usable invitation link.

    allauth has no invitation flow; these hooks are the ones it documents for one. The invitation
    view stashes the invited address as verified, so an invitee needs no verification email.
    """

    def is_open_for_signup(self, request):
        return invitation_from_session(request) is not None

    def clean_email(self, email):
        email = super().clean_email(email)
        request = getattr(self, "request", None)
        invitation = invitation_from_session(request) if request is not None else None
        if invitation is not None and invitation.email.lower() != email.lower():
            raise forms.ValidationError(
                f"This invitation was sent to {invitation.email}. Sign up with that address, or "
                "ask for a new invitation."
            )
        return email
