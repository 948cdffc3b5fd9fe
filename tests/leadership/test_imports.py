"""CSV imports of HR, rota, occupancy and complaints figures: every check a file goes through,
reported by line and column; nothing saved from a file with a problem; replacing a period,
refusing an overlap, deleting with a record of who did it; the templates; and who may see what."""

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms.organisations.models import Role
from leadership.imports import selectors, services
from leadership.imports.models import ComplaintsMonth, DataImport, HRMonth, OccupancyMonth, RotaWeek
from leadership.imports.services import ImportRefused, Problem
from leadership.imports.wagtail_hooks import data_imports_navigation
from tests.cms.factories import (
    MembershipFactory,
    OrganisationFactory,
    ServiceFactory,
    member,
    superuser,
)
from tests.leadership.factories import (
    DataImportFactory,
    HRMonthFactory,
    RotaWeekFactory,
    last_whole_month,
    last_whole_week,
)
from tests.navigation import label_and_url

Kind = DataImport.Kind
TODAY = date(2025, 6, 18)  # a Wednesday

HR_HEADER = (
    "service,month,headcount,starters,leavers,leavers_under_one_year,sickness_days_lost,"
    "working_days_available,bullying_reports,grievance_reports,cases_closed_informally"
)
ROTA_HEADER = "service,week_start,person_code,hours,contract"
OCCUPANCY_HEADER = (
    "service,month,available_bed_nights,occupied_bed_nights,planned_closure_bed_nights"
)
COMPLAINTS_HEADER = "service,month,received,responded,upheld"
SERVICES = [SimpleNamespace(name="Oak House"), SimpleNamespace(name="Elm Court")]


def hr_line(service="Oak House", month="2025-01", **overrides):
    figures = {
        "headcount": "40",
        "starters": "2",
        "leavers": "3",
        "leavers_under_one_year": "1",
        "sickness_days_lost": "24.5",
        "working_days_available": "840",
        "bullying_reports": "0",
        "grievance_reports": "1",
        "cases_closed_informally": "0",
    }
    figures.update(overrides)
    return ",".join([service, month, *figures.values()])


def csv_text(header, *lines):
    return "\n".join([header, *lines]) + "\n"


def read(kind, text):
    return services.read_csv(
        kind, text, organisation_name="Table Care", services=SERVICES, today=TODAY
    )


def problems_of(kind, text):
    with pytest.raises(ImportRefused) as refused:
        read(kind, text)
    return [(problem.line, problem.column, problem.message) for problem in refused.value.problems]


def only_problem(kind, text):
    problems = problems_of(kind, text)
    assert len(problems) == 1, problems
    return problems[0]


# --- Reading a good file ------------------------------------------------------------------------


def test_a_good_hr_file_gives_its_rows_and_the_whole_months_it_covers():
    parsed = read(
        Kind.HR,
        csv_text(
            HR_HEADER,
            hr_line(month="2025-01"),
            hr_line("elm court", month="2025-03"),
            hr_line(month="2025-02"),
        ),
    )
    assert (parsed.period_start, parsed.period_end) == (date(2025, 1, 1), date(2025, 3, 31))
    assert parsed.period_text == "January to March 2025"
    assert len(parsed.rows) == 3
    first = parsed.rows[0]
    assert first["service"] is SERVICES[0]
    assert first["month"] == date(2025, 1, 1)
    assert first["sickness_days_lost"] == Decimal("24.5")
    assert first["leavers_under_one_year"] == 1
    # Names are matched without regard to capitals.
    assert parsed.rows[1]["service"] is SERVICES[1]


def test_a_rota_file_covers_whole_weeks_monday_to_sunday_and_accepts_any_column_order():
    text = csv_text(
        "contract,hours,person_code,week_start,service",
        "Agency,48,S0001,2025-01-06,Oak House",
        "bank,37.25,S0002,2025-01-13,Oak House",
    )
    parsed = read(Kind.ROTA, text)
    assert (parsed.period_start, parsed.period_end) == (date(2025, 1, 6), date(2025, 1, 19))
    assert [row["contract"] for row in parsed.rows] == ["agency", "bank"]
    assert parsed.rows[1]["hours"] == Decimal("37.25")


def test_excel_utf8_with_a_byte_order_mark_blank_lines_and_crlf_are_accepted():
    data = (
        ("\ufeff" + csv_text(COMPLAINTS_HEADER, "Oak House,2025-02,3,2,1", ",,,,", ""))
        .replace("\n", "\r\n")
        .encode("utf-8")
    )
    parsed = read(Kind.COMPLAINTS, services.decode_csv(data))
    assert len(parsed.rows) == 1
    assert parsed.rows[0]["received"] == 3


def test_headings_may_have_spaces_and_capitals():
    parsed = read(
        Kind.COMPLAINTS,
        csv_text(" Service ,MONTH,received,responded,upheld", "Oak House,2025-02,3,2,1"),
    )
    assert parsed.rows[0]["month"] == date(2025, 2, 1)


