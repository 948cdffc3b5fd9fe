"""Journey: a new staff member opens their learning path, completes a module and a scenario,
writes a reflection and shares it; their supervisor reads it and replies."""

import re

from playwright.sync_api import expect

from cms.organisations.models import Role
from tests.cms.factories import PASSWORD, ServiceFactory, member
from tests.learning.rows_learner import learning_pages


def sign_in(page, email):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")


def choose(page, check_accessibility, situation, choice_text):
    expect(page.get_by_text(situation)).to_be_visible()
    check_accessibility(page)
    # Keyboard alone: focus the option, select it with the space bar, send with Enter.
    option = page.get_by_role("radio", name=choice_text)
    option.focus()
    page.keyboard.press("Space")
    expect(option).to_be_checked()
    page.get_by_role("button", name="Make this choice").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your choice")
    check_accessibility(page)


def test_staff_member_learns_reflects_and_shares_with_their_supervisor(page, check_accessibility):
    service = ServiceFactory(name="Willow House")
    path, module, scenario = learning_pages(service.organisation)
    member(Role.STAFF, service=service, email="sam@example.org", first_name="Sam")
    member(Role.SUPERVISOR, service=service, email="kim@example.org", first_name="Kim")

    sign_in(page, "sam@example.org")
    check_accessibility(page)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Learning", exact=True
    ).click()
    check_accessibility(page)
    page.get_by_role("link", name=path.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(path.title)
    expect(page.get_by_text("You have completed 0 of 2 items")).to_be_visible()
    check_accessibility(page)

    # The module: a wrong answer first, then the right one.
    page.get_by_role("link", name=module.title).click()
    check_accessibility(page)
    page.get_by_label("Bath them anyway").check()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_text("Not all your answers were right")).to_be_visible()
    expect(page.get_by_text("The rota does not override a person's choice.")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Ask them what they would like instead").check()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_text("You have passed this module's knowledge check.")).to_be_visible()
    check_accessibility(page)

    # The scenario: the best route to the good ending.
    page.get_by_role("link", name=f"Next: {scenario.title}").click()
    check_accessibility(page)
    page.get_by_role("button", name="Start").click()
    choose(page, check_accessibility, "The situation at arrive.", "Choice listen")
    expect(page.get_by_text("Feedback for listen.")).to_be_visible()
    page.get_by_role("link", name="Continue").click()
    choose(page, check_accessibility, "The situation at ask.", "Choice record")
    page.get_by_role("link", name="See how it ends").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("How you did")
    expect(page.get_by_text("You took the best route at every step.")).to_be_visible()
    check_accessibility(page)

    # A reflection, saved and then shared.
    page.get_by_label("Your reflection").fill("I will ask first and write down what they chose.")
    page.get_by_role("button", name="Save to my journal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your reflection journal")
    check_accessibility(page)
    page.get_by_role("link", name=f"Share “{scenario.title}” with your supervisor").click()
    expect(page.get_by_text("Kim")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Yes, share it").click()
    expect(page.get_by_text("Your reflection is shared with your supervisor.")).to_be_visible()
    check_accessibility(page)

    page.goto(path.url)
    expect(page.get_by_text("You have completed 2 of 2 items")).to_be_visible()

    # The supervisor reads and replies.
    sign_in(page, "kim@example.org")
    expect(page.get_by_text("Shared with you for supervision")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Supervision").click()
    expect(page.get_by_text("I will ask first and write down what they chose.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name=re.compile("^Reply to Sam")).click()
    check_accessibility(page)
    page.get_by_label("Your reply").fill("Well done. Let us talk about it on Friday.")
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("Let us talk about it on Friday.")).to_be_visible()
    check_accessibility(page)

    # The author sees the reply.
    sign_in(page, "sam@example.org")
    page.goto("/learning/journal/")
    expect(page.get_by_text("Let us talk about it on Friday.")).to_be_visible()


def test_a_scenario_step_on_a_phone(phone_page, check_accessibility):
    service = ServiceFactory()
    _path, _module, scenario = learning_pages(service.organisation)
    member(Role.STAFF, service=service, email="phone@example.org")
    sign_in(phone_page, "phone@example.org")
    phone_page.goto(scenario.url)
    phone_page.get_by_role("button", name="Start").click()
    expect(phone_page.get_by_text("The situation at arrive.")).to_be_visible()
    check_accessibility(phone_page)
    # Nothing wider than the screen, and the choices can be chosen.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_page.get_by_role("radio", name="Choice listen").click()
    phone_page.get_by_role("button", name="Make this choice").click()
    expect(phone_page.get_by_text("Feedback for listen.")).to_be_visible()
    check_accessibility(phone_page)
