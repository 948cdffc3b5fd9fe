"""Journeys: every role that needs the second sign-in step signs in through allauth's real pages
with an authenticator code and reaches a page of its role; the attacker who knows only a
password gets no session from any other login page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cms.organisations.models import Role
from tests.cms.factories import PASSWORD, ServiceFactory, member, superuser
from tests.e2e.journeys import sign_in


def _role_page(role, organisation):
    """A page only this role reaches, and the heading it shows."""
    return {
        Role.LEADER: (
            reverse("leadership:dashboard_listening", args=[organisation.slug]),
            f"{organisation.name}: listening",
        ),
        Role.SAFEGUARDING_LEAD: (reverse("coproduction:concern_list"), "Concerns"),
        Role.HR: (reverse("leadership:import_list", args=[organisation.slug]), "Data imports"),
        Role.ORGANISATION_ADMIN: ("/admin/snippets/organisations/invitation/", "Invitations"),
        "superuser": ("/admin/users/", "Users"),
    }[role]


@pytest.mark.parametrize(
    "role",
    [Role.LEADER, Role.SAFEGUARDING_LEAD, Role.HR, Role.ORGANISATION_ADMIN, "superuser"],
)
def test_each_two_step_role_signs_in_with_a_code_and_reaches_its_page(
    page, check_accessibility, role
):
    service = ServiceFactory(name="Willow House")
    organisation = service.organisation
    if role == "superuser":
        person = superuser(email="root@example.org", first_name="Sam")
    else:
        person = member(role, organisation=organisation, email=f"{role}@example.org")

    sign_in(page, check_accessibility, person.email, totp=True)

    url, heading = _role_page(role, organisation)
    page.goto(url)
    expect(page).to_have_url(re.compile(re.escape(url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    if not url.startswith("/admin/"):
        check_accessibility(page)


@pytest.mark.parametrize("login_path", ["/admin/login/", "/_util/login/"])
def test_a_password_alone_gets_no_session_from_any_login_page(
    page, check_accessibility, login_path
):
    service = ServiceFactory(name="Willow House")
    leader = member(Role.LEADER, organisation=service.organisation, email="leader@example.org")
    concerns = reverse("coproduction:concern_list")

    # Wagtail's and Django's login pages are allauth's sign-in page.
    page.goto(f"{login_path}?next={concerns}")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    check_accessibility(page)
    page.get_by_label("Email").fill(leader.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))

    # Without the code there is no session: the concerns list sends the browser back to the
    # sign-in (which, with the password given, asks for the code).
    page.goto(concerns)
    expect(page).to_have_url(re.compile(r"/accounts/(login|2fa/authenticate)/"))
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Concerns")

    # Posting the password straight at the old address signs nobody in either.
    page.context.clear_cookies()
    page.request.post(login_path, form={"username": leader.email, "password": PASSWORD})
    page.goto(concerns)
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Concerns")


def test_the_second_step_is_in_our_words_and_says_where_the_code_comes_from(
    page, check_accessibility
):
    """Issue 14, point 10: the page the menu calls "Two-step sign-in" is called that, says the
    code comes from the authenticator app they set up (or a recovery code), and a wrong code
    gets the error summary."""
    from tests.cms.factories import totp_code

    service = ServiceFactory(name="Willow House")
    leader = member(Role.LEADER, organisation=service.organisation, email="leader@example.org")

    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    check_accessibility(page)
    page.get_by_label("Email").fill(leader.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    expect(page).to_have_title("Two-step sign-in | Safer Cultures")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-step sign-in")
    expect(page.get_by_text("authenticator app you set up")).to_be_visible()
    expect(page.get_by_text("recovery codes you kept")).to_be_visible()
    expect(page.get_by_text(re.compile("Two-Factor", re.I))).to_have_count(0)
    check_accessibility(page)

    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title("Error: Two-step sign-in | Safer Cultures")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    check_accessibility(page)
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Code")).to_be_focused()

    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    check_accessibility(page)

    # Its settings page under "Your account" speaks the same words.
    page.goto("/accounts/2fa/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-step sign-in")
    expect(page.get_by_role("link", name="Turn off two-step sign-in")).to_be_visible()
    check_accessibility(page)