# --- Each check, with its line and column -------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "column", "words"),
    [
        ({"headcount": "forty"}, "headcount", "“forty” is not a number"),
        ({"headcount": '"1,200"'}, "headcount", "is not a number"),
        ({"starters": "-1"}, "starters", "-1 is negative"),
        ({"grievance_reports": "1.5"}, "grievance_reports", "not a whole number"),
        ({"bullying_reports": ""}, "bullying_reports", "Missing"),
        ({"sickness_days_lost": "2.25"}, "sickness_days_lost", "too many decimal places"),
        (
            {"leavers": "1", "leavers_under_one_year": "2"},
            "leavers_under_one_year",
            "Leavers under one year (2) is more than leavers (1)",
        ),
        (
            {"sickness_days_lost": "900", "working_days_available": "840"},
            "sickness_days_lost",
            "more than working days available",
        ),
    ],
)
def test_a_bad_hr_cell_is_reported_at_its_line_and_column(overrides, column, words):
    text = csv_text(HR_HEADER, hr_line(month="2025-01"), hr_line(month="2025-02", **overrides))
    line, reported_column, message = only_problem(Kind.HR, text)
    assert (line, reported_column) == (3, column)
    assert words in message


@pytest.mark.parametrize(
    ("month", "words"),
    [
        ("2025-1", "not a month written as YYYY-MM"),
        ("Jan-25", "not a month written as YYYY-MM"),
        ("2025-13", "not a month written as YYYY-MM"),
        ("01/2025", "not a month written as YYYY-MM"),
        ("", "Missing"),
        ("2025-07", "July 2025 has not started yet"),
        ("1925-01", "The year 1925 looks wrong"),
    ],
)
def test_a_month_not_written_as_yyyy_mm_is_refused(month, words):
    line, column, message = only_problem(Kind.HR, csv_text(HR_HEADER, hr_line(month=month)))
    assert (line, column) == (2, "month")
    assert words in message


def test_an_unknown_service_is_refused_naming_the_services_there_are():
    line, column, message = only_problem(
        Kind.COMPLAINTS,
        csv_text(COMPLAINTS_HEADER, "Oak House,2025-02,1,1,0", "Ash Lodge,2025-02,1,1,0"),
    )
    assert (line, column) == (3, "service")
    assert "There is no service called “Ash Lodge” in Table Care" in message
    assert "Elm Court, Oak House" in message


def test_a_duplicate_service_and_month_is_refused_at_the_second_line():
    text = csv_text(
        COMPLAINTS_HEADER,
        "Oak House,2025-02,1,1,0",
        "Elm Court,2025-02,1,1,0",
        "oak house,2025-02,2,2,0",
    )
    assert only_problem(Kind.COMPLAINTS, text) == (
        4,
        "month",
        "Oak House already has a row for February 2025, on line 2.",
    )


def test_occupied_beds_more_than_available_is_refused():
    text = csv_text(OCCUPANCY_HEADER, "Oak House,2025-02,840,850,0")
    assert only_problem(Kind.OCCUPANCY, text) == (
        2,
        "occupied_bed_nights",
        "Occupied bed-nights (850) is more than available bed-nights (840).",
    )


@pytest.mark.parametrize(
    ("cells", "column", "words"),
    [
        ("2025-01-07,S1,37.5,permanent", "week_start", "is a Tuesday, not a Monday"),
        ("2025-01-07,S1,37.5,permanent", "week_start", "starts on Monday 6 January 2025"),
        ("06/01/2025,S1,37.5,permanent", "week_start", "not a date written as YYYY-MM-DD"),
        ("2025-02-30,S1,37.5,permanent", "week_start", "not a date written as YYYY-MM-DD"),
        ("2025-06-23,S1,37.5,permanent", "week_start", "has not started yet"),
        ("2025-01-06,S1,168.5,permanent", "hours", "more than 168"),
        ("2025-01-06,S1,37.125,permanent", "hours", "too many decimal places"),
        ("2025-01-06,S1,-3,permanent", "hours", "negative"),
        ("2025-01-06,S1,37.5,zero hours", "contract", "not one of permanent, bank or agency"),
        ("2025-01-06,Jane Smith,37.5,permanent", "person_code", "use a code, not a name"),
        ('2025-01-06,"Smith, Jane",37.5,permanent', "person_code", "use a code, not a name"),
        ("2025-01-06,Mary-Jane O'Neil,37.5,permanent", "person_code", "use a code, not a name"),
        ("2025-01-06,jane@example.org,37.5,permanent", "person_code", "use a code, not a name"),
        ("2025-01-06,S 001,37.5,permanent", "person_code", "A code has no spaces"),
        ("2025-01-06,S#1,37.5,permanent", "person_code", "Use only letters, numbers"),
        ("2025-01-06," + "S" * 41 + ",37.5,permanent", "person_code", "at most 40"),
        ("2025-01-06,,37.5,permanent", "person_code", "Missing"),
    ],
)
def test_a_bad_rota_cell_is_reported_at_its_line_and_column(cells, column, words):
    text = csv_text(ROTA_HEADER, "Oak House,2025-01-06,S0,40,agency", f"Oak House,{cells}")
    line, reported_column, message = only_problem(Kind.ROTA, text)
    assert (line, reported_column) == (3, column)
    assert words in message


