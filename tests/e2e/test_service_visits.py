"""Journey (issue 13, visible leadership): a leader of the organisation finds "Service visits" in
the navigation, sees why visits matter on a service no one has visited, records a night visit
(after the form has said at the field what was missing), sees it listed, and marks its
follow-up done."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from cms.organisations.models import Role
from leadership.visits.models import ServiceVisit
from tests.cms.factories import ServiceFactory, member
from tests.e2e.journeys import main_nav, sign_in


def test_a_leader_records_a_night_visit_and_marks_its_follow_up_done(
    live_server, page, check_accessibility
):
    service = ServiceFactory(name="Elm Court")
    leader = member(
        Role.LEADER, organisation=service.organisation, email="lee@example.org", first_name="Lee"
    )
    yesterday = timezone.localdate() - timedelta(days=1)

    sign_in(page, check_accessibility, leader.email, totp=True)
    main_nav(page, "Service visits")
    expect(page.get_by_role("heading", level=1)).to_have_text("Service visits")
    check_accessibility(page)
    page.get_by_role("link", name="Elm Court").click()
    expect(page.get_by_text("No visits to Elm Court have been recorded yet.")).to_be_visible()
    expect(page.get_by_text(re.compile("walk the patch"))).to_be_visible()
    check_accessibility(page)

    # The form says at the field what is missing.
    page.get_by_role("link", name="Record a visit").click()
    check_accessibility(page)
    page.get_by_role("radio", name=re.compile("^Board member")).check()
    page.get_by_label("Date of the visit").fill(yesterday.isoformat())
    page.get_by_label("Time you arrived").fill("22:15")
    page.get_by_label("What did you see and hear?").fill(
        "Two staff on for thirty people. Night staff said they rarely see anyone from the board."
    )
    page.get_by_role("button", name="Record the visit").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_text("Choose at least one group you spoke with.").first).to_be_visible()
    check_accessibility(page)

    page.get_by_role("checkbox", name="Night staff").check()
    page.get_by_role("checkbox", name="People who use the service").check()
    page.get_by_role("radio", name="No: it was unannounced").check()
    first = page.get_by_role("group", name="Follow-up 1")
    first.get_by_label("What is to be done").fill("Check night staffing against the rota")
    first.get_by_label("Who will do it").fill("Area manager")
    first.get_by_label("By when").fill((yesterday + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Record the visit").click()
    expect(page.get_by_text("Your visit is recorded.")).to_be_visible()
    expect(page.get_by_text("out of hours: night or weekend")).to_be_visible()
    check_accessibility(page)

    # Listed, newest first, marked out of hours.
    page.get_by_role("link", name="Back to the visits to Elm Court").click()
    expect(page.get_by_text(re.compile("board member.*Out of hours"))).to_be_visible()
    expect(page.get_by_text("1 follow-up still to do.")).to_be_visible()
    check_accessibility(page)

    # The follow-up is done.
    page.get_by_role("link", name=re.compile(f"{yesterday:%-d %B %Y}, 22:15")).click()
    page.get_by_role("button", name=re.compile("Mark done")).click()
    expect(
        page.get_by_text("“Check night staffing against the rota” is marked done.")
    ).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("^Done "))).to_be_visible()
    check_accessibility(page)
    visit = ServiceVisit.objects.get(service=service)
    assert visit.follow_ups.get().done_by == leader
    expect(page.get_by_text("No: unannounced")).to_be_visible()

    # The visitor corrects it: the service had been told after all.
    page.get_by_role("link", name="Change this visit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your visit to Elm Court")
    check_accessibility(page)
    page.get_by_role("radio", name="Yes: the visit was announced").check()
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_text("Your changes to the visit are saved.")).to_be_visible()
    expect(page.get_by_text("Yes: the service knew the visit was coming")).to_be_visible()
    check_accessibility(page)

    # And, asked first, deletes it.
    page.get_by_role("link", name="Delete this visit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete your visit to Elm Court?")
    check_accessibility(page)
    page.get_by_role("button", name="Yes, delete the visit").click()
    expect(page.get_by_text(re.compile("to Elm Court is deleted"))).to_be_visible()
    expect(page.get_by_text("No visits to Elm Court have been recorded yet.")).to_be_visible()
    check_accessibility(page)
    assert not ServiceVisit.objects.exists()
