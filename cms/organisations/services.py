"""Writes for organisations: creating an invitation and sending its email."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ..outbox.services import email_send
from .models import MFA_REQUIRED_ROLES, Invitation


def invitation_create(
    *, invited_by, organisation, email, role, service=None, expires_at=None
) -> Invitation:
    """Create an invitation from `invited_by` and email it to the invitee once the transaction
    commits. `invited_by` must be allowed to invite into that organisation (and service)."""
    invitation = Invitation(
        organisation=organisation,
        service=service,
        email=email.strip(),
        role=role,
        invited_by=invited_by,
    )
    if expires_at is not None:
        invitation.expires_at = expires_at
    if invited_by is not None and not invited_by.has_perm(
        "organisations.add_invitation", invitation
    ):
        raise PermissionDenied("You can only invite people into organisations you administer.")
    invitation.full_clean()
    invitation.save()

    from .tasks import send_invitation_email

    send_invitation_email.delay_on_commit(invitation.pk)
    return invitation


def invitation_accept_url(invitation) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + invitation.get_absolute_url()


def invitation_send_email(*, invitation_id) -> bool:
    """Email the invitation, once. Returns whether this call sent it.

    The conditional update claims the row: of two runs (a retry, a duplicate delivery), only the
    one that changes `email_sent_at` sends. The claim and the email (a row in the host's outbox,
    which retries until the mail server takes it) are one transaction. Used or expired
    invitations are not sent.
    """
    now = timezone.now()
    with transaction.atomic():
        claimed = (
            Invitation.objects.usable()
            .filter(pk=invitation_id, email_sent_at__isnull=True)
            .update(email_sent_at=now)
        )
        if not claimed:
            return False
        invitation = Invitation.objects.select_related("organisation", "service", "invited_by").get(
            pk=invitation_id
        )
        context = {
            "invitation": invitation,
            "accept_url": invitation_accept_url(invitation),
            "organisation": invitation.organisation,
            "service": invitation.service,
            "role": invitation.get_role_display(),
            "needs_mfa": invitation.role in MFA_REQUIRED_ROLES,
            "expires_at": timezone.localtime(invitation.expires_at),
            "invited_by": invitation.invited_by,
        }
        email_send("organisations/email/invitation", context, [invitation.email])
    return True
