"""allauth's pages speak our words in our layout (issue 14, point 10): the second step is
"Two-step sign-in", as the menu calls it, and says where the code comes from; no page says
allauth's "Two-Factor Authentication" or its Title Case headings."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from cms.organisations.models import Role
from tests.cms.factories import PASSWORD, member, totp_code

pytestmark = pytest.mark.django_db

# allauth's own wording, which none of its pages may show here.
ALLAUTH_WORDS = re.compile(
    r"Two-Factor|two-factor|Sign In|Sign Out|Password Reset|Change Password|Authenticator App"
    r"|Email Addresses|Recovery Codes|Confirm Access|Bad Token|Reset My Password"
)


def heading(html):
    return re.sub(r"\s+", " ", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip()


def check_page(client, url, expected_heading, status=200):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == status, (url, response.status_code, response.get("Location"))
    assert heading(html) == expected_heading, url
    assert '<a class="skip-link" href="#main">' in html, f"{url} is not in the site's layout"
    found = ALLAUTH_WORDS.findall(html)
    assert not found, f"{url} says {found}"
    return html


def sign_in(client, person, code=False):
    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert response.status_code == 302
    if code:
        client.post(reverse("mfa_authenticate"), {"code": totp_code()})


def test_pages_before_signing_in(client):
    check_page(client, reverse("account_login"), "Sign in")
    check_page(client, reverse("account_reset_password"), "Reset your password")
    check_page(client, reverse("account_reset_password_done"), "Reset your password")
    check_page(
        client,
        reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "bad-key"}),
        "This link does not work",
    )


def test_the_second_step_is_two_step_sign_in_and_says_where_the_code_comes_from(client):
    leader = member(Role.LEADER, email="leader@example.org")
    sign_in(client, leader)

    html = check_page(client, reverse("mfa_authenticate"), "Two-step sign-in")
    assert "<title>Two-step sign-in | Safer Cultures</title>" in html
    assert "authenticator app you set up" in html and "recovery code" in html

    # A wrong code: our error summary, and the title says so.
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    html = response.content.decode()
    assert "<title>Error: Two-step sign-in | Safer Cultures</title>" in html
    assert "data-error-summary" in html and 'href="#id_code"' in html


def test_account_pages_of_someone_without_two_step_sign_in(client):
    staff = member(Role.STAFF, email="staff@example.org")
    sign_in(client, staff)

    check_page(client, reverse("account_email"), "Email addresses")
    check_page(client, reverse("account_change_password"), "Change your password")
    check_page(client, reverse("mfa_index"), "Two-step sign-in")
    check_page(client, reverse("account_reauthenticate"), "Confirm it is you")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    html = check_page(client, reverse("mfa_activate_totp"), "Set up two-step sign-in")
    assert "authenticator app" in html and "Set-up key" in html
    check_page(client, reverse("account_logout"), "Sign out")


def test_account_pages_of_someone_with_two_step_sign_in(client):
    leader = member(Role.LEADER, email="leader@example.org")
    sign_in(client, leader, code=True)

    html = check_page(client, reverse("mfa_index"), "Two-step sign-in")
    assert "Turn off two-step sign-in" in html
    check_page(client, reverse("mfa_reauthenticate"), "Confirm it is you")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    check_page(client, reverse("mfa_deactivate_totp"), "Turn off two-step sign-in")
    check_page(client, reverse("mfa_generate_recovery_codes"), "Recovery codes")


def test_the_password_reset_email_is_in_our_words(client, django_capture_on_commit_callbacks):
    member(Role.STAFF, email="staff@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "staff@example.org"})

    [message] = mail.outbox
    assert message.subject == "[Safer Cultures] Choose a new password"
    assert "choose a new password for your Safer Cultures account" in message.body
    assert "Hello from" not in message.body and "Thank you for using" not in message.body
