"""Issue 12 indicators from the practice and outcomes, restrictive practice and HR imports, with
figures worked out by hand: rates per 1,000 occupied bed days and per 10 beds, months that were
not reported left out (not counted as none), who each figure rests on, and small numbers
withheld on the screens and CSV files (leadership/dashboards/suppression.py)."""

from datetime import date

import pytest

from cms.indicators import IndicatorValue, all_indicators, get_indicator
from leadership.dashboards import suppression
from leadership.dashboards.suppression import Raw, count_scale
from leadership.imports.models import DataImport, PracticeMonth, RestrictivePracticeEpisode
from tests.cms.factories import ServiceFactory
from tests.leadership.factories import DataImportFactory
from tests.leadership.test_import_indicators import (
    FEBRUARY,
    FIRST_QUARTER,
    JANUARY,
    _import,
    beds,
    compute,
    hr,
    local,
)

pytestmark = pytest.mark.django_db

Kind = DataImport.Kind
Practice = RestrictivePracticeEpisode.Practice

PRACTICE_KEYS = (
    "incident_reporting",
    "incident_near_miss_share",
    "safeguarding_enquiries",
    "basic_care",
    "restrictive_practice",
    "restrictive_practice_without_debrief",
    "restrictive_practice_one_person",
    "restrictive_practice_one_shift",
    "long_term_segregation_days",
)
WORKFORCE_KEYS = ("manager_stability", "manager_vacancy_days", "supervision_rate")


def practice(service, month, **counts):
    return PracticeMonth.objects.create(
        data_import=_import(service, Kind.PRACTICE, month), service=service, month=month, **counts
    )


def episode(service, month, person, shift="NIGHT", practice=Practice.RESTRAINT, debrief=True):
    data_import = DataImport.objects.filter(
        organisation=service.organisation, kind=Kind.RESTRICTIVE
    ).first() or DataImportFactory(
        organisation=service.organisation, kind=Kind.RESTRICTIVE, period_start=month
    )
    return RestrictivePracticeEpisode.objects.create(
        data_import=data_import,
        service=service,
        month=month,
        person_code=person,
        shift_code=shift,
        practice=practice,
        debrief=debrief,
    )


def shown(key, value):
    """What the screens and CSV files show of a value (suppression.figure)."""
    indicator = get_indicator(key)
    raw = Raw(value.value, value.people, indicator.min_people, count_scale(indicator.unit))
    return suppression.figure(raw)


@pytest.fixture
def other_service(service):
    return ServiceFactory(organisation=service.organisation, name="Elm Court", beds=10)


# --- Registration -------------------------------------------------------------------------------


def test_the_new_indicators_are_registered_in_their_evidence_streams():
    registered = {indicator.key: indicator for indicator in all_indicators()}
    for key in PRACTICE_KEYS:
        assert registered[key].labels["stream"] == "practice and outcomes", key
        assert set(registered[key].labels) == {"pel", "hull", "cqc", "stream"}, key
    for key in WORKFORCE_KEYS:
        assert registered[key].labels["stream"] == "workforce", key
    assert registered["exit_themes"].labels["stream"] == "staff voice"
    assert registered["exit_themes"].min_people == 10
    assert registered["restrictive_practice"].labels["cqc"] == "abuse and restrictive practice"


def test_with_no_rows_the_new_indicators_have_no_figure(service):
    for key in (*PRACTICE_KEYS, *WORKFORCE_KEYS, "exit_themes"):
        assert compute(key, service, JANUARY) == IndicatorValue(None, 0), key


# --- Practice and outcomes ----------------------------------------------------------------------


@pytest.fixture
def practice_quarter(service, other_service):
    """Willow House (30 beds) reports January and February; March has no practice row."""
    practice(
        service,
        date(2026, 1, 1),
        incidents=12,
        near_misses=3,
        safeguarding_enquiries=1,
        medication_errors=2,
        pressure_ulcers=1,
        unplanned_weight_loss=3,
    )
    practice(
        service,
        date(2026, 2, 1),
        incidents=6,
        near_misses=0,
        safeguarding_enquiries=0,
        medication_errors=1,
        pressure_ulcers=0,
        unplanned_weight_loss=0,
    )
    beds(service, date(2026, 1, 1), available=930, occupied=900)
    beds(service, date(2026, 2, 1), available=840, occupied=600)
    beds(service, date(2026, 3, 1), available=930, occupied=930)
    practice(other_service, date(2026, 1, 1), incidents=50, near_misses=50)
    beds(other_service, date(2026, 1, 1), available=310, occupied=300)


def test_incidents_per_1000_occupied_bed_days(service, practice_quarter):
    # January: 12 incidents over 900 bed days = 13.3 per 1,000.
    assert compute("incident_reporting", service, JANUARY) == IndicatorValue(13.3, 12)
    # The quarter: 18 over the 1,500 bed days of the two reported months = 12.0 (March, with no
    # practice row, is left out rather than read as no incidents).
    assert compute("incident_reporting", service, FIRST_QUARTER) == IndicatorValue(12.0, 18)


