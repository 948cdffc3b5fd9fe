"""Factories for the leadership plugin's imported data.

By default an import covers the last whole month before today (the last whole Monday-to-Sunday
week for the rota), and each row falls on the import's first month or week at a service of the
import's organisation, so a row built with no arguments is consistent with its import."""

import calendar
from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from leadership.imports.models import (
    ComplaintsMonth,
    DataImport,
    HRMonth,
    OccupancyMonth,
    PracticeMonth,
    RestrictivePracticeEpisode,
    RotaWeek,
)
from tests.cms.factories import OrganisationFactory, ServiceFactory

__all__ = [
    "ComplaintsMonthFactory",
    "DataImportFactory",
    "HRMonthFactory",
    "OccupancyMonthFactory",
    "PracticeMonthFactory",
    "RestrictivePracticeEpisodeFactory",
    "RotaWeekFactory",
    "last_whole_month",
    "last_whole_week",
]


def last_whole_month(today=None):
    """(first day, last day) of the month before `today`'s."""
    today = today or timezone.localdate()
    last_day = today.replace(day=1) - timedelta(days=1)
    return last_day.replace(day=1), last_day


def last_whole_week(today=None):
    """(Monday, Sunday) of the week before `today`'s."""
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 7)
    return monday, monday + timedelta(days=6)


def _default_period(data_import):
    if data_import.kind == DataImport.Kind.ROTA:
        return last_whole_week()
    return last_whole_month()


def _month_end(first_day):
    return first_day.replace(day=calendar.monthrange(first_day.year, first_day.month)[1])


class DataImportFactory(factory.django.DjangoModelFactory):
    """Pass `period_start` alone for a one-month (or one-week, for the rota) import."""

    class Meta:
        model = DataImport

    organisation = factory.SubFactory(OrganisationFactory)
    kind = DataImport.Kind.HR
    period_start = factory.LazyAttribute(lambda o: _default_period(o)[0])
    period_end = factory.LazyAttribute(
        lambda o: (
            o.period_start + timedelta(days=6)
            if o.kind == DataImport.Kind.ROTA
            else _month_end(o.period_start)
        )
    )
    file_name = factory.LazyAttribute(lambda o: f"{o.kind}-{o.period_start:%Y-%m-%d}.csv")
    row_count = 0
    uploaded_by = None


class _RowFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    service = factory.SubFactory(
        ServiceFactory, organisation=factory.SelfAttribute("..data_import.organisation")
    )


class HRMonthFactory(_RowFactory):
    class Meta:
        model = HRMonth

    data_import = factory.SubFactory(DataImportFactory, kind=DataImport.Kind.HR)
    month = factory.SelfAttribute("data_import.period_start")
    headcount = 40
    starters = 2
    leavers = 2
    leavers_under_one_year = 1
    sickness_days_lost = Decimal("30.0")
    working_days_available = Decimal("800.0")
    bullying_reports = 0
    grievance_reports = 0
    cases_closed_informally = 0


class RotaWeekFactory(_RowFactory):
    class Meta:
        model = RotaWeek

    data_import = factory.SubFactory(DataImportFactory, kind=DataImport.Kind.ROTA)
    week_start = factory.SelfAttribute("data_import.period_start")
    person_code = factory.Sequence(lambda n: f"S{n:04d}")
    hours = Decimal("37.50")
    contract = RotaWeek.Contract.PERMANENT


class OccupancyMonthFactory(_RowFactory):
    class Meta:
        model = OccupancyMonth

    data_import = factory.SubFactory(DataImportFactory, kind=DataImport.Kind.OCCUPANCY)
    month = factory.SelfAttribute("data_import.period_start")
    available_bed_nights = 900
    occupied_bed_nights = 810
    planned_closure_bed_nights = 0


class ComplaintsMonthFactory(_RowFactory):
    class Meta:
        model = ComplaintsMonth

    data_import = factory.SubFactory(DataImportFactory, kind=DataImport.Kind.COMPLAINTS)
    month = factory.SelfAttribute("data_import.period_start")
    received = 3
    responded = 3
    upheld = 1


class PracticeMonthFactory(_RowFactory):
    class Meta:
        model = PracticeMonth

    data_import = factory.SubFactory(DataImportFactory, kind=DataImport.Kind.PRACTICE)
    month = factory.SelfAttribute("data_import.period_start")
    incidents = 10
    near_misses = 3
    safeguarding_enquiries = 0
    medication_errors = 1
    pressure_ulcers = 0
    unplanned_weight_loss = 0
    long_term_segregation_days = 0


class RestrictivePracticeEpisodeFactory(_RowFactory):
    class Meta:
        model = RestrictivePracticeEpisode

    data_import = factory.SubFactory(DataImportFactory, kind=DataImport.Kind.RESTRICTIVE)
    month = factory.SelfAttribute("data_import.period_start")
    person_code = factory.Sequence(lambda n: f"P{n:04d}")
    shift_code = "NIGHT"
    practice = RestrictivePracticeEpisode.Practice.RESTRAINT
    debrief = True
