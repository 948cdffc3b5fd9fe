"""Journey (issue 6, board report): a leader opens "Board reports", puts right a period that
ends before it begins, asks for the report of the last six months, and downloads a PDF whose
text includes the struggling service's flags and closed-culture alert."""

import io
import re

import pypdf
from playwright.sync_api import expect

from cms.organisations.models import Role
from leadership.flags.detectors import get_detector
from leadership.flags.services import flags_evaluate
from leadership.reports.models import BoardReport
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.e2e.journeys import main_nav, sign_in
from tests.leadership.factories_flags import MONTH, snapshots, struggling


def test_leader_asks_for_a_board_report_and_downloads_it(live_server, page, check_accessibility):
    organisation = OrganisationFactory(name="Willow Care", slug="willow-care")
    northbrook = ServiceFactory(organisation=organisation, name="Northbrook House", beds=30)
    highfield = ServiceFactory(organisation=organisation, name="Highfield House", beds=30)
    leader = member(
        Role.LEADER, organisation=organisation, email="lena@example.org", first_name="Lena"
    )
    struggling(northbrook)
    snapshots(highfield, "staff_turnover", [12.0] * 9)
    flags_evaluate(organisation=organisation, month=MONTH)

    sign_in(page, check_accessibility, leader.email, totp=True)
    main_nav(page, "Board reports")
    expect(page.get_by_role("heading", level=1)).to_have_text("Board reports")
    expect(page.get_by_text("No board reports yet.")).to_be_visible()
    check_accessibility(page)

    page.get_by_label("From month").fill("2026-03")
    page.get_by_label("To month").fill("2025-10")
    page.get_by_role("button", name="Make the report").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "The last month must be the same as or after the first."
    )
    check_accessibility(page)
    assert not BoardReport.objects.exists()

    page.get_by_label("From month").fill("2025-10")
    page.get_by_label("To month").fill("2026-03")
    page.get_by_role("button", name="Make the report").click()
    expect(
        page.get_by_text("The board report for Willow Care, Oct 2025 to Mar 2026, is ready")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="Ready")).to_be_visible()
    check_accessibility(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Download \(PDF\)")).click()
    download = download_info.value
    assert download.suggested_filename == "board-report-willow-care-2025-10-to-2026-03.pdf"
    with open(download.path(), "rb") as pdf:
        reader = pypdf.PdfReader(io.BytesIO(pdf.read()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Closed-culture alert: Northbrook House, March 2026" in text
    for rule in ("turnover_high", "rota_long_hours", "recommend_falling"):
        assert get_detector(rule).label in text
    assert "Could this happen here?" in text
    # The restrictive practice review seed 002 asks for, in the PDF the leader downloads.
    assert "4. Restrictive practice review" in text
    assert "how long for, what is the plan to support them out of these restrictive" in text
