"""The leadership dashboards: latest figures and trends against a service's own months, small
numbers withheld on the screen and in the CSV (primary and complementary suppression), filters
and their errors, empty states, indicators whose plugin was removed, flags, the learning and
listening views, and who sees what."""

import csv
import io
from urllib.parse import urlencode

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cms.indicators import Direction
from cms.organisations.models import Role
from cms.periods import Months, add_months, last_whole_month, this_month
from leadership.dashboards import panels, wagtail_hooks
from leadership.dashboards.forms import DashboardFilterForm
from leadership.dashboards.suppression import (
    FEW,
    NOT_SHOWN,
    SUM,
    WEIGHTED,
    WITHHELD,
    Figure,
    Raw,
    column,
    family,
    figure,
)
from leadership.dashboards.tables import trend_of
from leadership.flags.models import RedFlag
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.leadership.factories_dashboards import history, months_ago
from tests.navigation import label_and_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def alder(organisation):
    return ServiceFactory(organisation=organisation, name="Alder House")


@pytest.fixture
def birch(organisation):
    return ServiceFactory(organisation=organisation, name="Birch House")


@pytest.fixture
def cedar(organisation):
    return ServiceFactory(organisation=organisation, name="Cedar House")


def visit(client, user, name, *args, **query):
    client.force_login(user)
    url = reverse(f"leadership:{name}", args=args)
    return client.get(url + ("?" + urlencode(query) if query else ""))


def csv_lines(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.getvalue().decode())))


def table(response, table_id):
    for section in response.context["dashboard"].sections:
        for candidate in section.all_tables:
            if candidate.table_id == table_id:
                return candidate
    raise AssertionError(f"no table {table_id}")


def row_of(found, header):
    rows = [*found.rows, *([found.total] if found.total else [])]
    return next(row for row in rows if row.header == header)


def cell(found, header, column_label):
    labels = [column.label for column in found.columns]
    return row_of(found, header).cells[labels.index(column_label)]


def csv_row(lines, header):
    return next(line for line in lines if line and line[0] == header)


# --- Small numbers ----------------------------------------------------------------------------


def test_a_figure_from_fewer_people_than_its_floor_is_withheld_with_its_people():
    withheld = figure(Raw(42.0, 4))
    assert withheld.state == WITHHELD and withheld.value is None and withheld.people is None
    assert withheld.text("%") == "fewer than 5" and withheld.people_text == "fewer than 5"
    assert figure(Raw(42.0, 5)).text("%") == "42%"
    assert figure(Raw(12.5, 9, min_people=10)).text() == "fewer than 10"
    assert figure(Raw(None, 0)).text() == "no figure"
    assert figure(Raw(0, 0)).text() == "fewer than 5"  # no concerns at all is a small number


def test_a_total_that_would_reveal_the_one_withheld_part_is_not_shown():
    parts, total = column([Raw(10, 10), Raw(3, 3), Raw(7, 7)], SUM)
    assert [part.text() for part in parts] == ["10", "fewer than 5", "7"]
    assert total.state == NOT_SHOWN and total.value is None and total.text() == "not shown"


def test_a_total_over_two_withheld_parts_is_shown():
    parts, total = column([Raw(10, 10), Raw(3, 3), Raw(2, 2)], SUM)
    assert [part.text() for part in parts] == ["10", "fewer than 5", "fewer than 5"]
    assert (total.text(), total.people) == ("15", 15)


def test_a_rate_total_is_weighted_by_people_and_protected_the_same_way():
    _parts, total = column([Raw(50.0, 10), Raw(80.0, 30)], WEIGHTED)
    assert (total.text("%"), total.people) == ("72.5%", 40)
    _parts, total = column([Raw(50.0, 10), Raw(80.0, 30), Raw(10.0, 2)], WEIGHTED)
    assert total.state == NOT_SHOWN


def test_a_total_from_too_few_people_is_withheld_and_medians_have_none():
    _parts, total = column([Raw(1, 1), Raw(2, 2)], SUM)
    assert total.text() == "fewer than 5"
    assert column([Raw(3.0, 10), Raw(4.0, 10)], None)[1] is None


