"""The second sign-in step: who must set it up, signing in with it, and the login rate limit.
tests/cms/test_sign_in_paths.py plays the attacker who tries to go round it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cms.organisations.models import Role
from tests.cms.factories import (
    PASSWORD,
    MembershipFactory,
    UserFactory,
    give_totp,
    member,
    superuser,
    totp_code,
)

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ACTIVATE = "/accounts/2fa/totp/activate/"
AUTHENTICATE = "/accounts/2fa/authenticate/"
REAUTHENTICATE = "/accounts/2fa/reauthenticate/"
# A path outside /accounts/ whose answer needs no page template: Wagtail serves it as "not
# found". The MFA middleware runs before any view, so it redirects here as it would anywhere.
ELSEWHERE = "/no-such-page/"
SENSITIVE_ROLES = [Role.LEADER, Role.SAFEGUARDING_LEAD, Role.ORGANISATION_ADMIN]


def without_totp(role):
    user = UserFactory()
    MembershipFactory(user=user, role=role)
    return user


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def next_code(secret):
    """The code the app will show in the next 30 seconds (accepted: tests allow one window
    either side); the current one was used to set the app up and cannot be used twice."""
    return totp_code(secret, steps=1)


def test_activate_url_is_allauths():
    assert reverse("mfa_activate_totp") == ACTIVATE
    assert reverse("mfa_authenticate") == AUTHENTICATE


# --- Who must set it up ---------------------------------------------------------------------


@pytest.mark.parametrize("role", SENSITIVE_ROLES)
def test_sensitive_role_without_totp_is_sent_to_set_it_up(client, role):
    client.force_login(without_totp(role))
    for path in ("/", ELSEWHERE, "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == ACTIVATE


def test_superuser_without_totp_is_sent_to_set_it_up(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE


@pytest.mark.parametrize("role", SENSITIVE_ROLES)
def test_sensitive_role_with_totp_is_let_through(client, role):
    client.force_login(member(role))
    response = client.get(ELSEWHERE)
    assert response.status_code == 404


def test_role_held_for_one_service_still_needs_totp(client):
    from tests.cms.factories import ServiceFactory

    user = UserFactory()
    service = ServiceFactory()
    MembershipFactory(
        user=user, organisation=service.organisation, service=service, role=Role.LEADER
    )
    client.force_login(user)
    assert client.get(ELSEWHERE)["Location"] == ACTIVATE


@pytest.mark.parametrize(
    "role", [Role.STAFF, Role.FAMILY_MEMBER, Role.LIVED_EXPERIENCE_MEMBER, Role.SUPERVISOR]
)
def test_other_roles_are_never_redirected(client, role):
    client.force_login(member(role))
    assert client.get(ELSEWHERE).status_code == 404


def test_person_with_no_role_and_anonymous_visitors_are_not_redirected(client):
    assert client.get(ELSEWHERE).status_code == 404
    client.force_login(UserFactory())
    assert client.get(ELSEWHERE).status_code == 404


@pytest.mark.parametrize(
    "path", [ACTIVATE, "/accounts/email/", "/accounts/logout/", "/accounts/2fa/"]
)
def test_account_pages_stay_reachable_without_totp(client, path):
    client.force_login(without_totp(Role.LEADER))
    response = client.get(path)
    # allauth may first ask the person to confirm their password (reauthenticate); it never
    # sends them back to the activation page from inside /accounts/.
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/")
        assert not response["Location"].startswith(ACTIVATE)
    else:
        assert response.status_code == 200


def test_a_leader_signs_in_sets_up_totp_and_carries_on(client):
    """The whole first sign-in: password, sent to set up an authenticator app, enter its code,
    and from then on let through."""
    from allauth.mfa.models import Authenticator

    user = without_totp(Role.SAFEGUARDING_LEAD)
    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(user.pk)
    assert client.get("/")["Location"] == ACTIVATE

    # allauth asks for the password again before a second factor is added.
    response = client.get(ACTIVATE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE

    response = client.get(ACTIVATE)
    assert response.status_code == 200
    secret = response.context["form"].secret  # the secret the page shows as a QR code
    response = client.post(ACTIVATE, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    # Setting the app up is not yet signing in with it: allauth records no second step for
    # it, so the next code the app shows is asked for once, and then the person carries on.
    response = client.get(ELSEWHERE)
    assert response["Location"] == f"{REAUTHENTICATE}?next={ELSEWHERE}"
    response = client.post(response["Location"], {"code": next_code(secret)})
    assert response["Location"] == ELSEWHERE
    assert client.get(ELSEWHERE).status_code == 404


def test_an_app_set_up_in_another_session_still_asks_this_one_for_a_code(client):
    user = without_totp(Role.LEADER)
    client.force_login(user)
    assert client.get(ELSEWHERE)["Location"] == ACTIVATE
    give_totp(user)
    assert client.get(ELSEWHERE)["Location"] == f"{REAUTHENTICATE}?next={ELSEWHERE}"
    client.post(REAUTHENTICATE, {"code": totp_code()})
    assert client.get(ELSEWHERE).status_code == 404


# --- Signing in with a second factor --------------------------------------------------------


def test_sign_in_with_totp_asks_for_the_code_then_completes(client):
    user = member(Role.LEADER, email="leader@example.org")

    response = client.post(LOGIN, {"login": "leader@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == AUTHENTICATE
    assert signed_in_user_id(client) is None

    response = client.get(AUTHENTICATE)
    assert response.status_code == 200

    response = client.post(AUTHENTICATE, {"code": totp_code()})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_user_id(client) == str(user.pk)
    # Signed in with the second step done: the MFA requirement does not redirect.
    assert client.get(ELSEWHERE).status_code == 404


def test_demo_totp_prints_a_code_that_signs_in(client, settings):
    """`manage.py demo_totp` (built on allauth's public pieces) prints the code allauth takes."""
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    user = member(Role.LEADER, email="leader@example.org")
    out = StringIO()
    call_command("demo_totp", "Leader@example.org", stdout=out)
    client.post(LOGIN, {"login": "leader@example.org", "password": PASSWORD})
    response = client.post(AUTHENTICATE, {"code": out.getvalue().strip()})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(user.pk)


def test_wrong_code_does_not_sign_in(client):
    member(Role.ORGANISATION_ADMIN, email="admin@example.org")
    client.post(LOGIN, {"login": "admin@example.org", "password": PASSWORD})
    right = totp_code()
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(AUTHENTICATE, {"code": wrong})
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert signed_in_user_id(client) is None


def test_a_code_cannot_be_used_twice(client):
    member(Role.LEADER, email="leader@example.org")
    code = totp_code()
    client.post(LOGIN, {"login": "leader@example.org", "password": PASSWORD})
    assert client.post(AUTHENTICATE, {"code": code}).status_code == 302
    client.logout()
    client.post(LOGIN, {"login": "leader@example.org", "password": PASSWORD})
    response = client.post(AUTHENTICATE, {"code": code})
    assert response.status_code == 200
    assert signed_in_user_id(client) is None


def test_sign_in_without_totp_needs_no_code(client):
    user = member(Role.STAFF, email="staff@example.org")
    response = client.post(LOGIN, {"login": "staff@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_user_id(client) == str(user.pk)


def test_address_with_capitals_can_sign_in():
    """Accounts made outside sign-up (createsuperuser, imports) are stored in lower case, the
    way allauth looks them up."""
    from allauth.account.models import EmailAddress
    from django.test import Client

    user = get_user_model().objects.create_user(email="Pat.Jones@Example.ORG", password=PASSWORD)
    assert user.email == "pat.jones@example.org"
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for typed in ("pat.jones@example.org", "Pat.Jones@Example.ORG"):
        client = Client()
        response = client.post(LOGIN, {"login": typed, "password": PASSWORD})
        assert response.status_code == 302, typed
        assert signed_in_user_id(client) == str(user.pk)


# --- Rate limit -----------------------------------------------------------------------------


def test_five_failed_sign_ins_lock_out_further_attempts(client):
    user = member(Role.STAFF, email="staff@example.org")
    for _ in range(5):
        response = client.post(LOGIN, {"login": "staff@example.org", "password": "wrong-guess"})
        assert response.status_code == 200
        assert "not correct" in response.content.decode()

    # Even the right password is refused now.
    response = client.post(LOGIN, {"login": "staff@example.org", "password": PASSWORD})
    assert signed_in_user_id(client) is None
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()
    assert user.pk is not None


def test_the_lockout_is_per_account_as_well_as_per_address(client):
    """The key limit follows the account: failures from several browsers add up."""
    from django.test import Client

    member(Role.STAFF, email="staff@example.org")
    for n in range(5):
        Client(REMOTE_ADDR=f"10.0.0.{n + 1}").post(
            LOGIN, {"login": "staff@example.org", "password": "wrong-guess"}
        )
    response = Client(REMOTE_ADDR="10.0.0.99").post(
        LOGIN, {"login": "staff@example.org", "password": PASSWORD}
    )
    assert "Too many failed login attempts" in response.content.decode()


def test_superuser_helper_has_totp(client):
    user = superuser(email="root@example.org")
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
