from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django import forms
from django.contrib.sites.shortcuts import get_current_site

from cms.outbox.services import outbox_write

from .services import invitation_from_session


def _is_signup(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "account_signup"


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
        # allauth cleans every email field through here (adding an address, password reset);
        # only sign-up is tied to the invitation's address.
        if not _is_signup(request):
            return email
        invitation = invitation_from_session(request)
        if invitation is not None and invitation.email.lower() != email.lower():
            raise forms.ValidationError(
                f"This invitation was sent to {invitation.email}. Sign up with that address, or "
                "ask for a new invitation."
            )
        return email

    def send_mail(self, template_prefix, email, context):
        """allauth's emails (sign-in and password reset codes, address confirmation, notices)
        go through the one outbox like every other email, so a crash or a mail server that is
        down loses none of them. The context is the one allauth's own `send_mail` builds."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context,
            },
        )
        html = "".join(
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        )
        outbox_write(
            kind=template_prefix,
            to=message.to,
            subject=message.subject,
            text=message.body,
            html=html,
        )