def test_168_hours_is_the_most_allowed():
    parsed = read(Kind.ROTA, csv_text(ROTA_HEADER, "Oak House,2025-01-06,S1,168,agency"))
    assert parsed.rows[0]["hours"] == Decimal("168")


def test_the_same_person_twice_in_one_week_at_one_service_is_refused_but_not_at_two():
    text = csv_text(
        ROTA_HEADER,
        "Oak House,2025-01-06,S1,20,bank",
        "Elm Court,2025-01-06,S1,20,bank",
        "Oak House,2025-01-06,S1,10,bank",
    )
    assert only_problem(Kind.ROTA, text) == (
        4,
        "person_code",
        "S1 already has a row for Oak House in the week of 6 January 2025, on line 2.",
    )


def test_every_bad_line_is_reported_not_only_the_first():
    text = csv_text(
        HR_HEADER,
        hr_line(month="2025-01", headcount="x"),
        hr_line(month="2025-02"),
        hr_line("Nowhere", month="2025-03", starters="-1"),
        hr_line(month="2025-04", leavers="0"),
    )
    assert [(line, column) for line, column, _ in problems_of(Kind.HR, text)] == [
        (2, "headcount"),
        (4, "service"),
        (4, "starters"),
        (5, "leavers_under_one_year"),
    ]


def test_a_line_with_more_cells_than_columns_is_refused():
    text = csv_text(COMPLAINTS_HEADER, "Oak House,2025-02,1,1,0,,surprise")
    line, column, message = only_problem(Kind.COMPLAINTS, text)
    assert (line, column) == (2, "")
    assert "more cells than there are columns (5)" in message


def test_months_with_a_gap_are_refused():
    text = csv_text(COMPLAINTS_HEADER, "Oak House,2025-01,1,1,0", "Oak House,2025-04,1,1,0")
    line, column, message = only_problem(Kind.COMPLAINTS, text)
    assert (line, column) == (None, "month")
    assert "no rows for February 2025, March 2025" in message


def test_weeks_with_a_gap_are_refused():
    text = csv_text(
        ROTA_HEADER, "Oak House,2025-01-06,S1,20,bank", "Oak House,2025-01-20,S1,20,bank"
    )
    assert "no rows for the week of 13 January 2025" in only_problem(Kind.ROTA, text)[2]


def test_lines_are_counted_as_a_spreadsheet_shows_rows_even_with_a_line_break_in_a_cell():
    text = csv_text(COMPLAINTS_HEADER, '"Oak\nHouse",2025-02,1,1,0', "Oak House,2025-02,x,1,0")
    assert [(line, column) for line, column, _ in problems_of(Kind.COMPLAINTS, text)] == [
        (2, "service"),
        (3, "received"),
    ]


@pytest.mark.parametrize(
    ("kind", "start", "end", "words"),
    [
        (Kind.HR, date(2025, 1, 1), date(2025, 1, 31), "January 2025"),
        (Kind.HR, date(2024, 11, 1), date(2025, 2, 28), "November 2024 to February 2025"),
        (Kind.ROTA, date(2025, 1, 6), date(2025, 1, 12), "the week of 6 January 2025"),
        (Kind.ROTA, date(2025, 1, 6), date(2025, 1, 26), "the weeks of 6 to 20 January 2025"),
        (
            Kind.ROTA,
            date(2025, 1, 27),
            date(2025, 2, 9),
            "the weeks of 27 January to 3 February 2025",
        ),
        (
            Kind.ROTA,
            date(2024, 12, 30),
            date(2025, 1, 12),
            "the weeks of 30 December 2024 to 6 January 2025",
        ),
    ],
)
def test_periods_in_words(kind, start, end, words):
    assert services.describe_period(kind, start, end) == words


# --- The file as a whole ------------------------------------------------------------------------


def test_an_empty_file_is_refused():
    assert only_problem(Kind.HR, "") == (
        None,
        "",
        "The file is empty. Download the template and fill it in.",
    )
    assert only_problem(Kind.HR, " \n\n")[2].startswith("The file is empty")


def test_headings_without_rows_are_refused():
    assert "no rows of figures" in only_problem(Kind.HR, HR_HEADER + "\n,,,\n")[2]


def test_missing_and_unknown_headings_are_each_reported_on_line_1():
    header = "service,month,received,upheld,notes"
    problems = problems_of(Kind.COMPLAINTS, csv_text(header, "Oak House,2025-02,1,0,hello"))
    assert [(line, column) for line, column, _ in problems] == [(1, "notes"), (1, "responded")]
    assert "no column called “notes”" in problems[0][2]
    assert "This column is missing" in problems[1][2]


