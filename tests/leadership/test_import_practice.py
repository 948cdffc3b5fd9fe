"""Issue 12, sections 2 and 3 (imports): the practice and outcomes file (monthly counts per
service), the restrictive practice file (one row per episode, coded person and shift), and the
HR file's new columns (manager changes, supervision, exit interview themes). Every bad cell is
reported by line and column; nothing is saved from a bad file and what was there stays; the same
months again replace the earlier file; the templates import as they are."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cms.organisations.models import Role
from leadership.imports import services
from leadership.imports.models import (
    EXIT_THEMES,
    DataImport,
    HRMonth,
    PracticeMonth,
    RestrictivePracticeEpisode,
)
from leadership.imports.services import ImportRefused
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.leadership.factories import last_whole_month
from tests.leadership.test_imports import (
    HR_HEADER,
    TODAY,
    csv_text,
    hr_line,
    only_problem,
    problems_of,
    read,
)

Kind = DataImport.Kind

PRACTICE_HEADER = (
    "service,month,incidents,near_misses,safeguarding_enquiries,medication_errors,"
    "pressure_ulcers,unplanned_weight_loss,long_term_segregation_days"
)
RESTRICTIVE_HEADER = "service,month,person_code,shift_code,practice,debrief"
EXIT_COLUMNS = ",".join(f"exit_{code}" for code, _label in EXIT_THEMES)
HR_NEW_COLUMNS = (
    "registered_manager_changes,manager_post_vacant_days,staff_due_supervision,"
    f"staff_supervised,exit_interviews,{EXIT_COLUMNS}"
)
HR_FULL_HEADER = f"{HR_HEADER},{HR_NEW_COLUMNS}"


def practice_line(service="Oak House", month="2025-01", **overrides):
    figures = {
        "incidents": "12",
        "near_misses": "4",
        "safeguarding_enquiries": "1",
        "medication_errors": "2",
        "pressure_ulcers": "0",
        "unplanned_weight_loss": "1",
        "long_term_segregation_days": "0",
    }
    figures.update(overrides)
    return ",".join([service, month, *figures.values()])


def hr_full_line(month="2025-01", service="Oak House", **overrides):
    """An HR line with the new columns: 3 leavers, 2 of them interviewed (one about the
    culture, one about pay)."""
    new = {
        "registered_manager_changes": "0",
        "manager_post_vacant_days": "0",
        "staff_due_supervision": "38",
        "staff_supervised": "30",
        "exit_interviews": "2",
        **{f"exit_{code}": "0" for code, _label in EXIT_THEMES},
        "exit_culture": "1",
        "exit_pay": "1",
    }
    old = {key: value for key, value in overrides.items() if key not in new}
    new.update({key: value for key, value in overrides.items() if key in new})
    return hr_line(service, month, **old) + "," + ",".join(new.values())


# --- Practice and outcomes: reading -------------------------------------------------------------


def test_a_good_practice_file_gives_its_rows_and_months():
    parsed = read(
        Kind.PRACTICE,
        csv_text(PRACTICE_HEADER, practice_line(), practice_line("Elm Court", month="2025-02")),
    )
    assert (parsed.period_start, parsed.period_end) == (date(2025, 1, 1), date(2025, 2, 28))
    assert parsed.rows[0]["incidents"] == 12
    assert parsed.rows[0]["near_misses"] == 4


@pytest.mark.parametrize(
    ("overrides", "column", "words"),
    [
        ({"incidents": "many"}, "incidents", "“many” is not a number"),
        ({"medication_errors": "-1"}, "medication_errors", "negative"),
        ({"pressure_ulcers": "0.5"}, "pressure_ulcers", "not a whole number"),
        ({"safeguarding_enquiries": ""}, "safeguarding_enquiries", "Missing"),
        (
            {"incidents": "3", "near_misses": "4"},
            "near_misses",
            "Near misses (4) is more than incidents (3)",
        ),
    ],
)
def test_a_bad_practice_cell_is_reported_at_its_line_and_column(overrides, column, words):
    text = csv_text(PRACTICE_HEADER, practice_line(), practice_line("Elm Court", **overrides))
    line, reported_column, message = only_problem(Kind.PRACTICE, text)
    assert (line, reported_column) == (3, column)
    assert words in message


def test_segregation_days_are_added_up_over_people_so_may_be_more_than_the_month_has():
    # Two people in long-term segregation all of January: 62 days.
    parsed = read(
        Kind.PRACTICE, csv_text(PRACTICE_HEADER, practice_line(long_term_segregation_days="62"))
    )
    assert parsed.rows[0]["long_term_segregation_days"] == 62


def test_a_practice_file_with_a_month_twice_for_a_service_is_refused():
    text = csv_text(PRACTICE_HEADER, practice_line(), practice_line("oak house"))
    assert only_problem(Kind.PRACTICE, text)[:2] == (3, "month")


# --- Restrictive practice: reading --------------------------------------------------------------


def test_a_restrictive_practice_file_has_a_row_per_episode_and_may_skip_a_month():
    text = csv_text(
        RESTRICTIVE_HEADER,
        "Oak House,2025-01,P-0001,NIGHT,restraint,yes",
        # The same person on the same shift again in the same month: another episode.
        "Oak House,2025-01,P-0001,NIGHT,Restraint,No",
        "Elm Court,2025-03,P-0002,early,prn_sedation,n",
        "Elm Court,2025-03,P-0003,late,rapid tranquillisation,Y",
    )
    parsed = read(Kind.RESTRICTIVE, text)
    # February had no episodes at either service: the file covers it all the same.
    assert (parsed.period_start, parsed.period_end) == (date(2025, 1, 1), date(2025, 3, 31))
    assert [row["debrief"] for row in parsed.rows] == [True, False, False, True]
    assert [row["practice"] for row in parsed.rows] == [
        "restraint",
        "restraint",
        "prn_sedation",
        "rapid_tranquillisation",
    ]


@pytest.mark.parametrize(
    ("cells", "column", "words"),
    [
        ("2025-01,P1,NIGHT,hold,yes", "practice", "is not one of"),
        ("2025-01,P1,NIGHT,,yes", "practice", "Missing"),
        ("2025-01,P1,NIGHT,seclusion,maybe", "debrief", "yes or no"),
        ("2025-01,P1,NIGHT,seclusion,", "debrief", "Missing"),
        ("2025-01,John Smith,NIGHT,seclusion,yes", "person_code", "use a code, not a name"),
        ("2025-01,john@example.org,NIGHT,seclusion,yes", "person_code", "not a name or email"),
        ("2025-01,,NIGHT,seclusion,yes", "person_code", "Missing"),
        ("2025-01,P1,Sister Jones,seclusion,yes", "shift_code", "use a code, not a name"),
        ("2025-01,P1,,seclusion,yes", "shift_code", "Missing"),
        ("25-01,P1,NIGHT,seclusion,yes", "month", "not a month written as YYYY-MM"),
        ("2025-07,P1,NIGHT,seclusion,yes", "month", "has not started yet"),
    ],
)
def test_a_bad_restrictive_practice_cell_is_reported_at_its_line_and_column(cells, column, words):
    text = csv_text(
        RESTRICTIVE_HEADER, "Oak House,2025-01,P0,DAY,restraint,yes", f"Oak House,{cells}"
    )
    line, reported_column, message = only_problem(Kind.RESTRICTIVE, text)
    assert (line, reported_column) == (3, column)
    assert words in message


def test_every_kind_of_practice_is_listed_when_one_is_wrong():
    text = csv_text(RESTRICTIVE_HEADER, "Oak House,2025-01,P1,NIGHT,hold,yes")
    message = only_problem(Kind.RESTRICTIVE, text)[2]
    for word in ("restraint", "seclusion", "segregation", "rapid_tranquillisation", "prn_sedation"):
        assert word in message


# --- HR: the new columns ------------------------------------------------------------------------


def test_an_hr_file_from_the_earlier_template_still_imports_with_the_new_figures_not_given():
    parsed = read(Kind.HR, csv_text(HR_HEADER, hr_line()))
    row = parsed.rows[0]
    assert row["staff_supervised"] is None
    assert row["exit_culture"] is None
    assert row["registered_manager_changes"] is None


def test_an_hr_file_with_the_new_columns_reads_them():
    parsed = read(Kind.HR, csv_text(HR_FULL_HEADER, hr_full_line()))
    row = parsed.rows[0]
    assert (row["staff_due_supervision"], row["staff_supervised"]) == (38, 30)
    assert (row["exit_interviews"], row["exit_culture"], row["exit_pay"]) == (2, 1, 1)
    assert row["exit_bullying"] == 0


@pytest.mark.parametrize(
    ("overrides", "column", "words"),
    [
        (
            {"staff_supervised": "39"},
            "staff_supervised",
            "Staff supervised (39) is more than staff due supervision (38)",
        ),
        ({"registered_manager_changes": "x"}, "registered_manager_changes", "not a number"),
        (
            {"manager_post_vacant_days": "29"},
            "manager_post_vacant_days",
            "more than the 28 days of February 2025",
        ),
        ({"staff_due_supervision": ""}, "staff_due_supervision", "Missing"),
        (
            {"exit_interviews": "4", "exit_other": "2"},
            "exit_interviews",
            "Exit interviews (4) is more than leavers (3)",
        ),
        (
            {"exit_culture": "2"},
            "exit_interviews",
            "The exit themes add up to 3, but 2 leavers were interviewed",
        ),
        ({"exit_bullying": "-1"}, "exit_bullying", "negative"),
    ],
)
def test_a_bad_new_hr_cell_is_reported_at_its_line_and_column(overrides, column, words):
    text = csv_text(HR_FULL_HEADER, hr_full_line(), hr_full_line(month="2025-02", **overrides))
    line, reported_column, message = only_problem(Kind.HR, text)
    assert (line, reported_column) == (3, column)
    assert words in message


def test_a_post_vacant_all_month_is_accepted():
    text = csv_text(HR_FULL_HEADER, hr_full_line(month="2025-01", manager_post_vacant_days="31"))
    assert read(Kind.HR, text).rows[0]["manager_post_vacant_days"] == 31


def test_the_new_hr_columns_come_together_or_not_at_all():
    header = f"{HR_HEADER},staff_supervised"
    problems = problems_of(Kind.HR, csv_text(header, hr_line() + ",30"))
    assert problems == [
        (
            1,
            "staff_due_supervision",
            "This column is missing. It goes with staff_supervised: add it with this heading, "
            "or remove staff_supervised.",
        )
    ]


def test_the_exit_theme_columns_come_together():
    header = f"{HR_HEADER},exit_interviews,exit_culture"
    problems = problems_of(Kind.HR, csv_text(header, hr_line() + ",1,1"))
    assert [(line, column) for line, column, _ in problems] == [
        (1, f"exit_{code}") for code, _label in EXIT_THEMES if code != "culture"
    ]


# --- Saving -------------------------------------------------------------------------------------

db = pytest.mark.django_db


@pytest.fixture
def organisation():
    organisation = OrganisationFactory(name="Table Care", slug="table-care")
    ServiceFactory(organisation=organisation, name="Oak House")
    ServiceFactory(organisation=organisation, name="Elm Court")
    return organisation


@pytest.fixture
def hr(organisation):
    return member(Role.HR, organisation=organisation)


def upload(text, name="figures.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def import_(organisation, kind, text, by, name="figures.csv"):
    return services.import_csv(organisation, kind, upload(text, name), by, today=TODAY)


def stored():
    return (
        DataImport.objects.count(),
        PracticeMonth.objects.count(),
        RestrictivePracticeEpisode.objects.count(),
        HRMonth.objects.count(),
    )


def episodes(count, month="2025-01", service="Oak House"):
    return [f"{service},{month},P{n % 40:03d},S{n % 3},restraint,yes" for n in range(count)]


@db
def test_a_good_restrictive_practice_file_stores_every_episode(organisation, hr):
    data_import = import_(
        organisation, Kind.RESTRICTIVE, csv_text(RESTRICTIVE_HEADER, *episodes(7)), hr
    )
    assert data_import.row_count == 7
    assert stored() == (1, 0, 7, 0)
    episode = RestrictivePracticeEpisode.objects.first()
    assert (episode.month, episode.service.name) == (date(2025, 1, 1), "Oak House")


@db
@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        (
            Kind.PRACTICE,
            csv_text(PRACTICE_HEADER, practice_line(), practice_line("Elm Court")),
            csv_text(
                PRACTICE_HEADER,
                practice_line(incidents="9"),
                practice_line("Elm Court", near_misses="x"),
            ),
        ),
        (
            Kind.RESTRICTIVE,
            csv_text(RESTRICTIVE_HEADER, *episodes(3)),
            csv_text(RESTRICTIVE_HEADER, *episodes(2), "Oak House,2025-01,P1,S1,restraint,perhaps"),
        ),
        (
            Kind.HR,
            csv_text(HR_FULL_HEADER, hr_full_line()),
            csv_text(HR_FULL_HEADER, hr_full_line(staff_supervised="40")),
        ),
    ],
)
def test_a_bad_file_stores_nothing_and_keeps_what_was_there(organisation, hr, kind, good, bad):
    import_(organisation, kind, good, hr, name="good.csv")
    before = stored()
    with pytest.raises(ImportRefused) as refused:
        import_(organisation, kind, bad, hr, name="bad.csv")
    assert all(problem.line and problem.column for problem in refused.value.problems)
    assert stored() == before
    assert DataImport.objects.get().file_name == "good.csv"


@db
def test_the_same_months_again_replace_the_earlier_practice_file(organisation, hr):
    import_(
        organisation,
        Kind.PRACTICE,
        csv_text(PRACTICE_HEADER, practice_line(), practice_line("Elm Court")),
        hr,
    )
    second = import_(
        organisation, Kind.PRACTICE, csv_text(PRACTICE_HEADER, practice_line(incidents="20")), hr
    )
    assert second.replaced is not None
    assert stored() == (1, 1, 0, 0)
    assert PracticeMonth.objects.get().incidents == 20


@db
def test_the_same_months_again_replace_the_earlier_restrictive_practice_file(organisation, hr):
    import_(organisation, Kind.RESTRICTIVE, csv_text(RESTRICTIVE_HEADER, *episodes(9)), hr)
    import_(organisation, Kind.RESTRICTIVE, csv_text(RESTRICTIVE_HEADER, *episodes(4)), hr)
    assert stored() == (1, 0, 4, 0)


@db
def test_row_500_bad_leaves_the_previous_upload_intact(organisation, hr):
    """The attacker's file: 600 good-looking episodes with one bad row in the middle. Nothing of
    it is saved, and the earlier file's rows are all still there."""
    import_(organisation, Kind.RESTRICTIVE, csv_text(RESTRICTIVE_HEADER, *episodes(50)), hr)
    lines = episodes(600)
    lines[498] = "Oak House,2025-01,Jane Doe,S1,restraint,yes"  # line 500 of the file
    with pytest.raises(ImportRefused) as refused:
        import_(organisation, Kind.RESTRICTIVE, csv_text(RESTRICTIVE_HEADER, *lines), hr)
    assert [(problem.line, problem.column) for problem in refused.value.problems] == [
        (500, "person_code")
    ]
    assert stored() == (1, 0, 50, 0)


