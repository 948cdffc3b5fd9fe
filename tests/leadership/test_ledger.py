"""The quality-statement ledger: the framework loaded by the data migration, the ledger of one
service (figures with their trends, evidence from the plugins, red flags, gaps), the inspection
pack PDF, the organisation's summary and loading a later framework version."""

import csv
import io
import json
import re
from datetime import timedelta
from pathlib import Path

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from cms.periods import Months, add_months
from leadership.flags.models import RedFlag
from leadership.ledger import loading, packs
from leadership.ledger.models import EvidenceLink, Framework, InspectionPack, QualityStatement
from leadership.ledger.selectors import EVIDENCED, NONE, OLD, service_ledger
from leadership.ledger.services import framework_of, links_of
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.leadership.factories_flags import MONTH, snapshots

pytestmark = pytest.mark.django_db

# The domain file the framework was copied from (../shared/domain/), where it is beside the
# checkout; a fresh clone elsewhere has only the copy.
DOMAIN_FILE = next(
    (
        folder / "shared" / "domain" / "CQC-AND-SPEAK-UP.md"
        for folder in Path(__file__).resolve().parents
        if (folder / "shared" / "domain" / "CQC-AND-SPEAK-UP.md").is_file()
    ),
    Path("../shared/domain/CQC-AND-SPEAK-UP.md"),
)
FIRST = add_months(MONTH, -5)
PERIOD = {"from_month": f"{FIRST:%Y-%m}", "to_month": f"{MONTH:%Y-%m}"}
MONTHS = Months.between(FIRST, MONTH)


def statement(slug):
    return QualityStatement.objects.get(framework=Framework.objects.get(version="2024"), slug=slug)


def entry(ledger, slug):
    return next(e for e in ledger.statements if e.statement.slug == slug)


def pdf_text(pdf_bytes):
    pages = pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


# --- The framework -----------------------------------------------------------------------------


def test_the_data_migration_loads_the_framework_and_its_starting_map():
    framework = Framework.objects.get(organisation=None)
    assert framework.name == "CQC single assessment framework"
    assert [q.title for q in framework.questions.all()] == [
        "Safe",
        "Effective",
        "Caring",
        "Responsive",
        "Well-led",
    ]
    assert framework.statements.count() == 34
    assert framework.categories.count() == 6
    # The starting map of CQC-AND-SPEAK-UP.md: speak-up cases evidence Freedom to speak up.
    assert EvidenceLink.objects.filter(
        statement=statement("freedom-to-speak-up"), kind="indicator", key="speakup_cases"
    ).exists()
    # Every link names a statement and category of the same version.
    assert not EvidenceLink.objects.exclude(
        category__framework=framework, statement__framework=framework
    ).exists()


def test_the_framework_file_says_what_the_domain_file_says():
    """The statements are the regulator's titles, as the domain file lists them."""
    if not DOMAIN_FILE.exists():
        pytest.skip(f"{DOMAIN_FILE} is not beside this checkout")
    table = {}
    for line in DOMAIN_FILE.read_text().splitlines():
        match = re.match(r"\| (Safe|Effective|Caring|Responsive|Well-led) \(\d+\) \| (.+) \|", line)
        if match:
            table[match[1]] = match[2].split("; ")
    data = loading.read(loading.SITE_FRAMEWORK)
    assert {
        q["title"]: [s["title"] for s in q["statements"]] for q in data["key_questions"]
    } == table


def test_every_mapped_key_is_a_registered_figure_rule_or_evidence_kind():
    from cms.evidence import all_evidence_kinds
    from cms.indicators import all_indicators
    from leadership.flags.detectors import DETECTORS

    known = {
        "indicator": {i.key for i in all_indicators()},
        "rule": {d.key for d in DETECTORS},
        "evidence": {k.key for k in all_evidence_kinds()},
    }
    unknown = [
        (link.kind, link.key)
        for link in EvidenceLink.objects.all()
        if link.key not in known[link.kind]
    ]
    assert unknown == []


