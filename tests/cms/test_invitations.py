"""Invitation-only sign-up, through allauth's real views."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cms.accounts.services import invitation_accept
from cms.organisations.models import Membership, Role
from cms.outbox.models import OutboxMessage
from tests.cms.factories import (
    PASSWORD,
    InvitationFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

User = get_user_model()
SIGNUP = "/accounts/signup/"
LOGIN = "/accounts/login/"


@pytest.fixture
def invitation():
    service = ServiceFactory(name="Willow House", organisation__name="Willow Care")
    return InvitationFactory(
        organisation=service.organisation,
        service=service,
        email="Sam.Invitee@example.org",
        role=Role.STAFF,
    )


def link(invitation):
    return reverse("accounts:invitation_accept", kwargs={"token": invitation.token})


def sign_up(client, email, password=PASSWORD):
    data = {"email": email, "first_name": "Sam", "password1": password, "password2": password}
    return client.post(SIGNUP, data)


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_sign_up_without_an_invitation_is_closed(client):
    response = client.get(SIGNUP)
    assert response.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    assert "You need an invitation" in response.content.decode()


def test_posting_to_sign_up_without_an_invitation_creates_nothing(client):
    response = sign_up(client, "gatecrasher@example.org")
    assert "You need an invitation" in response.content.decode()
    assert not User.objects.filter(email="gatecrasher@example.org").exists()


def test_invitation_link_leads_to_sign_up_with_the_email_filled_in(client, invitation):
    response = client.get(link(invitation))
    assert response.status_code == 302
    assert response["Location"] == SIGNUP

    response = client.get(SIGNUP)
    assert response.status_code == 200
    assert response.context["form"]["email"].initial == invitation.email
    assert f'value="{invitation.email}"' in response.content.decode()


def test_signing_up_through_the_invitation_creates_the_account_and_membership(client, invitation):
    client.get(link(invitation))
    response = sign_up(client, invitation.email)

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(email__iexact=invitation.email)
    assert signed_in_user_id(client) == str(user.pk)
    # The invited address is verified by the invitation itself: no verification email.
    assert EmailAddress.objects.get(user=user).verified
    assert mail.outbox == [] and not OutboxMessage.objects.exists()

    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.service, membership.role) == (
        invitation.organisation,
        invitation.service,
        Role.STAFF,
    )
    invitation.refresh_from_db()
    assert invitation.is_accepted
    assert invitation.accepted_by == user


def test_after_sign_up_sign_up_is_closed_again(client, invitation):
    client.get(link(invitation))
    sign_up(client, invitation.email)
    client.logout()
    assert "You need an invitation" in client.get(SIGNUP).content.decode()


def test_the_same_link_again_says_it_has_been_used(client, invitation):
    client.get(link(invitation))
    sign_up(client, invitation.email)

    response = client.get(link(invitation))
    assert response.status_code == 410
    assert "already been used" in response.content.decode()

    client.logout()
    response = client.get(link(invitation))
    assert response.status_code == 410
    assert "already been used" in response.content.decode()


def test_expired_link_says_it_has_expired(client):
    invitation = InvitationFactory(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(link(invitation))
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    # ... and does not open sign-up.
    assert "You need an invitation" in client.get(SIGNUP).content.decode()


def test_an_invitation_that_expires_before_sign_up_is_refused(client, invitation):
    client.get(link(invitation))
    invitation.expires_at = timezone.now() - timedelta(seconds=1)
    invitation.save()
    sign_up(client, invitation.email)
    assert not User.objects.filter(email__iexact=invitation.email).exists()


def test_unknown_token_is_not_found(client):
    response = client.get(reverse("accounts:invitation_accept", kwargs={"token": "nope"}))
    assert response.status_code == 404
    assert "could not find this invitation" in response.content.decode()


def test_signing_up_with_another_email_is_refused_at_the_field(client, invitation):
    client.get(link(invitation))
    response = sign_up(client, "someone.else@example.org")

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "email" in errors
    assert invitation.email in errors["email"][0]
    assert not User.objects.filter(email="someone.else@example.org").exists()
    assert not Membership.objects.exists()
    invitation.refresh_from_db()
    assert not invitation.is_accepted
    assert signed_in_user_id(client) is None


def test_email_case_does_not_matter(client, invitation):
    client.get(link(invitation))
    response = sign_up(client, invitation.email.upper())
    assert response.status_code == 302
    assert Membership.objects.filter(user__email__iexact=invitation.email).exists()


def test_invitation_in_the_session_does_not_constrain_other_email_forms(client, invitation):
    """allauth cleans every email field through the adapter; only sign-up is tied to the
    invited address (a password reset for another address is not refused)."""
    client.get(link(invitation))
    response = client.post("/accounts/password/reset/", {"email": "other@example.org"})
    assert response.status_code == 302


def test_existing_user_is_sent_to_sign_in_and_then_accepts(client, invitation):
    # Accounts store addresses in lower case; the invitation was typed with capitals.
    user = UserFactory(email=invitation.email.lower())

    response = client.get(link(invitation))
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={link(invitation)}"
    # Following the link does not open sign-up for this browser.
    assert "You need an invitation" in client.get(SIGNUP).content.decode()

    response = client.post(
        f"{LOGIN}?next={link(invitation)}", {"login": invitation.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == link(invitation)
    assert signed_in_user_id(client) == str(user.pk)

    response = client.get(link(invitation))
    assert response.status_code == 200
    assert "Accept your invitation" in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()

    response = client.post(link(invitation))
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert membership.organisation == invitation.organisation
    assert membership.role == Role.STAFF
    invitation.refresh_from_db()
    assert invitation.accepted_by == user


def test_signed_in_as_another_account_shows_the_wrong_account_page(client, invitation):
    client.force_login(UserFactory(email="not.sam@example.org"))
    for method in (client.get, client.post):
        response = method(link(invitation))
        assert response.status_code == 403
        assert "invitation is for another account" in response.content.decode()
    assert not Membership.objects.exists()
    invitation.refresh_from_db()
    assert not invitation.is_accepted


def test_two_accepts_of_one_invitation_make_one_membership(client, invitation):
    user = UserFactory(email=invitation.email.lower())
    client.force_login(user)
    assert client.post(link(invitation)).status_code == 302
    assert client.post(link(invitation)).status_code == 410
    assert Membership.objects.filter(user=user).count() == 1


def test_accept_service_claims_the_invitation_once(invitation):
    user = UserFactory(email=invitation.email)
    stale_copy = type(invitation).objects.get(pk=invitation.pk)
    invitation_accept(invitation=invitation, user=user)
    # A second request holding an older copy of the row is refused by the conditional update.
    with pytest.raises(ValidationError, match="expired or has already been used"):
        invitation_accept(invitation=stale_copy, user=user)
    assert Membership.objects.filter(user=user).count() == 1
