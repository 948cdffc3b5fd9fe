"""The indicators computed from imported HR, rota, occupancy and complaints data, with figures
worked out by hand: which months and weeks a period holds (by the first day of the month, or
the Monday of the week, UK time), other services' rows left out, who each figure rests on, and
the higher floor (10) for staff-voice figures."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from cms.indicators import IndicatorValue, all_indicators, get_indicator
from leadership.imports.indicators import first_day_from
from leadership.imports.models import DataImport, RotaWeek
from tests.cms.factories import ServiceFactory
from tests.leadership.factories import (
    ComplaintsMonthFactory,
    DataImportFactory,
    HRMonthFactory,
    OccupancyMonthFactory,
    RotaWeekFactory,
)

pytestmark = pytest.mark.django_db

KEYS = (
    "staff_turnover",
    "early_leavers",
    "sickness_absence",
    "hr_bullying",
    "hr_closed_informally",
    "rota_hours",
    "rota_top5_share",
    "agency_share",
    "occupancy",
    "occupancy_planned_closures",
    "complaints_per_10_beds",
    "complaints_responded",
    "complaints_upheld",
)


def local(year, month, day, hour=0, minute=0):
    """A moment in UK time (the site's time zone)."""
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def month_period(year, month):
    following = date(year, month, 28) + timedelta(days=4)
    return local(year, month, 1), local(following.year, following.month, 1)


JANUARY = month_period(2026, 1)
FEBRUARY = month_period(2026, 2)
FIRST_QUARTER = (local(2026, 1, 1), local(2026, 4, 1))


def compute(key, service, period):
    return get_indicator(key)(service, *period)


def _import(service, kind, period_start):
    data_import = DataImport.objects.filter(
        organisation=service.organisation, kind=kind, period_start=period_start
    ).first()
    return data_import or DataImportFactory(
        organisation=service.organisation, kind=kind, period_start=period_start
    )


def hr(service, month, **counts):
    return HRMonthFactory(
        data_import=_import(service, DataImport.Kind.HR, month),
        service=service,
        month=month,
        **counts,
    )


def rota(service, week_start, person_code, hours, contract=RotaWeek.Contract.PERMANENT):
    return RotaWeekFactory(
        data_import=_import(service, DataImport.Kind.ROTA, week_start),
        service=service,
        week_start=week_start,
        person_code=person_code,
        hours=Decimal(hours),
        contract=contract,
    )


def beds(service, month, available, occupied, planned_closures=0):
    return OccupancyMonthFactory(
        data_import=_import(service, DataImport.Kind.OCCUPANCY, month),
        service=service,
        month=month,
        available_bed_nights=available,
        occupied_bed_nights=occupied,
        planned_closure_bed_nights=planned_closures,
    )


def complaints(service, month, received, responded, upheld):
    return ComplaintsMonthFactory(
        data_import=_import(service, DataImport.Kind.COMPLAINTS, month),
        service=service,
        month=month,
        received=received,
        responded=responded,
        upheld=upheld,
    )


@pytest.fixture
def other_service(service):
    """Another service of the same organisation, whose rows never count for Willow House."""
    return ServiceFactory(organisation=service.organisation, name="Elm Court", beds=10)


# --- Registration and periods -----------------------------------------------------------------


def test_every_import_indicator_is_registered_with_the_four_labels():
    registered = {indicator.key: indicator for indicator in all_indicators()}
    for key in KEYS:
        labels = registered[key].labels
        assert set(labels) == {"pel", "hull", "cqc", "stream"}, key
    assert registered["hr_bullying"].labels["stream"] == "staff voice"
    assert registered["staff_turnover"].labels["stream"] == "workforce"
    assert registered["rota_hours"].labels["pel"] == "Teamwork"


def test_staff_voice_figures_need_ten_people_and_the_rest_five():
    assert get_indicator("hr_bullying").min_people == 10
    assert get_indicator("hr_closed_informally").min_people == 10
    assert get_indicator("staff_turnover").min_people == 5
    assert get_indicator("occupancy").min_people == 5


def test_a_day_counts_from_its_uk_midnight():
    # 1 April 2026 begins at 23:00 UTC on 31 March (British Summer Time).
    assert first_day_from(local(2026, 4, 1)) == date(2026, 4, 1)
    assert first_day_from(local(2026, 3, 31, 23, 59)) == date(2026, 4, 1)
    assert first_day_from(local(2026, 4, 1, 0, 1)) == date(2026, 4, 2)
    assert first_day_from(date(2026, 4, 1)) == date(2026, 4, 1)


def test_with_no_rows_every_indicator_has_no_figure(service):
    for key in KEYS:
        assert compute(key, service, JANUARY) == IndicatorValue(None, 0), key


# --- HR ---------------------------------------------------------------------------------------


@pytest.fixture
def hr_quarter(service, other_service):
    """January to March 2026: headcounts 40, 44 and 36 (average 40), 6 leavers, 3 of them with
    under a year's service."""
    hr(service, date(2026, 1, 1), headcount=40, leavers=2, leavers_under_one_year=1)
    hr(service, date(2026, 2, 1), headcount=44, leavers=1, leavers_under_one_year=0)
    hr(service, date(2026, 3, 1), headcount=36, leavers=3, leavers_under_one_year=2)
    # Outside the quarter, and another service inside it: never counted.
    hr(service, date(2025, 12, 1), headcount=100, leavers=50, leavers_under_one_year=50)
    hr(service, date(2026, 4, 1), headcount=100, leavers=50, leavers_under_one_year=50)
    hr(other_service, date(2026, 2, 1), headcount=10, leavers=9, leavers_under_one_year=9)


def test_staff_turnover_is_annualised_over_the_average_headcount(service, hr_quarter):
    # 6 leavers in 3 months is 24 a year; 24 / 40 = 60%.
    assert compute("staff_turnover", service, FIRST_QUARTER) == IndicatorValue(60.0, 40)
    # February alone: 1 leaver is 12 a year; 12 / 44 = 27.27%.
    assert compute("staff_turnover", service, FEBRUARY) == IndicatorValue(27.3, 44)


def test_a_month_counts_when_its_first_day_is_in_the_period(service, hr_quarter):
    # 15 January to 15 February holds February only.
    mid_month = (local(2026, 1, 15), local(2026, 2, 15))
    assert compute("staff_turnover", service, mid_month) == IndicatorValue(27.3, 44)
    # A period ending at the first moment of a month leaves that month out, and one starting a
    # minute before it takes it in.
    just_before = (local(2025, 12, 31, 23, 59), local(2026, 2, 1))
    assert compute("staff_turnover", service, just_before) == IndicatorValue(60.0, 40)
    assert compute("staff_turnover", service, (local(2026, 1, 2), local(2026, 2, 1))) == (
        IndicatorValue(None, 0)
    )
    # A rolling 90 days (15 January to 15 April) holds February, March and April: 54 leavers
    # in 3 months over an average headcount of (44 + 36 + 100) / 3 = 60 -> 216 / 60 = 360%.
    rolling = (local(2026, 1, 15), local(2026, 4, 15))
    assert compute("staff_turnover", service, rolling) == IndicatorValue(360.0, 60)


def test_early_leavers_rest_on_the_leavers(service, hr_quarter):
    assert compute("early_leavers", service, FIRST_QUARTER) == IndicatorValue(50.0, 6)
    assert compute("early_leavers", service, FEBRUARY) == IndicatorValue(0.0, 1)


def test_sickness_absence_is_the_share_of_working_days_lost(service, other_service):
    hr(service, date(2026, 1, 1), sickness_days_lost="40", working_days_available="800")
    hr(service, date(2026, 2, 1), sickness_days_lost="50.5", working_days_available="900")
    hr(other_service, date(2026, 1, 1), sickness_days_lost="400", working_days_available="400")
    assert compute("sickness_absence", service, JANUARY) == IndicatorValue(5.0, 40)
    # 90.5 / 1700 = 5.32%.
    both = (local(2026, 1, 1), local(2026, 3, 1))
    assert compute("sickness_absence", service, both) == IndicatorValue(5.3, 40)


def test_bullying_and_grievance_reports_per_100_staff(service, other_service):
    hr(
        service,
        date(2026, 1, 1),
        headcount=40,
        bullying_reports=2,
        grievance_reports=1,
        cases_closed_informally=2,
    )
    hr(other_service, date(2026, 1, 1), headcount=9, bullying_reports=5, grievance_reports=5)
    # 3 reports among 40 staff: 7.5 per 100; 2 of the 3 closed informally.
    assert compute("hr_bullying", service, JANUARY) == IndicatorValue(7.5, 40)
    assert compute("hr_closed_informally", service, JANUARY) == IndicatorValue(66.7, 3)
    # A service of 9 staff: computed, but withheld (staff voice needs 10 people).
    small = compute("hr_bullying", other_service, JANUARY)
    assert small == IndicatorValue(111.1, 9)
    assert small.shown(get_indicator("hr_bullying").min_people) is None
    assert compute("hr_bullying", service, JANUARY).shown(10) == 7.5


# --- Rota -------------------------------------------------------------------------------------


@pytest.fixture
def february_rota(service, other_service):
    """February 2026's rota weeks start on 2, 9, 16 and 23 February."""
    mondays = [date(2026, 2, 2), date(2026, 2, 9), date(2026, 2, 16), date(2026, 2, 23)]
    for monday in mondays:
        rota(service, monday, "A", "60")  # 240 hours: 60 a week
        rota(service, monday, "C", "49")  # 196 hours: 49 a week
        for code in ("D", "E"):
            rota(service, monday, code, "30")  # 120 hours each
        rota(service, monday, "F", "30", RotaWeek.Contract.BANK)  # 120 hours
    for monday, hours in zip(mondays, ("50", "50", "50", "40"), strict=True):
        rota(service, monday, "B", hours)  # 190 hours: 47.5 a week, not over 48
    # One week only, 48 hours: 12 a week over the four weeks.
    rota(service, mondays[0], "G", "48", RotaWeek.Contract.AGENCY)
    # The week starting Monday 26 January (it runs into February) and the week starting 2 March
    # belong to other months; another service's rota never counts.
    rota(service, date(2026, 1, 26), "H", "70")
    rota(service, date(2026, 3, 2), "H", "70")
    rota(other_service, mondays[0], "A", "70")


def test_rota_hours_is_the_share_of_people_averaging_over_48_hours(service, february_rota):
    # A (60) and C (49) of 7 people: 28.6%.
    assert compute("rota_hours", service, FEBRUARY) == IndicatorValue(28.6, 7)


def test_rota_top5_share_is_the_share_of_hours_of_the_5_busiest(service, february_rota):
    # Totals 240, 196, 190, 120, 120, 120, 48 = 1034; the top 5 worked 866: 83.75%.
    assert compute("rota_top5_share", service, FEBRUARY) == IndicatorValue(83.8, 7)


def test_agency_share_counts_agency_and_bank_hours(service, february_rota):
    # F (bank) 120 and G (agency) 48 of 1034 hours: 16.2%.
    assert compute("agency_share", service, FEBRUARY) == IndicatorValue(16.2, 7)


def test_a_rota_week_counts_when_its_monday_is_in_the_period(service, february_rota):
    january = compute("rota_hours", service, JANUARY)
    # Only H's week starting 26 January: 70 hours in one week.
    assert january == IndicatorValue(100.0, 1)
    assert january.shown() is None


def test_rota_figures_never_carry_a_person_code(service, february_rota):
    for key in ("rota_hours", "rota_top5_share", "agency_share"):
        value = compute(key, service, FEBRUARY)
        assert isinstance(value.value, float) and isinstance(value.people, int)


# --- Occupancy --------------------------------------------------------------------------------


def test_occupancy_rests_on_the_average_number_of_occupied_beds(service, other_service):
    beds(service, date(2026, 2, 1), available=840, occupied=700, planned_closures=56)
    beds(other_service, date(2026, 2, 1), available=280, occupied=100)
    # 700 / 840 = 83.3%; 700 bed-nights over February's 28 nights is 25 beds a night.
    assert compute("occupancy", service, FEBRUARY) == IndicatorValue(83.3, 25)
    # 56 of the 896 bed-nights were closed on purpose: 6.25%.
    assert compute("occupancy_planned_closures", service, FEBRUARY) == IndicatorValue(6.2, 25)


def test_a_very_small_homes_occupancy_is_withheld():
    small_home = ServiceFactory(name="Rose Cottage", beds=4)
    beds(small_home, date(2026, 1, 1), available=124, occupied=93)
    value = compute("occupancy", small_home, JANUARY)
    assert value == IndicatorValue(75.0, 3)
    assert value.shown() is None


# --- Complaints -------------------------------------------------------------------------------


@pytest.fixture
def complaints_quarter(service, other_service):
    complaints(service, date(2026, 1, 1), received=6, responded=4, upheld=2)
    complaints(service, date(2026, 2, 1), received=3, responded=3, upheld=0)
    complaints(service, date(2026, 3, 1), received=0, responded=1, upheld=0)
    complaints(other_service, date(2026, 1, 1), received=20, responded=0, upheld=20)


def test_complaints_per_10_beds_a_quarter(service, complaints_quarter):
    # January: 6 complaints at 30 beds is 2 per 10 beds a month, 6 a quarter.
    assert compute("complaints_per_10_beds", service, JANUARY) == IndicatorValue(6.0, 6)
    # The quarter: 9 complaints at 30 beds is 3 per 10 beds.
    assert compute("complaints_per_10_beds", service, FIRST_QUARTER) == IndicatorValue(3.0, 9)


def test_complaints_per_10_beds_needs_beds(complaints_quarter):
    team = ServiceFactory(name="Community Team", kind="community_team", beds=None)
    complaints(team, date(2026, 1, 1), received=6, responded=6, upheld=0)
    assert compute("complaints_per_10_beds", team, JANUARY) == IndicatorValue(None, 0)
    assert compute("complaints_responded", team, JANUARY) == IndicatorValue(100.0, 6)


def test_complaints_responded_and_upheld(service, complaints_quarter):
    assert compute("complaints_responded", service, JANUARY) == IndicatorValue(66.7, 6)
    assert compute("complaints_upheld", service, JANUARY) == IndicatorValue(33.3, 6)
    # The quarter: 8 responded and 2 upheld of 9 received.
    assert compute("complaints_responded", service, FIRST_QUARTER) == IndicatorValue(88.9, 9)
    assert compute("complaints_upheld", service, FIRST_QUARTER) == IndicatorValue(22.2, 9)
    # March: none received, one answered from before: no share to give.
    march = month_period(2026, 3)
    assert compute("complaints_responded", service, march) == IndicatorValue(None, 0)
