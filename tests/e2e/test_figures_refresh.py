"""Journey (issue 14 point 3, issue 16): a leader presses "Bring the figures up to date" and the
page comes back at once, showing the run's progress while it works (with no broker, as under
`make run`); when it has finished the page says so by itself, with the time, and the dashboard
says the same words. Every page passes axe."""

import re
import threading

import pytest
from playwright.sync_api import expect

from cms import indicators
from cms.background import wait_for_background_tasks
from cms.indicators import Direction, IndicatorValue
from cms.organisations.models import Role
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.e2e.journeys import main_nav, sign_in


@pytest.fixture
def go(monkeypatch):
    """One indicator, which waits until the test lets it go on: the run stays open while the
    browser looks at its progress."""
    monkeypatch.setattr(indicators, "_registry", {})
    go = threading.Event()

    @indicators.register("occupancy", label="Occupancy", unit="%", good_direction=Direction.UP)
    def occupancy(service, start, end):
        go.wait(30)
        return IndicatorValue(90.0, 20)

    yield go
    go.set()
    wait_for_background_tasks(30)


def test_a_leader_brings_the_figures_up_to_date_and_watches_it_finish(
    live_server, page, check_accessibility, go
):
    organisation = OrganisationFactory(name="Hazel Care", slug="hazel-care")
    ServiceFactory(organisation=organisation, name="Hazel House")
    ServiceFactory(organisation=organisation, name="Rowan House")
    member(Role.LEADER, organisation=organisation, email="hana@example.org")
    sign_in(page, check_accessibility, "hana@example.org", totp=True)

    main_nav(page, "Figures")
    expect(page.get_by_role("heading", level=1)).to_have_text("Figures")
    expect(page.get_by_text("The figures have not been worked out yet.")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("button", name="Bring the figures up to date").click()
    expect(page.get_by_text("They are being brought up to date now")).to_be_visible()
    expect(page.get_by_text("Bringing the figures for Hazel Care up to date")).to_be_visible()
    check_accessibility(page)
    expect(page.get_by_role("button", name="Bring the figures up to date")).to_have_count(0)

    go.set()  # the computation goes on; the page follows it by itself
    done = page.get_by_text(re.compile(r"The figures were last brought up to date on .* at"))
    expect(done).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Bring the figures up to date")).to_be_visible()
    said = done.inner_text()
    check_accessibility(page)

    main_nav(page, "Dashboards")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hazel Care")
    expect(page.get_by_text(said)).to_be_visible()
    check_accessibility(page)
