"""The board report: a leader asks for one, a Celery task renders the PDF through `cms.pdf` and
stores it; the PDF's text holds the headline indicators with their trends and charts, the red
flags and alerts with their evidence and what was done, "you said, we did", learning and the
board questions, with small numbers withheld exactly as on the screen. A failed render is told
to the leader without a stack trace; the PDF is served only to the organisation's leaders; the
period is checked."""

import io
import logging
from datetime import timedelta
from urllib.parse import urlencode

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from cms.pdf import PdfRenderError
from cms.periods import Months, add_months, last_whole_month, this_month
from leadership import queued_pdfs
from leadership.flags.detectors import get_detector
from leadership.flags.models import AlertPathAssignment, ClosedCultureAlert
from leadership.flags.services import flags_evaluate
from leadership.imports.models import DataImport, RestrictivePracticeEpisode
from leadership.reports import selectors, services, wagtail_hooks
from leadership.reports.forms import BoardReportForm
from leadership.reports.models import BoardReport
from tests.cms.factories import MembershipFactory, OrganisationFactory, ServiceFactory, member
from tests.leadership.factories import (
    DataImportFactory,
    PracticeMonthFactory,
    RestrictivePracticeEpisodeFactory,
)
from tests.leadership.factories_flags import MONTH, snapshots, struggling
from tests.navigation import label_and_url

pytestmark = pytest.mark.django_db

FIRST = add_months(MONTH, -5)  # October 2025: a period of six months ending March 2026
PERIOD = {"from_month": f"{FIRST:%Y-%m}", "to_month": f"{MONTH:%Y-%m}"}
WITHHELD_OCCUPANCY = 73.9  # Highfield's occupancy in March 2026, from 3 people

BOARD_QUESTIONS = (
    "Could this happen here?",
    "How would we know?",
    "How robust is the assessment of services and the culture of services?",
    "Are we visible enough and do we hear enough from patients, their families and all staff?",
)


@pytest.fixture
def northbrook(organisation):
    return ServiceFactory(organisation=organisation, name="Northbrook House", beds=30)


@pytest.fixture
def highfield(organisation):
    return ServiceFactory(organisation=organisation, name="Highfield House", beds=30)


@pytest.fixture
def figures(organisation, northbrook, highfield):
    """Northbrook slides (5 flags and an alert for March 2026); Highfield is steady, with one
    month of occupancy from too few people and a month of concerns that makes a withheld
    Northbrook count recoverable from the total."""
    struggling(northbrook)
    snapshots(highfield, "staff_turnover", [12.0] * 9)
    snapshots(highfield, "occupancy", [88.0] * 5 + [(WITHHELD_OCCUPANCY, 3)])
    snapshots(northbrook, "concerns_raised", [(3.0, 3)])
    snapshots(highfield, "concerns_raised", [(12.0, 12)])
    snapshots(northbrook, "action_closure_rate", [60.0] * 6, people=12)
    snapshots(highfield, "learning_completion_rate", [80.0] * 6, people=20)
    flags_evaluate(organisation=organisation, month=MONTH)


def pdf_text(pdf_bytes):
    assert pdf_bytes.startswith(b"%PDF-")
    pages = pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages
    # Table cells wrap: read the text as one run of words.
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def ask(client, user, captured, data=None, **extra):
    client.force_login(user)
    with captured(execute=True):
        return client.post(reverse("leadership:board_reports"), {**PERIOD, **(data or {})}, **extra)


def download(client, user, report):
    client.force_login(user)
    return client.get(reverse("leadership:board_report_download", args=[report.key]))


def queued_report(organisation, leader=None, first=FIRST, last=MONTH):
    months = Months.between(first, last)
    return BoardReport.objects.create(
        organisation=organisation, start=months.first, end=months.end, requested_by=leader
    )


# --- Asking for a report, and what it says ----------------------------------------------------


