"""The imported figures behind the imports' indicators, read for many services at once.

Each reader takes (services, start, end) and returns {service pk: that service's figure}, with
no entry for a service that has nothing in the period: one query (or two) grouped by service,
however many services a snapshot run's batch holds, instead of one per service. The
indicators (indicators.py) apply their rules to these figures, in their set-based form and in
their per-service form alike (the latter asks about [service]), so each rule is written once.

Readers that several indicators use are `shared_many`: in a snapshot run (inside
`cms.indicators.computing()`) they read once per batch and period. What they return is shared,
so the indicators only read it.

Where SQL sums (aggregates grouped by service) the figures are the very aggregates the
per-service form used to take, so Decimal sums come out as before on SQLite and PostgreSQL;
where the rule needs rows (nights in a month, months a file gave, episodes' codes) the rows of
every service are fetched at once and tallied in Python.

Indexes (EXPLAIN ANALYZE on the bench_sab dataset, 300 services; a batch of 50, one month):
the monthly tables (11,000 rows each) and the restrictive practice episodes are read through
their service index, filtering the months of the services' history, each well under a
millisecond. The rota (2.4 M rows) is the one big table: the existing (service, week_start)
index serves it once the query is written service by service (`rota_in`). No sequential scan
of a big table anywhere, so no index is added.
"""

import functools
import operator
from datetime import datetime, time, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from cms.indicators import computing, shared_many
from cms.periods import add_months

from .models import (
    EXIT_THEMES,
    ComplaintsMonth,
    HRMonth,
    OccupancyMonth,
    PracticeMonth,
    RestrictivePracticeEpisode,
    RotaWeek,
    exit_field,
)

MANAGER_WINDOW_MONTHS = 12  # INDICATORS.md B `manager_stability`: changes in 12 months
EXIT_FIELDS = [exit_field(code) for code, _label in EXIT_THEMES]
PRACTICE_COUNTS = (
    "incidents",
    "near_misses",
    "safeguarding_enquiries",
    "medication_errors",
    "pressure_ulcers",
    "unplanned_weight_loss",
    "long_term_segregation_days",
)


def sharing():
    """A scope in which the shared readers below read once: the snapshot run's scope when one
    is open (so that its other indicators share the figures), else one of our own, so that a
    reader several others call (the practice months, under the bed days and the episodes) is
    not read twice for one indicator outside a snapshot run (cms.indicators.computing)."""
    return computing()


def first_day_from(moment):
    """The first UK day whose midnight is at or after `moment` (a date is its own day)."""
    if not isinstance(moment, datetime):
        return moment
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    day = local.date()
    return day if local.time() == time(0) else day + timedelta(days=1)


def days_of(start, end):
    """The UK days [first, last) whose midnight falls in [start, end)."""
    return first_day_from(start), first_day_from(end)


def _pks(services):
    return [service.pk for service in services]


def months_in(model, services, start, end):
    """The rows of `model` (monthly) of `services` whose month starts in the period."""
    first, last = days_of(start, end)
    return model.objects.filter(service_id__in=_pks(services), month__gte=first, month__lt=last)


def _grouped(rows):
    """{service id: [row, ...]} of rows whose first item is the service id."""
    found = {}
    for service_id, *rest in rows:
        found.setdefault(service_id, []).append(rest)
    return found


# --- HR ---------------------------------------------------------------------------------------


@shared_many
def hr_totals(services, start, end):
    """{service pk: its HR counts summed over the months of the period, with the number of
    months and the average headcount}, for the services with a month in it."""
    rows = (
        months_in(HRMonth, services, start, end)
        .values("service_id")
        .annotate(
            months=Count("id"),
            headcount=Sum("headcount"),
            leavers=Sum("leavers"),
            leavers_under_one_year=Sum("leavers_under_one_year"),
            sickness_days_lost=Sum("sickness_days_lost"),
            working_days_available=Sum("working_days_available"),
            bullying_reports=Sum("bullying_reports"),
            grievance_reports=Sum("grievance_reports"),
            cases_closed_informally=Sum("cases_closed_informally"),
        )
        .order_by()
    )
    found = {}
    for totals in rows:
        totals["average_headcount"] = totals["headcount"] / totals["months"]
        found[totals.pop("service_id")] = totals
    return found


@shared_many
def hr_later_columns(services, start, end):
    """{service pk: [its HR months' supervision and exit interview columns, as dicts]} over
    the months of the period (None where a file left the columns out)."""
    found = {}
    rows = (
        months_in(HRMonth, services, start, end)
        .values(
            "service_id",
            "staff_due_supervision",
            "staff_supervised",
            "exit_interviews",
            *EXIT_FIELDS,
        )
        .order_by()
    )
    for row in rows:
        found.setdefault(row.pop("service_id"), []).append(row)
    return found


@shared_many
def manager_totals(services, start, end):
    """{service pk: registered manager changes, days the post was vacant and the staff} in
    the 12 months to the end of the period (a month's figure alone says little), over the
    months that give them; no entry for a service with no such month."""
    last = first_day_from(end)
    window_start = add_months(last.replace(day=1), -MANAGER_WINDOW_MONTHS)
    if last.day != 1:
        window_start = add_months(window_start, 1)
    rows = (
        HRMonth.objects.filter(
            service_id__in=_pks(services),
            month__gte=window_start,
            month__lt=last,
            registered_manager_changes__isnull=False,
            manager_post_vacant_days__isnull=False,
        )
        .values_list(
            "service_id", "headcount", "registered_manager_changes", "manager_post_vacant_days"
        )
        .order_by()
    )
    found = {}
    for service_id, months in _grouped(rows).items():
        found[service_id] = {
            "changes": sum(changes for _headcount, changes, _vacant in months),
            "vacant_days": sum(vacant for _headcount, _changes, vacant in months),
            "average_headcount": sum(headcount for headcount, *_rest in months) / len(months),
        }
    return found