@db
def test_row_500_bad_uploaded_through_the_page_leaves_the_previous_upload_intact(
    client, organisation, hr
):
    month = f"{last_whole_month()[0]:%Y-%m}"
    lines = [practice_line("Oak House", month)]
    client.force_login(hr)
    url = reverse("leadership:import_list", args=[organisation.slug])
    client.post(url, {"kind": Kind.PRACTICE, "file": upload(csv_text(PRACTICE_HEADER, *lines))})
    assert stored() == (1, 1, 0, 0)
    # 600 lines for as many services: line 500 names a service that does not exist.
    for number in range(1, 600):
        ServiceFactory(organisation=organisation, name=f"House {number:03d}")
    lines = [practice_line(f"House {number:03d}", month) for number in range(1, 600)]
    lines[498] = practice_line("Nowhere House", month)
    response = client.post(
        url, {"kind": Kind.PRACTICE, "file": upload(csv_text(PRACTICE_HEADER, *lines))}
    )
    assert response.status_code == 400
    assert "<td>500</td><td>service</td>" in response.text
    assert stored() == (1, 1, 0, 0)
    assert PracticeMonth.objects.get().service.name == "Oak House"


# --- Pages --------------------------------------------------------------------------------------


@db
@pytest.mark.parametrize("kind", [Kind.PRACTICE, Kind.RESTRICTIVE])
def test_the_downloaded_template_imports_as_it_is(client, organisation, hr, kind):
    client.force_login(hr)
    response = client.get(reverse("leadership:import_template", args=[organisation.slug, kind]))
    assert response.status_code == 200
    data_import = services.import_csv(
        organisation, kind, SimpleUploadedFile("template.csv", response.getvalue()), hr
    )
    assert data_import.row_count == 1


