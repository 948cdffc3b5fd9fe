"""Steps every browser journey takes: signing in, following the main navigation."""

import re

from playwright.sync_api import expect

from tests.cms.factories import PASSWORD, TOTP_SECRET, totp_code


def sign_in(page, check_accessibility, email, totp=False, **account):
    """Sign in afresh, checking the sign-in page, the second-factor page and the home page.
    `account`: `password` and `totp_secret`, for accounts not made by the test factories (the
    demo's)."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    sign_in_here(page, check_accessibility, email, totp, **account)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    check_accessibility(page)


def sign_in_here(
    page, check_accessibility, email, totp=False, password=PASSWORD, totp_secret=TOTP_SECRET
):
    """Sign in on the sign-in page the browser is showing, checking it and the second-factor
    page. The caller checks where the site goes next: home, or the page a link asked for."""
    check_accessibility(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    if totp:
        expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
        check_accessibility(page)
        page.get_by_label(re.compile("code", re.I)).fill(totp_code(totp_secret))
        page.get_by_role("button", name=re.compile("Sign in|Verify|Confirm", re.I)).click()


def open_menu(page):
    """On a phone the menu is closed behind "Menu": open it (on a wider screen it always shows)."""
    toggle = page.locator(".site-menu > summary")
    if toggle.is_visible() and not page.locator(".site-menu").evaluate("menu => menu.open"):
        toggle.click()


def main_nav(page, name):
    """Follow the main menu's link `name`, opening the menu (on a phone) and the section it sits
    in (Dashboards, Learning...) first, as a person would."""
    open_menu(page)
    nav = page.get_by_role("navigation", name="Main")
    link = nav.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        hidden = page.get_by_role("link", name=name, exact=True, include_hidden=True)
        nav.locator("details").filter(has=hidden).locator("summary").click()
    link.click()