def test_a_rate_that_stands_for_a_small_count_is_withheld_but_its_people_shown():
    # 80% of 5 people is 4 people; 12.9 reports per 100 staff of 31 staff is 4 reports.
    for raw, text in (
        (Raw(80.0, 5, scale=100), "fewer than 5 of 5"),
        (Raw(12.9, 31, min_people=10, scale=100), "fewer than 10 of 31"),
        (Raw(0.0, 40, scale=100), "fewer than 5 of 40"),  # zero is a small number too
        (Raw(38.7, 31, scale=1200), "fewer than 5 of 31"),  # a month's turnover: 1 leaver
    ):
        fig = figure(raw)
        assert (fig.state, fig.value, fig.text("%")) == (FEW, None, text)
        assert fig.people_text == str(raw.people)
    assert figure(Raw(12.5, 40, scale=100)).text("%") == "12.5%"  # 5 people
    assert figure(Raw(3.0, 31)).text() == "3"  # a score or median stands for no count
    # A share of nobody (no concern raised, none anonymous) would show the count is 0.
    assert figure(Raw(None, 0, scale=100)).text("%") == "fewer than 5"
    assert figure(Raw(None, 0)).text() == "no figure"  # no survey ended: nothing to show


def test_a_total_over_hidden_parts_that_it_would_pin_is_not_shown():
    # 7 in all, 7 shown: both hidden parts are 0.
    assert column([Raw(7, 7), Raw(0, 0), Raw(0, 0), None], SUM)[1].state == NOT_SHOWN
    # 13 in all, 5 shown: both hidden parts are 4, as many as "fewer than 5" can be.
    assert column([Raw(5, 5), Raw(4, 4), Raw(4, 4)], SUM)[1].state == NOT_SHOWN
    # 7 in all, 5 shown, and one hidden part is 0 (its share of anonymous concerns would say
    # so): the other would be 2.
    assert column([Raw(5, 5), Raw(2, 2), Raw(0, 0)], SUM)[1].state == NOT_SHOWN
    # 8 in all, 5 shown: 3 between two hidden parts could be 0 and 3, 1 and 2...
    assert column([Raw(5, 5), Raw(2, 2), Raw(1, 1)], SUM)[1].text() == "8"
    # Rates: the counts they stand for add up the same way (0 of 3 and 0 of 2 beside 0 of 30).
    parts = [Raw(50.0, 30, scale=100), Raw(0.0, 3, scale=100), Raw(0.0, 2, scale=100)]
    assert column(parts, WEIGHTED)[1].state == NOT_SHOWN
    # ... and so do the people behind them: 8 between two hidden parts is 4 and 4.
    parts = [Raw(50.0, 30, scale=100), Raw(50.0, 4, scale=100), Raw(50.0, 4, scale=100)]
    assert column(parts, WEIGHTED)[1].state == NOT_SHOWN
    parts = [Raw(50.0, 30, scale=100), Raw(50.0, 3, scale=100), Raw(50.0, 4, scale=100)]
    assert column(parts, WEIGHTED)[1].text("%") == "50%"


def test_a_hidden_path_is_not_worked_out_from_the_services_completion():
    whole = Raw(50.0, 20, scale=100)  # 10 people completed
    # One path holds all 10: the hidden path's count would be 0, so the shown path goes too.
    parts = [Raw(100.0, 10, scale=100), Raw(0.0, 3, scale=100), None]
    assert [fig.state for fig in family(whole, parts)] == [NOT_SHOWN, WITHHELD, "no_figure"]
    # Two paths of 5 each: the hidden path has 0, 1 or 2 of the service's 12.
    whole = Raw(60.0, 20, scale=100)
    parts = [Raw(50.0, 10, scale=100), Raw(50.0, 10, scale=100), Raw(0.0, 3, scale=100)]
    assert [fig.state for fig in family(whole, parts)] == ["shown", "shown", WITHHELD]


# --- Trends -----------------------------------------------------------------------------------


def shown(*values):
    return [Figure(value, 20) for value in values]


