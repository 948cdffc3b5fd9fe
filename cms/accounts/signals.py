from allauth.account.signals import user_signed_up
from django.core.exceptions import ValidationError
from django.dispatch import receiver

from .services import (
    INVITATION_SESSION_KEY,
    invitation_accept,
    invitation_from_session,
)


@receiver(user_signed_up)
def accept_invitation_on_sign_up(sender, request, user, **kwargs):
    invitation = invitation_from_session(request)
    if invitation is None:
        return
    try:
        invitation_accept(invitation=invitation, user=user)
    except ValidationError:  # used or expired since it was opened: nothing to grant
        pass
    request.session.pop(INVITATION_SESSION_KEY, None)
