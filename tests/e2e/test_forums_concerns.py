"""Journey (issue 5, concerns): a family member raises a possible safeguarding concern; the
safeguarding lead is emailed, acknowledges it and closes it with an outcome the family member
reads on "My concerns"; a visitor without an account raises one (anyone at risk now: what to do
comes first) and follows it with the tracking code."""

import re

from django.core import mail
from playwright.sync_api import expect

from cms.organisations.models import Role
from coproduction.concerns.models import Concern
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.coproduction.factories_concerns import ConcernContactsFactory
from tests.e2e.journeys import main_nav, sign_in


def answer(page, question, option):
    page.get_by_role("group", name=question).get_by_label(option, exact=True).check()


def test_concerns_are_routed_answered_and_followed(page, check_accessibility):
    service = ServiceFactory(
        name="Birch House", organisation=OrganisationFactory(name="Birch Care")
    )
    ConcernContactsFactory(service=service)
    family = member(Role.FAMILY_MEMBER, service=service, email="fam@example.org", first_name="Ann")
    lead = member(
        Role.SAFEGUARDING_LEAD,
        organisation=service.organisation,
        email="sl@example.org",
        first_name="Sam",
        last_name="Lead",
    )

    # A family member raises a concern that could be neglect.
    sign_in(page, check_accessibility, family.email)
    page.goto(f"/together/services/{service.pk}/concerns/raise/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise a concern")
    check_accessibility(page)
    answer(page, "Is anyone at risk of harm now?", "No")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us about your concern")
    check_accessibility(page)
    page.get_by_role("button", name="Send the concern").click()
    # Nothing written: the error is at the field.
    expect(page.get_by_text("Say what happened.").first).to_be_visible()
    check_accessibility(page)
    page.get_by_label("What happened?").fill("Mum was left without water all afternoon.")
    answer(page, "Could this be abuse or neglect?", "Yes, or I am not sure")
    page.get_by_role("button", name="Send the concern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your concern is sent")
    check_accessibility(page)
    concern = Concern.objects.get()
    expect(page.get_by_text(concern.reference)).to_be_visible()
    assert concern.raised_by == family and concern.route == Concern.Route.SAFEGUARDING
    assert [m.to for m in mail.outbox] == [[lead.email]]

    # The safeguarding lead acknowledges it, shares the outcome and closes it.
    sign_in(page, check_accessibility, lead.email, totp=True)
    main_nav(page, "Concerns")
    expect(page.get_by_role("heading", level=1)).to_have_text("Concerns")
    check_accessibility(page)
    page.get_by_role("link", name=f"Concern {concern.reference}").click()
    expect(page.get_by_text("Mum was left without water all afternoon.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Acknowledge").click()
    check_accessibility(page)
    page.get_by_role("button", name="Yes, acknowledge it").click()
    expect(page.get_by_role("cell", name="Sam Lead")).to_be_visible()
    page.get_by_role("link", name="Change the status").click()
    check_accessibility(page)
    answer(page, "Move the concern on to", "Outcome shared")
    page.get_by_role("button", name="Save the status").click()
    expect(page.get_by_text("Write the outcome to the person").first).to_be_visible()
    check_accessibility(page)
    answer(page, "Move the concern on to", "Outcome shared")
    page.get_by_label("The outcome, written to the person who raised it").fill(
        "We found the jug was out of reach. Staff now check drinks every hour."
    )
    page.get_by_role("button", name="Save the status").click()
    page.get_by_role("link", name="Change the status").click()
    answer(page, "Move the concern on to", "Closed")
    page.get_by_role("button", name="Save the status").click()
    expect(page.get_by_text("Outcome shared to Closed")).to_be_visible()
    check_accessibility(page)
    assert any(m.to == [family.email] for m in mail.outbox)

    # The family member reads the outcome.
    sign_in(page, check_accessibility, family.email)
    page.goto("/together/concerns/mine/")
    expect(page.get_by_text("Staff now check drinks every hour.")).to_be_visible()
    expect(page.get_by_text("Closed")).to_be_visible()
    check_accessibility(page)

    # A visitor without an account: someone is at risk now, so what to do comes first.
    page.context.clear_cookies()
    page.goto("/together/concerns/raise/")
    page.get_by_label("Which service is the concern about?").select_option(label="Birch House")
    answer(page, "Is anyone at risk of harm now?", "Yes")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="If someone is at risk of harm now")).to_be_visible()
    expect(page.get_by_text("0300 123 4567")).to_be_visible()
    check_accessibility(page)
    answer(page, "Who are you?", "Visitor or someone else")
    page.get_by_label("What happened?").fill("A resident was shouted at in the lounge.")
    page.get_by_role("button", name="Send the concern").click()
    expect(page.get_by_role("heading", name="Your private tracking code")).to_be_visible()
    check_accessibility(page)
    code = page.locator(".tracking-code").inner_text().strip()
    reference = Concern.objects.exclude(pk=concern.pk).get().reference

    page.get_by_role("link", name="tracking page").click()
    check_accessibility(page)
    page.get_by_label("Reference").fill(reference)
    page.get_by_label("Tracking code").fill("WRONG-CODE")
    page.get_by_role("button", name="Show my concern").click()
    expect(page.get_by_text("We could not find a concern")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Reference").fill(reference)
    page.get_by_label("Tracking code").fill(code)
    page.get_by_role("button", name="Show my concern").click()
    expect(page.get_by_role("heading", name=f"Concern {reference}")).to_be_visible()
    expect(page.get_by_text(re.compile("no outcome yet"))).to_be_visible()
    check_accessibility(page)