@pytest.mark.parametrize(
    ("values", "good", "text"),
    [
        ((70, 70, 70, 80), Direction.UP, "up: better"),
        ((70, 70, 70, 80), Direction.DOWN, "up: worse"),
        ((70, 70, 70, 60), Direction.DOWN, "down: better"),
        ((70, 70, 70, 80), Direction.EITHER, "up: worth a question"),
        ((70, 71, 70, 70.5), Direction.UP, "about the same as recent months"),
    ],
)
def test_trend_against_the_services_own_months(values, good, text):
    assert trend_of(shown(*values), good).text == text


def test_no_trend_from_a_withheld_month_or_too_few_months():
    withheld = Figure(None, None, 5, WITHHELD)
    assert trend_of([*shown(70, 70, 70), withheld], Direction.UP) is None
    assert trend_of(shown(70, 80), Direction.UP) is None
    # Withheld earlier months are skipped, not counted as zero.
    assert trend_of([withheld, *shown(50, 50, 60)], Direction.UP).text == "up: better"


# --- Organisation overview --------------------------------------------------------------------


def test_overview_shows_each_services_latest_figure_trend_and_people(
    client, organisation, alder, birch, leader
):
    history(alder, "occupancy", [90, 90, 90, 70.4])
    history(birch, "occupancy", [80, 80, 80, 80], people=25)
    history(alder, "family_nps", [20, 25, 30, 40])
    response = visit(client, leader, "dashboard_overview", organisation.slug)
    assert response.status_code == 200
    overview = table(response, "overview")
    occupancy = cell(overview, "Alder House", "Occupancy")
    assert (occupancy.text, occupancy.people_text) == ("70.4%", "20")
    assert occupancy.trend_text == "down: worth a question"  # occupancy: either way
    assert cell(overview, "Alder House", "Family recommend score").trend_text == "up: better"
    assert cell(overview, "Birch House", "Occupancy").trend_text == (
        "about the same as recent months"
    )
    total = cell(overview, overview.total.header, "Occupancy")
    assert overview.total.header == f"All services, {last_whole_month():%b %Y}"
    assert total.text == "75.7%"  # (70.4 x 20 + 80 x 25) / 45
    content = response.content.decode()
    assert "70.4%" in content and "down: worth a question" in content
    assert "score" not in overview.title.lower()


def test_a_service_with_no_figure_in_the_last_month_shows_its_latest_with_the_month(
    client, organisation, alder, leader
):
    history(alder, "family_nps", [35, 30, 40, (None, 0)])  # no survey ended last month
    response = visit(client, leader, "dashboard_overview", organisation.slug)
    nps = cell(table(response, "overview"), "Alder House", "Family recommend score")
    assert nps.text == f"40 ({months_ago(1):%b %Y})"


def test_small_numbers_are_withheld_on_screen_and_in_the_csv(
    client, organisation, alder, birch, cedar, leader
):
    history(alder, "occupancy", [(87.3, 4)])
    history(birch, "occupancy", [81.6])
    history(cedar, "occupancy", [79.2])
    response = visit(client, leader, "dashboard_overview", organisation.slug)
    content = response.content.decode()
    assert "fewer than 5" in content and "87.3" not in content
    occupancy = cell(table(response, "overview"), "Alder House", "Occupancy")
    assert (occupancy.text, occupancy.people_text, occupancy.trend) == (
        "fewer than 5",
        "fewer than 5",
        None,
    )

    lines = csv_lines(visit(client, leader, "dashboard_overview_csv", organisation.slug))
    header = next(line for line in lines if line and line[0] == "Service")
    row = csv_row(lines, "Alder House")
    at = header.index("Occupancy (%)")
    assert row[at : at + 3] == ["fewer than 5", "", "fewer than 5"]
    assert csv_row(lines, "Birch House")[at] == "81.6%"
    assert not any("87.3" in value for line in lines for value in line)


