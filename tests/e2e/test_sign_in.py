"""Journeys: accept an invitation and sign up; sign in with a second factor as a leader."""

import re

from django.core import mail
from playwright.sync_api import expect

from cms.organisations.demo import totp_code
from cms.organisations.models import Membership, Role
from tests.cms.factories import PASSWORD, InvitationFactory, ServiceFactory, member

TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def current_code(secret=TOTP_SECRET):
    return totp_code(secret)


def test_invitee_signs_up_through_the_invitation_link(page, check_accessibility):
    service = ServiceFactory(name="Willow House")
    invitation = InvitationFactory(
        organisation=service.organisation,
        service=service,
        role=Role.STAFF,
        email="new.starter@example.org",
    )

    page.goto(invitation.get_absolute_url())
    expect(page).to_have_url(re.compile(r"/accounts/signup/"))
    expect(page.get_by_label("Email")).to_have_value("new.starter@example.org")
    check_accessibility(page)

    page.get_by_label("What should we call you?").fill("Sam")
    page.get_by_label("Password", exact=True).fill("a-long-new-password-2026")
    page.get_by_label(re.compile("Password \\(again\\)")).fill("a-long-new-password-2026")
    page.get_by_role("button", name=re.compile("Sign up", re.I)).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Sam")
    check_accessibility(page)
    assert Membership.objects.filter(
        user__email="new.starter@example.org", service=service, role=Role.STAFF
    ).exists()
    # The invited address counts as verified: no confirmation email was needed.
    assert not any("Confirm" in message.subject for message in mail.outbox)

    # The same link cannot be used twice.
    page.context.clear_cookies()
    page.goto(invitation.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("This invitation cannot be used")
    check_accessibility(page)


def test_sign_up_without_an_invitation_is_refused_with_a_clear_message(page, check_accessibility):
    page.goto("/accounts/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You need an invitation to sign up")
    check_accessibility(page)


def test_leader_signs_in_with_a_second_factor(page, check_accessibility):
    member(Role.LEADER, email="leader@example.org", first_name="Alex")

    page.goto("/accounts/login/")
    check_accessibility(page)
    page.get_by_label("Email").fill("leader@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()

    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    check_accessibility(page)
    page.get_by_label(re.compile("code", re.I)).fill(
        "000000" if current_code() != "000000" else "111111"
    )
    page.get_by_role("button", name=re.compile("Sign in|Verify|Confirm", re.I)).click()
    # In the error summary at the top, and at the field.
    expect(page.get_by_text(re.compile("incorrect", re.I))).to_have_count(2)
    expect(page.get_by_role("link", name=re.compile("incorrect", re.I))).to_be_visible()

    page.get_by_label(re.compile("code", re.I)).fill(current_code())
    page.get_by_role("button", name=re.compile("Sign in|Verify|Confirm", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alex")
    check_accessibility(page)


def test_leader_without_a_second_factor_must_set_one_up_first(page, check_accessibility):
    leader = member(Role.LEADER, email="newleader@example.org")
    leader.authenticator_set.all().delete()

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("newleader@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()

    # allauth asks for the password once more before a second factor is changed.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    check_accessibility(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    check_accessibility(page)

    # Nothing else opens until the second factor is set up.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/(2fa/totp/activate|reauthenticate)/"))