def test_a_leader_asks_for_a_report_and_downloads_the_pdf(
    client, organisation, leader, figures, django_capture_on_commit_callbacks
):
    response = ask(client, leader, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    report = BoardReport.objects.get()
    assert report.status == BoardReport.Status.READY, report.error
    assert (report.start, report.end) == (FIRST, add_months(MONTH, 1))
    assert report.requested_by == leader and report.finished_at is not None
    # Stored under the report's random key, not a name anyone could guess.
    assert report.pdf.name == f"leadership/board-reports/{organisation.pk}/{report.key}.pdf"

    page = client.get(reverse("leadership:board_reports")).content.decode()
    assert "Oct 2025 to Mar 2026" in page
    download_url = reverse("leadership:board_report_download", args=[report.key])
    assert download_url in page
    assert report.pdf.url not in page  # never the public media address

    response = client.get(download_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="board-report-willow-care-2025-10-to-2026-03.pdf"'
    )
    text = pdf_text(b"".join(response.streaming_content))

    assert "Board report: Willow Care" in text and "Oct 2025 to Mar 2026" in text
    # Headline indicators with their trends and the people behind them.
    assert "Latest figures and trends at Northbrook House" in text
    assert "Staff turnover" in text and "Family recommend score" in text
    assert "Family recommend score (score (-100 to +100)) 0 ↓ down: worse 12 people" in text
    # A month's turnover of 46% a year of 30 staff is about 1 leaver: too few to show.
    assert "Staff turnover (% a year) fewer than 5 of 30" in text
    # The flags and the alert, with the evidence behind them.
    assert "Closed-culture alert: Northbrook House, March 2026" in text
    for rule in ("turnover_high", "rota_long_hours", "recommend_falling"):
        assert get_detector(rule).label in text
    assert "Level 1: information sharing" in text
    assert "Waiting for a response" in text
    # "You said, we did" and learning.
    assert "Northbrook House: actions closed with an outcome: 60% (from 12 people" in text
    assert "Learning completed on time" in text and "80%" in text
    for question in BOARD_QUESTIONS:
        assert question in text


def test_the_pdf_withholds_small_numbers_as_the_screen_does(
    client, organisation, leader, figures, django_capture_on_commit_callbacks
):
    ask(client, leader, django_capture_on_commit_callbacks)
    text = pdf_text(b"".join(download(client, leader, BoardReport.objects.get()).streaming_content))

    assert "Occupancy fewer than 5" in text  # Highfield's latest figures
    assert str(WITHHELD_OCCUPANCY) not in text
    # The evidence behind the turnover flag: 46% a year of 30 staff is a month's 1 leaver.
    assert "Withheld: fewer than 5 of 30" in text and "46% a year" not in text
    # The concerns total would give away Northbrook's 3: it is not shown either.
    assert "not shown" in text
    assert "15 people" not in text

    # The dashboard shows the same cell for the same period.
    screen = client.get(
        reverse("leadership:dashboard_overview", args=[organisation.slug])
        + "?"
        + urlencode({"period": "custom", **PERIOD})
    )
    overview = screen.context["dashboard"].sections[0].tables[0]
    highfield_row = next(row for row in overview.rows if row.header == "Highfield House")
    occupancy = next(
        cell
        for column, cell in zip(overview.columns, highfield_row.cells, strict=True)
        if column.label == "Occupancy"
    )
    assert occupancy.text == "fewer than 5"


def test_the_pdf_draws_the_charts(organisation, leader, figures):
    report = services.report_make(queued_report(organisation, leader).pk)

    with report.pdf.open("rb") as stored:
        pdf = stored.read()
    text = pdf_text(pdf)
    # Axis labels, gap labels and the legend are drawn from the SVG: only a chart has them.
    assert "Gaps: months with no figure to show" in text
    assert "<5" in text  # Highfield's withheld March, marked on its occupancy chart
    assert "Oct 25" in text and "Mar 26" in text
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    # Each month on a line is a dot, drawn as four curves; tables and text draw none.
    curves = sum(page.get_contents().get_data().count(b" c\n") for page in reader.pages)
    assert curves >= 4 * 6 * 3  # at least three six-month lines of dots

    # Drawing a chart must not take the bold face away from the text after it.
    fonts = set()

    def font_of_heading(text, _cm, _tm, font, _size):
        if text.strip() == "3. Red flags and closed-culture alerts":
            fonts.add(str(font["/BaseFont"]))

    for page in reader.pages:
        page.extract_text(visitor_text=font_of_heading)
    assert fonts and all(font.endswith("-Bold") for font in fonts)


def test_the_pdf_shows_what_was_done_about_an_alert(organisation, northbrook, leader, figures):
    alert = ClosedCultureAlert.objects.get(service=northbrook)
    AlertPathAssignment.objects.create(
        alert=alert, path_id=1, path_title="Red flags", people_enrolled=7, assigned_by=leader
    )
    alert.acknowledged_by = leader
    alert.acknowledged_at = timezone.now()
    alert.what_was_done = "Visited at night with the safeguarding lead."
    alert.state = ClosedCultureAlert.State.AVOIDANCE
    alert.save()

    report = services.report_make(queued_report(organisation, leader).pk)

    text = pdf_text(report.pdf.open("rb").read())
    assert "Visited at night with the safeguarding lead." in text
    assert "Avoidance: people looked away" in text
    assert "by Lena Lead" in text
    assert "“Red flags” assigned to 7 people" in text
    assert "Waiting for a response" not in text


def test_flags_cleared_before_the_period_are_left_out(organisation, northbrook, leader, figures):
    later = add_months(MONTH, 2)
    report = services.report_make(queued_report(organisation, leader, later, later).pk)

    text = pdf_text(report.pdf.open("rb").read())
    # Still standing and the alert still open, so they belong to the later period too.
    assert get_detector("turnover_high").label in text
    northbrook_flags = selectors.flags_in_period([northbrook.pk], Months.between(later, later))
    for flag in northbrook_flags:
        flag.cleared_at = timezone.now() - timedelta(days=400)
        flag.save()
    ClosedCultureAlert.objects.update(
        acknowledged_at=timezone.now() - timedelta(days=400),
        acknowledged_by=leader,
        what_was_done="Looked into it.",
        state="none",
    )

    report = services.report_make(queued_report(organisation, leader, later, later).pk)

    text = pdf_text(report.pdf.open("rb").read())
    assert get_detector("turnover_high").label not in text
    assert "No red flag stood at any service in this period." in text


def test_a_report_with_no_figures_still_asks_the_questions(organisation, northbrook, leader):
    report = services.report_make(queued_report(organisation, leader).pk)

    text = pdf_text(report.pdf.open("rb").read())
    assert "There are no figures for Oct 2025 to Mar 2026 yet." in text
    assert "No closed-culture alert was raised, or left open, in this period." in text
    for question in BOARD_QUESTIONS:
        assert question in text


def test_reading_a_report_costs_the_same_with_a_long_history(organisation, northbrook, highfield):
    def queries(months):
        with CaptureQueriesContext(connection) as captured:
            selectors.report_data(organisation, months)
        return len(captured)

    snapshots(northbrook, "staff_turnover", [20.0])
    one_month = queries(Months.between(MONTH, MONTH))
    for key in ("staff_turnover", "occupancy", "family_nps"):
        snapshots(northbrook, key, [20.0] * 24)
        snapshots(highfield, key, [20.0] * 24)
    assert queries(Months.between(add_months(MONTH, -23), MONTH)) == one_month


# --- Making it: idempotent, and failures told plainly -----------------------------------------


def test_a_report_is_made_once_however_often_the_task_runs(
    organisation, leader, figures, monkeypatch
):
    report = queued_report(organisation, leader)
    renders = []
    real = services.render_pdf
    monkeypatch.setattr(
        services, "render_pdf", lambda *args, **kwargs: renders.append(1) or real(*args, **kwargs)
    )

    assert services.report_make(report.pk).status == BoardReport.Status.READY
    assert services.report_make(report.pk) is None
    assert len(renders) == 1


def test_a_failed_render_is_told_to_the_leader_without_a_stack_trace(
    client, organisation, leader, figures, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise PdfRenderError("xhtml2pdf reported 1 error(s): Northbrook House secret detail")

    monkeypatch.setattr(services, "render_pdf", broken)

    with caplog.at_level(logging.ERROR, logger="leadership.reports.services"):
        ask(client, leader, django_capture_on_commit_callbacks)

    report = BoardReport.objects.get()
    assert report.status == BoardReport.Status.FAILED
    assert not report.pdf and report.finished_at is not None
    assert report.error == (
        "The report could not be made (PdfRenderError). Ask for it again; if it fails again, "
        "tell your site administrator."
    )
    page = client.get(reverse("leadership:board_reports")).content.decode()
    assert "Failed" in page and "The report could not be made (PdfRenderError)." in page
    assert "Traceback" not in page and "secret detail" not in page
    assert "PdfRenderError" in caplog.text and "secret detail" not in caplog.text
    assert download(client, leader, report).status_code == 404


def test_the_same_report_is_not_queued_twice_and_a_lost_one_is_given_up(
    client, organisation, leader
):
    client.force_login(leader)
    url = reverse("leadership:board_reports")

    client.post(url, PERIOD)  # no worker: it stays queued
    response = client.post(url, PERIOD, follow=True)

    assert BoardReport.objects.count() == 1
    assert "is already being made" in response.content.decode()
    assert "Refresh this page" in response.content.decode()

    BoardReport.objects.update(requested_at=timezone.now() - queued_pdfs.STALE_AFTER * 2)
    client.post(url, PERIOD)

    lost, new = BoardReport.objects.order_by("requested_at")
    assert lost.status == BoardReport.Status.FAILED and "not made within 30 minutes" in lost.error
    assert new.status == BoardReport.Status.QUEUED


# --- The page ---------------------------------------------------------------------------------


def test_the_page_has_an_empty_state_and_pages_of_reports(client, organisation, leader):
    client.force_login(leader)
    url = reverse("leadership:board_reports")

    assert "No board reports yet." in client.get(url).content.decode()

    for _ in range(21):
        queued_report(organisation, leader)
    first_page = client.get(url)
    second_page = client.get(url, {"page": 2})

    assert len(first_page.context["page_obj"]) == 20
    assert len(second_page.context["page_obj"]) == 1
    assert "Not ready yet" in second_page.content.decode()


def test_only_the_leaders_organisations_are_offered(client, organisation, leader):
    other = OrganisationFactory(name="Oak Care")
    elsewhere = OrganisationFactory(name="Elm Care")
    member(Role.STAFF, organisation=elsewhere)

    form = BoardReportForm(organisations=[organisation])
    assert "organisation" not in form.fields  # one organisation: nothing to choose

    leading_two = member(Role.LEADER, organisation=organisation)
    MembershipFactory(user=leading_two, organisation=other, role=Role.LEADER)
    client.force_login(leading_two)
    page = client.get(reverse("leadership:board_reports"))
    choices = list(page.context["form"].fields["organisation"].queryset)
    assert choices == [other, organisation]

    response = client.post(
        reverse("leadership:board_reports"), {**PERIOD, "organisation": elsewhere.pk}
    )
    assert response.status_code == 400
    assert "Choose one of your organisations." in response.content.decode()
    assert not BoardReport.objects.exists()


def _last(months_back=0):
    return add_months(last_whole_month(), -months_back)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"from_month": "2026-03", "to_month": "2025-10"},
            "to_month",
            "The last month must be the same as or after the first.",
        ),
        (
            {"from_month": "2025-10", "to_month": f"{add_months(this_month(), 1):%Y-%m}"},
            "to_month",
            "The last month cannot be in the future.",
        ),
        (
            {"from_month": "2025-10", "to_month": f"{this_month():%Y-%m}"},
            "to_month",
            "has not ended yet, so its figures are not complete.",
        ),
        (
            {"from_month": f"{_last(24):%Y-%m}", "to_month": f"{_last():%Y-%m}"},
            "from_month",
            "Choose a period of at most 24 months (2 years).",
        ),
        ({"from_month": "", "to_month": "2026-03"}, "from_month", "Enter the first month"),
        ({"from_month": "2025-10", "to_month": "March"}, "to_month", "Enter a month as year"),
    ],
)
def test_the_period_is_checked(client, organisation, leader, data, field, message):
    client.force_login(leader)

    response = client.post(reverse("leadership:board_reports"), data)

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    page = response.content.decode()
    assert "There is a problem" in page and f'href="#id_{field}"' in page
    assert not BoardReport.objects.exists()