def test_complementary_suppression_hides_the_total_on_screen_and_in_the_csv(
    client, organisation, alder, birch, cedar, leader
):
    history(alder, "concerns_raised", [(12, 12)])
    history(birch, "concerns_raised", [(3, 3)])
    history(cedar, "concerns_raised", [(9, 9)])
    response = visit(client, leader, "dashboard_overview", organisation.slug)
    overview = table(response, "overview")
    total = cell(overview, overview.total.header, "Concerns raised")
    assert total.text == "not shown"  # 24 - 12 - 9 would give Birch's 3
    assert "not shown" in response.content.decode()
    lines = csv_lines(visit(client, leader, "dashboard_overview_csv", organisation.slug))
    header = next(line for line in lines if line and line[0] == "Service")
    at = header.index("Concerns raised (concerns)")
    assert csv_row(lines, overview.total.header)[at : at + 3] == ["not shown", "", "not shown"]
    assert not any("24" == value for line in lines for value in line)


def test_a_total_over_two_withheld_services_is_shown(
    client, organisation, alder, birch, cedar, leader
):
    history(alder, "concerns_raised", [(12, 12)])
    history(birch, "concerns_raised", [(3, 3)])
    history(cedar, "concerns_raised", [(2, 2)])
    response = visit(client, leader, "dashboard_overview", organisation.slug)
    overview = table(response, "overview")
    assert cell(overview, overview.total.header, "Concerns raised").text == "17"


def test_active_flags_are_counted_with_a_link_to_the_services_flags(
    client, organisation, alder, birch, leader
):
    month = months_ago(0)
    RedFlag.objects.create(
        service=alder,
        rule="turnover_rising",
        start=month,
        end=add_months(month, 1),
        stream="workforce",
        summary="Staff turnover is rising against the service's own months.",
    )
    RedFlag.objects.create(
        service=alder,
        rule="silence",
        start=month,
        end=add_months(month, 1),
        stream="people and families",
        summary="No concerns for months.",
        cleared_at=timezone.now(),
    )
    history(alder, "occupancy", [90])
    response = visit(client, leader, "dashboard_overview", organisation.slug)
    flags = cell(table(response, "overview"), "Alder House", "Active flags")
    service_url = reverse("leadership:dashboard_service", args=[organisation.slug, alder.pk])
    assert (flags.text, flags.url) == ("1", f"{service_url}#flags")
    assert cell(table(response, "overview"), "Birch House", "Active flags").text == "0"

    service_page = visit(
        client, leader, "dashboard_service", organisation.slug, alder.pk
    ).content.decode()
    assert "Staff turnover is rising" in service_page
    assert "No concerns for months" not in service_page


def test_the_csv_escapes_formulas_in_names_but_keeps_negative_numbers(client, organisation, leader):
    service = ServiceFactory(organisation=organisation, name="=HYPERLINK(1)")
    history(service, "family_nps", [-10, -15, -20])
    lines = csv_lines(visit(client, leader, "dashboard_overview_csv", organisation.slug))
    row = csv_row(lines, "'=HYPERLINK(1)")
    assert "-20" in row


# --- Filters ----------------------------------------------------------------------------------


def test_the_period_filter_chooses_the_months(client, organisation, alder, leader):
    history(alder, "concerns_raised", [(14, 14)] + [(6, 6)] * 13)  # 14 months ago: 14
    default = visit(client, leader, "dashboard_service", organisation.slug, alder.pk)
    assert len(table(default, "timeline").rows) == 12
    assert default.context["dashboard"].months == Months.last(12)
    longer = visit(client, leader, "dashboard_service", organisation.slug, alder.pk, period="24")
    timeline = table(longer, "timeline")
    assert len(timeline.rows) == 24
    assert cell(timeline, f"{months_ago(13):%b %Y}", "Concerns raised").text == "14"
    chosen = visit(
        client,
        leader,
        "dashboard_service",
        organisation.slug,
        alder.pk,
        period="custom",
        from_month=f"{months_ago(13):%Y-%m}",
        to_month=f"{months_ago(12):%Y-%m}",
    )
    assert [row.header for row in table(chosen, "timeline").rows] == [
        f"{months_ago(13):%b %Y}",
        f"{months_ago(12):%b %Y}",
    ]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"period": "custom", "from_month": "2025-13"}, "from_month", "for example 2025-04"),
        ({"period": "custom", "to_month": "2025-04"}, "from_month", "Enter the first month"),
        (
            {"period": "custom", "from_month": "2025-06", "to_month": "2025-04"},
            "to_month",
            "same as or after the first",
        ),
        ({"period": "custom", "from_month": "2020-01", "to_month": "2025-04"}, "from_month", "36"),
        ({"period": "5"}, "period", "Select a valid choice"),
    ],
)
def test_filter_errors_are_shown_and_the_last_12_months_used(
    client, organisation, alder, leader, query, field, message
):
    history(alder, "occupancy", [90])
    response = visit(client, leader, "dashboard_overview", organisation.slug, **query)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    content = response.content.decode()
    assert "There is a problem with the filters" in content
    assert "<title>Error:" in content
    assert response.context["dashboard"].months == Months.last(12)


