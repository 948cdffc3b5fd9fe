"""Demo leadership history (run by `manage.py load_demo` after the co-production demo): 24 months
of HR, rota, occupancy and complaints figures for Riverside's services, uploaded as CSV files
through the import service, then the snapshots and the red flags worked out from them.

The story, read against the co-production demo's surveys and concerns (coproduction/demo/
history.py) through the indicator registry:
- Elm Court (28 beds) slides into a closed culture. About nine months ago five of its permanent
  staff (coded EC0001 to EC0005) began to take most of the shifts, and for the last six months
  they have worked 60 to 70 hours a week while the rest of the team is squeezed onto short weeks
  and agency staff fill the gaps. Leavers rise, new starters leave within the year, sickness
  rises, bullying and grievance reports start (some closed informally), occupancy falls as
  families move people out, and in the last months complaints come in faster than they are
  answered. With the family recommend score falling and concerns acknowledged late, Elm Court
  shows flags from all four evidence streams (workforce, people and families, staff voice, and
  practice and outcomes) in the last whole month, and a closed-culture alert is open. Its
  restrictive practice rising without debriefs, beside the workforce signs, raises an alert in
  the first month evaluated, standing each month since (a sustained alert); the rules read the
  few concerns of each month over three months, and the late acknowledgements join it a month
  later.
- Willow House (42 beds) is steady: turnover about 11% a year, nobody averaging over 48 hours, a
  little bank and agency cover, occupancy in the 90s (two months with beds closed on purpose for
  refurbishment, recorded as planned closures), every complaint answered. It shows no flag.
- Riverside Home Care is steady too (it has no beds, so no occupancy figures).
- Hawthorn Cottage (6 beds, 8 staff) is small, and slides too: in the last months two of its six
  care staff take most of the shifts on long weeks, a leaver a month (each replaced), and two or
  three complaints a month with few answered. Every one of its monthly complaint figures rests
  on fewer than 5 complaints and is withheld on every screen; the rules read them over three
  months inside the system, so it shows flags and an alert that say what pattern was seen and
  where to look, never the withheld numbers.

How it is made:
- One file per kind and month, written as the CSV text a provider would upload (one row per
  service; the rota one row per coded person and week, the weeks whose Monday falls in that
  month), and imported by `leadership.imports.services.import_csv` as the demo HR account, so
  the demo goes through the same checks as any upload. Each import is dated a few days after its
  month, when it would have been uploaded.
- The figures come from a seeded `random.Random`, so the demo is the same every time it loads;
  people are codes, never names.
- `snapshots_compute` then works out every registered indicator for Riverside, and
  `flags_evaluate` runs for each of the last six whole months in turn, as the nightly run would
  have on the first night of the next month; flags and alerts are dated to that night.
- The alert email goes to Riverside's leaders and safeguarding lead (demo accounts) when the
  load commits.

Practice and outcomes (issue 12; `practice_files` and `hr_additions`, below the rest):
- Elm Court: restrictive practice rises from two or three uses a month to over a dozen in the
  last nine months, more and more of it on one person (coded ECR01) and on nights, with fewer
  and fewer debriefs, and that person in long-term segregation in the last months; incident
  reports and near misses fall at the same time (less reporting, not safer care), medication
  errors, pressure ulcers and weight loss rise. Two registered manager changes in the last
  year, supervision falling, and more leavers naming the culture, bullying or management.
  Flagged for restrictive practice rising, without debriefs, on one person and on one shift
  (one indicator for the alert), incident reports falling without safer care, supervision
  falling and the manager changing. Its leavers' themes raise no flag: fewer than 10 leavers
  were interviewed even over three months, the staff-voice floor.
- Willow House: one to three uses a month, spread over people and shifts, almost always
  debriefed; incidents reported steadily, supervision steady, leavers citing pay or career. It
  shows no flag.
- Riverside Home Care: incidents and basic care only (no restrictive practice).

Service visits (leadership.visits; `visits`, below the rest), by the demo leader as a senior
leader, written before the snapshots are worked out:
- Willow House: a visit about every four weeks for the last year, one in three at night or at
  a weekend and unannounced, talking with night and agency staff too; a few follow-ups, the
  latest still open.
- Elm Court: weekday daytime visits, announced, to the office, every month until five months
  ago, then none: flagged "no senior visit" from two months ago, in the staff-voice stream.
- Hawthorn Cottage and Riverside Home Care: an announced weekday visit every other month.

Safe to run again: if Riverside already has any import, nothing is added.
"""

