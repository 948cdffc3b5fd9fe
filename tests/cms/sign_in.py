"""Sessions for tests: one made through allauth's sign-in pages, as a person makes it, and one
made without them.

`client.force_login` stands for a finished sign-in through allauth (tests/conftest.py points it
at `sign_in`). A person with an authenticator app signs in the way they would: their email and
password at allauth's login page, then the code their app shows at its second step; the session
holds whatever allauth records for both steps, and nothing here writes allauth's records by hand
(its function for that is internal). A person without one gets Django's force_login: allauth's
sign-in would add nothing any page checks, and a whole sign-in per test costs time.
`password_only_login` is the session any other login path would give, which
cms.accounts.middleware must turn away.
"""

from allauth.mfa.adapter import get_adapter as mfa_adapter
from allauth.mfa.models import Authenticator
from django.test.client import ClientMixin
from django.urls import reverse

from cms.organisations.demo import DEMO_PASSWORD, totp_code
from tests.cms.factories import PASSWORD

# The passwords test people are made with (factories, the demo).
KNOWN_PASSWORDS = (PASSWORD, DEMO_PASSWORD)
# allauth takes each code once per person; test settings accept the neighbouring windows
# (MFA_TOTP_TOLERANCE), so a second sign-in of the same person within 30 seconds types the next.
CODE_STEPS = (0, 1, -1)


def password_only_login(client, user):
    """A session made by Django's own login, with no record of allauth's second step (what
    Wagtail's or Django's login views, or an old session, would give)."""
    ClientMixin.force_login(client, user)


def known_password(user):
    for password in KNOWN_PASSWORDS:
        if user.check_password(password):
            return password
    raise AssertionError(f"{user.email} has none of the test passwords: sign them in by hand")


def authenticator_app(user):
    """The secret the person's authenticator app holds, read back through allauth's MFA adapter
    (which encrypted it when the app was set up)."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return authenticator and mfa_adapter().decrypt(authenticator.data["secret"])


def sign_in(client, user, secret=None):
    """Sign `user` in through allauth's login page and, for a person with an authenticator app
    (holding `secret`, read from allauth when not given), its second step, typing the code the
    app shows now."""
    if "_auth_user_id" in client.session:
        # allauth's login page sends a signed-in visitor on; a person signs out first.
        client.logout()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": known_password(user)}
    )
    second_step = reverse("mfa_authenticate")
    assert response.status_code == 302, f"{user.email}: the login page answered {response}"
    secret = secret or authenticator_app(user)
    if secret:
        assert response["Location"] == second_step, response["Location"]
        for steps in CODE_STEPS:
            response = client.post(second_step, {"code": totp_code(secret, steps=steps)})
            if response.status_code == 302:
                break
    assert client.session.get("_auth_user_id") == str(user.pk), f"{user.email} is not signed in"


def force_login_with_second_step(client, user, backend=None):
    """Client.force_login for the tests: a person with an authenticator app signs in through
    allauth's two steps (`sign_in`); anyone else gets Django's force_login."""
    if secret := authenticator_app(user):
        sign_in(client, user, secret)
    else:
        ClientMixin.force_login(client, user, backend)