def test_an_extra_column_is_refused_even_when_every_column_is_there_and_rows_are_checked_too():
    header = COMPLAINTS_HEADER + ",notes"
    problems = problems_of(Kind.COMPLAINTS, csv_text(header, "Oak House,2025-02,x,1,0,ok"))
    assert [(line, column) for line, column, _ in problems] == [(1, "notes"), (2, "received")]


def test_a_repeated_heading_and_a_column_without_a_heading_are_refused():
    header = "service,month,,received,responded,upheld,received,,"
    text = csv_text(header, "Oak House,2025-02,,1,1,0,1,,")
    problems = problems_of(Kind.COMPLAINTS, text)
    assert [(line, column) for line, column, _ in problems] == [(1, "C"), (1, "received")]
    assert "no heading" in problems[0][2]
    assert "appears more than once" in problems[1][2]


def test_the_headings_of_another_kind_suggest_choosing_that_kind():
    problems = problems_of(Kind.HR, csv_text(ROTA_HEADER, "Oak House,2025-01-06,S1,20,bank"))
    assert any("These are the columns of a rota file" in message for _, _, message in problems)
    # Issue 14: the hint comes first, before the column problems that follow from it.
    assert problems[0][2].startswith("These are the columns of a rota file")
    assert len(problems) > 1


def test_semicolons_instead_of_commas_are_explained():
    text = "service;month;received;responded;upheld\nOak House;2025-02;1;1;0\n"
    assert "separated by semicolons" in only_problem(Kind.COMPLAINTS, text)[2]


def test_a_file_not_saved_as_utf8_is_refused_at_the_line_of_the_first_bad_byte():
    data = csv_text(COMPLAINTS_HEADER, "Oak House,2025-02,1,1,0", "Caf\xe9 Court,2025-02,1,1,0")
    with pytest.raises(ImportRefused) as refused:
        services.decode_csv(data.encode("latin-1"))
    [problem] = refused.value.problems
    assert problem.line == 3
    assert "not saved as UTF-8" in problem.message


def test_a_refusal_is_a_validation_error_whose_messages_name_line_and_column():
    with pytest.raises(ImportRefused) as refused:
        read(Kind.COMPLAINTS, csv_text(COMPLAINTS_HEADER, "Oak House,2025-02,x,1,0"))
    assert refused.value.messages == [
        "Line 2, column received: “x” is not a number. Write "
        "digits only, without commas, spaces or units."
    ]
    assert str(Problem(None, "", "Whole file.")) == "Whole file."


# --- Saving -------------------------------------------------------------------------------------

db = pytest.mark.django_db


def upload(text, name="figures.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def stored():
    return {
        model.__name__: model.objects.count()
        for model in (DataImport, HRMonth, RotaWeek, OccupancyMonth, ComplaintsMonth)
    }


NOTHING = {
    "DataImport": 0,
    "HRMonth": 0,
    "RotaWeek": 0,
    "OccupancyMonth": 0,
    "ComplaintsMonth": 0,
}


@pytest.fixture
def organisation():
    organisation = OrganisationFactory(name="Table Care")
    ServiceFactory(organisation=organisation, name="Oak House")
    ServiceFactory(organisation=organisation, name="Elm Court")
    return organisation


@pytest.fixture
def hr(organisation):
    return member(Role.HR, organisation=organisation, first_name="Hana", last_name="Reid")


@pytest.fixture
def admin(organisation):
    return member(Role.ORGANISATION_ADMIN, organisation=organisation)


def import_(organisation, kind, text, by, name="figures.csv"):
    return services.import_csv(organisation, kind, upload(text, name), by, today=TODAY)


@db
def test_a_good_file_stores_its_rows(organisation, hr):
    text = csv_text(
        HR_HEADER,
        hr_line(month="2025-01"),
        hr_line("Elm Court", month="2025-01"),
        hr_line(month="2025-02", headcount="41"),
    )
    data_import = import_(organisation, Kind.HR, text, hr, name="hr-q1.csv")
    assert data_import.replaced is None
    assert (data_import.period_start, data_import.period_end) == (
        date(2025, 1, 1),
        date(2025, 2, 28),
    )
    assert (data_import.row_count, data_import.file_name, data_import.uploaded_by) == (
        3,
        "hr-q1.csv",
        hr,
    )
    assert stored() == {**NOTHING, "DataImport": 1, "HRMonth": 3}
    row = HRMonth.objects.get(service__name="Oak House", month=date(2025, 2, 1))
    assert (row.data_import, row.headcount) == (data_import, 41)


@db
@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (Kind.HR, csv_text(HR_HEADER, hr_line(), hr_line("Elm Court", headcount="-4"))),
        (
            Kind.ROTA,
            csv_text(
                ROTA_HEADER,
                "Oak House,2025-01-06,S1,20,bank",
                "Oak House,2025-01-06,Jo Bloggs,20,bank",
            ),
        ),
        (
            Kind.OCCUPANCY,
            csv_text(
                OCCUPANCY_HEADER, "Oak House,2025-01,900,800,0", "Elm Court,2025-01,900,901,0"
            ),
        ),
        (
            Kind.COMPLAINTS,
            csv_text(COMPLAINTS_HEADER, "Oak House,2025-01,1,1,0", "Elm Court,2025-1,1,1,0"),
        ),
    ],
)
def test_a_file_with_one_bad_line_stores_nothing_at_all(organisation, hr, kind, text):
    with pytest.raises(ImportRefused) as refused:
        import_(organisation, kind, text, hr)
    assert [problem.line for problem in refused.value.problems] == [3]
    assert stored() == NOTHING


