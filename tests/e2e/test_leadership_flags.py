"""Journey (issue 6, red flags): a leader opens "Red flags", sees the struggling service's
closed-culture alert, opens its evidence, assigns the red flags path to the service's staff in
one step, and acknowledges the alert with what was done and which state fits."""

from playwright.sync_api import expect

from cms.organisations.models import Role
from leadership.flags.models import AlertPathAssignment, ClosedCultureAlert
from leadership.flags.services import flags_evaluate
from learning.enrolment.models import Enrolment
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.e2e.journeys import main_nav, sign_in
from tests.leadership.factories_flags import MONTH, snapshots, struggling
from tests.learning.factories import LearningIndexPageFactory, LearningPathPageFactory


def test_leader_opens_an_alert_assigns_the_path_and_acknowledges_it(
    live_server, page, check_accessibility
):
    organisation = OrganisationFactory(name="Willow Care", slug="willow-care")
    northbrook = ServiceFactory(organisation=organisation, name="Northbrook House", beds=30)
    highfield = ServiceFactory(organisation=organisation, name="Highfield House", beds=30)
    leader = member(
        Role.LEADER, organisation=organisation, email="lena@example.org", first_name="Lena"
    )
    staff = [member(Role.STAFF, service=northbrook) for _ in range(3)]
    index = LearningIndexPageFactory(organisation=organisation)
    LearningPathPageFactory(parent=index, title="Listening", slug="listening")
    red_flags = LearningPathPageFactory(parent=index, title="Red flags", slug="red-flags")
    struggling(northbrook)
    snapshots(highfield, "staff_turnover", [12.0] * 9)
    snapshots(highfield, "staff_turnover", [(70.0, 3)], month=MONTH)  # withheld: no evidence
    flags_evaluate(organisation=organisation, month=MONTH)
    alert = ClosedCultureAlert.objects.get()

    sign_in(page, check_accessibility, leader.email, totp=True)
    expect(page.get_by_role("heading", name="Closed-culture alerts")).to_be_visible()
    main_nav(page, "Red flags")
    expect(page.get_by_role("heading", level=1)).to_have_text("Red flags: Willow Care")
    expect(page.get_by_role("heading", name="Highfield House")).to_have_count(0)
    check_accessibility(page)

    page.get_by_role("link", name="Northbrook House: alert for March 2026").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Northbrook House")
    expect(page.get_by_text("Level 1: information sharing", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Staff turnover is high")).to_be_visible()
    # 46% a year of 30 staff is about one leaver a month: the evidence shows the people, not a
    # rate that would give the count away.
    expect(page.get_by_role("cell", name="Withheld: fewer than 5 of 30").first).to_be_visible()
    expect(page.get_by_text("46% a year")).to_have_count(0)
    check_accessibility(page)

    # The red flags path is chosen already: one step.
    expect(page.get_by_label("Red flags")).to_be_checked()
    page.get_by_role("button", name="Assign the path").click()
    expect(page.get_by_text("is assigned to 3 people at Northbrook House")).to_be_visible()
    check_accessibility(page)
    assert {e.user for e in Enrolment.objects.filter(path=red_flags)} == set(staff)
    assert AlertPathAssignment.objects.get().people_enrolled == 3

    # Acknowledging needs what was done and a state.
    page.get_by_role("button", name="Acknowledge the alert").click()
    expect(page.get_by_text("Say what was done about the alert.").first).to_be_visible()
    check_accessibility(page)
    page.get_by_label("What was done").fill(
        "Visited at night with the safeguarding lead; shared with the council."
    )
    page.get_by_label("Avoidance: people looked away").check()
    page.get_by_role("button", name="Acknowledge the alert").click()
    expect(page.get_by_text("The alert is acknowledged.")).to_be_visible()
    expect(page.get_by_text("Avoidance: people looked away")).to_be_visible()
    check_accessibility(page)
    alert.refresh_from_db()
    assert alert.acknowledged_by == leader and alert.state == "avoidance"

    page.get_by_role("link", name="Back to red flags").click()
    expect(page.get_by_text("No alerts are waiting for a response.")).to_be_visible()
    expect(page.get_by_role("cell", name="Avoidance: people looked away")).to_be_visible()
    check_accessibility(page)