# --- One service's ledger --------------------------------------------------------------------


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Elm Care", slug="elm-care")


@pytest.fixture
def elm(organisation):
    return ServiceFactory(organisation=organisation, name="Elm Court", beds=30)


@pytest.fixture
def leader(organisation):
    return member(Role.LEADER, organisation=organisation, first_name="Lena")


def test_a_figure_with_its_trend_evidences_its_statements(elm, leader):
    snapshots(elm, "speakup_cases", [6.0, 7.0, 6.0, 6.0, 9.0, 14.0], people=14)

    ledger = service_ledger(elm, MONTHS, leader)

    speak_up = entry(ledger, "freedom-to-speak-up")
    assert speak_up.status == EVIDENCED
    figure = next(f for f in speak_up.figures if f.label == "Speak-up cases raised")
    assert figure.text == "14" and figure.people_text == "14"
    assert figure.trend_text  # measured against its own earlier months
    assert figure.category == "Feedback from staff and leaders"
    # A statement nothing evidences is a gap.
    assert entry(ledger, "medicines-optimisation").status == NONE


def test_a_withheld_figure_is_not_evidence_and_reads_fewer_than_5(elm, leader):
    snapshots(elm, "speakup_cases", [(3.0, 3)])

    speak_up = entry(service_ledger(elm, MONTHS, leader), "freedom-to-speak-up")

    assert speak_up.status == NONE
    figure = next(f for f in speak_up.figures if f.label == "Speak-up cases raised")
    assert figure.text == "fewer than 5" and "3" not in figure.people_text


def test_evidence_only_from_early_in_the_period_is_old(elm, leader):
    snapshots(elm, "speakup_cases", [9.0], people=9, month=FIRST)

    speak_up = entry(service_ledger(elm, MONTHS, leader), "freedom-to-speak-up")

    assert speak_up.status == OLD and speak_up.latest == FIRST


def test_red_flags_bear_on_the_statements_their_rules_are_mapped_to(elm, leader):
    RedFlag.objects.create(
        service=elm,
        rule="speakup_detriment",
        start=MONTH,
        end=MONTH,
        stream="staff voice",
        summary="More people say they suffered for speaking up.",
    )

    ledger = service_ledger(elm, MONTHS, leader)

    assert [f.rule for f in entry(ledger, "freedom-to-speak-up").flags] == ["speakup_detriment"]
    assert entry(ledger, "safeguarding").flags == []


def test_concerns_from_fewer_than_5_people_are_counted_but_not_shown(elm, leader):
    from tests.coproduction.factories_concerns import ConcernFactory

    within = timezone.make_aware(timezone.datetime(MONTH.year, MONTH.month, 10))
    for _ in range(3):
        concern = ConcernFactory(service=elm)
        type(concern).objects.filter(pk=concern.pk).update(created_at=within)

    ledger = service_ledger(elm, MONTHS, leader)
    concerns = next(i for i in entry(ledger, "safeguarding").items if i.label.startswith("Conc"))

    raised = concerns.evidence.items[0]
    assert raised.label == "Concerns raised" and raised.text == "fewer than 5"
    assert not concerns.evidence  # nothing that can be shown: no evidence
    assert entry(ledger, "safeguarding").status == NONE


# --- The pages -------------------------------------------------------------------------------


def test_a_leader_reads_a_service_ledger_with_flags_evidence_and_gaps(client, elm, leader):
    snapshots(elm, "speakup_cases", [6.0, 7.0, 6.0, 6.0, 9.0, 14.0], people=14)
    client.force_login(leader)

    page = client.get(
        reverse("leadership:ledger_service", args=["elm-care", elm.pk]), PERIOD
    ).content.decode()

    assert "Elm Court: evidence ledger" in page
    assert "Freedom to speak up" in page and "Speak-up cases raised" in page
    assert "No evidence in this period" in page  # the statements nothing evidences


