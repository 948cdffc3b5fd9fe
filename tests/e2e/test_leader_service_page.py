"""Issue 14, point 4, in a browser on the demo: the leader opens Elm Court's dashboard and meets
what needs attention first (its flags, what changed, what to ask), with the month-by-month
detail behind headings they open, so the page is a few screens long rather than ~38,000 px;
a flag's labels are explained in plain words with their source."""

import re

from playwright.sync_api import expect

from cms.organisations.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from leadership.dashboards import glossary
from tests.e2e.journeys import main_nav, sign_in

LEADER = "leader@riverside.example.org"


def test_leader_meets_what_needs_attention_first(demo, page, check_accessibility):
    sign_in(
        page,
        check_accessibility,
        LEADER,
        totp=True,
        password=DEMO_PASSWORD,
        totp_secret=DEMO_TOTP_SECRET,
    )
    main_nav(page, "Dashboards")
    page.get_by_role("main").get_by_role("link", name="Elm Court", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Elm Court")
    check_accessibility(page)

    main = page.get_by_role("main")
    headings = main.get_by_role("heading", level=2).all_inner_texts()
    assert headings[headings.index("Active flags") :][:3] == [
        "Active flags",
        "What changed",
        "What to ask",
    ]
    assert page.evaluate("document.documentElement.scrollHeight") < 12000
    timeline = main.get_by_role("region", name="Month by month, side by side")
    expect(timeline.get_by_role("table")).to_be_hidden()
    timeline.get_by_text(re.compile("^Show month by month")).click()
    expect(timeline.get_by_role("table")).to_be_visible()
    check_accessibility(page)

    # A flag's labels, explained where they are shown.
    main.get_by_role("region", name="Active flags").get_by_role("table").get_by_role(
        "link"
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Elm Court")
    page.get_by_text("What the labels mean").click()
    expect(page.get_by_text(glossary.HULL.meaning)).to_be_visible()
    check_accessibility(page)
