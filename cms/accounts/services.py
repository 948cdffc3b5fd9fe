"""Writes for people and invitations: accepting an invitation, granting a membership."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cms.organisations.models import Invitation, Membership

INVITATION_SESSION_KEY = "invitation_token"


def invitation_from_session(request):
    """The usable invitation this browser opened, if any."""
    token = request.session.get(INVITATION_SESSION_KEY)
    if not token:
        return None
    return (
        Invitation.objects.usable()
        .select_related("organisation", "service")
        .filter(token=token)
        .first()
    )


def invitation_accept(*, invitation, user):
    """Grant the invitation's role to `user`, once.

    The conditional update is the single-use guarantee: of two simultaneous accepts, only one
    changes the row, and only that one creates the membership.
    """
    now = timezone.now()
    with transaction.atomic():
        claimed = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=now
        ).update(accepted_at=now, accepted_by=user)
        if not claimed:
            raise ValidationError(
                "This invitation has expired or has already been used.", code="unusable"
            )
        membership, _ = Membership.objects.get_or_create(
            user=user,
            organisation_id=invitation.organisation_id,
            service_id=invitation.service_id,
            role=invitation.role,
        )
    return membership


def user_name_set(user, first_name):
    """Change the name a person is called by (`User.display_name` reads it)."""
    user.first_name = " ".join(first_name.split())
    user.save(update_fields=["first_name"])
    return user