def test_near_misses_as_a_share_of_incidents(service, practice_quarter):
    assert compute("incident_near_miss_share", service, JANUARY) == IndicatorValue(25.0, 12)
    # 3 near misses of 18: a count under 5, shown as "fewer than 5 of 18".
    value = compute("incident_near_miss_share", service, FIRST_QUARTER)
    assert value == IndicatorValue(16.7, 18)
    assert shown("incident_near_miss_share", value).text("%") == "fewer than 5 of 18"


def test_incidents_need_bed_days(practice_quarter):
    team = ServiceFactory(name="Community Team", kind="community_team", beds=None)
    practice(team, date(2026, 1, 1), incidents=9)
    assert compute("incident_reporting", team, JANUARY) == IndicatorValue(None, 0)


def test_basic_care_outcomes_per_10_beds_a_month(service, practice_quarter):
    # January: 2 + 1 + 3 = 6 at 30 beds is 2.0 per 10 beds.
    assert compute("basic_care", service, JANUARY) == IndicatorValue(2.0, 6)
    # Two months: 7 events at 30 beds over 2 months = 1.2 per 10 beds a month, from 7.
    assert compute("basic_care", service, FIRST_QUARTER) == IndicatorValue(1.2, 7)
    # February alone: one medication error, resting on that one event: withheld.
    value = compute("basic_care", service, FEBRUARY)
    assert value == IndicatorValue(0.3, 1)
    assert shown("basic_care", value).text() == "fewer than 5"


def test_basic_care_has_no_figure_for_each_part_that_could_be_subtracted_from_it():
    registered = {indicator.key for indicator in all_indicators()}
    assert not {"medication_errors", "pressure_ulcers", "unplanned_weight_loss"} & registered


def test_safeguarding_enquiries_a_quarter(service, practice_quarter):
    # One enquiry in January: 3 a quarter at that pace, resting on 1 enquiry: withheld.
    value = compute("safeguarding_enquiries", service, JANUARY)
    assert value == IndicatorValue(3.0, 1)
    assert shown("safeguarding_enquiries", value).text() == "fewer than 5"


# --- Restrictive practice -----------------------------------------------------------------------


@pytest.fixture
def restraint_months(service, other_service):
    """January: 12 episodes on 6 people; 7 on P1 (two of them without a debrief), 6 of the 12 on
    nights. February: reported with no episodes. March: episodes but no practice row."""
    for month in (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)):
        beds(service, month, available=930, occupied=500)
    practice(service, date(2026, 1, 1), long_term_segregation_days=20)
    practice(service, date(2026, 2, 1))
    january = date(2026, 1, 1)
    for n in range(5):
        episode(service, january, "P1", "NIGHT", debrief=n != 0)
    episode(service, january, "P1", "EARLY")
    episode(service, january, "P1", "LATE", Practice.SECLUSION, debrief=False)
    for person in ("P2", "P3", "P4"):
        episode(service, january, person, "EARLY" if person != "P2" else "NIGHT")
    # P5 and P6 were secluded once each on a late shift in January.
    episode(service, january, "P5", "LATE", Practice.SEGREGATION, debrief=False)
    episode(service, january, "P6", "LATE", Practice.PRN_SEDATION, debrief=False)
    episode(service, date(2026, 3, 1), "P1", "NIGHT")
    episode(other_service, january, "Q1", "NIGHT", debrief=False)


def test_restrictive_practice_per_1000_bed_days_rests_on_the_people_it_was_used_on(
    service, restraint_months
):
    # January: 12 episodes over 500 bed days = 24.0 per 1,000, used on 6 people.
    assert compute("restrictive_practice", service, JANUARY) == IndicatorValue(24.0, 6)
    # February was reported with none: 0, resting on nobody, so withheld on screens.
    february = compute("restrictive_practice", service, FEBRUARY)
    assert february == IndicatorValue(0.0, 0)
    assert shown("restrictive_practice", february).text() == "fewer than 5"
    # The quarter: March has no practice row, so its episode is left out: 12 over 1,000.
    assert compute("restrictive_practice", service, FIRST_QUARTER) == IndicatorValue(12.0, 6)


def test_restrictive_practice_without_a_debrief(service, restraint_months):
    # 4 of January's 12 episodes had no debrief: 33.3%, a count under 5 of 12 episodes.
    value = compute("restrictive_practice_without_debrief", service, JANUARY)
    assert value == IndicatorValue(33.3, 12)
    assert shown("restrictive_practice_without_debrief", value).text("%") == "fewer than 5 of 12"


