"""The leadership plugin's own indicators (imports and visits) in their set-based form
(cms.indicators.register_many) give exactly the figures, value and people, of their per-service
form, and ask the database the same number of times whether a snapshot run's batch holds 3
services or 10.

The data is varied on purpose: services with nothing, a service without beds, rows on the edges
of the periods (the first and last month, rota weeks starting just before and after a month
begins), months where a file left columns out (None), restrictive practice in months the
service did not report, a coded person on the rota of two services, one visitor to services of
two organisations, visits just before a period ends, and an organisation that never recorded a
visit. The figures are drawn from a seeded generator, so a failure reproduces."""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.indicators import all_indicators, computing
from leadership.imports.models import (
    EXIT_THEMES,
    ComplaintsMonth,
    DataImport,
    HRMonth,
    OccupancyMonth,
    PracticeMonth,
    RestrictivePracticeEpisode,
    RotaWeek,
    exit_field,
)
from leadership.visits.models import Capacity, ServiceVisit
from tests.cms.factories import OrganisationFactory, ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db

Kind = DataImport.Kind
IMPORT_KEYS = (
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
    "manager_stability",
    "manager_vacancy_days",
    "supervision_rate",
    "exit_themes",
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
VISIT_KEYS = ("days_since_senior_visit", "senior_visits_out_of_hours", "senior_visits_unannounced")
MONTHS = [date(2025, month, 1) for month in range(1, 13)] + [
    date(2026, month, 1) for month in range(1, 6)
]


def local(year, month, day, hour=0, minute=0):
    return timezone.make_aware(datetime(year, month, day, hour, minute))


PERIODS = (
    (local(2026, 1, 1), local(2026, 2, 1)),  # a calendar month
    (local(2026, 1, 1), local(2026, 4, 1)),  # a quarter
    (local(2026, 1, 14), local(2026, 4, 14)),  # a rolling 90 days
    (local(2026, 1, 14, 13, 30), local(2026, 4, 14, 9, 15)),  # moments inside days
    (local(2025, 4, 1), local(2026, 4, 1)),  # a year
    (local(2024, 1, 1), local(2024, 2, 1)),  # before anything was recorded
)


def _indicators(keys):
    found = {indicator.key: indicator for indicator in all_indicators()}
    return [found[key] for key in keys]


def _agree(indicator, services, period):
    """The set-based figures beside the per-service ones, for a readable failure."""
    one_by_one = {service.pk: indicator(service, *period) for service in services}
    return indicator.for_services(services, *period), one_by_one


# --- Imported data ----------------------------------------------------------------------------


class _Imports:
    """One import of each kind per organisation (the rows' import does not change a figure)."""

    def __init__(self):
        self.found = {}

    def __call__(self, organisation, kind):
        key = (organisation.pk, kind)
        if key not in self.found:
            self.found[key] = DataImport.objects.create(
                organisation=organisation,
                kind=kind,
                period_start=date(2025, 1, 1),
                period_end=date(2026, 5, 31),
                file_name=f"{kind}.csv",
            )
        return self.found[key]


def _some_months(draw, share):
    return [month for month in MONTHS if draw.random() < share]


def _hr_rows(draw, imports, service):
    for month in _some_months(draw, 0.8):
        given = draw.random() < 0.7  # a file without the later columns gives None
        interviews = draw.randint(0, 4) if given else None
        themes = {exit_field(code): None for code, _label in EXIT_THEMES}
        if given:
            left = interviews
            for code, _label in EXIT_THEMES:
                themes[exit_field(code)] = taken = draw.randint(0, left)
                left -= taken
        leavers = draw.randint(0, 4)
        due = draw.randint(0, 12) if given else None
        HRMonth.objects.create(
            data_import=imports(service.organisation, Kind.HR),
            service=service,
            month=month,
            headcount=draw.randint(3, 45),
            starters=draw.randint(0, 3),
            leavers=leavers,
            leavers_under_one_year=draw.randint(0, leavers),
            sickness_days_lost=Decimal(draw.randint(0, 400)) / 10,
            working_days_available=Decimal(draw.choice([0, 600, 801, 1333])),
            bullying_reports=draw.randint(0, 3),
            grievance_reports=draw.randint(0, 2),
            cases_closed_informally=draw.randint(0, 3),
            registered_manager_changes=draw.randint(0, 2) if given else None,
            manager_post_vacant_days=draw.randint(0, 31) if given else None,
            staff_due_supervision=due,
            staff_supervised=draw.randint(0, due) if given else None,
            exit_interviews=interviews,
            **themes,
        )


def _rota_rows(draw, imports, service, people):
    monday = date(2025, 12, 29)  # a week starting in one month and ending in the next
    for week in range(16):
        week_start = monday + timedelta(weeks=week)
        for code in draw.sample(people, draw.randint(0, len(people))):
            RotaWeek.objects.create(
                data_import=imports(service.organisation, Kind.ROTA),
                service=service,
                week_start=week_start,
                person_code=code,
                hours=Decimal(draw.randint(400, 7200)) / 100,
                contract=draw.choice(RotaWeek.Contract.values),
            )


def _occupancy_rows(draw, imports, service):
    for month in _some_months(draw, 0.7):
        available = draw.choice([0, 310, 900])
        OccupancyMonth.objects.create(
            data_import=imports(service.organisation, Kind.OCCUPANCY),
            service=service,
            month=month,
            available_bed_nights=available,
            occupied_bed_nights=draw.randint(0, available),
            planned_closure_bed_nights=draw.choice([0, 0, 31, 62]),
        )


def _complaints_rows(draw, imports, service):
    for month in _some_months(draw, 0.6):
        received = draw.randint(0, 6)
        ComplaintsMonth.objects.create(
            data_import=imports(service.organisation, Kind.COMPLAINTS),
            service=service,
            month=month,
            received=received,
            responded=draw.randint(0, received + 1),
            upheld=draw.randint(0, received),
        )


def _practice_rows(draw, imports, service):
    for month in _some_months(draw, 0.7):
        incidents = draw.randint(0, 20)
        PracticeMonth.objects.create(
            data_import=imports(service.organisation, Kind.PRACTICE),
            service=service,
            month=month,
            incidents=incidents,
            near_misses=draw.randint(0, min(incidents, 8)),
            safeguarding_enquiries=draw.randint(0, 2),
            medication_errors=draw.randint(0, 3),
            pressure_ulcers=draw.randint(0, 2),
            unplanned_weight_loss=draw.randint(0, 2),
            long_term_segregation_days=draw.choice([0, 0, 5, 31]),
        )
    # Episodes in every month, reported or not: those of unreported months are left out.
    for month in MONTHS:
        for _episode in range(draw.randint(0, 4)):
            RestrictivePracticeEpisode.objects.create(
                data_import=imports(service.organisation, Kind.RESTRICTIVE),
                service=service,
                month=month,
                person_code=draw.choice(["P1", "P2", "P3", "P4", "P5", "P6", "P7"]),
                shift_code=draw.choice(["NIGHT", "EARLY", "LATE"]),
                practice=draw.choice(RestrictivePracticeEpisode.Practice.values),
                debrief=draw.random() < 0.6,
            )


def _imported_data(draw, services):
    imports = _Imports()
    people = [f"S{n:02d}" for n in range(12)]
    for service in services:
        _hr_rows(draw, imports, service)
        _rota_rows(draw, imports, service, people)  # the same codes at several services
        _occupancy_rows(draw, imports, service)
        _complaints_rows(draw, imports, service)
        _practice_rows(draw, imports, service)


@pytest.fixture
def import_services():
    """Five services of two organisations, with every kind of data, and two with none."""
    willow, elm = OrganisationFactory(), OrganisationFactory()
    with_data = [
        ServiceFactory(organisation=willow, beds=30),
        ServiceFactory(organisation=willow, beds=None),  # a team: no beds
        ServiceFactory(organisation=willow, beds=7),
        ServiceFactory(organisation=elm, beds=12),
        ServiceFactory(organisation=elm, beds=0),
    ]
    _imported_data(random.Random(20260315), with_data)
    empty = [ServiceFactory(organisation=willow), ServiceFactory(organisation=elm, beds=None)]
    return [with_data[0], empty[0], *with_data[1:], empty[1]]


@pytest.mark.parametrize("key", IMPORT_KEYS)
def test_each_import_indicator_gives_the_same_figures_for_many_services(key, import_services):
    (indicator,) = _indicators([key])
    assert indicator.many is not None
    for period in PERIODS:
        many, one_by_one = _agree(indicator, import_services, period)
        assert many == one_by_one, period


def test_the_agreement_data_holds_figures_and_withheld_ones(import_services):
    """The data above is varied enough to test something: every import indicator has a figure
    for some service in the quarter, and some service with none."""
    quarter = PERIODS[1]
    for indicator in _indicators(IMPORT_KEYS):
        values = indicator.for_services(import_services, *quarter).values()
        assert any(value.value is not None for value in values), indicator.key
        assert any(value.value is None for value in values), indicator.key


def _queries(indicators, services, period):
    with CaptureQueriesContext(connection) as queries, computing():
        for indicator in indicators:
            indicator.for_services(services, *period)
    return len(queries)


def _services_with_imports(count):
    organisation = OrganisationFactory()
    services = ServiceFactory.create_batch(count, organisation=organisation, beds=20)
    _imported_data(random.Random(count), services)
    return services


@pytest.mark.parametrize("key", IMPORT_KEYS)
def test_an_import_indicator_asks_as_often_for_3_services_as_for_10(key):
    (indicator,) = _indicators([key])
    quarter = PERIODS[1]
    three = _queries([indicator], _services_with_imports(3), quarter)
    ten = _queries([indicator], _services_with_imports(10), quarter)
    assert three == ten
    assert three <= 4


def test_import_indicators_share_their_reads_in_a_snapshot_run():
    """Inside one computing() scope the 26 indicators read each import a few times in all,
    not once each."""
    quarter = PERIODS[1]
    services = _services_with_imports(4)
    assert _queries(_indicators(IMPORT_KEYS), services, quarter) <= 12


# --- Visits -----------------------------------------------------------------------------------


@pytest.fixture
def visit_services():
    """Services of three organisations: visited by senior leaders and others, at all hours,
    announced or not (or not asked), one never visited in an organisation that keeps a visit
    log, and an organisation that never recorded a visit."""
    draw = random.Random(42)
    willow, elm, oak = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    services = [
        ServiceFactory(organisation=willow),
        ServiceFactory(organisation=willow),
        ServiceFactory(organisation=willow),  # never visited
        ServiceFactory(organisation=elm),
        ServiceFactory(organisation=elm),  # visited by other managers only
        ServiceFactory(organisation=oak),  # no visit in the organisation at all
    ]
    leaders = UserFactory.create_batch(4)  # the same leaders visit both organisations
    first = local(2025, 3, 1)
    for service in (services[0], services[1], services[3]):
        for _visit in range(draw.randint(4, 14)):
            started = first + timedelta(minutes=draw.randint(0, 60 * 24 * 420))
            ServiceVisit.objects.create(
                service=service,
                visitor=draw.choice(leaders),
                capacity=draw.choice(Capacity.values),
                started_at=started,
                seen_and_heard="Seen.",
                spoke_with=["people"],
                announced=draw.choice([True, False, None]),
            )
    # On the edges of the quarter: a visit just before it ends, and one as it ends.
    for started in (local(2026, 3, 31, 23, 59), local(2026, 4, 1)):
        ServiceVisit.objects.create(
            service=services[0],
            visitor=leaders[0],
            capacity=Capacity.BOARD_MEMBER,
            started_at=started,
            seen_and_heard="Seen.",
            spoke_with=["people"],
            announced=False,
        )
    ServiceVisit.objects.create(
        service=services[4],
        visitor=leaders[1],
        capacity=Capacity.OTHER_MANAGER,
        started_at=local(2025, 2, 10, 22),
        seen_and_heard="Seen.",
        spoke_with=["people"],
    )
    return services


@pytest.mark.parametrize("key", VISIT_KEYS)
def test_each_visit_indicator_gives_the_same_figures_for_many_services(key, visit_services):
    (indicator,) = _indicators([key])
    assert indicator.many is not None
    for period in PERIODS:
        many, one_by_one = _agree(indicator, visit_services, period)
        assert many == one_by_one, period
    quarter = indicator.for_services(visit_services, *PERIODS[1]).values()
    assert any(value.value is not None for value in quarter)
    assert any(value.value is None for value in quarter)


def _visited_services(count):
    organisation = OrganisationFactory()
    services = ServiceFactory.create_batch(count, organisation=organisation)
    leader = UserFactory()
    for number, service in enumerate(services):
        for days in (3, 40, 100 + number):
            ServiceVisit.objects.create(
                service=service,
                visitor=leader,
                capacity=Capacity.SENIOR_LEADER,
                started_at=local(2026, 3, 31, 21) - timedelta(days=days),
                seen_and_heard="Seen.",
                spoke_with=["people"],
                announced=days == 40,
            )
    return services


@pytest.mark.parametrize("key", VISIT_KEYS)
def test_a_visit_indicator_asks_as_often_for_3_services_as_for_10(key):
    (indicator,) = _indicators([key])
    quarter = PERIODS[1]
    three = _queries([indicator], _visited_services(3), quarter)
    ten = _queries([indicator], _visited_services(10), quarter)
    assert three == ten
    assert three <= 3