def test_the_inspection_pack_names_every_statement_with_its_evidence_or_its_gap(
    client, elm, leader, django_capture_on_commit_callbacks
):
    snapshots(elm, "speakup_cases", [6.0, 7.0, 6.0, 6.0, 9.0, 14.0], people=14)
    snapshots(elm, "concerns_raised", [(3.0, 3)])
    client.force_login(leader)
    url = reverse("leadership:ledger_service", args=["elm-care", elm.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, PERIOD)

    assert response.status_code == 302
    pack = InspectionPack.objects.get()
    assert pack.status == InspectionPack.Status.READY, pack.error
    page = client.get(url).content.decode()
    download = reverse("leadership:inspection_pack_download", args=[pack.key])
    assert download in page and pack.pdf.url not in page
    response = client.get(download)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(response.streaming_content))
    for title in QualityStatement.objects.filter(framework=pack.framework).values_list(
        "title", flat=True
    ):
        assert title in text
    assert "Speak-up cases raised" in text
    assert "No evidence in this period." in text
    assert "fewer than 5" in text


def test_another_organisations_leader_does_not_find_the_ledger_or_a_pack(client, elm):
    pack = InspectionPack.objects.create(
        service=elm,
        framework=framework_of(elm.organisation),
        start=FIRST,
        end=add_months(MONTH, 1),
        status=InspectionPack.Status.READY,
    )
    outsider = member(Role.LEADER, organisation=OrganisationFactory())
    client.force_login(outsider)

    assert (
        client.get(reverse("leadership:ledger_service", args=["elm-care", elm.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("leadership:inspection_pack_download", args=[pack.key])).status_code
        == 404
    )


def test_a_leader_of_one_service_sees_its_ledger_and_not_the_others(client, organisation, elm):
    other = ServiceFactory(organisation=organisation, name="Oak Lodge")
    service_leader = member(Role.LEADER, organisation=organisation, service=elm)
    client.force_login(service_leader)

    summary = client.get(reverse("leadership:ledger_summary", args=["elm-care"]))
    assert summary.status_code == 302
    assert summary["Location"] == reverse("leadership:ledger_service", args=["elm-care", elm.pk])
    assert (
        client.get(reverse("leadership:ledger_service", args=["elm-care", other.pk])).status_code
        == 403
    )


def test_the_summary_shows_which_statements_are_thin_in_which_services(
    client, organisation, elm, leader
):
    oak = ServiceFactory(organisation=organisation, name="Oak Lodge")
    snapshots(oak, "speakup_cases", [9.0] * 6, people=9)
    client.force_login(leader)

    response = client.get(reverse("leadership:ledger_summary", args=["elm-care"]), PERIOD)

    page = response.content.decode()
    row = re.search(r"Well-led: Freedom to speak up</th>(.*?)</tr>", page, re.S)[1]
    # Services by name: Elm Court has no evidence, Oak Lodge has.
    assert re.findall(r">(Evidence|No evidence|Only old evidence)<", row) == [
        "No evidence",
        "Evidence",
    ]


# --- A later version of the framework --------------------------------------------------------


def later_version():
    data = loading.read(loading.SITE_FRAMEWORK)
    data["version"] = "2027"
    safe = data["key_questions"][0]
    # The later version renames one statement (a new slug) and drops another.
    safe["statements"] = [
        {"slug": "speaking-up-freely", "title": "Speaking up freely"}
        if s["slug"] == "learning-culture"
        else s
        for s in safe["statements"]
        if s["slug"] != "safeguarding"
    ]
    upload = io.BytesIO(json.dumps(data).encode())
    upload.name = "cqc-2027.json"
    return upload


@pytest.fixture
def admin(organisation):
    return member(Role.ORGANISATION_ADMIN, organisation=organisation)


def test_loading_a_later_version_keeps_every_earlier_mapping_readable(
    client, organisation, elm, admin, leader
):
    first = framework_of(organisation)
    earlier = {
        (link.statement.slug, link.category.slug, link.kind, link.key)
        for link in links_of(first, organisation)
    }
    client.force_login(admin)
    url = reverse("leadership:ledger_framework", args=["elm-care"])

    response = client.post(url, {"file": later_version()}, follow=True)

    assert response.status_code == 200
    later = framework_of(organisation)
    assert later != first and later.version == "2027" and later.organisation == organisation
    assert "is loaded and is now the version your ledger reads" in response.content.decode()
    # The earlier version is untouched, every link still there and shown on its page.
    assert {
        (link.statement.slug, link.category.slug, link.kind, link.key)
        for link in links_of(first, organisation)
    } == earlier
    page = client.get(url, {"version": first.pk}).content.decode()
    assert "Safeguarding" in page and "concerns_late" in page
    # Links whose statement the later version keeps are carried over; the others are not.
    carried = {link.statement.slug for link in links_of(later, organisation)}
    assert "freedom-to-speak-up" in carried
    assert "safeguarding" not in carried and "learning-culture" not in carried
    # Other organisations still read the site's version.
    assert framework_of(OrganisationFactory()) == first
    # And the ledger reads the later version.
    client.force_login(leader)
    page = client.get(reverse("leadership:ledger_service", args=["elm-care", elm.pk])).content
    assert b"Speaking up freely" in page


def test_a_file_that_is_not_a_framework_is_refused_at_the_field(client, organisation, admin):
    client.force_login(admin)
    url = reverse("leadership:ledger_framework", args=["elm-care"])
    broken = io.BytesIO(b'{"name": "CQC", "version": "x", "key_questions": []}')
    broken.name = "broken.json"

    response = client.post(url, {"file": broken})

    assert response.status_code == 400
    assert "Key question: there must be at least one." in response.content.decode()
    assert Framework.objects.count() == 1


def test_a_leader_reads_the_framework_page_but_may_not_load_a_version(client, leader):
    client.force_login(leader)
    url = reverse("leadership:ledger_framework", args=["elm-care"])

    assert client.get(url).status_code == 200
    assert client.post(url, {"file": later_version()}).status_code == 403
    assert Framework.objects.count() == 1


def test_a_stale_queued_pack_is_given_up_when_another_is_asked_for(client, elm, leader):
    stale = InspectionPack.objects.create(
        service=elm, framework=framework_of(elm.organisation), start=FIRST, end=MONTH
    )
    InspectionPack.objects.filter(pk=stale.pk).update(
        requested_at=timezone.now() - timedelta(hours=1)
    )
    client.force_login(leader)

    client.post(reverse("leadership:ledger_service", args=["elm-care", elm.pk]), PERIOD)

    stale.refresh_from_db()
    assert stale.status == InspectionPack.Status.FAILED


def test_a_pack_whose_reader_has_gone_fails_with_words_a_leader_can_act_on(elm, leader):
    """The ledger is what its reader may see: with the reader's account deleted before the task
    runs, nothing is rendered for nobody, and a second delivery changes nothing."""
    pack = InspectionPack.objects.create(
        service=elm,
        framework=framework_of(elm.organisation),
        start=FIRST,
        end=MONTH,
        requested_by=leader,
    )
    leader.delete()

    made = packs.pack_make(pack.pk)

    assert made.status == InspectionPack.Status.FAILED and not made.pdf
    assert made.error == "The person who asked for it no longer has an account. Ask for it again."
    assert packs.pack_make(pack.pk) is None


def test_small_numbers_are_withheld_in_the_csv_as_on_the_screen(client, elm, leader):
    from tests.coproduction.factories_concerns import ConcernFactory

    within = timezone.make_aware(timezone.datetime(MONTH.year, MONTH.month, 10))
    for _ in range(3):
        concern = ConcernFactory(service=elm)
        type(concern).objects.filter(pk=concern.pk).update(created_at=within)
    snapshots(elm, "speakup_cases", [(4.0, 4)])
    client.force_login(leader)

    response = client.get(
        reverse("leadership:ledger_service_csv", args=["elm-care", elm.pk]), PERIOD
    )

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    raised = [row for row in rows if row[1] == "Safeguarding" and row[5] == "Concerns raised"]
    assert raised and raised[0][6] == "fewer than 5" and raised[0][9] == ""
    cases = [row for row in rows if row[5] == "Speak-up cases raised"]
    assert cases and cases[0][6] == "fewer than 5" and cases[0][8] == "fewer than 5"
    assert not any("4" == cell or "3" == cell for row in rows for cell in row[6:9])
    medicines = [row for row in rows if row[1] == "Medicines optimisation"]
    assert medicines == [
        ["Safe", "Medicines optimisation", "No evidence in this period", "", "", "", "", "", "", ""]
    ]


# --- People's own words ----------------------------------------------------------------------


def test_only_words_given_with_consent_are_quoted_on_the_screen_and_in_the_pack(
    client, elm, leader, django_capture_on_commit_callbacks
):
    from coproduction.tracker.services import feedback_record

    told = MONTH.replace(day=12)
    feedback_record(
        channel="advocacy",
        giver_role="advocate",
        service=elm,
        text="They listened and changed the night rota.",
        received_on=told,
        may_quote=True,
    )
    feedback_record(
        channel="advocacy",
        giver_role="advocate",
        service=elm,
        text="Please do not repeat what I said about the night staff.",
        received_on=told,
    )
    client.force_login(leader)
    url = reverse("leadership:ledger_service", args=["elm-care", elm.pk])

    page = client.get(url, PERIOD).content.decode()
    listening = page.split('id="qs-listening-to-and-involving-people"')[1].split("</section>")[0]
    assert "They listened and changed the night rota." in listening
    assert "Advocate" in listening and f"{MONTH:%B %Y}" in listening
    assert "Please do not repeat" not in page
    ledger = service_ledger(elm, MONTHS, leader)
    assert entry(ledger, "listening-to-and-involving-people").status == EVIDENCED

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, PERIOD)
    pack = InspectionPack.objects.get()
    text = pdf_text(pack.pdf.open("rb").read())
    assert "They listened and changed the night rota." in text
    assert "Please do not repeat" not in text
    csv_text = (
        client.get(reverse("leadership:ledger_service_csv", args=["elm-care", elm.pk]), PERIOD)
        .getvalue()
        .decode()
    )
    assert "They listened and changed the night rota." in csv_text
    assert "Please do not repeat" not in csv_text


def test_feedback_tagged_with_a_theme_evidences_its_statement_from_5_people(elm, leader):
    from coproduction.tracker.services import feedback_record

    def tell(count, channel="advocacy"):
        for number in range(count):
            feedback_record(
                channel=channel,
                giver_role="advocate",
                service=elm,
                text=f"Nobody listened ({number}).",
                themes=["hm_not_listening"],
                received_on=MONTH.replace(day=3),
            )

    tell(4)
    tell(3, channel="speak_up")  # speak-up has its own evidence: never counted here
    themes = next(
        group
        for group in entry(
            service_ledger(elm, MONTHS, leader), "listening-to-and-involving-people"
        ).items
        if group.label == "Feedback by theme"
    )
    not_listening = next(i for i in themes.evidence.items if "Not listening" in i.label)
    assert (not_listening.count, not_listening.text) == (4, "fewer than 5")

    tell(1)
    themes = next(
        group
        for group in entry(
            service_ledger(elm, MONTHS, leader), "listening-to-and-involving-people"
        ).items
        if group.label == "Feedback by theme"
    )
    not_listening = next(i for i in themes.evidence.items if "Not listening" in i.label)
    assert not_listening.text == "5" and not_listening.on == MONTH.replace(day=3)