import csv
import io
import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cms.organisations.demo import DEMO_PASSWORD
from cms.organisations.models import Organisation
from cms.periods import add_months, this_month

from .flags.models import ClosedCultureAlert, RedFlag
from .flags.services import flags_evaluate
from .imports.models import EXIT_THEMES, DataImport, exit_field
from .imports.services import SPECS, import_csv
from .snapshots.services import snapshots_compute

Kind = DataImport.Kind

ORGANISATION = "riverside"
HR = "hr@riverside.example.org"
LEADER = "leader@riverside.example.org"
ELM_COURT = "Elm Court"
HAWTHORN = "Hawthorn Cottage"
WILLOW_HOUSE = "Willow House"
HOME_CARE = "Riverside Home Care"
MONTHS = 24
# The red flags are evaluated for each of the last few whole months, oldest first.
EVALUATED_MONTHS = 6
# A month's files are uploaded on this day of the next month.
UPLOAD_DAY = 5


def _by_month(newest_last):
    """A figure for each of the 24 months, given oldest first, keyed by months ago (24 to 1)."""
    values = list(newest_last)
    if len(values) != MONTHS:
        raise ValueError(f"{len(values)} months given, not {MONTHS}")
    return {MONTHS - index: value for index, value in enumerate(values)}


def _steady(*pattern):
    """`pattern` repeated over the 24 months."""
    return _by_month((pattern * MONTHS)[:MONTHS])


@dataclass(frozen=True)
class Plan:
    """How one service's figures go, month by month (keyed by months ago)."""

    service: str
    code: str  # the prefix of its staff codes
    care_staff: int  # permanent staff on the rota at the start
    other_staff: int  # permanent staff not on the care rota (kitchen, housekeeping, office)
    leavers: dict
    starters: dict
    leavers_under_one_year: dict
    sickness_percent: dict
    bullying: dict  # (bullying reports, grievances, cases closed informally)
    agency_hours: dict  # agency hours a week
    bank_hours: dict  # bank hours a week
    # The hours a week the few who hold the shifts work ((low, high), or None), and how much of
    # their usual hours everyone else is given.
    clique_hours: dict
    others_share: dict
    occupancy_percent: dict | None  # None: no beds
    closed_beds: dict | None
    complaints: dict  # (received, responded, upheld)
    clique: int = 5  # how many of the first staff codes take the long weeks


NO_CASES = (0, 0, 0)

WILLOW = Plan(
    service=WILLOW_HOUSE,
    code="WH",
    care_staff=46,
    other_staff=10,
    leavers=_steady(1, 0),
    starters=_steady(0, 1),
    leavers_under_one_year=_steady(0),
    sickness_percent=_steady(3.1, 2.8, 3.4, 3.0, 2.6, 3.3),
    bullying=_by_month(
        [NO_CASES] * 5 + [(0, 1, 0)] + [NO_CASES] * 9 + [(0, 1, 0)] + [NO_CASES] * 8
    ),
    agency_hours=_steady(12, 0, 0, 12),
    bank_hours=_steady(30, 24, 36),
    clique_hours=_steady(None),
    others_share=_steady(1.0),
    occupancy_percent=_steady(95, 94, 96, 93, 95, 92),
    closed_beds=_by_month([0] * 10 + [3, 3] + [0] * 12),
    complaints=_steady((1, 1, 0), (2, 2, 1), (0, 0, 0), (1, 1, 1), (3, 3, 1), (1, 1, 0)),
)