@db
def test_a_file_too_large_is_refused_before_it_is_read(organisation, hr, monkeypatch):
    monkeypatch.setattr(services, "MAX_FILE_BYTES", 100)
    text = csv_text(COMPLAINTS_HEADER, *[f"Oak House,2025-0{m},1,1,0" for m in range(1, 6)])
    with pytest.raises(ImportRefused) as refused:
        import_(organisation, Kind.COMPLAINTS, text, hr)
    assert "larger than 5 MB" in refused.value.problems[0].message
    assert stored() == NOTHING


@db
def test_a_file_not_in_utf8_stores_nothing(organisation, hr):
    text = csv_text(COMPLAINTS_HEADER, "Oak House,2025-02,1,1,0 \xa3")
    with pytest.raises(ImportRefused) as refused:
        services.import_csv(
            organisation, Kind.COMPLAINTS, upload(text, encoding="latin-1"), hr, today=TODAY
        )
    assert refused.value.problems[0].line == 2
    assert stored() == NOTHING


@db
def test_a_service_of_another_organisation_is_unknown(organisation, hr):
    ServiceFactory(name="Far Away")
    with pytest.raises(ImportRefused) as refused:
        import_(
            organisation, Kind.COMPLAINTS, csv_text(COMPLAINTS_HEADER, "Far Away,2025-02,1,1,0"), hr
        )
    assert (refused.value.problems[0].line, refused.value.problems[0].column) == (2, "service")


@db
def test_uploading_the_same_period_again_replaces_it_and_records_the_replacement(
    organisation, hr, admin
):
    first = import_(
        organisation,
        Kind.COMPLAINTS,
        csv_text(
            COMPLAINTS_HEADER,
            "Oak House,2025-01,1,1,0",
            "Elm Court,2025-01,2,2,0",
            "Oak House,2025-02,3,3,0",
        ),
        hr,
        name="first.csv",
    )
    first_pk = first.pk
    second = import_(
        organisation,
        Kind.COMPLAINTS,
        csv_text(COMPLAINTS_HEADER, "Oak House,2025-01,5,5,1", "Oak House,2025-02,6,6,1"),
        admin,
        name="corrected.csv",
    )
    assert second.replaced.file_name == "first.csv"
    assert stored() == {**NOTHING, "DataImport": 1, "ComplaintsMonth": 2}
    assert list(ComplaintsMonth.objects.order_by("month").values_list("received", flat=True)) == [
        5,
        6,
    ]
    assert DataImport.objects.get().uploaded_by == admin
    entry = ModelLogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(DataImport), object_id=str(first_pk)
    )
    assert (entry.action, entry.user) == ("wagtail.delete", admin)
    assert entry.data["replaced_by_file"] == "corrected.csv"
    assert entry.data["row_count"] == 3


@db
def test_a_bad_replacement_leaves_the_earlier_import_as_it_was(organisation, hr):
    import_(
        organisation, Kind.COMPLAINTS, csv_text(COMPLAINTS_HEADER, "Oak House,2025-01,1,1,0"), hr
    )
    with pytest.raises(ImportRefused):
        import_(
            organisation,
            Kind.COMPLAINTS,
            csv_text(COMPLAINTS_HEADER, "Oak House,2025-01,x,1,0"),
            hr,
        )
    assert stored() == {**NOTHING, "DataImport": 1, "ComplaintsMonth": 1}


@db
def test_a_file_overlapping_a_different_period_is_refused_naming_the_earlier_import(
    organisation, hr
):
    earlier = import_(
        organisation,
        Kind.HR,
        csv_text(HR_HEADER, hr_line(month="2025-01"), hr_line(month="2025-02")),
        hr,
        name="jan-feb.csv",
    )
    with pytest.raises(ImportRefused) as refused:
        import_(
            organisation,
            Kind.HR,
            csv_text(HR_HEADER, hr_line(month="2025-02"), hr_line(month="2025-03")),
            hr,
        )
    assert refused.value.conflict == earlier
    [problem] = refused.value.problems
    assert "overlaps the HR file for January to February 2025" in problem.message
    assert "“jan-feb.csv”" in problem.message
    assert "February to March 2025" in problem.message
    assert stored() == {**NOTHING, "DataImport": 1, "HRMonth": 2}