def test_a_period_of_24_months_ending_last_month_is_accepted(organisation):
    form = BoardReportForm(
        {"from_month": f"{_last(23):%Y-%m}", "to_month": f"{_last():%Y-%m}"},
        organisations=[organisation],
    )

    assert form.is_valid(), form.errors
    assert len(form.chosen_months()) == 24
    assert form.cleaned_data["organisation"] == organisation


# --- Who may ask and download -----------------------------------------------------------------


@pytest.fixture
def ready_report(organisation, leader):
    return services.report_make(queued_report(organisation, leader).pk)


def test_another_leader_of_the_organisation_downloads_it(client, organisation, ready_report):
    colleague = member(Role.LEADER, organisation=organisation)

    assert download(client, colleague, ready_report).status_code == 200


@pytest.mark.parametrize("role", [Role.HR, Role.SAFEGUARDING_LEAD, Role.ORGANISATION_ADMIN])
def test_other_roles_of_the_organisation_are_refused(client, organisation, ready_report, role):
    person = member(role, organisation=organisation)

    assert download(client, person, ready_report).status_code == 403
    client.force_login(person)
    assert client.get(reverse("leadership:board_reports")).status_code == 403


def test_a_leader_of_one_service_is_refused(client, organisation, northbrook, ready_report):
    service_leader = member(Role.LEADER, organisation=organisation, service=northbrook)

    assert download(client, service_leader, ready_report).status_code == 403
    client.force_login(service_leader)
    assert client.get(reverse("leadership:board_reports")).status_code == 403