# --- Rota -------------------------------------------------------------------------------------


def rota_in(services, start, end):
    """The rota rows of `services` for the weeks starting in the period.

    The condition is written service by service, (service 1 and the weeks) or (service 2 and
    the weeks) ..., rather than "service in the batch and the weeks": PostgreSQL then reads
    each service's weeks from the (service, week_start) index (a bitmap OR), where for the
    "in" form it picks the single-column service index and filters the weeks out of the
    services' whole history. On bench_sab (2.4 M rota rows), 50 services and a month: 3 ms
    instead of 200 to 370 ms, and it does not grow with the history kept."""
    first, last = days_of(start, end)
    each_service = functools.reduce(
        operator.or_,
        (
            Q(service_id=service.pk, week_start__gte=first, week_start__lt=last)
            for service in services
        ),
        Q(pk__in=[]),
    )
    return RotaWeek.objects.filter(each_service)


@shared_many
def rota_hours_per_person(services, start, end):
    """{service pk: (each coded person's total hours over the period, largest first, the
    number of weeks the service's rota covers in it)}. The codes are dropped here: only the
    totals are returned."""
    weeks = rota_in(services, start, end)
    totals = _grouped(
        weeks.values("service_id", "person_code")
        .annotate(total=Sum("hours"))
        .values_list("service_id", "total")
        .order_by()
    )
    week_counts = dict(
        weeks.values("service_id")
        .annotate(weeks=Count("week_start", distinct=True))
        .values_list("service_id", "weeks")
        .order_by()
    )
    return {
        service_id: (sorted((total for (total,) in rows), reverse=True), week_counts[service_id])
        for service_id, rows in totals.items()
    }


def rota_contracts(services, start, end):
    """{service pk: all rota hours, those worked by agency or bank staff (None when none), and
    the coded people on the rota} over the period."""
    non_permanent = [RotaWeek.Contract.AGENCY, RotaWeek.Contract.BANK]
    rows = (
        rota_in(services, start, end)
        .values("service_id")
        .annotate(
            all_hours=Sum("hours"),
            non_permanent_hours=Sum("hours", filter=Q(contract__in=non_permanent)),
            people=Count("person_code", distinct=True),
        )
        .order_by()
    )
    return {totals.pop("service_id"): totals for totals in rows}


# --- Occupancy and complaints -----------------------------------------------------------------


@shared_many
def occupancy_months(services, start, end):
    """{service pk: [(month, available, occupied, planned closure bed-nights), ...]} over the
    months of the period."""
    return _grouped(
        months_in(OccupancyMonth, services, start, end)
        .values_list(
            "service_id",
            "month",
            "available_bed_nights",
            "occupied_bed_nights",
            "planned_closure_bed_nights",
        )
        .order_by()
    )


@shared_many
def complaints_totals(services, start, end):
    """{service pk: the months, complaints received, responded to and upheld} summed over the
    months of the period."""
    rows = (
        months_in(ComplaintsMonth, services, start, end)
        .values("service_id")
        .annotate(
            months=Count("id"),
            received=Sum("received"),
            responded=Sum("responded"),
            upheld=Sum("upheld"),
        )
        .order_by()
    )
    return {totals.pop("service_id"): totals for totals in rows}


# --- Practice and outcomes, restrictive practice ----------------------------------------------


@shared_many
def practice_months(services, start, end):
    """{service pk: {month: its practice row's counts}} for the months of the period each
    service reported."""
    found = {}
    rows = months_in(PracticeMonth, services, start, end).values(
        "service_id", "month", *PRACTICE_COUNTS
    )
    for row in rows.order_by():
        found.setdefault(row.pop("service_id"), {})[row["month"]] = row
    return found


@shared_many
def occupied_bed_days(services, start, end):
    """{service pk: {month: occupied bed-nights}} for the months of the period that the
    service reported practice in and have an occupancy row (the rates per 1,000 bed days).
    No query when no service reported practice."""
    reported = practice_months(services, start, end)
    if not reported:
        return {}
    found = {}
    rows = months_in(
        OccupancyMonth, [service for service in services if service.pk in reported], start, end
    ).values_list("service_id", "month", "occupied_bed_nights")
    for service_id, month, nights in rows.order_by():
        if month in reported[service_id]:
            found.setdefault(service_id, {})[month] = nights
    return found


@shared_many
def restrictive_episodes(services, start, end):
    """{service pk: (the months reported, the episodes in them as (month, person code, shift
    code, debrief, practice))} for the services that reported some month of the period. An
    episode in a month the service did not report is left out. The codes never leave this
    plugin's indicator functions."""
    reported = practice_months(services, start, end)
    if not reported:
        return {}
    found = {service_id: (list(months), []) for service_id, months in reported.items()}
    rows = months_in(
        RestrictivePracticeEpisode,
        [service for service in services if service.pk in reported],
        start,
        end,
    ).values_list("service_id", "month", "person_code", "shift_code", "debrief", "practice")
    for service_id, *episode in rows.order_by():
        if episode[0] in reported[service_id]:
            found[service_id][1].append(tuple(episode))
    return found