ELM = Plan(
    service=ELM_COURT,
    code="EC",
    care_staff=30,
    other_staff=7,
    # Oldest first: 15 months at about one leaver in two months, then the slide.
    leavers=_by_month([1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1, 1, 2, 1, 2, 2, 3]),
    starters=_by_month([1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1]),
    leavers_under_one_year=_by_month([0] * 15 + [0, 0, 1, 0, 1, 1, 1, 1, 2]),
    sickness_percent=_by_month(
        [3.0, 3.2, 2.9, 3.1, 3.3, 2.8, 3.0, 3.4, 3.1, 2.9, 3.2, 3.0, 3.3, 3.1, 3.5]
        + [3.9, 4.2, 4.6, 5.1, 5.4, 5.9, 6.3, 6.8, 7.4]
    ),
    bullying=_by_month(
        [NO_CASES] * 7
        + [(0, 1, 0)]
        + [NO_CASES] * 10
        + [(1, 0, 0), (0, 1, 1), (1, 0, 0), (1, 0, 1), (0, 1, 1), (2, 2, 1)]
    ),
    agency_hours=_by_month(
        [24, 36, 24, 30] * 3 + [36, 30, 24, 48, 72, 90, 100, 110, 120, 130, 140, 150]
    ),
    bank_hours=_steady(24, 30),
    clique_hours=_by_month([None] * 15 + [(50, 56)] * 3 + [(62, 70)] * 6),
    others_share=_by_month([1.0] * 15 + [0.8, 0.7, 0.6, 0.5, 0.45, 0.4, 0.4, 0.35, 0.35]),
    occupancy_percent=_by_month(
        [94, 95, 93, 96, 94, 95, 93, 94, 96, 95, 94, 93, 95, 94, 93, 92]
        + [90, 88, 85, 82, 79, 76, 73, 71]
    ),
    closed_beds=_steady(0),
    complaints=_by_month(
        [(1, 1, 0), (0, 0, 0), (2, 2, 1), (1, 1, 0), (1, 1, 1), (0, 0, 0)] * 3
        + [(2, 1, 0), (2, 1, 1), (3, 1, 0), (3, 1, 1), (4, 1, 1), (6, 1, 0)]
    ),
)

HOME = Plan(
    service=HOME_CARE,
    code="HC",
    care_staff=38,
    other_staff=6,
    leavers=_steady(0, 1),
    starters=_steady(1, 0),
    leavers_under_one_year=_steady(0, 0, 0, 1, 0, 0),
    sickness_percent=_steady(3.6, 3.2, 3.9, 3.4),
    bullying=_by_month([NO_CASES] * 9 + [(0, 1, 0)] + [NO_CASES] * 14),
    agency_hours=_steady(0),
    bank_hours=_steady(40, 32, 48),
    clique_hours=_steady(None),
    others_share=_steady(1.0),
    occupancy_percent=None,
    closed_beds=None,
    complaints=_steady((1, 1, 0), (0, 0, 0), (1, 1, 1), (0, 0, 0)),
)

HAWTHORN_COTTAGE = Plan(
    service=HAWTHORN,
    code="HT",
    care_staff=6,
    other_staff=2,
    # A leaver a year, then a leaver in most of the last months, each replaced at once.
    leavers=_by_month([0] * 11 + [1] + [0] * 8 + [1, 0, 1, 1]),
    starters=_by_month([0] * 11 + [1] + [0] * 8 + [1, 0, 1, 1]),
    leavers_under_one_year=_by_month([0] * 22 + [1, 1]),
    sickness_percent=_steady(3.0, 3.5, 2.5),
    bullying=_steady(NO_CASES),
    agency_hours=_by_month([0] * 20 + [12, 12, 24, 24]),
    bank_hours=_steady(12, 12, 24),
    clique_hours=_by_month([None] * 19 + [(54, 60)] * 5),
    others_share=_by_month([1.0] * 19 + [0.7] * 5),
    occupancy_percent=_steady(100, 100, 83),
    closed_beds=_steady(0),
    complaints=_by_month(
        [(1, 1, 0), (0, 0, 0), (1, 1, 0), (2, 2, 1)] * 5
        + [(2, 1, 0), (3, 1, 1), (2, 0, 0), (3, 1, 0)]
    ),
    clique=2,
)

PLANS = (WILLOW, ELM, HOME, HAWTHORN_COTTAGE)
# Contracted hours a week of the permanent care staff, in turn.
CONTRACTS = (37.5, 30, 37.5, 22.5, 36, 30, 37.5, 24)


# --- Months and weeks -----------------------------------------------------------------------


def month_ago(months_ago, today=None):
    """The first day of the month `months_ago` months before today's (0: this month)."""
    return add_months(this_month(today), -months_ago)


def mondays(first_day):
    """The Mondays of the month that starts on `first_day`."""
    day = first_day + timedelta(days=(7 - first_day.weekday()) % 7)
    while day.month == first_day.month:
        yield day
        day += timedelta(days=7)


def _days_in(first_day):
    return (add_months(first_day, 1) - first_day).days