def test_another_organisations_leader_finds_nothing(client, ready_report):
    stranger = member(Role.LEADER, organisation=OrganisationFactory(name="Oak Care"))

    assert download(client, stranger, ready_report).status_code == 404
    client.force_login(stranger)
    page = client.get(reverse("leadership:board_reports")).content.decode()
    assert "No board reports yet." in page


def test_a_report_not_ready_is_not_found(client, organisation, leader):
    assert download(client, leader, queued_report(organisation, leader)).status_code == 404


def test_navigation_for_leaders_only(rf, organisation, leader):
    request = rf.get("/")
    request.user = leader
    assert label_and_url(wagtail_hooks.board_reports_navigation(request)) == (
        "Board reports",
        reverse("leadership:board_reports"),
    )
    request.user = member(Role.SAFEGUARDING_LEAD, organisation=organisation)
    assert wagtail_hooks.board_reports_navigation(request) is None


# --- The restrictive practice review (issue 12; seed 002 point 3) -------------------------------

SEED_002_ASKS = (
    "You should review why people in your services are in Seclusion and Long Term Segregation, "
    "how long for, what is the plan to support them out of these restrictive settings?"
)
HIDDEN_SEGREGATION_DAYS = "27.5"
HIDDEN_ONE_PERSON = "66.7"


