"""Journey (issue 12, speaking up): a porter raises a concern as speaking up, with its
categories, staff group and detriment; the speak-up lead (not the line) sees it, shares the
outcome, closes it and downloads the quarterly return, whose small numbers are withheld; the
porter says on "My concerns" whether they would speak up again."""

import re
from datetime import datetime

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from cms.organisations.models import Role
from cms.periods import add_months
from coproduction.concerns.models import Concern, SpeakUpCase
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.coproduction.factories_concerns import SpeakUpCaseFactory
from tests.e2e.journeys import main_nav, sign_in


def answer(page, question, option):
    page.get_by_role("group", name=re.compile("^" + re.escape(question))).get_by_label(
        option, exact=True
    ).check()


def last_quarter_cases(service, count):
    """`count` cases raised on the 10th of the first month of the last whole quarter."""
    today = timezone.localdate()
    quarter = add_months(today.replace(day=1, month=3 * ((today.month - 1) // 3) + 1), -3)
    raised = timezone.make_aware(datetime(quarter.year, quarter.month, 10, 11))
    for number in range(count):
        made = SpeakUpCaseFactory(concern__service=service, detriment=number < 2)
        Concern.objects.filter(pk=made.pk).update(created_at=raised)


def test_a_porter_speaks_up_and_the_speak_up_lead_answers(page, check_accessibility):
    service = ServiceFactory(
        name="Birch House", organisation=OrganisationFactory(name="Birch Care")
    )
    last_quarter_cases(service, 7)
    porter = member(Role.STAFF, service=service, email="porter@example.org", first_name="Pat")
    lead = member(
        Role.SPEAK_UP_LEAD,
        organisation=service.organisation,
        email="guardian@example.org",
        first_name="Gita",
        last_name="Guardian",
    )
    host = member(Role.FORUM_HOST, service=service, email="host@example.org")

    # The porter raises a concern as speaking up.
    sign_in(page, check_accessibility, porter.email)
    page.goto(f"/together/services/{service.pk}/concerns/raise/")
    answer(page, "Is anyone at risk of harm now?", "No")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us about your concern")
    check_accessibility(page)
    page.get_by_label("What happened?").fill(
        "The night manager shouts at porters in front of residents."
    )
    answer(page, "Could this be abuse or neglect?", "No")
    page.get_by_label("Raise it as speaking up (Freedom to Speak Up)").check()
    page.get_by_role("button", name="Send the concern").click()
    # Speaking up needs its answers: the errors are at the fields, nothing is stored.
    expect(page.get_by_text("Choose at least one: what is it about?").first).to_be_visible()
    check_accessibility(page)
    assert not Concern.objects.filter(service=service, speak_up__isnull=True).exists()
    page.get_by_label("What happened?").fill(
        "The night manager shouts at porters in front of residents."
    )
    answer(page, "Could this be abuse or neglect?", "No")
    page.get_by_label("Raise it as speaking up (Freedom to Speak Up)").check()
    answer(page, "What is it about?", "Bullying or harassment")
    answer(page, "What is it about?", "Inappropriate attitudes or behaviours")
    answer(page, "Your staff group", "Estates and ancillary (for example porters and cleaners)")
    answer(page, "Have you been treated worse because you spoke up?", "Yes")
    page.get_by_role("button", name="Send the concern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your concern is sent")
    check_accessibility(page)
    concern = Concern.objects.get(raised_by=porter)
    case = concern.speak_up
    assert case.categories == ["Bullying or harassment", "Inappropriate attitudes or behaviours"]
    assert case.professional_group == "estates_ancillary" and case.detriment
    assert [m.to for m in mail.outbox] == [[lead.email]]
    assert host.email not in str([m.to for m in mail.outbox])

    # The speak-up lead sees it, shares the outcome and closes it.
    sign_in(page, check_accessibility, lead.email, totp=True)
    main_nav(page, "Concerns")
    check_accessibility(page)
    page.get_by_role("link", name=f"Concern {concern.reference}").click()
    expect(page.get_by_role("heading", name="Speaking up")).to_be_visible()
    expect(page.get_by_text("Bullying or harassment")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Acknowledge").click()
    page.get_by_role("button", name="Yes, acknowledge it").click()
    page.get_by_role("link", name="Change the status").click()
    answer(page, "Move the concern on to", "Outcome shared")
    page.get_by_label("The outcome, written to the person who raised it").fill(
        "The night manager has been spoken to and will be supervised on nights."
    )
    page.get_by_role("button", name="Save the status").click()
    page.get_by_role("link", name="Change the status").click()
    answer(page, "Move the concern on to", "Closed")
    page.get_by_role("button", name="Save the status").click()
    expect(page.get_by_text("Outcome shared to Closed")).to_be_visible()
    check_accessibility(page)

    # The speak-up lead downloads the quarterly return.
    main_nav(page, "Speak-up return")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quarterly speak-up return")
    check_accessibility(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the return (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == f"speak-up-return-{service.organisation.slug}.csv"
    with open(download.path(), encoding="utf-8") as file:
        lines = file.read().splitlines()
    assert lines[0].startswith("Organisation,Quarter,Cases raised,Raised anonymously")
    last = lines[-1].split(",")
    assert last[2] == "7"  # 7 cases in one month: shown
    assert last[4] == "withheld"  # 2 with detriment: withheld
    assert all(
        value == "withheld" or int(value) >= 5
        for line in lines[1:]
        for value in line.split(",")[2:]
    )

    # The porter says whether they would speak up again.
    sign_in(page, check_accessibility, porter.email)
    page.goto("/together/concerns/mine/")
    expect(page.get_by_text("will be supervised on nights")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Tell us whether you would speak up again").click()
    check_accessibility(page)
    answer(page, "Would you speak up again?", "Maybe")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_text("You told us whether you would speak up again: Maybe")).to_be_visible()
    check_accessibility(page)
    assert SpeakUpCase.objects.get(concern=concern).would_speak_up_again == "maybe"