def test_a_month_in_the_future_is_refused():
    following = add_months(this_month(), 1)
    form = DashboardFilterForm(
        {"period": "custom", "from_month": "2025-01", "to_month": f"{following:%Y-%m}"}
    )
    assert not form.is_valid()
    assert "cannot be in the future" in form.errors["to_month"][0]


def test_the_service_filter_narrows_to_one_service_with_its_months(
    client, organisation, alder, birch, leader
):
    history(alder, "learning_completion_rate", [60, 70, 80])
    history(birch, "learning_completion_rate", [50, 50, 50])
    response = visit(client, leader, "dashboard_learning", organisation.slug, service=alder.pk)
    by_service = table(response, "by-service-table")
    assert [row.header for row in by_service.rows] == ["Alder House"]
    assert by_service.total is None  # one service is its own total
    titles = [section.title for section in response.context["dashboard"].sections]
    assert "Month by month at Alder House" in titles
    assert "Learning completed on time at Alder House" in response.content.decode()


def test_a_service_of_another_organisation_is_not_a_choice(
    client, organisation, alder, birch, leader
):
    elsewhere = ServiceFactory(name="Elsewhere House")
    history(alder, "learning_completion_rate", [60])
    response = visit(client, leader, "dashboard_learning", organisation.slug, service=elsewhere.pk)
    assert "Select a valid choice" in response.context["form"].errors["service"][0]
    rows = [row.header for row in table(response, "by-service-table").rows]
    assert rows == ["Alder House", "Birch House"]


# --- Empty states and removed plugins ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "which"),
    [
        ("dashboard_overview", "organisation"),
        ("dashboard_learning", "organisation"),
        ("dashboard_listening", "organisation"),
        ("dashboard_service", "service"),
    ],
)
def test_no_snapshots_yet_points_to_bringing_the_figures_up_to_date(
    client, organisation, alder, leader, name, which
):
    args = [organisation.slug] if which == "organisation" else [organisation.slug, alder.pk]
    response = visit(client, leader, name, *args)
    content = response.content.decode()
    assert "There are no figures for" in content
    assert "bring the figures up to date" in content.lower()
    lines = csv_lines(visit(client, leader, f"{name}_csv", *args))
    assert ["No figures for this period yet."] in lines


def test_figures_of_an_indicator_no_longer_registered_are_still_shown(
    client, organisation, alder, leader
):
    history(alder, "retired_plugin_figure", [5, 6, 7])
    response = visit(client, leader, "dashboard_service", organisation.slug, alder.pk)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Figures from plugins no longer installed" in content
    assert "retired_plugin_figure" in content
    # Its latest figure on the page and in its CSV file; month by month with every group shown.
    lines = csv_lines(visit(client, leader, "dashboard_service_csv", organisation.slug, alder.pk))
    assert any(line[:2] == ["retired_plugin_figure", "7"] for line in lines)
    lines = csv_lines(
        visit(
            client,
            leader,
            "dashboard_service_csv",
            organisation.slug,
            alder.pk,
            show=panels.SHOW_ALL,
        )
    )
    assert ["Month", "retired_plugin_figure", "retired_plugin_figure: people"] in lines