# --- The figures ----------------------------------------------------------------------------


class Staffing:
    """One service's staff codes through the months: who is on the rota, who leaves, who
    starts. The few who come to hold the shifts are the first codes, and never leave."""

    def __init__(self, plan):
        self.plan = plan
        self.random = random.Random(f"riverside-demo-{plan.code}")
        self.next_number = 1
        self.staff = [self._new_code() for _ in range(plan.care_staff)]

    def _new_code(self):
        code = f"{self.plan.code}{self.next_number:04d}"
        self.next_number += 1
        return code

    def month_changes(self, months_ago):
        for _ in range(self.plan.leavers[months_ago]):
            self.staff.remove(self.random.choice(self.staff[self.plan.clique :]))
        for _ in range(self.plan.starters[months_ago]):
            self.staff.append(self._new_code())

    def contract(self, code):
        return CONTRACTS[int(code[len(self.plan.code) :]) % len(CONTRACTS)]

    def week(self, months_ago):
        """(person code, hours, contract) for each person who worked in one week."""
        plan, rows = self.plan, []
        clique = plan.clique_hours[months_ago]
        for position, code in enumerate(self.staff):
            if clique and position < plan.clique:
                hours = self.random.uniform(*clique)
            else:
                usual = self.contract(code) * plan.others_share[months_ago]
                hours = max(0.0, usual + self.random.uniform(-3, 3))
                if self.random.random() < 0.08:
                    hours = 0.0  # leave, sickness or a week off
            if hours:
                rows.append((code, _quarter_hours(hours), "permanent"))
        rows += self._cover(plan.bank_hours[months_ago], "bank", f"{plan.code}B", 4)
        rows += self._cover(plan.agency_hours[months_ago], "agency", f"AGY-{plan.code}", 8)
        return rows

    def _cover(self, hours, contract, prefix, pool):
        """Bank or agency hours shared out in shifts of about 12 hours among a pool of codes."""
        rows, left = {}, hours
        while left > 0:
            code = f"{prefix}{self.random.randrange(1, pool + 1):02d}"
            shift = min(left, 12)
            rows[code] = rows.get(code, 0) + shift
            left -= shift
        return [(code, _quarter_hours(total), contract) for code, total in sorted(rows.items())]

    def headcount(self):
        return len(self.staff) + self.plan.other_staff


def _quarter_hours(hours):
    return round(hours * 4) / 4


def _figures(today, beds):
    """{kind: {months ago: [rows as dicts of the file's columns]}} for every service; `beds`
    are the services' beds by name."""
    files = {kind: {months_ago: [] for months_ago in range(MONTHS, 0, -1)} for kind in Kind}
    for plan in PLANS:
        staffing = Staffing(plan)
        for months_ago in range(MONTHS, 0, -1):
            first_day = month_ago(months_ago, today)
            staffing.month_changes(months_ago)
            month = f"{first_day:%Y-%m}"
            for monday in mondays(first_day):
                for code, hours, contract in staffing.week(months_ago):
                    files[Kind.ROTA][months_ago].append(
                        {
                            "service": plan.service,
                            "week_start": monday.isoformat(),
                            "person_code": code,
                            "hours": f"{hours:g}",
                            "contract": contract,
                        }
                    )
            files[Kind.HR][months_ago].append(_hr_row(plan, staffing, months_ago, month))
            if plan.occupancy_percent is not None:
                files[Kind.OCCUPANCY][months_ago].append(
                    _occupancy_row(plan, beds[plan.service], months_ago, month, first_day)
                )
            received, responded, upheld = plan.complaints[months_ago]
            files[Kind.COMPLAINTS][months_ago].append(
                {
                    "service": plan.service,
                    "month": month,
                    "received": received,
                    "responded": responded,
                    "upheld": upheld,
                }
            )
    return files


def _hr_row(plan, staffing, months_ago, month):
    headcount = staffing.headcount()
    working_days = headcount * 20
    bullying, grievances, informal = plan.bullying[months_ago]
    row = {
        "service": plan.service,
        "month": month,
        "headcount": headcount,
        "starters": plan.starters[months_ago],
        "leavers": plan.leavers[months_ago],
        "leavers_under_one_year": plan.leavers_under_one_year[months_ago],
        "sickness_days_lost": f"{round(working_days * plan.sickness_percent[months_ago] / 100, 1)}",
        "working_days_available": working_days,
        "bullying_reports": bullying,
        "grievance_reports": grievances,
        "cases_closed_informally": informal,
    }
    return {**row, **hr_additions(plan.service, months_ago, row)}