def test_concentration_on_one_person_and_on_one_shift(service, restraint_months):
    # P1: 7 of 12 episodes; nights: 6 of 12 (five of P1's and P2's).
    assert compute("restrictive_practice_one_person", service, JANUARY) == IndicatorValue(58.3, 12)
    assert compute("restrictive_practice_one_shift", service, JANUARY) == IndicatorValue(50.0, 12)
    value = shown(
        "restrictive_practice_one_person",
        compute("restrictive_practice_one_person", service, JANUARY),
    )
    assert value.text("%") == "58.3%"


def test_restrictive_practice_used_on_fewer_than_5_people_is_withheld(other_service):
    beds(other_service, date(2026, 1, 1), available=310, occupied=300)
    practice(other_service, date(2026, 1, 1))
    for _ in range(9):
        episode(other_service, date(2026, 1, 1), "Q1", "NIGHT", debrief=False)
    # Nine episodes, all on one person: every figure rests on one person and is withheld.
    for key in (
        "restrictive_practice",
        "restrictive_practice_without_debrief",
        "restrictive_practice_one_person",
        "restrictive_practice_one_shift",
    ):
        value = compute(key, other_service, JANUARY)
        assert value.people == 1, key
        assert shown(key, value).text("%") == "fewer than 5", key
    # The figures themselves are there for the red-flag rules.
    assert compute("restrictive_practice_without_debrief", other_service, JANUARY).value == 100.0


def test_days_in_long_term_segregation_a_month(service, restraint_months):
    # 20 days in January, used on one person (P5's segregation episode): withheld on screens.
    value = compute("long_term_segregation_days", service, JANUARY)
    assert value == IndicatorValue(20.0, 1)
    assert shown("long_term_segregation_days", value).text() == "fewer than 5"
    assert compute("long_term_segregation_days", service, FIRST_QUARTER) == IndicatorValue(10.0, 1)


# --- HR additions -------------------------------------------------------------------------------


def test_manager_changes_and_vacant_days_over_the_12_months_to_the_periods_end(service):
    hr(service, date(2025, 1, 1), registered_manager_changes=1, manager_post_vacant_days=0)
    hr(service, date(2025, 6, 1), registered_manager_changes=1, manager_post_vacant_days=20)
    hr(service, date(2025, 7, 1), registered_manager_changes=0, manager_post_vacant_days=31)
    hr(service, date(2026, 2, 1), registered_manager_changes=1, manager_post_vacant_days=3)
    hr(service, date(2026, 1, 1))  # a file without the manager columns: not given
    # The 12 months to the end of February 2026: March 2025 to February 2026.
    assert compute("manager_stability", service, FEBRUARY) == IndicatorValue(2.0, 40)
    assert compute("manager_vacancy_days", service, FEBRUARY) == IndicatorValue(54.0, 40)
    # January 2026 alone had no manager figures, but the months before it did.
    assert compute("manager_stability", service, JANUARY) == IndicatorValue(1.0, 40)


def test_supervision_rate_leaves_out_months_not_given(service):
    hr(service, date(2026, 1, 1), staff_due_supervision=40, staff_supervised=30)
    hr(service, date(2026, 2, 1), staff_due_supervision=40, staff_supervised=20)
    hr(service, date(2026, 3, 1))  # not given
    assert compute("supervision_rate", service, JANUARY) == IndicatorValue(75.0, 40)
    assert compute("supervision_rate", service, FIRST_QUARTER) == IndicatorValue(62.5, 80)
    assert compute("supervision_rate", service, (local(2026, 3, 1), local(2026, 4, 1))) == (
        IndicatorValue(None, 0)
    )


def test_exit_themes_share_citing_culture_bullying_or_management_needs_10_leavers(service):
    hr(
        service,
        date(2026, 1, 1),
        leavers=6,
        exit_interviews=6,
        exit_culture=2,
        exit_bullying=1,
        exit_management=0,
        exit_pay=2,
        exit_workload=1,
        exit_career=0,
        exit_personal=0,
        exit_retirement=0,
        exit_other=0,
    )
    hr(
        service,
        date(2026, 2, 1),
        leavers=6,
        exit_interviews=5,
        exit_culture=0,
        exit_bullying=0,
        exit_management=2,
        exit_pay=1,
        exit_workload=1,
        exit_career=1,
        exit_personal=0,
        exit_retirement=0,
        exit_other=0,
    )
    january = compute("exit_themes", service, JANUARY)
    assert january == IndicatorValue(50.0, 6)
    assert shown("exit_themes", january).text("%") == "fewer than 10"
    # Both months: 5 of 11 interviewed leavers; 11 may show, the 5 may not (under 10).
    both = compute("exit_themes", service, (local(2026, 1, 1), local(2026, 3, 1)))
    assert both == IndicatorValue(45.5, 11)
    assert shown("exit_themes", both).text("%") == "fewer than 10 of 11"
