"""Issue 6's "Done when", in a browser, on the demo `make run` loads: the demo leader sees the
struggling service (Elm Court) flagged, opens the evidence, assigns the red flags path to its
staff in one step, acknowledges the alert, and downloads a board report whose text includes
the flags. Willow House, the healthy service, shows no flag."""

import io
import re

import pypdf
from django.utils import timezone
from playwright.sync_api import expect

from cms.organisations.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from leadership.flags.detectors import get_detector
from leadership.flags.models import AlertPathAssignment, ClosedCultureAlert, RedFlag
from learning.enrolment.models import Enrolment
from tests.e2e.journeys import main_nav, sign_in

LEADER = "leader@riverside.example.org"


def months_back(count):
    """The first month of the `count` whole months before this one, and the last, as YYYY-MM."""
    today = timezone.localdate()
    last = (today.replace(day=1) - timezone.timedelta(days=1)).replace(day=1)
    first = last
    for _ in range(count - 1):
        first = (first - timezone.timedelta(days=1)).replace(day=1)
    return f"{first:%Y-%m}", f"{last:%Y-%m}"


def test_leader_acts_on_the_struggling_demo_service(demo, page, check_accessibility):
    # The alert of the last whole month (it has stood for some months: a sustained alert).
    alert = ClosedCultureAlert.objects.filter(service__name="Elm Court").latest("start")
    flags = list(RedFlag.objects.filter(service__name="Elm Court", cleared_at__isnull=True))
    assert len(flags) >= 3
    assert not RedFlag.objects.filter(service__name="Willow House", cleared_at__isnull=True)

    sign_in(
        page,
        check_accessibility,
        LEADER,
        totp=True,
        password=DEMO_PASSWORD,
        totp_secret=DEMO_TOTP_SECRET,
    )

    # The struggling service is flagged, the healthy one is not.
    main_nav(page, "Red flags")
    expect(page.get_by_role("heading", level=1)).to_have_text("Red flags: Riverside Care Group")
    check_accessibility(page)
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="Willow House")).to_have_count(0)
    month = f"{alert.start:%B %Y}"
    main.get_by_role("link", name=f"Elm Court: alert for {month}").first.click()

    # The evidence behind each flag.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Elm Court")
    for flag in flags:
        expect(
            page.get_by_role("heading", name=get_detector(flag.rule).label).first
        ).to_be_visible()
    check_accessibility(page)

    # One step: the red flags path is already chosen.
    expect(page.get_by_label("Spotting the red flags of closed cultures")).to_be_checked()
    page.get_by_role("button", name="Assign the path").click()
    expect(page.get_by_text(re.compile(r"is assigned to \d+ people at Elm Court"))).to_be_visible()
    check_accessibility(page)
    assignment = AlertPathAssignment.objects.get(alert=alert)
    assert assignment.path_title == "Spotting the red flags of closed cultures"
    assert assignment.people_enrolled >= 1
    assert Enrolment.objects.filter(path_id=assignment.path_id).count() >= 1

    page.get_by_label("What was done").fill(
        "Unannounced night visit with the safeguarding lead; information shared with the council."
    )
    page.get_by_label("Avoidance: people looked away").check()
    page.get_by_role("button", name="Acknowledge the alert").click()
    expect(page.get_by_text("The alert is acknowledged.")).to_be_visible()
    check_accessibility(page)
    alert.refresh_from_db()
    assert alert.acknowledged_at is not None and alert.state == "avoidance"

    # The board report of the last six months, as a PDF whose text names the flags.
    main_nav(page, "Board reports")
    expect(page.get_by_role("heading", level=1)).to_have_text("Board reports")
    check_accessibility(page)
    first, last = months_back(6)
    page.get_by_label("From month").fill(first)
    page.get_by_label("To month").fill(last)
    page.get_by_role("button", name="Make the report").click()
    expect(
        page.get_by_text(re.compile(r"The board report for Riverside Care Group, .* is ready"))
    ).to_be_visible()
    check_accessibility(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Download \(PDF\)")).first.click()
    with open(download_info.value.path(), "rb") as pdf:
        reader = pypdf.PdfReader(io.BytesIO(pdf.read()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert f"Closed-culture alert: Elm Court, {month}" in text
    for flag in flags:
        assert get_detector(flag.rule).label in text
    assert "Could this happen here?" in text
