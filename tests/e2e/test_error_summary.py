"""Journey (issue 14, point 1): on a phone, a worried relative who ticks "Raise it anonymously"
and still gives an email is not left thinking the concern was sent. The page comes back with the
error summary at the top, in view and focused, and its link takes them to the field."""

from playwright.sync_api import expect

from coproduction.concerns.models import Concern
from tests.cms.factories import ServiceFactory
from tests.coproduction.factories_concerns import ConcernContactsFactory


def answer(page, question, option):
    page.get_by_role("group", name=question).get_by_label(option, exact=True).check()


def test_the_error_summary_takes_focus_and_leads_to_the_field_on_a_phone(
    browser, live_server, check_accessibility
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    service = ServiceFactory(name="Birch House")
    ConcernContactsFactory(service=service)

    page.goto(f"/together/services/{service.pk}/concerns/raise/")
    check_accessibility(page)
    answer(page, "Is anyone at risk of harm now?", "No")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us about your concern")
    page.get_by_label("What happened?").fill("Dad's hearing aids go missing every week.")
    answer(page, "Could this be abuse or neglect?", "Yes, or I am not sure")
    page.get_by_label("Raise it anonymously").check()
    page.get_by_label("Your email address").fill("worried@example.org")
    page.get_by_role("button", name="Send the concern").click()

    # Not sent; the summary is what the phone shows, and it has the focus.
    expect(page).to_have_title("Error: Tell us about your concern | Safer Cultures")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert Concern.objects.count() == 0
    check_accessibility(page)

    # Its link moves focus to the field in error.
    summary.get_by_role("link", name="Leave this empty to stay anonymous").first.click()
    email = page.get_by_label("Your email address")
    expect(email).to_be_focused()
    expect(email).to_be_in_viewport()
    email.fill("")
    page.get_by_role("button", name="Send the concern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your concern is sent")
    check_accessibility(page)
    assert Concern.objects.get().anonymous
    context.close()
