"""Issue 14, point 6: joining is not a generic page. The sign-up page reached through an
invitation says who invited the person, to which organisation and in which role, and asks the
name they want to be called by; "Your account" lets them change it; the admin's invitation list
words an expiry ahead as "in 2 weeks", not "Just now"."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from cms.organisations.wagtail_hooks import invitation_expiry
from tests.cms.factories import PASSWORD, InvitationFactory, ServiceFactory, UserFactory, member

pytestmark = pytest.mark.django_db

User = get_user_model()
SIGNUP = "/accounts/signup/"
NAME = reverse("accounts:account_name")


@pytest.fixture
def invitation():
    service = ServiceFactory(name="Willow House", organisation__name="Willow Care")
    rosa = UserFactory(first_name="Rosa", last_name="Admin", email="rosa@example.org")
    return InvitationFactory(
        organisation=service.organisation,
        service=service,
        email="new.carer@example.org",
        role=Role.STAFF,
        invited_by=rosa,
    )


def sign_up(client, invitation, **extra):
    client.get(invitation.get_absolute_url())
    data = {"email": invitation.email, "password1": PASSWORD, "password2": PASSWORD, **extra}
    return client.post(SIGNUP, data)


def test_the_sign_up_page_says_who_invited_you_to_what_and_as_what(client, invitation):
    client.get(invitation.get_absolute_url())
    page = client.get(SIGNUP).content.decode()
    assert "<h1>Join Willow Care</h1>" in page
    assert "Rosa Admin has invited you to join Willow Care as staff at Willow House." in page
    assert "<dt>Your role</dt><dd>Staff</dd>" in page
    assert "What should we call you?" in page


def test_an_invitation_with_no_inviter_still_says_what_it_is_for(client, invitation):
    invitation.invited_by = None
    invitation.save()
    client.get(invitation.get_absolute_url())
    page = client.get(SIGNUP).content.decode()
    assert "You have been invited to join Willow Care as staff at Willow House." in page
    assert "<dt>Invited by</dt>" not in page


def test_the_name_given_at_sign_up_is_what_the_site_calls_you(client, invitation):
    response = sign_up(client, invitation, first_name="  Sam  ")
    assert response.status_code == 302
    user = User.objects.get(email="new.carer@example.org")
    assert user.first_name == "Sam"
    assert "Hello, Sam" in client.get("/").content.decode()


def test_sign_up_asks_for_a_name(client, invitation):
    response = sign_up(client, invitation)
    assert response.status_code == 200
    assert "Say what we should call you." in response.content.decode()
    assert not User.objects.filter(email="new.carer@example.org").exists()


def test_a_name_is_stored_as_plain_text(client, invitation):
    sign_up(client, invitation, first_name="<script>alert(1)</script>Sam")
    user = User.objects.get(email="new.carer@example.org")
    assert "<" not in user.first_name and "Sam" in user.first_name


def test_your_account_changes_your_name(client):
    user = UserFactory(first_name="new.carer")
    client.force_login(user)
    page = client.get(NAME).content.decode()
    assert 'value="new.carer"' in page
    assert 'href="/accounts/name/" aria-current="page">Your account</a>' in page

    response = client.post(NAME, {"first_name": "Sam"}, follow=True)
    user.refresh_from_db()
    assert user.first_name == "Sam"
    assert "Hello, Sam" in response.content.decode()
    assert "We will call you Sam." in response.content.decode()


def test_your_account_refuses_an_empty_name(client):
    user = UserFactory(first_name="Sam")
    client.force_login(user)
    response = client.post(NAME, {"first_name": "   "})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.first_name == "Sam"


def test_your_name_needs_signing_in(client):
    response = client.get(NAME)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_expiry_ahead_is_worded_as_time_until(invitation):
    now = timezone.now()
    invitation.expires_at = now + timedelta(days=14)
    assert invitation_expiry(invitation, now=now).startswith("in 14 days (")
    # A second after it was sent, still 14 days (not "1 week, 6 days").
    later = now + timedelta(seconds=1)
    assert invitation_expiry(invitation, now=later).startswith("in 14 days (")
    assert invitation_expiry(invitation, now=now + timedelta(days=13, hours=20)).startswith(
        "in 4 hours ("
    )
    invitation.expires_at = now - timedelta(days=3)
    assert invitation_expiry(invitation, now=now).startswith("Expired 3 days ago (")


def test_the_admin_list_shows_a_fresh_invitation_expiring_in_two_weeks(client, invitation):
    admin = member(Role.ORGANISATION_ADMIN, organisation=invitation.organisation)
    client.force_login(admin)
    page = client.get(reverse("wagtailsnippets_organisations_invitation:list")).content.decode()
    assert "in 14 days" in page
    assert "Just now" not in page and "just now" not in page
