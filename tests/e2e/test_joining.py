"""Journey (issue 14, point 6), on a phone: a new carer opens their invitation link. The sign-up
page says who invited them, to which organisation and in which role, and asks what to call
them; the site then greets them by that name, and "Your account" lets them change it. The
organisation admin's list of invitations says when each expires ("in 14 days")."""

import re

from playwright.sync_api import expect

from cms.organisations.models import Membership, Role
from tests.cms.factories import InvitationFactory, ServiceFactory, member
from tests.e2e.journeys import open_menu, sign_in


def test_a_new_carer_joins_through_their_invitation(phone_page, page, check_accessibility):
    service = ServiceFactory(name="Willow House", organisation__name="Willow Care")
    admin = member(
        Role.ORGANISATION_ADMIN,
        organisation=service.organisation,
        email="rosa@example.org",
        first_name="Rosa",
        last_name="Admin",
    )
    invitation = InvitationFactory(
        organisation=service.organisation,
        service=service,
        role=Role.STAFF,
        email="new.carer@example.org",
        invited_by=admin,
    )

    # The sign-up page says what the invitation is.
    phone_page.goto(invitation.get_absolute_url())
    expect(phone_page).to_have_url(re.compile(r"/accounts/signup/"))
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Join Willow Care")
    expect(
        phone_page.get_by_text(
            "Rosa Admin has invited you to join Willow Care as staff at Willow House."
        )
    ).to_be_visible()
    expect(phone_page.get_by_role("definition").filter(has_text="Staff")).to_be_visible()
    expect(phone_page.get_by_label("Email")).to_have_value("new.carer@example.org")
    check_accessibility(phone_page)

    # A name is asked for (it is required: tests/cms/test_joining.py), and used.
    phone_page.get_by_label("What should we call you?").fill("Sam")
    phone_page.get_by_label("Password", exact=True).fill("a-long-new-password-2026")
    phone_page.get_by_label(re.compile("Password \\(again\\)")).fill("a-long-new-password-2026")
    phone_page.get_by_role("button", name="Sign up").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Hello, Sam")
    check_accessibility(phone_page)
    assert Membership.objects.filter(
        user__email="new.carer@example.org", service=service, role=Role.STAFF
    ).exists()

    # "Your account" changes it.
    open_menu(phone_page)  # on a phone the account links are in the menu
    phone_page.get_by_role("link", name="Your account").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Your name")
    expect(phone_page.get_by_label("What should we call you?")).to_have_value("Sam")
    check_accessibility(phone_page)
    phone_page.get_by_label("What should we call you?").fill("Sammy")
    phone_page.get_by_role("button", name="Save your name").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Hello, Sammy")
    expect(phone_page.get_by_role("status")).to_contain_text("We will call you Sammy.")
    check_accessibility(phone_page)

    # The admin's list: a new invitation expires in 14 days, not "Just now".
    fresh = InvitationFactory(organisation=service.organisation, email="next@example.org")
    sign_in(page, check_accessibility, admin.email, totp=True)
    page.goto("/admin/snippets/organisations/invitation/")
    row = page.get_by_role("row").filter(has_text=fresh.email)
    expect(row).to_contain_text(re.compile(r"in 14 days \(\d+ \w+ \d{4}\)"))
    expect(page.get_by_text(re.compile("just now", re.I))).to_have_count(0)
    check_accessibility(page)