@db
def test_the_hr_template_has_the_new_columns(client, organisation, hr):
    client.force_login(hr)
    response = client.get(reverse("leadership:import_template", args=[organisation.slug, "hr"]))
    header = response.getvalue().decode("utf-8-sig").splitlines()[0]
    assert header == HR_FULL_HEADER


@db
def test_the_upload_page_explains_the_new_kinds_and_the_exit_themes(client, organisation, hr):
    client.force_login(hr)
    page = client.get(reverse("leadership:import_list", args=[organisation.slug])).text
    assert "Download the practice and outcomes template (CSV)" in page
    assert "Download the restrictive practice template (CSV)" in page
    assert "Bullying or harassment" in page  # the exit themes, by their labels


@db
def test_a_restrictive_practice_import_shows_counts_never_codes(client, organisation, hr):
    month = f"{last_whole_month()[0]:%Y-%m}"
    text = csv_text(
        RESTRICTIVE_HEADER,
        f"Oak House,{month},PX-0001,NIGHT-A,restraint,yes",
        f"Oak House,{month},PX-0001,NIGHT-A,seclusion,no",
        f"Oak House,{month},PX-0002,EARLY,restraint,no",
    )
    data_import = services.import_csv(organisation, Kind.RESTRICTIVE, upload(text), hr)
    client.force_login(hr)
    page = client.get(
        reverse("leadership:import_detail", args=[organisation.slug, data_import.pk])
    ).text
    assert "PX-0001" not in page and "NIGHT-A" not in page
    # Episodes, people, and episodes without a debrief.
    assert f'<th scope="row">Oak House</th><td>{last_whole_month()[0]:%B %Y}</td>' in page
    assert "<td>3</td><td>2</td><td>2</td>" in page


@db
def test_an_hr_import_without_the_new_columns_shows_them_as_not_given(client, organisation, hr):
    month = f"{last_whole_month()[0]:%Y-%m}"
    data_import = services.import_csv(
        organisation, Kind.HR, upload(csv_text(HR_HEADER, hr_line(month=month))), hr
    )
    assert HRMonth.objects.get().staff_supervised is None
    client.force_login(hr)
    page = client.get(
        reverse("leadership:import_detail", args=[organisation.slug, data_import.pk])
    ).text
    assert "Staff supervised" in page
    assert "<td>not given</td>" in page and "<td>None</td>" not in page