def _import(service, kind, month):
    """The organisation's import of `kind` for `month` (one per kind and period)."""
    found = DataImport.objects.filter(
        organisation=service.organisation, kind=kind, period_start=month
    ).first()
    return found or DataImportFactory(
        organisation=service.organisation, kind=kind, period_start=month
    )


def _episodes(service, practice, people, month=MONTH):
    data_import = _import(service, DataImport.Kind.RESTRICTIVE, month)
    for number in range(people):
        RestrictivePracticeEpisodeFactory(
            data_import=data_import,
            service=service,
            practice=practice,
            person_code=f"NB{practice[:3].upper()}{number:02d}",
        )


def _reported(service, month=MONTH):
    PracticeMonthFactory(
        data_import=_import(service, DataImport.Kind.PRACTICE, month), service=service
    )


@pytest.fixture
def restrictive(organisation, northbrook, highfield):
    """Northbrook: restrictive practice rising, most uses without a debrief; 6 restraints on 6
    people and 2 seclusions on 2 people in March; a person in long term segregation and most
    uses on one person (both withheld). Highfield reported March with no use at all."""
    snapshots(northbrook, "restrictive_practice", [2.0] * 6 + [6.0, 7.0, 8.0], people=8)
    snapshots(northbrook, "restrictive_practice_without_debrief", [60.0, 70.0, 80.0], people=10)
    snapshots(northbrook, "long_term_segregation_days", [(float(HIDDEN_SEGREGATION_DAYS), 1)])
    snapshots(northbrook, "restrictive_practice_one_person", [(float(HIDDEN_ONE_PERSON), 3)])
    _reported(northbrook)
    _episodes(northbrook, RestrictivePracticeEpisode.Practice.RESTRAINT, 6)
    _episodes(northbrook, RestrictivePracticeEpisode.Practice.SECLUSION, 2)
    _reported(highfield)
    flags_evaluate(organisation=organisation, month=MONTH)


