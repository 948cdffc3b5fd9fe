"""Issue 13's "Done when", in a browser, on the demo `make run` loads: the demo leader opens
Elm Court's evidence ledger, sees the Safe and Well-led statements with the red flags and the
evidence behind them and the statements with no evidence, and downloads the inspection pack,
whose text names every statement with its evidence or "No evidence in this period"."""

import io
import re

import pypdf
from playwright.sync_api import expect

from cms.organisations.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from leadership.flags.detectors import get_detector
from leadership.flags.models import RedFlag
from leadership.ledger.models import EvidenceLink, QualityStatement
from leadership.ledger.services import framework_of
from tests.e2e.journeys import main_nav, sign_in

LEADER = "leader@riverside.example.org"


def test_leader_reads_elm_courts_ledger_and_downloads_its_pack(demo, page, check_accessibility):
    elm_flags = set(
        RedFlag.objects.filter(service__name="Elm Court", cleared_at__isnull=True).values_list(
            "rule", flat=True
        )
    )
    elm = RedFlag.objects.filter(service__name="Elm Court").first().service
    framework = framework_of(elm.organisation)

    def flag_bearing_on(key_question):
        return (
            EvidenceLink.objects.filter(
                statement__framework=framework,
                statement__key_question__slug=key_question,
                kind="rule",
                key__in=elm_flags,
            )
            .select_related("statement")
            .order_by("statement__order", "key")
            .first()
        )

    safe_flag, well_led_flag = flag_bearing_on("safe"), flag_bearing_on("well-led")
    assert safe_flag is not None, "the demo's Elm Court has a flag bearing on a Safe statement"
    assert well_led_flag is not None, "and one bearing on a Well-led statement"

    sign_in(
        page,
        check_accessibility,
        LEADER,
        totp=True,
        password=DEMO_PASSWORD,
        totp_secret=DEMO_TOTP_SECRET,
    )
    main_nav(page, "Evidence ledger")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Evidence ledger: Riverside Care Group"
    )
    check_accessibility(page)
    page.get_by_role("main").get_by_role("link", name="Elm Court", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Elm Court: evidence ledger")
    check_accessibility(page)
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="Safe", exact=True)).to_be_visible()
    expect(main.get_by_role("heading", name="Well-led", exact=True)).to_be_visible()
    for link in (safe_flag, well_led_flag):
        statement = main.get_by_role("region", name=link.statement.title, exact=True)
        expect(statement.get_by_role("heading", name="Red flags that bear on it")).to_be_visible()
        expect(statement).to_contain_text(get_detector(link.key).label)
        expect(statement.get_by_role("table")).to_be_visible()  # the figures behind it
    # The visits a senior leader made are evidence for the Well-led leadership statements.
    leaders = main.get_by_role(
        "region", name="Capable, compassionate and inclusive leaders", exact=True
    )
    expect(leaders).to_contain_text("Senior visits")
    expect(main.get_by_text("No evidence in this period").first).to_be_visible()
    medicines = main.get_by_role("region", name="Medicines optimisation", exact=True)
    expect(medicines).to_contain_text("No evidence in this period")

    page.get_by_role("button", name="Make the inspection pack").click()
    expect(
        page.get_by_text(re.compile(r"The inspection pack for Elm Court, .* is ready"))
    ).to_be_visible()
    check_accessibility(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Download \(PDF\)")).first.click()
    with open(download_info.value.path(), "rb") as pdf:
        reader = pypdf.PdfReader(io.BytesIO(pdf.read()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Inspection pack: Elm Court" in text
    for title in QualityStatement.objects.filter(framework=framework).values_list(
        "title", flat=True
    ):
        assert title in text
    assert "No evidence in this period." in text
    assert get_detector(safe_flag.key).label in text
    assert get_detector(well_led_flag.key).label in text
