"""Journey (issue 6, dashboards): a leader opens the organisation overview, sees a withheld
figure and trends, filters the period (first with a mistake), opens a service with its charts
and tables, downloads the CSV, and visits the learning and listening views; a safeguarding lead
sees the listening view only. Every page passes axe with no serious or critical violation."""

import re

import pytest
from playwright.sync_api import expect

from cms.organisations.models import Role
from cms.periods import add_months
from leadership.flags.models import RedFlag
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.e2e.journeys import main_nav, sign_in
from tests.leadership.factories_dashboards import history, months_ago


@pytest.fixture
def organisation():
    organisation = OrganisationFactory(name="Willow Care", slug="willow-care")
    alder = ServiceFactory(organisation=organisation, name="Alder House")
    birch = ServiceFactory(organisation=organisation, name="Birch House")
    cedar = ServiceFactory(organisation=organisation, name="Cedar House")
    history(alder, "staff_turnover", [18, 19, 21, 24, (26.7, 4), 31])
    history(alder, "occupancy", [92, 90, 88, 85, 83, 80])
    history(birch, "occupancy", [90, 91, 90, 90, 91, (90, 3)])
    history(cedar, "occupancy", [88, 88, 87, 88, 88, 88])
    history(alder, "family_nps", [40, 35, 30, 20, 10, -5])
    history(alder, "concerns_acknowledged_on_time", [100, 90, 80, 70, 60, 50])
    history(alder, "harmful_choice_rate:speaking_up", [40, 45, 50])
    history(alder, "learning_completion_rate", [80, 75, 70, 60, 55, 50])
    RedFlag.objects.create(
        service=alder,
        rule="turnover_rising",
        start=months_ago(0),
        end=add_months(months_ago(0), 1),
        stream="workforce",
        summary="Staff turnover is rising against the service's own months.",
    )
    return organisation


def test_a_leader_reads_the_dashboards_and_downloads_what_they_show(
    live_server, page, check_accessibility, organisation
):
    member(Role.LEADER, organisation=organisation, email="lee@example.org")
    sign_in(page, check_accessibility, "lee@example.org", totp=True)

    main_nav(page, "Dashboards")
    expect(page.get_by_role("heading", level=1)).to_have_text("Willow Care: overview")
    check_accessibility(page)
    overview = page.get_by_role("table", name="The latest month of each service")
    expect(overview.get_by_role("row", name=re.compile("Birch House"))).to_contain_text(
        "fewer than 5"
    )
    expect(overview.get_by_role("row", name=re.compile("Alder House"))).to_contain_text(
        "down: worse"  # the family recommend score
    )
    expect(overview).to_contain_text("not shown")  # Birch could be worked out from the total

    page.get_by_label("From and to months I choose").check()
    page.get_by_label("From month", exact=True).fill("2025-06")
    page.get_by_label("To month", exact=True).fill("2025-04")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_role("alert")).to_contain_text("same as or after the first")
    check_accessibility(page)
    page.get_by_label("Last 24 months").check()
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_role("alert")).to_have_count(0)

    overview = page.get_by_role("table", name="The latest month of each service")
    overview.get_by_role("link", name="1 active flag at Alder House").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alder House")
    expect(page).to_have_url(re.compile(r"\?period=24#flags$"))  # the same months
    check_accessibility(page)
    # Turnover rests on too few leavers in every month (about 1 of 20 staff): no chart, only a
    # line saying so (issue 14). Each group shows its latest figures; its charts month by month
    # come when the group is asked for (issue 16), for the same months.
    expect(page.get_by_role("img", name="Staff turnover at Alder House")).to_have_count(0)
    expect(
        page.get_by_text(re.compile("resting on too few people in every month: .*Staff turnover"))
    ).to_be_visible()
    chart = page.get_by_role("img", name="Occupancy at Alder House")
    expect(chart).to_have_count(0)
    show_caring = "Show caring (PEL subculture) month by month, with charts"
    page.get_by_role("link", name=show_caring).click()
    expect(page).to_have_url(re.compile(r"period=24.*show=group-caring-pel-subculture"))
    expect(chart).to_be_visible()
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download what this page shows (CSV)").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert "Staff turnover is rising" in text and "fewer than 5" in text
    assert "26.7" not in text and f"Period,{months_ago(23):%b %Y} to" in text

    page.goto("/leadership/dashboards/willow-care/")
    page.get_by_role("navigation", name="Dashboards").get_by_role("link", name="Learning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Willow Care: learning")
    check_accessibility(page)
    # What needs attention first (issue 14); the per-service charts behind their heading.
    changed = page.locator("#changed")
    expect(changed).to_contain_text("Alder House: Learning completed on time down: worse")
    harmful = page.get_by_role("img", name="Harmful choices by principle at Alder House")
    expect(harmful).to_be_hidden()
    page.locator("#harmful-choices summary").click()
    expect(harmful).to_be_visible()
    check_accessibility(page)

    page.get_by_role("navigation", name="Dashboards").get_by_role("link", name="Listening").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Willow Care: listening")
    page.get_by_label("Service").select_option(label="Alder House")
    page.get_by_role("button", name="Show figures").click()
    check_accessibility(page)
    changed = page.locator("#changed").get_by_role("link", name=re.compile("^Alder House: "))
    expect(changed).to_contain_text("Concerns acknowledged on time down: worse")
    page.locator("#concern-timeliness summary").click()
    expect(
        page.get_by_role("img", name="Concerns acknowledged on time at Alder House")
    ).to_be_visible()
    check_accessibility(page)


def test_a_safeguarding_lead_sees_the_listening_view_only(
    live_server, page, check_accessibility, organisation
):
    member(Role.SAFEGUARDING_LEAD, organisation=organisation, email="sam@example.org")
    sign_in(page, check_accessibility, "sam@example.org", totp=True)
    main_nav(page, "Dashboards")
    expect(page.get_by_role("heading", level=1)).to_have_text("Willow Care: listening")
    check_accessibility(page)
    expect(page.get_by_role("navigation", name="Dashboards")).to_have_count(0)
    response = page.goto("/leadership/dashboards/willow-care/")
    assert response.status == 403
