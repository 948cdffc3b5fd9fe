"""Journey (issue 5, "Done when"): in a browser, a family member RSVPs, asks an anonymous
question, and raises a concern; the safeguarding lead is emailed, acknowledges it and closes it
with an outcome the family member reads; a visitor without an account raises one and follows it
by tracking code.

Each person has their own browser, as they would at home. Everything the sentence says happens is
done by clicking; emails are read from Django's outbox (Celery runs eagerly in tests) and their
links followed. Axe checks every page visited."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from cms.organisations.models import Role
from coproduction.concerns.models import Concern
from coproduction.forums.models import EventRSVP
from coproduction.questions.models import ForumQuestion
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.coproduction.factories_concerns import ConcernContactsFactory
from tests.coproduction.factories_forums import (
    FamilyForumFactory,
    ForumEventFactory,
    forum_family,
    forum_host,
)
from tests.e2e.journeys import main_nav, sign_in, sign_in_here

FORUM = "Willow House family forum"
EVENT = "Spring family forum"
QUESTION = "Why are there fewer staff at night?"
FAMILY_CONCERN = "Mum was left without water all afternoon."
FAMILY_OUTCOME = "We found the jug was out of reach. Staff now check drinks every hour."
VISITOR_CONCERN = "The fire door by the lounge was propped open with a chair."
VISITOR_OUTCOME = "The chair is gone and the door now closes by itself. Thank you for telling us."


@pytest.fixture
def fresh_page(browser, live_server):
    """Call for a new browser of its own (no cookies shared), as a different person would use."""
    contexts = []

    def open_page():
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def answer(page, question, option):
    page.get_by_role("group", name=question).get_by_label(option, exact=True).check()


def expect_summary(scope, term, value):
    """The value of one row of a summary list (a concern's status, who raised it), in a page or
    a part of one."""
    expect(scope.locator(f'.summary-list > div:has(> dt:text-is("{term}")) > dd')).to_have_text(
        value
    )


def link_in(message):
    [url] = re.findall(r"https?://\S+", message.body)
    return url


def move_concern_on(page, check_accessibility, to_status, outcome=""):
    """From a concern's page: change its status (with the outcome, when sharing one)."""
    page.get_by_role("link", name="Change the status").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change the status of concern")
    check_accessibility(page)
    answer(page, "Move the concern on to", to_status)
    if outcome:
        page.get_by_label("The outcome, written to the person who raised it").fill(outcome)
    page.get_by_role("button", name="Save the status").click()
    expect_summary(page, "Status", to_status)
    check_accessibility(page)


def test_family_rsvps_asks_and_raises_lead_closes_visitor_tracks(
    live_server, settings, fresh_page, check_accessibility
):
    # Emails link to the live server, so a link in one can be followed in the browser.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    service = ServiceFactory(name="Willow House", organisation=OrganisationFactory(name="Willow"))
    ConcernContactsFactory(service=service)
    forum = FamilyForumFactory(service=service, name=FORUM)
    host = forum_host(forum, email="hana@example.org", first_name="Hana", last_name="Host")
    family = forum_family(
        forum, visits="Mary", email="fay@example.org", first_name="Fay", last_name="Family"
    )
    lead = member(
        Role.SAFEGUARDING_LEAD,
        organisation=service.organisation,
        email="sam@example.org",
        first_name="Sam",
        last_name="Lead",
    )
    event = ForumEventFactory(forum=forum, title=EVENT, created_by=host)

    # 1. The family member answers the invitation to the coming event, with an access need ...
    fay = fresh_page()
    sign_in(fay, check_accessibility, family.email)
    main_nav(fay, "Family forum")
    expect(fay.get_by_role("heading", level=1)).to_have_text("Your family forums")
    check_accessibility(fay)
    fay.get_by_role("link", name=FORUM).click()
    expect(fay.get_by_role("heading", level=1)).to_have_text(FORUM)
    check_accessibility(fay)
    fay.get_by_role("link", name=EVENT).click()
    expect(fay.get_by_role("heading", level=1)).to_have_text(EVENT)
    check_accessibility(fay)
    fay.get_by_label("Yes, I am coming").check()
    fay.get_by_label("How many people are coming with you?").fill("1")
    fay.get_by_label("Anything you need to take part").fill("A wheelchair space, please")
    fay.get_by_role("button", name="Save my answer").click()
    expect(fay.get_by_text("Thank you: your answer is saved.")).to_be_visible()
    check_accessibility(fay)
    rsvp = EventRSVP.objects.get(event=event)
    assert (rsvp.user, rsvp.answer, rsvp.guests) == (family, "yes", 1)
    assert rsvp.access_needs == "A wheelchair space, please"

    # ... asks a question ahead of it, anonymously ...
    fay.get_by_role("link", name=f"Back to {FORUM}").click()
    expect(fay.get_by_role("heading", level=1)).to_have_text(FORUM)
    check_accessibility(fay)
    fay.get_by_role("link", name="Ask a question").click()
    expect(fay.get_by_role("heading", level=1)).to_have_text("Ask a question")
    check_accessibility(fay)
    fay.get_by_label("Your question").fill(QUESTION)
    fay.get_by_label("Ask it ahead of an event").select_option(
        label=f"{EVENT}, {timezone.localtime(event.starts_at):%-d %B %Y}"
    )
    fay.get_by_label("Ask anonymously").check()
    fay.get_by_role("button", name="Send my question").click()
    expect(fay.get_by_text("Your question has been sent anonymously.")).to_be_visible()
    expect(fay.get_by_text(QUESTION)).to_be_visible()
    check_accessibility(fay)
    question = ForumQuestion.objects.get()
    assert question.anonymous and question.asked_by is None and question.event == event
    [question_email] = [m for m in mail.outbox if m.to == [host.email]]
    assert QUESTION in question_email.body
    for trace in ("Fay", "Family", family.email):
        assert trace not in question_email.body

    # ... and raises a concern that could be neglect, from the forum's page.
    fay.get_by_role("link", name=f"Back to {FORUM}").click()
    expect(fay.get_by_role("heading", level=1)).to_have_text(FORUM)
    check_accessibility(fay)
    fay.get_by_role("main").get_by_role("link", name="Raise a concern").click()
    expect(fay.get_by_role("heading", level=1)).to_have_text("Raise a concern")
    expect(fay.get_by_text("This concern is about Willow House")).to_be_visible()
    check_accessibility(fay)
    answer(fay, "Is anyone at risk of harm now?", "No")
    fay.get_by_role("button", name="Continue").click()
    expect(fay.get_by_role("heading", level=1)).to_have_text("Tell us about your concern")
    check_accessibility(fay)
    # The site guessed who she is from her role.
    expect(
        fay.get_by_role("group", name="Who are you?").get_by_label("Family member or friend")
    ).to_be_checked()
    fay.get_by_label("What happened?").fill(FAMILY_CONCERN)
    fay.get_by_label("Who is affected?").fill("Mum, room 4")
    answer(fay, "Could this be abuse or neglect?", "Yes, or I am not sure")
    fay.get_by_role("button", name="Send the concern").click()
    expect(fay.get_by_role("heading", level=1)).to_have_text("Your concern is sent")
    expect(
        fay.get_by_text("The service's safeguarding leads are told straight away")
    ).to_be_visible()
    check_accessibility(fay)
    concern = Concern.objects.get()
    expect(fay.get_by_text(concern.reference)).to_be_visible()
    assert concern.raised_by == family and not concern.anonymous
    assert concern.route == Concern.Route.SAFEGUARDING

    # 2. The safeguarding lead is emailed the reference and a link, and nothing of the concern
    # or of who raised it: those are behind sign-in.
    [alert] = [m for m in mail.outbox if m.to == [lead.email]]
    assert concern.reference in alert.subject and "safeguarding" in alert.subject.lower()
    assert link_in(alert) == live_server.url + concern.get_absolute_url()
    for trace in ("Fay", "Family", family.email, FAMILY_CONCERN, "room 4"):
        assert trace not in alert.subject + alert.body

    # 3. The lead follows the link, signs in on the way, and lands on the concern.
    sam = fresh_page()
    sam.goto(link_in(alert))
    expect(sam).to_have_url(re.compile(r"/accounts/login/"))
    sign_in_here(sam, check_accessibility, lead.email, totp=True)
    expect(sam.get_by_role("heading", level=1)).to_have_text(f"Concern {concern.reference}")
    expect(sam.get_by_text(FAMILY_CONCERN)).to_be_visible()
    expect_summary(sam, "Status", "Received")
    expect_summary(sam, "Raised by", "Family member or friend: Fay Family (fay@example.org)")
    check_accessibility(sam)
    # They acknowledge it ...
    sam.get_by_role("link", name="Acknowledge").click()
    expect(sam.get_by_role("heading", level=1)).to_have_text(
        f"Acknowledge concern {concern.reference}?"
    )
    check_accessibility(sam)
    sam.get_by_role("button", name="Yes, acknowledge it").click()
    expect_summary(sam, "Status", "Acknowledged")
    expect(sam.get_by_role("cell", name="Sam Lead")).to_be_visible()
    check_accessibility(sam)
    # ... look into it; closing first is not offered until the outcome is shared ...
    sam.get_by_role("link", name="Change the status").click()
    expect(sam.get_by_role("radio", name="Closed")).to_have_count(0)
    sam.get_by_role("link", name="Go back without saving").click()
    move_concern_on(sam, check_accessibility, "Being looked into")
    # ... share the outcome (which must be written) ...
    sam.get_by_role("link", name="Change the status").click()
    check_accessibility(sam)
    answer(sam, "Move the concern on to", "Outcome shared")
    sam.get_by_role("button", name="Save the status").click()
    expect(sam.get_by_text("Write the outcome to the person").first).to_be_visible()
    check_accessibility(sam)
    sam.get_by_role("link", name="Go back without saving").click()
    move_concern_on(sam, check_accessibility, "Outcome shared", outcome=FAMILY_OUTCOME)
    expect(sam.get_by_text(FAMILY_OUTCOME)).to_be_visible()
    # ... and close it.
    move_concern_on(sam, check_accessibility, "Closed")
    expect(sam.get_by_role("cell", name="Status changed: Outcome shared to Closed")).to_be_visible()
    expect(sam.get_by_role("link", name="Change the status")).to_have_count(0)
    concern.refresh_from_db()
    assert concern.status == Concern.Status.CLOSED
    assert concern.acknowledged_at and concern.outcome_shared_at and concern.closed_at

    # 4. The family member is emailed that there is an outcome, follows the link to "My
    # concerns" and reads it.
    [told] = [m for m in mail.outbox if m.to == [family.email]]
    assert concern.reference in told.subject
    assert FAMILY_OUTCOME not in told.body
    fay.goto(link_in(told))
    expect(fay.get_by_role("heading", level=1)).to_have_text("My concerns")
    card = fay.get_by_role("listitem").filter(
        has=fay.get_by_role("heading", name=f"Concern {concern.reference}")
    )
    expect_summary(card, "Status", "Closed")
    expect(card.get_by_text(FAMILY_OUTCOME)).to_be_visible()
    check_accessibility(fay)

    # The forum's host sees the access need, and the question without a name.
    hana = fresh_page()
    sign_in(hana, check_accessibility, host.email)
    main_nav(hana, "Family forum")
    check_accessibility(hana)
    hana.get_by_role("link", name=FORUM).click()
    check_accessibility(hana)
    hana.get_by_role("link", name=EVENT).click()
    answers = hana.locator("#answers")
    expect(answers.get_by_role("cell", name="Fay Family")).to_be_visible()
    expect(answers.get_by_role("cell", name="A wheelchair space, please")).to_be_visible()
    check_accessibility(hana)
    hana.get_by_role("link", name=f"Back to {FORUM}").click()
    hana.get_by_role("link", name="Questions and answers").click()
    expect(hana.get_by_role("heading", level=1)).to_have_text(f"Questions to {FORUM}")
    asked = hana.get_by_role("listitem").filter(has_text=QUESTION)
    expect(asked).to_contain_text(f"ahead of “{EVENT}”")
    expect(asked).to_contain_text("anonymously.")
    expect(asked).not_to_contain_text("Fay")
    expect(hana.get_by_role("main")).not_to_contain_text("Fay")
    check_accessibility(hana)

    # 5. A visitor without an account raises a concern anonymously ...
    # (who finds the way in from the public home page's menu).
    visitor = fresh_page()
    visitor.goto("/")
    main_nav(visitor, "Raise a concern")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Raise a concern")
    check_accessibility(visitor)
    visitor.get_by_label("Which service is the concern about?").select_option(label="Willow House")
    answer(visitor, "Is anyone at risk of harm now?", "No")
    visitor.get_by_role("button", name="Continue").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Tell us about your concern")
    check_accessibility(visitor)
    expect(
        visitor.get_by_role("group", name="Who are you?").get_by_label("Visitor or someone else")
    ).to_be_checked()
    visitor.get_by_label("What happened?").fill(VISITOR_CONCERN)
    answer(visitor, "Could this be abuse or neglect?", "No")
    visitor.get_by_label("Raise it anonymously").check()
    visitor.get_by_role("button", name="Send the concern").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Your concern is sent")
    expect(visitor.get_by_role("heading", name="Your private tracking code")).to_be_visible()
    check_accessibility(visitor)
    visitors_concern = Concern.objects.exclude(pk=concern.pk).get()
    reference = visitors_concern.reference
    expect(visitor.get_by_text(reference)).to_be_visible()
    code = visitor.locator(".tracking-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){4}", code)
    assert visitors_concern.anonymous and visitors_concern.raised_by is None
    assert (visitors_concern.contact_name, visitors_concern.contact_email) == ("", "")
    assert code not in visitors_concern.tracking_code_hash
    # Not marked as possible abuse, it goes to the forum's hosts; the email says nothing of it.
    assert visitors_concern.route == Concern.Route.HOSTS
    [hosts_alert] = [m for m in mail.outbox if m.to == [host.email] and reference in m.subject]
    assert VISITOR_CONCERN not in hosts_alert.body

    # ... and, in a fresh browser, follows it with the reference and the code.
    later = fresh_page()
    later.goto("/together/concerns/raise/")
    check_accessibility(later)
    later.get_by_role("link", name="Follow a concern you raised with a tracking code").click()
    expect(later.get_by_role("heading", level=1)).to_have_text("Follow your concern")
    check_accessibility(later)
    later.get_by_label("Reference").fill(reference)
    later.get_by_label("Tracking code").fill(code)
    later.get_by_role("button", name="Show my concern").click()
    expect(later.get_by_role("heading", name=f"Concern {reference}")).to_be_visible()
    expect_summary(later, "Status", "Received")
    expect(later.get_by_text(re.compile("There is no outcome yet"))).to_be_visible()
    check_accessibility(later)

    # The safeguarding lead, who sees every concern of the service, finds it among the concerns:
    # it does not say who raised it. They acknowledge it and share the outcome.
    main_nav(sam, "Concerns")
    expect(sam.get_by_role("heading", level=1)).to_have_text("Concerns")
    check_accessibility(sam)
    sam.get_by_role("link", name=f"Concern {reference}").click()
    expect(sam.get_by_text(VISITOR_CONCERN)).to_be_visible()
    expect_summary(sam, "Raised by", "Anonymous")
    check_accessibility(sam)
    sam.get_by_role("link", name="Acknowledge").click()
    check_accessibility(sam)
    sam.get_by_role("button", name="Yes, acknowledge it").click()
    expect_summary(sam, "Status", "Acknowledged")
    move_concern_on(sam, check_accessibility, "Outcome shared", outcome=VISITOR_OUTCOME)
    # Nobody to email: the outcome waits on the tracking page.
    assert not [m for m in mail.outbox if "outcome" in m.subject.lower() and reference in m.subject]

    # The visitor looks again and reads the outcome.
    later.get_by_role("link", name="Follow another concern").click()
    check_accessibility(later)
    later.get_by_label("Reference").fill(reference)
    later.get_by_label("Tracking code").fill(code)
    later.get_by_role("button", name="Show my concern").click()
    expect_summary(later, "Status", "Outcome shared")
    expect(later.get_by_text(VISITOR_OUTCOME)).to_be_visible()
    check_accessibility(later)