@db
def test_other_kinds_and_other_organisations_do_not_overlap(organisation, hr):
    import_(organisation, Kind.HR, csv_text(HR_HEADER, hr_line(month="2025-01")), hr)
    import_(
        organisation, Kind.COMPLAINTS, csv_text(COMPLAINTS_HEADER, "Oak House,2025-01,1,1,0"), hr
    )
    elsewhere = OrganisationFactory()
    ServiceFactory(organisation=elsewhere, name="Oak House")
    import_(elsewhere, Kind.HR, csv_text(HR_HEADER, hr_line(month="2025-01")), hr)
    assert stored() == {**NOTHING, "DataImport": 3, "HRMonth": 2, "ComplaintsMonth": 1}


@db
def test_the_next_period_beside_an_earlier_one_is_accepted(organisation, hr):
    import_(organisation, Kind.ROTA, csv_text(ROTA_HEADER, "Oak House,2025-01-06,S1,20,bank"), hr)
    later = import_(
        organisation, Kind.ROTA, csv_text(ROTA_HEADER, "Oak House,2025-01-13,S1,20,bank"), hr
    )
    assert (later.period_start, later.period_end) == (date(2025, 1, 13), date(2025, 1, 19))
    assert RotaWeek.objects.count() == 2


@db
def test_deleting_an_import_removes_its_rows_and_records_who(organisation, hr):
    data_import = import_(
        organisation, Kind.OCCUPANCY, csv_text(OCCUPANCY_HEADER, "Oak House,2025-01,900,800,0"), hr
    )
    pk = data_import.pk
    services.import_delete(data_import, hr)
    assert stored() == NOTHING
    entry = ModelLogEntry.objects.get(object_id=str(pk), action="wagtail.delete")
    assert entry.user == hr
    assert entry.data["kind"] == "occupancy"


# --- Templates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", Kind.values)
def test_each_template_has_every_column_and_reads_back_without_problems(kind):
    header, example = services.template_rows(kind, "Oak House", today=TODAY)
    assert header == services.SPECS[kind].column_names
    parsed = read(kind, csv_text(",".join(header), ",".join(example)))
    assert len(parsed.rows) == 1


# --- Pages --------------------------------------------------------------------------------------


def list_url(organisation):
    return reverse("leadership:import_list", args=[organisation.slug])


def post_file(client, organisation, kind, text, name="figures.csv"):
    return client.post(list_url(organisation), {"kind": kind, "file": upload(text, name)})


LAST_MONTH = last_whole_month()[0]
LAST_MONDAY = last_whole_week()[0]


@db
def test_the_imports_page_lists_uploads_and_shows_an_empty_state(client, organisation, hr):
    client.force_login(hr)
    response = client.get(list_url(organisation))
    assert response.status_code == 200
    assert "No files have been uploaded for Table Care yet" in response.text
    DataImportFactory(
        organisation=organisation,
        kind=Kind.HR,
        uploaded_by=hr,
        row_count=12,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 3, 31),
        file_name="hr-q1.csv",
    )
    response = client.get(list_url(organisation))
    assert "No files have been uploaded" not in response.text
    assert "January to March 2025" in response.text
    assert "hr-q1.csv" in response.text
    assert "Hana Reid" in response.text
    assert reverse("leadership:import_template", args=[organisation.slug, "rota"]) in response.text
    assert "Never a name or email address" in response.text