def test_the_report_reviews_restrictive_practice_as_seed_002_asks(
    organisation, leader, restrictive
):
    report = services.report_make(queued_report(organisation, leader).pk)
    with report.pdf.open("rb") as stored:
        text = pdf_text(stored.read())

    assert "4. Restrictive practice review" in text
    assert SEED_002_ASKS in text
    # The section, not its line in the contents.
    review = text[text.rindex("4. Restrictive practice review") : text.rindex("5. You said")]
    northbrook = review[review.index("Northbrook House") :]
    assert "Used in the period: physical restraint, seclusion." in northbrook
    assert "Not recorded: segregation, rapid tranquillisation, PRN sedation." in northbrook
    assert "Most uses on one person: not flagged in the period." in northbrook
    for rule in ("restrictive_practice_rising", "restrictive_practice_without_debrief"):
        assert get_detector(rule).label in northbrook
    assert "80% ↑ up: worse 10 people" in review  # the latest month's share without a debrief
    assert "No use of restrictive practice was recorded in the 1 month reported." in review


def test_the_restrictive_practice_review_gives_no_withheld_figure_or_code_away(
    organisation, leader, restrictive
):
    """The attacker reads the PDF for the seclusions (2 people), the segregation days and the
    share on one person (each resting on fewer than 5), and for any person's code."""
    report = services.report_make(queued_report(organisation, leader).pk)
    with report.pdf.open("rb") as stored:
        text = pdf_text(stored.read())
    assert HIDDEN_SEGREGATION_DAYS not in text and HIDDEN_ONE_PERSON not in text
    assert "2 uses" not in text and "6 uses" not in text  # the kinds' counts, side by side
    assert "NBRES" not in text and "NBSEC" not in text
    review = text[text.rindex("4. Restrictive practice review") : text.rindex("5. You said")]
    assert "Days in long-term segregation" in review and "fewer than 5" in review


def test_counts_by_kind_are_shown_only_when_none_can_be_worked_out(
    organisation, leader, northbrook
):
    _reported(northbrook)
    _episodes(northbrook, RestrictivePracticeEpisode.Practice.RESTRAINT, 6)
    snapshots(northbrook, "restrictive_practice", [7.4], people=6)
    content = services.report_content(queued_report(organisation, leader))
    [entry] = content.restrictive.services
    assert entry.kinds[0] == "Physical restraint: 6 uses."
    # A month of the period resting on 3 people: its uses would be the period's less the rest.
    snapshots(northbrook, "restrictive_practice", [(3.1, 3), 7.4], people=6)
    content = services.report_content(queued_report(organisation, leader))
    [entry] = content.restrictive.services
    assert entry.kinds[0].startswith("Used in the period: physical restraint.")


def test_an_alert_in_a_sentence_keeps_the_month_capitalised():
    """Issue 14: the board report read "(acknowledged on 2 december 2026)"."""
    import datetime
    from types import SimpleNamespace

    from leadership.reports.sections import _could_this_happen_here

    alert = SimpleNamespace(
        service=SimpleNamespace(name="Elm Court"), start=datetime.date(2026, 11, 1)
    )
    entry = SimpleNamespace(alert=alert, status="Acknowledged on 2 December 2026")
    data = SimpleNamespace(services=[], index={}, months=[])

    question = _could_this_happen_here(data, [entry], [])

    text = " ".join(str(point) for point in question.points)
    assert "Elm Court, Nov 2026 (acknowledged on 2 December 2026)" in text