def _occupancy_row(plan, beds, months_ago, month, first_day):
    nights = _days_in(first_day)
    closed = plan.closed_beds[months_ago] * nights
    available = beds * nights - closed
    return {
        "service": plan.service,
        "month": month,
        "available_bed_nights": available,
        "occupied_bed_nights": round(available * plan.occupancy_percent[months_ago] / 100),
        "planned_closure_bed_nights": closed,
    }


def csv_text(kind, rows):
    """The rows as the CSV file a provider would upload: the template's headings, then rows."""
    columns = SPECS[kind].column_names
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# --- Loading --------------------------------------------------------------------------------


def _organisation():
    return Organisation.objects.filter(slug=ORGANISATION).first()


def _moment(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def load(stdout):
    organisation = _organisation()
    if organisation is None:
        return
    if DataImport.objects.filter(organisation=organisation).exists():
        stdout.write("Leadership demo for Riverside: already there.\n")
        return
    names = set(organisation.services.values_list("name", flat=True))
    hr = get_user_model().objects.filter(email=HR).first()
    if hr is None or not {plan.service for plan in PLANS} <= names:
        stdout.write("Leadership demo: the Riverside demo services or people are missing.\n")
        return
    today = timezone.localdate()
    imported = _imports(organisation, hr, today)
    visits(organisation, today)
    result = snapshots_compute(organisation=organisation, today=today)
    _flags(organisation, today)
    stdout.write(
        f"Leadership demo for Riverside: {imported} CSV imports ({MONTHS} months of HR, rota, "
        f"occupancy, complaints and practice), {result.written} snapshots, and red flags for "
        f"the last {EVALUATED_MONTHS} months: {_flag_summary(organisation)}.\n"
    )
    if result.failures:
        stdout.write(f"  {result.problems()}\n")


def _imports(organisation, hr, today):
    """Upload each month's files, oldest first, as the HR account did a few days after."""
    beds = dict(organisation.services.values_list("name", "beds"))
    files = _figures(today, beds)
    files.update(practice_files(today, [plan.service for plan in PLANS]))
    imported = 0
    for months_ago in range(MONTHS, 0, -1):
        first_day = month_ago(months_ago, today)
        uploaded = min(
            _moment(month_ago(months_ago - 1, today).replace(day=UPLOAD_DAY), 10),
            timezone.now(),
        )
        for kind in Kind:
            rows = files[kind][months_ago]
            if not rows:
                continue
            upload = SimpleUploadedFile(
                f"riverside-{kind}-{first_day:%Y-%m}.csv",
                csv_text(kind, rows).encode("utf-8"),
                content_type="text/csv",
            )
            data_import = import_csv(organisation, kind, upload, hr, today=today)
            DataImport.objects.filter(pk=data_import.pk).update(uploaded_at=uploaded)
            imported += 1
    return imported


def _flags(organisation, today):
    """Evaluate each of the last months in turn, as the nightly run did on the first night of
    the month after; date what it raised to that night."""
    for months_ago in range(EVALUATED_MONTHS, 0, -1):
        month = month_ago(months_ago, today)
        night = min(_moment(month_ago(months_ago - 1, today), 2), timezone.now())
        flags_evaluate(organisation=organisation, month=month, now=night)
        RedFlag.objects.filter(service__organisation=organisation, start=month).update(
            raised_at=night
        )
        ClosedCultureAlert.objects.filter(service__organisation=organisation, start=month).update(
            raised_at=night
        )


def _flag_summary(organisation):
    parts = []
    for plan in PLANS:
        active = RedFlag.objects.filter(
            service__organisation=organisation, service__name=plan.service, cleared_at=None
        )
        alerts = ClosedCultureAlert.objects.filter(
            service__organisation=organisation, service__name=plan.service, acknowledged_at=None
        ).count()
        streams = sorted(set(active.values_list("stream", flat=True)))
        text = f"{plan.service} {active.count()} active"
        if streams:
            text += f" ({', '.join(streams)})"
        if alerts:
            text += f", {alerts} open closed-culture alert{'s' if alerts > 1 else ''}"
        parts.append(text)
    return "; ".join(parts)


def summary(stdout):
    """The leadership sign-ins to try (the same password as every demo account), once the demo
    figures are there."""
    organisation = _organisation()
    if organisation is None or not DataImport.objects.filter(organisation=organisation).exists():
        return
    stdout.write(f"Leadership (Riverside Care Group; password {DEMO_PASSWORD}):\n")
    for email, what in [
        (LEADER, "a leader: the red flags and the open closed-culture alert at Elm Court"),
        ("", "(its evidence, assign the red flags path, acknowledge it), the dashboards"),
        ("", "(Elm Court sliding, Willow House steady) and a board report"),
        (HR, "HR: the imports of HR, rota, occupancy and complaints figures (24 months)"),
    ]:
        stdout.write(f"  {email:<38} {what}\n")
    stdout.write("\n")


# --- Practice and outcomes, and the HR file's later columns (issue 12) ----------------------


@dataclass(frozen=True)
class PracticeStory:
    """How one service's practice figures go, keyed by months ago (see the module docstring)."""

    code: str  # the prefix of the codes of the people restrictive practice was used on
    incidents: dict
    near_miss_share: dict
    enquiries: dict
    basic_care: dict  # (medication errors, pressure ulcers, people with unplanned weight loss)
    episodes: dict  # uses of restrictive practice a month
    people: dict  # how many people they were used on
    on_one_person: dict  # the share used on the one person (always on nights)
    debriefed: dict  # the share followed by a debrief
    segregation_days: dict  # days the one person spent in long-term segregation
    supervised: dict  # the share of staff due a supervision who had it
    manager_changes: dict  # (changes, days the post was vacant)
    exit_reasons: tuple  # the main reasons interviewed leavers give, in turn
    late_exit_reasons: tuple  # ... in the last nine months


SLIDE = 9  # months: Elm Court's restrictive practice and its other figures turn this long ago
STEADY_EXITS = ("pay", "career", "personal", "workload", "retirement")

ELM_PRACTICE = PracticeStory(
    code="ECR",
    incidents=_by_month(
        [14, 13, 15, 12, 14, 13, 15, 14, 12, 13, 14, 15, 13, 14, 13] + [12, 11, 9, 8, 7, 6, 5, 5, 4]
    ),
    near_miss_share=_by_month([0.35] * 15 + [0.3, 0.25, 0.2, 0.15, 0.1, 0.1, 0, 0, 0]),
    enquiries=_by_month(
        [0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0] + [0, 1, 0, 1, 1, 0, 2, 1, 2]
    ),
    basic_care=_by_month(
        [(1, 0, 0), (0, 0, 1), (1, 0, 0)] * 5
        + [
            (1, 1, 0),
            (2, 0, 1),
            (2, 1, 1),
            (2, 1, 2),
            (3, 1, 2),
            (3, 2, 2),
            (3, 2, 3),
            (4, 2, 3),
            (4, 3, 4),
        ]
    ),
    episodes=_by_month(
        [3, 2, 3, 2, 3, 3, 2, 3, 2, 3, 3, 2, 3, 2, 3] + [4, 5, 6, 7, 8, 10, 11, 12, 14]
    ),
    people=_by_month([3, 2, 3, 2, 3, 3, 2, 3, 2, 3, 3, 2, 3, 2, 3] + [4, 5, 5, 5, 5, 6, 6, 6, 6]),
    on_one_person=_by_month([0.34] * 15 + [0.4, 0.4, 0.45, 0.5, 0.5, 0.55, 0.55, 0.6, 0.6]),
    debriefed=_by_month([1.0] * 15 + [0.8, 0.7, 0.6, 0.5, 0.4, 0.35, 0.3, 0.25, 0.2]),
    segregation_days=_by_month([0] * 20 + [10, 20, 31, 31]),
    supervised=_by_month(
        [0.92, 0.9, 0.94, 0.91, 0.93] * 3 + [0.85, 0.8, 0.76, 0.7, 0.66, 0.6, 0.58, 0.55, 0.5]
    ),
    manager_changes=_by_month([(0, 0)] * 16 + [(1, 12)] + [(0, 0)] * 4 + [(1, 20)] + [(0, 0)] * 2),
    exit_reasons=STEADY_EXITS,
    late_exit_reasons=("culture", "management", "bullying", "culture", "pay"),
)

WILLOW_PRACTICE = PracticeStory(
    code="WHR",
    incidents=_steady(18, 16, 19, 17, 18, 20),
    near_miss_share=_steady(0.35, 0.4, 0.3),
    enquiries=_by_month([0] * 6 + [1] + [0] * 10 + [1] + [0] * 6),
    basic_care=_steady((1, 0, 0), (0, 0, 1), (1, 1, 0), (0, 0, 0)),
    episodes=_steady(2, 1, 3, 2, 1, 2),
    people=_steady(2, 1, 3, 2, 1, 2),
    on_one_person=_steady(0.0),
    debriefed=_steady(1.0),
    segregation_days=_steady(0),
    supervised=_steady(0.93, 0.95, 0.92, 0.96),
    manager_changes=_steady((0, 0)),
    exit_reasons=STEADY_EXITS,
    late_exit_reasons=STEADY_EXITS,
)

QUIET_PRACTICE = PracticeStory(
    code="QR",
    incidents=_steady(6, 5, 7),
    near_miss_share=_steady(0.4),
    enquiries=_steady(0),
    basic_care=_steady((1, 0, 0), (0, 0, 0)),
    episodes=_steady(0),
    people=_steady(0),
    on_one_person=_steady(0.0),
    debriefed=_steady(1.0),
    segregation_days=_steady(0),
    supervised=_steady(0.9, 0.93),
    manager_changes=_steady((0, 0)),
    exit_reasons=STEADY_EXITS,
    late_exit_reasons=STEADY_EXITS,
)

# Any other service (a demo home added later) gets the quiet story.
PRACTICE_STORIES = {ELM_COURT: ELM_PRACTICE, WILLOW_HOUSE: WILLOW_PRACTICE}
SHIFTS = ("EARLY", "LATE", "NIGHT")


def _story(service):
    return PRACTICE_STORIES.get(service, QUIET_PRACTICE)


def hr_additions(service, months_ago, row):
    """The HR file's manager, supervision and exit interview columns for one service's month,
    from the figures already in its row (headcount, leavers): every leaver is interviewed."""
    story = _story(service)
    changes, vacant_days = story.manager_changes[months_ago]
    due = row["headcount"] - 2
    reasons = story.late_exit_reasons if months_ago <= SLIDE else story.exit_reasons
    themes = dict.fromkeys((code for code, _label in EXIT_THEMES), 0)
    for number in range(row["leavers"]):
        themes[reasons[(months_ago + number) % len(reasons)]] += 1
    return {
        "registered_manager_changes": changes,
        "manager_post_vacant_days": vacant_days,
        "staff_due_supervision": due,
        "staff_supervised": round(due * story.supervised[months_ago]),
        "exit_interviews": row["leavers"],
        **{exit_field(code): count for code, count in themes.items()},
    }


def _episodes(story, service, month, months_ago, rng):
    """The month's uses of restrictive practice as rows of the file: the first person (on
    nights) takes their share, the rest are spread over the other people and shifts."""
    count, people = story.episodes[months_ago], story.people[months_ago]
    focus = round(count * story.on_one_person[months_ago]) if people > 1 else count
    without_debrief = count - round(count * story.debriefed[months_ago])
    rows = []
    for number in range(count):
        on_focus = number < focus
        person = 1 if on_focus else 2 + number % max(people - 1, 1)
        practice = "restraint"
        if on_focus and story.segregation_days[months_ago] and number == 0:
            practice = "segregation"
        elif rng.random() < 0.25:
            practice = rng.choice(("seclusion", "prn_sedation", "rapid_tranquillisation"))
        rows.append(
            {
                "service": service,
                "month": month,
                "person_code": f"{story.code}{person:02d}",
                "shift_code": "NIGHT" if on_focus else rng.choice(SHIFTS),
                "practice": practice,
                # The last episodes of the month are the ones left without a debrief.
                "debrief": "no" if number >= count - without_debrief else "yes",
            }
        )
    return rows


def practice_files(today, services):
    """{kind: {months ago: rows}} of the practice and outcomes and restrictive practice files
    for `services` (by name), as `_figures` gives the other kinds."""
    files = {
        kind: {months_ago: [] for months_ago in range(MONTHS, 0, -1)}
        for kind in (Kind.PRACTICE, Kind.RESTRICTIVE)
    }
    for service in services:
        story = _story(service)
        rng = random.Random(f"riverside-demo-practice-{service}")
        for months_ago in range(MONTHS, 0, -1):
            month = f"{month_ago(months_ago, today):%Y-%m}"
            incidents = story.incidents[months_ago]
            errors, ulcers, weight_loss = story.basic_care[months_ago]
            files[Kind.PRACTICE][months_ago].append(
                {
                    "service": service,
                    "month": month,
                    "incidents": incidents,
                    "near_misses": round(incidents * story.near_miss_share[months_ago]),
                    "safeguarding_enquiries": story.enquiries[months_ago],
                    "medication_errors": errors,
                    "pressure_ulcers": ulcers,
                    "unplanned_weight_loss": weight_loss,
                    "long_term_segregation_days": story.segregation_days[months_ago],
                }
            )
            files[Kind.RESTRICTIVE][months_ago] += _episodes(story, service, month, months_ago, rng)
    return files


# --- Service visits (leadership.visits) -----------------------------------------------------

VISIT_NOTES = {
    WILLOW_HOUSE: "Calm and unhurried. People were up and dressed as they chose; staff knew "
    "them well and talked about what they like. Night staff said they feel heard.",
    ELM_COURT: "Met the manager in the office and looked at the refurbished lounge. The "
    "manager said the team is settled.",
}
QUIET_NOTE = "A planned visit: met the manager, walked round, talked with people and staff."


def _visit_moment(first_day, out_of_hours):
    """A weekday at 11:00 on or after the 10th, or, out of hours, a Saturday at 10:00."""
    day = first_day.replace(day=10)
    if out_of_hours:
        day += timedelta(days=(5 - day.weekday()) % 7)
        return _moment(day, 10)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return _moment(day, 11)


def visits(organisation, today):
    """The demo leader's visits to Riverside's services (see the module docstring)."""
    from .visits.models import Capacity, ServiceVisit, SpokeWith, VisitFollowUp

    leader = get_user_model().objects.filter(email=LEADER).first()
    if leader is None or ServiceVisit.objects.filter(service__organisation=organisation).exists():
        return
    services = {service.name: service for service in organisation.services.all()}
    # (service, months ago visited, whether out of hours)
    planned = [(WILLOW_HOUSE, back, back % 3 == 0) for back in range(12, 0, -1)]
    planned += [(ELM_COURT, back, False) for back in range(12, 4, -1)]
    planned += [
        (name, back, False) for name in (HAWTHORN, HOME_CARE) for back in (12, 10, 8, 6, 4, 2)
    ]
    made = []
    for name, back, out_of_hours in planned:
        if name not in services:
            continue
        spoke_with = [SpokeWith.PEOPLE, SpokeWith.DAY_STAFF, SpokeWith.MANAGERS]
        if name == WILLOW_HOUSE:
            spoke_with += [SpokeWith.FAMILIES, SpokeWith.NIGHT_STAFF] if out_of_hours else []
            spoke_with += [SpokeWith.AGENCY_STAFF] if back % 2 else []
        if name == ELM_COURT:
            spoke_with = [SpokeWith.MANAGERS]
        made.append(
            ServiceVisit(
                service=services[name],
                visitor=leader,
                capacity=Capacity.SENIOR_LEADER,
                started_at=_visit_moment(month_ago(back, today), out_of_hours),
                seen_and_heard=VISIT_NOTES.get(name, QUIET_NOTE),
                spoke_with=spoke_with,
                announced=not out_of_hours,
            )
        )
    ServiceVisit.objects.bulk_create(made)
    willow = [visit for visit in made if visit.service.name == WILLOW_HOUSE]
    if willow:
        done_at = min(willow[-1].started_at + timedelta(days=14), timezone.now())
        VisitFollowUp.objects.bulk_create(
            [
                VisitFollowUp(
                    visit=willow[-3],
                    action="Ask the night team what would make handovers easier",
                    owner="Registered manager",
                    due_on=willow[-3].started_at.date() + timedelta(days=28),
                    done_at=done_at,
                    done_by=leader,
                ),
                VisitFollowUp(
                    visit=willow[-1],
                    action="Share the residents’ menu ideas with the kitchen team",
                    owner="Deputy manager",
                    due_on=willow[-1].started_at.date() + timedelta(days=28),
                ),
            ]
        )
