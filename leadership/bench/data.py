"""The leadership plugin's part of the benchmark's dataset (cms.bench.data): three years of the
files an organisation's HR uploads (HR, occupancy, complaints and practice figures each month,
restrictive practice episodes on wards, the rota every four weeks with a row per coded person
and week), leaders' visits to services with their follow-ups, and some organisations'
adjustments of the red-flag rules.

Snapshots, red flags and closed-culture alerts are not made here: they are computed from these
rows by the leadership plugin itself (the runner times that), so they read what the services
did. Runs after learning and co-production, whose rows it could read through the database.
"""

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from cms.bench.data import READERS, builder

from ..flags.detectors import get_detector
from ..flags.models import FlagSetting
from ..imports.models import (
    ComplaintsMonth,
    DataImport,
    HRMonth,
    OccupancyMonth,
    PracticeMonth,
    RestrictivePracticeEpisode,
    RotaWeek,
)
from ..visits.models import Capacity, ServiceVisit, SpokeWith, VisitFollowUp

ROTA_BLOCK_WEEKS = 4
SEEN = [
    "Calm lunchtime; people were offered a choice of meal and time to eat.",
    "Two agency staff on shift who did not know people's names. Asked the manager why.",
    "A resident told me staff are kind but always rushed in the mornings.",
    "Night staff said they rarely see managers after eight. Agreed to come back at night.",
]


def _months(bench):
    first = bench.start.date().replace(day=1)
    months, month = [], first
    while month <= bench.now.date():
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