@db
def test_the_list_is_paginated(client, organisation, hr):
    for month in range(1, 27):
        start = date(2023 + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        DataImportFactory(organisation=organisation, kind=Kind.COMPLAINTS, period_start=start)
    client.force_login(hr)
    first = client.get(list_url(organisation))
    second = client.get(list_url(organisation), {"page": 2})
    assert len(first.context["page_obj"]) == 25
    assert len(second.context["page_obj"]) == 1


@db
def test_uploading_a_bad_file_shows_every_problem_by_line_and_column_and_saves_nothing(
    client, organisation, hr
):
    client.force_login(hr)
    month = f"{LAST_MONTH:%Y-%m}"
    text = csv_text(
        HR_HEADER, hr_line(month=month, headcount="lots"), hr_line("Nowhere", month=month)
    )
    response = post_file(client, organisation, Kind.HR, text, name="bad-hr.csv")
    assert response.status_code == 400  # a page shown with errors, as every form page (cms.views)
    page = response.text
    assert "<title>Error: Data imports" in page
    assert "There is a problem" in page
    assert "“bad-hr.csv” was not imported and nothing from it has been saved" in page
    assert "<td>2</td><td>headcount</td><td>“lots” is not a number" in page
    assert "<td>3</td><td>service</td><td>There is no service called “Nowhere”" in page
    assert stored() == NOTHING


@db
def test_an_overlap_refusal_links_to_the_earlier_import(client, organisation, hr):
    earlier = DataImportFactory(
        organisation=organisation, kind=Kind.COMPLAINTS, period_start=LAST_MONTH
    )
    client.force_login(hr)
    before = (LAST_MONTH - timedelta(days=1)).replace(day=1)
    text = csv_text(
        COMPLAINTS_HEADER, f"Oak House,{before:%Y-%m},1,1,0", f"Oak House,{LAST_MONTH:%Y-%m},1,1,0"
    )
    response = post_file(client, organisation, Kind.COMPLAINTS, text)
    assert "which overlaps the complaints file" in response.text
    assert (
        reverse("leadership:import_delete", args=[organisation.slug, earlier.pk]) in response.text
    )
    assert stored() == {**NOTHING, "DataImport": 1}


@db
def test_the_form_asks_for_a_kind_and_a_file(client, organisation, hr):
    client.force_login(hr)
    response = client.post(list_url(organisation), {})
    assert "Choose what the file holds." in response.text
    assert "Choose a CSV file to upload." in response.text
    response = client.post(list_url(organisation), {"kind": "hr", "file": upload("", "empty.csv")})
    assert "The file is empty" in response.text


@db
def test_uploading_a_good_file_then_the_same_period_again_replaces_it(client, organisation, hr):
    client.force_login(hr)
    text = csv_text(
        ROTA_HEADER,
        f"Oak House,{LAST_MONDAY},S1,50,permanent",
        f"Oak House,{LAST_MONDAY},S2,30,agency",
    )
    response = post_file(client, organisation, Kind.ROTA, text)
    first = DataImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "leadership:import_detail", args=[organisation.slug, first.pk]
    )
    page = client.get(response["Location"]).text
    assert "Rota figures for the week of" in page and "imported: 2 rows saved" in page
    assert "<td>2</td><td>80</td><td>30</td>" in page  # people, hours, agency or bank
    response = post_file(
        client,
        organisation,
        Kind.ROTA,
        csv_text(ROTA_HEADER, f"Oak House,{LAST_MONDAY},S1,45,permanent"),
    )
    assert "replaced: 1 row saved" in client.get(response["Location"]).text
    assert stored() == {**NOTHING, "DataImport": 1, "RotaWeek": 1}


