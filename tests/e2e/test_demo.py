"""Every demo sign-in printed by `make run` works in a browser."""

import re

from playwright.sync_api import expect

from cms.organisations.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, PROVIDERS, totp_code


def demo_emails():
    emails = [
        f"{local}@{provider['slug']}.example.org"
        for provider in PROVIDERS
        for local, *_ in provider["people"]
    ]
    return [*emails, "siteadmin@example.org"]


def test_every_demo_account_signs_in(demo, browser, live_server, check_accessibility):
    for email in demo_emails():
        context = browser.new_context(base_url=live_server.url)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
        if "/accounts/2fa/authenticate/" in page.url:
            page.get_by_label(re.compile("code", re.I)).fill(totp_code(DEMO_TOTP_SECRET))
            page.get_by_role("button", name=re.compile("Sign in|Verify|Confirm", re.I)).click()
        expect(page).to_have_url(re.compile(r"/$"))
        expect(page.get_by_role("button", name=re.compile("Sign out", re.I))).to_be_visible()
        if email == "staff@riverside.example.org":
            check_accessibility(page)
        context.close()