@builder(READERS, "leadership")
def build(bench):
    rng = bench.rng("leadership")
    months = _months(bench)
    imports = []
    monthly = {HRMonth: [], OccupancyMonth: [], ComplaintsMonth: [], PracticeMonth: []}
    episodes = []
    for provider in bench.host.organisations:
        ids = {}
        for kind in ("hr", "occupancy", "complaints", "practice", "restrictive"):
            for month in months:
                end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                ids[kind, month] = import_id = bench.next_id(DataImport)
                imports.append(
                    {
                        "id": import_id,
                        "organisation_id": provider.id,
                        "kind": kind,
                        "period_start": month,
                        "period_end": end,
                        "file_name": f"{kind}-{month:%Y-%m}.csv",
                        "row_count": len(provider.services),
                        "uploaded_by_id": provider.hr,
                        "uploaded_at": bench.now
                        if end >= bench.now.date()
                        else _noon(end + timedelta(days=5)),
                    }
                )
        for service in provider.services:
            staff = len(service.staff)
            # Some services run worse than others: more leavers, sickness and agency.
            strain = 1 + (service.id % 7) / 6
            for month in months:
                leavers = _poisson(rng, staff * 0.02 * strain)
                due = staff // 2
                monthly[HRMonth].append(
                    {
                        "data_import_id": ids["hr", month],
                        "service_id": service.id,
                        "month": month,
                        "headcount": staff,
                        "starters": _poisson(rng, staff * 0.02 * strain),
                        "leavers": leavers,
                        "leavers_under_one_year": rng.randint(0, leavers),
                        "sickness_days_lost": Decimal(round(staff * 21 * 0.04 * strain, 1)),
                        "working_days_available": Decimal(staff * 21),
                        "bullying_reports": _poisson(rng, 0.1 * strain),
                        "grievance_reports": _poisson(rng, 0.1 * strain),
                        "cases_closed_informally": 0,
                        "registered_manager_changes": int(rng.random() < 0.02 * strain),
                        "manager_post_vacant_days": 0,
                        "staff_due_supervision": due,
                        "staff_supervised": max(0, due - _poisson(rng, due * 0.1 * strain)),
                        "exit_interviews": rng.randint(0, leavers),
                    }
                )
                if service.kind in ("care_home", "hospital_ward"):
                    beds = max(4, staff // 2)
                    available = beds * 30
                    monthly[OccupancyMonth].append(
                        {
                            "data_import_id": ids["occupancy", month],
                            "service_id": service.id,
                            "month": month,
                            "available_bed_nights": available,
                            "occupied_bed_nights": int(available * rng.uniform(0.8, 0.98)),
                            "planned_closure_bed_nights": 0,
                        }
                    )
                received = _poisson(rng, 0.05 * staff / strain)
                responded = max(0, received - _poisson(rng, 0.3 * strain))
                monthly[ComplaintsMonth].append(
                    {
                        "data_import_id": ids["complaints", month],
                        "service_id": service.id,
                        "month": month,
                        "received": received,
                        "responded": min(received, responded),
                        "upheld": rng.randint(0, min(received, responded)),
                    }
                )
                incidents = _poisson(rng, 0.15 * staff)
                monthly[PracticeMonth].append(
                    {
                        "data_import_id": ids["practice", month],
                        "service_id": service.id,
                        "month": month,
                        "incidents": incidents,
                        "near_misses": rng.randint(0, incidents),
                        "safeguarding_enquiries": _poisson(rng, 0.02 * staff),
                        "medication_errors": _poisson(rng, 0.03 * staff),
                        "pressure_ulcers": _poisson(rng, 0.01 * staff),
                        "unplanned_weight_loss": _poisson(rng, 0.01 * staff),
                        "long_term_segregation_days": 0,
                    }
                )
                if service.kind == "hospital_ward":
                    for _ in range(_poisson(rng, 0.1 * staff * strain)):
                        episodes.append(
                            {
                                "id": bench.next_id(RestrictivePracticeEpisode),
                                "data_import_id": ids["restrictive", month],
                                "service_id": service.id,
                                "month": month,
                                "person_code": f"P{rng.randint(1, max(2, staff // 3)):03}",
                                "shift_code": rng.choice(("EARLY", "LATE", "NIGHT")),
                                "practice": rng.choice(RestrictivePracticeEpisode.Practice.values),
                                "debrief": rng.random() < 0.7,
                            }
                        )
    bench.copy_dicts(DataImport, imports)
    for model, rows in monthly.items():
        for row in rows:
            row["id"] = bench.next_id(model)
        bench.copy_dicts(model, rows)
    bench.copy_dicts(RestrictivePracticeEpisode, episodes)
    _rota(bench, rng)
    _visits(bench, rng)
    _flag_settings(bench)


def _flag_settings(bench):
    """Some organisations adjust a red-flag rule, as their leaders would on the settings page:
    every third one accepts more turnover before a flag, and every fifth turns the rota rule
    off (the flags themselves are raised from the snapshots, by the plugin)."""
    settings = []
    for number, provider in enumerate(bench.host.organisations):
        if number % 3 == 2:
            settings.append((provider, "turnover_high", True, 30.0))
        if number % 5 == 4:
            settings.append((provider, "rota_long_hours", False, None))
    bench.copy_dicts(
        FlagSetting,
        [
            {
                "id": bench.next_id(FlagSetting),
                "organisation_id": provider.id,
                "rule": get_detector(rule).key,
                "enabled": enabled,
                "threshold": threshold,
                "updated_by_id": provider.leader,
                "updated_at": bench.start,
            }
            for provider, rule, enabled, threshold in settings
        ],
    )


def _rota(bench, rng):
    """Every four weeks, the organisation's rota file: a row per person and week worked."""
    first_monday = bench.start.date() - timedelta(days=bench.start.weekday())
    blocks = []
    monday = first_monday
    while monday + timedelta(weeks=ROTA_BLOCK_WEEKS) <= bench.now.date():
        blocks.append(monday)
        monday += timedelta(weeks=ROTA_BLOCK_WEEKS)
    for provider in bench.host.organisations:
        imports = []
        for block in blocks:
            imports.append(
                {
                    "id": bench.next_id(DataImport),
                    "organisation_id": provider.id,
                    "kind": "rota",
                    "period_start": block,
                    "period_end": block + timedelta(weeks=ROTA_BLOCK_WEEKS, days=-1),
                    "file_name": f"rota-{block:%Y-%m-%d}.csv",
                    "uploaded_by_id": provider.hr,
                    "uploaded_at": _noon(block + timedelta(weeks=ROTA_BLOCK_WEEKS, days=3)),
                }
            )
        bench.copy_dicts(DataImport, imports)
        for service in provider.services:
            _rota_of(bench, rng, service, imports, blocks)


def _rota_of(bench, rng, service, imports, blocks):
    """One service's rows of the rota files: its staff by code, and agency staff, in the weeks
    they worked."""
    strain = 1 + (service.id % 7) / 6
    people = [
        (f"S{service.id}-{n:04}", bench.host.people[user][3].date(), "permanent")
        for n, user in enumerate(service.staff, 1)
    ]
    agency = max(1, round(len(service.staff) * 0.05 * strain))
    people += [(f"A{service.id}-{n:03}", bench.start.date(), "agency") for n in range(agency)]
    rows = []
    for data_import, block in zip(imports, blocks, strict=True):
        for week in range(ROTA_BLOCK_WEEKS):
            week_start = block + timedelta(weeks=week)
            for code, joined, contract in people:
                if joined > week_start or rng.random() > 0.6:
                    continue
                hours = rng.gauss(36, 6) + (14 if rng.random() < 0.03 * strain else 0)
                rows.append(
                    (
                        data_import["id"],
                        service.id,
                        week_start,
                        code,
                        Decimal(f"{min(99, max(4, hours)):.2f}"),
                        contract,
                    )
                )
    first = bench.ids(RotaWeek, len(rows))[0]
    bench.copy(
        RotaWeek,
        ["id", "data_import", "service", "week_start", "person_code", "hours", "contract"],
        ((first + index, *row) for index, row in enumerate(rows)),
    )


def _visits(bench, rng):
    for provider in bench.host.organisations:
        for service in provider.services:
            # Some services are visited every month, some rarely.
            every = rng.choice((30, 45, 90, 150))
            day = bench.start + timedelta(days=rng.uniform(0, every))
            while day < bench.now:
                started = day.replace(hour=rng.choice((10, 14, 21, 23)))
                visit = bench.next_id(ServiceVisit)
                bench.shared.setdefault("visits", []).append(
                    {
                        "id": visit,
                        "service_id": service.id,
                        "visitor_id": provider.leader,
                        "capacity": rng.choice((Capacity.SENIOR_LEADER, Capacity.BOARD_MEMBER)),
                        "started_at": started,
                        "seen_and_heard": rng.choice(SEEN),
                        "spoke_with": rng.sample(SpokeWith.values, k=rng.randint(1, 3)),
                        "recorded_at": started + timedelta(hours=3),
                    }
                )
                if rng.random() < 0.3:
                    due = (started + timedelta(days=28)).date()
                    done = started + timedelta(days=20)
                    bench.shared.setdefault("follow_ups", []).append(
                        {
                            "id": bench.next_id(VisitFollowUp),
                            "visit_id": visit,
                            "action": "Check the night staffing with the manager.",
                            "owner": "Registered manager",
                            "due_on": due,
                            "done_at": done if done < bench.now else None,
                            "done_by_id": provider.leader if done < bench.now else None,
                        }
                    )
                day += timedelta(days=every * rng.uniform(0.7, 1.3))
    bench.copy_dicts(ServiceVisit, bench.shared.pop("visits", []))
    bench.copy_dicts(VisitFollowUp, bench.shared.pop("follow_ups", []))


def _noon(day):
    return datetime.combine(day, time(12), tzinfo=UTC)


def _poisson(rng, mean):
    """A Poisson draw (Knuth's method; the means here are small)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, mean**0.5)))
    limit, k, p = pow(2.718281828459045, -mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1