@db
@pytest.mark.parametrize("kind", Kind.values)
def test_the_downloaded_template_imports_as_it_is(client, organisation, hr, kind):
    client.force_login(hr)
    response = client.get(reverse("leadership:import_template", args=[organisation.slug, kind]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{kind}-template.csv"' in response["Content-Disposition"]
    data = response.getvalue()
    assert data.startswith("\ufeff".encode())
    data_import = services.import_csv(
        organisation, kind, SimpleUploadedFile("template.csv", data), hr
    )
    assert data_import.row_count == 1
    assert data.decode("utf-8-sig").splitlines()[1].startswith("Elm Court,")  # first by name


@db
def test_an_unknown_template_kind_is_not_found(client, organisation, hr):
    client.force_login(hr)
    response = client.get(reverse("leadership:import_template", args=[organisation.slug, "pay"]))
    assert response.status_code == 404


@db
def test_a_monthly_import_shows_its_rows(client, organisation, hr):
    row = HRMonthFactory(
        data_import__organisation=organisation,
        headcount=57,
        service=organisation.services.get(name="Oak House"),
    )
    client.force_login(hr)
    page = client.get(
        reverse("leadership:import_detail", args=[organisation.slug, row.data_import.pk])
    ).text
    assert "Leavers under one year" in page
    assert f'<th scope="row">Oak House</th><td>{row.month:%B %Y}</td><td>57</td>' in page


@db
def test_rota_detail_is_for_hr_only_and_others_see_counts(client, organisation, hr, admin):
    rota = RotaWeekFactory(
        data_import__organisation=organisation,
        person_code="NX-4471",
        service=organisation.services.get(name="Oak House"),
    ).data_import
    detail = reverse("leadership:import_detail", args=[organisation.slug, rota.pk])
    rows = reverse("leadership:import_rota_detail", args=[organisation.slug, rota.pk])

    client.force_login(admin)
    page = client.get(detail).text
    assert "NX-4471" not in page and rows not in page
    assert "Hours by service and week" in page
    assert client.get(rows).status_code == 403

    client.force_login(hr)
    assert rows in client.get(detail).text
    response = client.get(rows)
    assert response.status_code == 200
    assert "NX-4471" in response.text


@db
def test_rota_detail_of_a_monthly_import_is_not_found(client, organisation, hr):
    data_import = HRMonthFactory(data_import__organisation=organisation).data_import
    client.force_login(hr)
    url = reverse("leadership:import_rota_detail", args=[organisation.slug, data_import.pk])
    assert client.get(url).status_code == 404


@db
def test_deleting_asks_first_then_deletes_and_says_so(client, organisation, admin):
    row = HRMonthFactory(
        data_import__organisation=organisation, service=organisation.services.get(name="Oak House")
    )
    url = reverse("leadership:import_delete", args=[organisation.slug, row.data_import.pk])
    client.force_login(admin)
    page = client.get(url).text
    assert "Delete the HR figures for" in page and "Yes, delete these figures" in page
    assert stored()["HRMonth"] == 1
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == list_url(organisation)
    assert "deleted" in response.text
    assert stored() == {**NOTHING}
    assert ModelLogEntry.objects.get(action="wagtail.delete").user == admin


@db
@pytest.mark.parametrize("role", [Role.HR, Role.ORGANISATION_ADMIN])
def test_another_organisations_hr_and_admin_are_refused(client, organisation, role):
    data_import = HRMonthFactory(data_import__organisation=organisation).data_import
    elsewhere = OrganisationFactory()
    client.force_login(member(role, organisation=elsewhere))
    for name, args in [
        ("import_list", []),
        ("import_template", ["hr"]),
        ("import_detail", [data_import.pk]),
        ("import_delete", [data_import.pk]),
    ]:
        url = reverse(f"leadership:{name}", args=[organisation.slug, *args])
        assert client.get(url).status_code == 403, name
    assert (
        client.post(
            reverse("leadership:import_delete", args=[organisation.slug, data_import.pk])
        ).status_code
        == 403
    )
    # Their own organisation's address does not reach our import either.
    url = reverse("leadership:import_detail", args=[elsewhere.slug, data_import.pk])
    assert client.get(url).status_code == 404
    url = reverse("leadership:import_delete", args=[elsewhere.slug, data_import.pk])
    assert client.post(url).status_code == 404
    assert DataImport.objects.count() == 1


@db
def test_leaders_do_not_upload(client, organisation):
    client.force_login(member(Role.LEADER, organisation=organisation))
    assert client.get(list_url(organisation)).status_code == 403
    assert client.get(reverse("leadership:imports")).status_code == 403


@db
def test_hr_for_one_service_does_not_import_the_whole_organisations_figures(client, organisation):
    oak = organisation.services.get(name="Oak House")
    person = member(Role.HR, organisation=organisation, service=oak)
    rota = RotaWeekFactory(data_import__organisation=organisation, service=oak).data_import
    client.force_login(person)
    assert client.get(list_url(organisation)).status_code == 403
    rows = reverse("leadership:import_rota_detail", args=[organisation.slug, rota.pk])
    assert client.get(rows).status_code == 403
    assert not person.has_perm("leadership.import_data")


@db
def test_someone_importing_for_two_organisations_chooses_one(client, organisation, hr):
    other = OrganisationFactory(name="Second Care")
    MembershipFactory(user=hr, organisation=other, role=Role.ORGANISATION_ADMIN)
    MembershipFactory(user=hr, organisation=OrganisationFactory(name="Led Care"), role=Role.LEADER)
    client.force_login(hr)
    response = client.get(reverse("leadership:imports"))
    assert response.status_code == 200
    assert [o.name for o in response.context["organisations"]] == ["Second Care", "Table Care"]
    assert "Back to your organisations" in client.get(list_url(organisation)).text


@db
def test_one_organisation_goes_straight_to_it(client, organisation, hr):
    client.force_login(hr)
    response = client.get(reverse("leadership:imports"))
    assert response["Location"] == list_url(organisation)


@db
def test_a_superuser_imports_for_every_organisation(organisation):
    OrganisationFactory()
    assert len(selectors.import_organisations(superuser())) == 2


@db
def test_navigation_shows_data_imports_to_importers_only(organisation, hr, admin):
    request = RequestFactory().get("/")
    for person in (hr, admin):
        request.user = person
        assert label_and_url(data_imports_navigation(request)) == (
            "Data imports",
            reverse("leadership:imports"),
        )
    for role in (Role.LEADER, Role.SAFEGUARDING_LEAD, Role.STAFF):
        request.user = member(role, organisation=organisation)
        assert data_imports_navigation(request) is None


@db
def test_the_factories_make_rows_that_belong_to_their_import():
    row = RotaWeekFactory()
    assert row.service.organisation == row.data_import.organisation
    assert row.week_start == row.data_import.period_start
    assert row.data_import.period_end - row.data_import.period_start == timedelta(days=6)
    assert timezone.localdate() > row.data_import.period_end


@pytest.mark.django_db
def test_the_template_downloads_come_before_the_upload_form_and_the_files(client, organisation, hr):
    """Issue 14: the templates were below a long list of files uploaded."""
    client.force_login(hr)
    page = client.get(list_url(organisation)).content.decode()
    template_url = reverse("leadership:import_template", args=[organisation.slug, "hr"])
    first_download = page.index(f'href="{template_url}"')
    assert first_download < page.index('id="upload-heading"') < page.index('id="files-heading"')
