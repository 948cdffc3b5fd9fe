"""Issue 14, point 7, as people meet it: a family member on a phone sees a one-line header, opens
the menu and finds their forum and no learning; a leader on a desktop opens the "Dashboards"
section of their long menu with the keyboard and follows a link in it."""

import re

from playwright.sync_api import expect

from cms.organisations.models import Role
from tests.cms.factories import member
from tests.coproduction.factories_forums import FamilyForumFactory, forum_family
from tests.e2e.journeys import main_nav, sign_in
from tests.learning.factories import LearningIndexPageFactory

LEARNING_LINKS = ("Learning", "My learning", "Supervision", "Assign learning")


def test_menus_fit_the_person_and_the_screen(page, phone_page, check_accessibility):
    forum = FamilyForumFactory()
    organisation = forum.service.organisation
    LearningIndexPageFactory(organisation=organisation)  # learning the staff are offered
    family = forum_family(forum, email="fay@example.org")
    leader = member(Role.LEADER, organisation=organisation, email="lee@example.org")

    # A family member on a phone: the header is one line, the site's name and "Menu".
    sign_in(phone_page, check_accessibility, family.email)
    header = phone_page.get_by_role("banner")
    height = header.bounding_box()["height"]
    assert height < 740 / 4 / 2, f"the header is {height}px tall on a 740px screen"
    toggle = phone_page.get_by_text("Menu", exact=True)
    expect(toggle).to_be_visible()
    expect(phone_page.get_by_role("navigation", name="Main")).to_be_hidden()
    # It opens on demand, and offers their forum and no learning.
    toggle.click()
    menu = phone_page.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("link", name="Family forum")).to_be_visible()
    for label in LEARNING_LINKS:
        expect(menu.get_by_role("link", name=label, exact=True)).to_have_count(0)
    expect(phone_page.get_by_role("button", name="Sign out")).to_be_visible()
    check_accessibility(phone_page)
    toggle.click()
    expect(menu).to_be_hidden()
    main_nav(phone_page, "Family forum")  # the helper every journey uses opens the menu itself
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(re.compile("forum", re.I))
    check_accessibility(phone_page)

    # A leader on a desktop: a few links, and sections that open.
    sign_in(page, check_accessibility, leader.email, totp=True)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Home")).to_be_visible()
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()
    red_flags = nav.get_by_role("link", name="Red flags")
    expect(red_flags).to_be_hidden()
    visible_links = nav.get_by_role("link").filter(visible=True)
    assert visible_links.count() <= 7, visible_links.all_inner_texts()
    section = nav.locator("summary", has_text="Dashboards")
    section.focus()
    page.keyboard.press("Enter")
    expect(red_flags).to_be_visible()
    check_accessibility(page)
    page.keyboard.press("Tab")  # the section's first link: Dashboards
    page.keyboard.press("Tab")  # its second: Red flags
    expect(red_flags).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("red flags", re.I))
    check_accessibility(page)
    # On the page it opened, its section is marked as the current one, and closed.
    expect(nav.locator("summary.site-nav__summary--current")).to_have_text("Dashboards")
    expect(red_flags).to_be_hidden()
    # One section is open at a time: opening another closes the first.
    nav.locator("summary", has_text="Learning").click()
    my_learning = nav.get_by_role("link", name="My learning")
    expect(my_learning).to_be_visible()
    section.click()
    expect(red_flags).to_be_visible()
    expect(my_learning).to_be_hidden()
    section.click()
    main_nav(page, "Board reports")  # the helper opens the section first
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("board report", re.I))
    check_accessibility(page)