def test_service_view_groups_indicators_with_a_chart_beside_each_table(
    client, organisation, alder, leader
):
    # 400 staff: a month's turnover of 20% a year is 6 or 7 leavers, enough to show.
    history(alder, "staff_turnover", [20, 22, (25, 3), 30], people=400)
    history(alder, "hr_bullying", [(4.0, 8)], min_people=10)
    response = visit(
        client, leader, "dashboard_service", organisation.slug, alder.pk, show=panels.SHOW_ALL
    )
    titles = [section.title for section in response.context["dashboard"].sections]
    assert "Teamwork (PEL subculture)" in titles
    content = response.content.decode()
    assert 'role="img"' in content and "Staff turnover at Alder House" in content
    turnover = table(response, f"chart-{alder.pk}-staff_turnover-table")
    assert [c.text for row in turnover.rows[-4:] for c in row.cells] == [
        "20",
        "22",
        "fewer than 5",
        "30",
    ]
    assert "fewer than 10" in content  # bullying reports: a staff-voice floor
    lines = csv_lines(
        visit(
            client,
            leader,
            "dashboard_service_csv",
            organisation.slug,
            alder.pk,
            show=panels.SHOW_ALL,
        )
    )
    assert [f"{months_ago(1):%b %Y}", "fewer than 5", "fewer than 5"] in lines


# --- Learning and listening -------------------------------------------------------------------


def test_learning_ranks_principles_per_service_from_shown_months_only(
    client, organisation, alder, leader
):
    history(alder, "harmful_choice_rate:dignity", [40, 50])
    # From 60 people: 6 and 12 harmful choices, enough to show.
    history(alder, "harmful_choice_rate:mca_1", [10, 20], people=60)
    history(alder, "harmful_choice_rate:listening", [(90, 3)])
    response = visit(client, leader, "dashboard_learning", organisation.slug)
    ranking = table(response, f"chart-harmful-{alder.pk}-table")
    assert [(row.header, row.cells[0].text) for row in ranking.rows] == [
        ("Dignity and respect", "45%"),
        ("MCA principle 1: assume capacity", "15%"),
    ]
    content = response.content.decode()
    # The learning plugin registers completion per path and per role, so both tables show,
    # even before any month has a figure.
    assert "is not collected yet" not in content
    by_path = table(response, "by-path-table")
    assert "Learning completed on time: Spotting the red flags of closed cultures" in [
        row.header for row in by_path.rows
    ]
    by_role = table(response, "by-role-table")
    assert "Learning completed on time: Staff" in [row.header for row in by_role.rows]
    lines = csv_lines(visit(client, leader, "dashboard_learning_csv", organisation.slug))
    assert ["Dignity and respect", "45%", "2"] in lines
    assert not any("90" in value for line in lines for value in line)


def test_a_path_the_organisation_wrote_shows_beside_the_bundled_ones(
    client, organisation, alder, leader
):
    from tests.learning.test_enrolment import make_path

    handover = make_path(organisation, title="Safe handovers at night")
    theirs = make_path(OrganisationFactory(), title="Another organisation's path")
    own = "Learning completed on time: Safe handovers at night"
    # Before any month has a figure, as the bundled paths do.
    response = visit(client, leader, "dashboard_learning", organisation.slug)
    headers = [row.header for row in table(response, "by-path-table").rows]
    assert own in headers
    assert f"Learning completed on time: {theirs.title}" not in headers
    # And its figures, under its title, on the page and in the CSV.
    history(alder, f"learning_completion_rate:path:{handover.pk}", [70, 80], people=20)
    response = visit(client, leader, "dashboard_learning", organisation.slug)
    assert cell(table(response, "by-path-table"), own, "Alder House").text == "80%"
    lines = csv_lines(visit(client, leader, "dashboard_learning_csv", organisation.slug))
    assert csv_row(lines, own)[1] == "80%"


def test_listening_view_for_leaders_and_safeguarding_leads(client, organisation, alder, leader):
    history(alder, "concerns_acknowledged_on_time", [90, 95, 100])
    history(alder, "repeated_themes", [1, 2, 3])
    safeguarding = member(Role.SAFEGUARDING_LEAD, organisation=organisation)
    for person in (leader, safeguarding):
        response = visit(client, person, "dashboard_listening", organisation.slug)
        assert response.status_code == 200
        timeliness = table(response, "concern-timeliness-table")
        assert cell(timeliness, "Alder House", "Concerns acknowledged on time").text == "100%"
    assert visit(client, safeguarding, "dashboard_overview", organisation.slug).status_code == 403
    assert response.context["views_nav"][0]["label"] == "Listening"
    assert len(response.context["views_nav"]) == 1
    # The co-production plugin registers feedback by theme and by channel, so both tables show,
    # even before any month has a figure.
    assert "is not collected yet" not in response.content.decode()
    by_channel = table(response, "feedback-by-channel")
    assert "Feedback by channel: Family forum" in [row.header for row in by_channel.rows]


def test_listening_view_shows_a_themes_monthly_counts(client, organisation, alder, birch, leader):
    history(alder, "feedback_theme:hm_not_listening", [4, 6, 9])
    history(birch, "feedback_theme:hm_not_listening", [7, (3, 3)])
    response = visit(client, leader, "dashboard_listening", organisation.slug)
    by_theme = table(response, "feedback-by-theme")
    assert cell(by_theme, "Feedback by theme: Not listening", "Alder House").text == "9"
    # Birch's last month rests on 3 pieces of feedback: withheld, not shown as 3.
    assert cell(by_theme, "Feedback by theme: Not listening", "Birch House").text == "fewer than 5"
    lines = csv_lines(visit(client, leader, "dashboard_listening_csv", organisation.slug))
    assert csv_row(lines, "Feedback by theme: Not listening")[1] == "9"


# --- Who sees what ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["dashboard_overview", "dashboard_learning_csv", "dashboard_listening"]
)
def test_another_organisations_leader_finds_nothing(client, organisation, alder, name):
    outsider = member(Role.LEADER, organisation=OrganisationFactory())
    assert visit(client, outsider, name, organisation.slug).status_code == 404
    service = visit(client, outsider, "dashboard_service", organisation.slug, alder.pk)
    assert service.status_code == 404
    # Nor under their own organisation's address.
    own = outsider.memberships.get().organisation.slug
    assert visit(client, outsider, "dashboard_service", own, alder.pk).status_code == 404


def test_a_leader_of_one_service_sees_that_service_only(client, organisation, alder, birch):
    service_leader = member(Role.LEADER, service=alder)
    history(alder, "occupancy", [90])
    history(birch, "occupancy", [80])
    response = visit(client, service_leader, "dashboard_overview", organisation.slug)
    assert [row.header for row in table(response, "overview").rows] == ["Alder House"]
    assert (
        visit(client, service_leader, "dashboard_service", organisation.slug, birch.pk).status_code
        == 403
    )


def test_the_dashboards_link_goes_to_the_one_organisation_or_offers_a_choice(
    client, organisation, leader
):
    client.force_login(leader)
    response = client.get(reverse("leadership:dashboards"))
    assert response["Location"] == reverse(
        "leadership:dashboard_overview", args=[organisation.slug]
    )
    other = OrganisationFactory(name="Oak Care")
    leader.memberships.create(organisation=other, role=Role.SAFEGUARDING_LEAD)
    client.force_login(leader)
    content = client.get(reverse("leadership:dashboards")).content.decode()
    assert "Willow Care" in content and "Oak Care" in content
    assert reverse("leadership:dashboard_listening", args=[other.slug]) in content


def test_navigation_and_home_panel(organisation, alder, leader):
    RedFlag.objects.create(
        service=alder,
        rule="turnover_rising",
        start=months_ago(0),
        end=add_months(months_ago(0), 1),
        stream="workforce",
        summary="Staff turnover is rising.",
    )
    request = RequestFactory().get("/")
    request.user = leader
    assert label_and_url(wagtail_hooks.dashboards_navigation(request)) == (
        "Dashboards",
        reverse("leadership:dashboards"),
    )
    panel = wagtail_hooks.dashboards_home_panel(request)
    assert panel.items == [
        (
            "Willow Care: 1 active red flag",
            reverse("leadership:dashboard_overview", args=[organisation.slug]),
        )
    ]
    request.user = member(Role.STAFF, service=alder)
    assert wagtail_hooks.dashboards_navigation(request) is None
    assert wagtail_hooks.dashboards_home_panel(request) is None
