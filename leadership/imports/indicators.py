"""Indicators from the data the platform does not hold (HR, rota, occupancy, complaints,
practice and outcomes, and restrictive practice CSV imports), registered with the host's registry
(cms.indicators) through leadership/indicators.py: INDICATORS.md sections A, B and C
(`staff_turnover`, `hr_bullying`, `rota_hours`, `occupancy`, `complaints`, `agency_share`,
`sickness_absence`, `manager_stability`, `supervision_rate`, `exit_themes`,
`incident_reporting`, `safeguarding_raised` (s42 enquiries), `basic_care`,
`restrictive_practice`).

Which rows a period [start, end) holds. Imported rows are monthly (HR, occupancy, complaints,
practice, restrictive practice: `month` is the first day of the month) or weekly (rota:
`week_start` is the Monday). A month counts when its first day falls in [start, end); a rota
week counts when its Monday does. Days are UK days: `start` and `end` are moments, and a row's
day counts from its midnight, UK time. So a calendar month holds exactly its own month (and the
rota weeks starting in it), a quarter its three months, and a rolling 90 days the two or three
months, and the twelve or thirteen weeks, that start inside it. A month with no row (nothing
imported for it) is left out rather than counted as zero: rates that depend on the length of the
period (annual turnover, complaints a quarter) scale by the months that have rows.

Who a figure rests on (`people`, so that small numbers are withheld):
- HR figures about the staff as a whole rest on the average headcount of the months counted;
  figures about leavers rest on the leavers; the share of cases closed informally rests on the
  cases. Bullying and grievance figures are staff voice and need 10 people (INDICATORS.md G).
- Rota figures rest on the number of (coded) people on the rota. A person's code is read only to
  total their hours inside these functions and never leaves them: no indicator names, ranks or
  counts a single person.
- Occupancy counts bed-nights, not people: it rests on the average number of occupied beds (the
  occupied bed-nights over the days of the months counted), which is roughly the people living
  there, so a very small home's occupancy is withheld as any small number is.
- Complaints figures rest on the complaints received, each standing for one voice, as the
  platform's own concerns do.

- Practice and outcomes figures count events that each happen to a person (an incident, a
  pressure ulcer, an enquiry): they rest on the events counted, as complaints do, so a handful
  of pressure ulcers at one home is withheld.
- Restrictive practice figures rest on the (coded) people it was used on: nine restraints of
  one person is one person, and withheld. Shares of episodes (without a debrief, on the one
  person or the one shift with most) rest on the episodes when at least 5 people are behind
  them, so the count a share stands for is withheld below 5 as any rate's is; with fewer people
  they rest on the people, and are withheld. The codes are read only to count people and find
  the largest share inside these functions; none leaves them.
- HR figures added later (manager, supervision, exit interviews) leave out the months a file
  did not give them (None), rather than counting them as 0. Exit themes are staff voice and
  need 10 interviewed leavers.

Which months practice figures hold. A practice and outcomes row says the service reported that
month. Restrictive practice comes episode by episode, so a month with none has no episode: its
episodes are counted in the months that have a practice row (a reported month with no episode
is 0), and an episode in a month with no practice row is left out, like any month not reported.
Rates per 1,000 occupied bed days take the occupied bed-nights of the occupancy import for the
same months (a month with no occupancy row is left out), and per 10 beds the service's beds.

Counts are taken as the import gives them for the month. A complaint received in March and
answered in April is "responded" in April, so in one month the responded (or closed informally)
figure can exceed the received (or reported) one; longer periods smooth this out.
"""

from collections import Counter
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from cms.indicators import MIN_PEOPLE, Direction, IndicatorValue, register
from cms.periods import add_months

from .models import (
    EXIT_THEMES,
    EXIT_WARNING_THEMES,
    ComplaintsMonth,
    HRMonth,
    OccupancyMonth,
    PracticeMonth,
    RestrictivePracticeEpisode,
    RotaWeek,
    exit_field,
)

NO_FIGURE = IndicatorValue(None, 0)
STAFF_VOICE_MIN_PEOPLE = 10  # INDICATORS.md G: a higher floor for staff-voice figures
LONG_WEEK_HOURS = 48  # Working Time Regulations 1998: the 48-hour weekly average
TOP_PEOPLE = 5  # Northbrooke House: four or five friends of the manager held most shifts

# INDICATORS.md section E: PEL subculture, HULL group, CQC closed-culture feature, and the
# evidence stream the closed-culture alert counts.
WORKFORCE = {
    "pel": "Teamwork",
    "hull": "management and leadership",
    "cqc": "leadership oversight",
    "stream": "workforce",
}
ROTA = {
    "pel": "Teamwork",
    "hull": "planning and delivery",
    "cqc": "leadership oversight",
    "stream": "workforce",
}
STAFF_VOICE = {
    "pel": "Teamwork",
    "hull": "management and leadership",
    "cqc": "leadership oversight",
    "stream": "staff voice",
}


def first_day_from(moment):
    """The first UK day whose midnight is at or after `moment` (a date is its own day)."""
    if not isinstance(moment, datetime):
        return moment
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    day = local.date()
    return day if local.time() == time(0) else day + timedelta(days=1)


def _days(start, end):
    """The UK days [first, last) whose midnight falls in [start, end)."""
    return first_day_from(start), first_day_from(end)


def _months_in(model, service, start, end):
    first, last = _days(start, end)
    return model.objects.filter(service=service, month__gte=first, month__lt=last)


def _rota_in(service, start, end):
    first, last = _days(start, end)
    return RotaWeek.objects.filter(service=service, week_start__gte=first, week_start__lt=last)


def _round_half_up(number):
    return int(Decimal(str(number)).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def _percent(part, whole):
    """`part` of `whole` as a percentage to one decimal place (Decimals welcome); None when
    there is no whole."""
    return round(100 * float(part) / float(whole), 1) if whole else None


def _per(part, whole, per):
    return round(per * float(part) / float(whole), 1) if whole else None


def _days_in_month(first_day):
    return (add_months(first_day, 1) - first_day).days


# --- HR ---------------------------------------------------------------------------------------


def hr_totals(service, start, end):
    """The service's HR counts summed over the months of the period, with the number of months
    and the average headcount (None when no month has a row)."""
    totals = _months_in(HRMonth, service, start, end).aggregate(
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
    months = totals["months"]
    totals["average_headcount"] = totals["headcount"] / months if months else None
    return totals


def _staff(totals):
    """The people a whole-staff figure rests on: the average headcount, to a whole person."""
    average = totals["average_headcount"]
    return _round_half_up(average) if average is not None else 0


@register(
    "staff_turnover",
    label="Staff turnover",
    unit="% a year",
    good_direction=Direction.DOWN,
    description="Leavers in the months of the period as a share of the average headcount, "
    "scaled to a year (12 months over the months counted). Rising against the service's own "
    "baseline is the warning sign. For comparison: adult social care 24.2% in 2023/24 (Skills "
    "for Care); Highfield House under 15%.",
    source="S1; Skills for Care",
    labels=WORKFORCE,
)
def staff_turnover(service, start, end):
    totals = hr_totals(service, start, end)
    if not totals["months"]:
        return NO_FIGURE
    yearly_leavers = float(totals["leavers"]) * 12 / totals["months"]
    return IndicatorValue(_percent(yearly_leavers, totals["average_headcount"]), _staff(totals))


@register(
    "early_leavers",
    label="Leavers with under a year's service",
    unit="%",
    good_direction=Direction.DOWN,
    description="Of the people who left in the period, the share who had worked at the "
    "service for under 12 months. A spike can mean new staff are not welcomed or supported.",
    source="S1",
    labels=WORKFORCE,
)
def early_leavers(service, start, end):
    totals = hr_totals(service, start, end)
    if not totals["months"]:
        return NO_FIGURE
    leavers = totals["leavers"]
    return IndicatorValue(_percent(totals["leavers_under_one_year"], leavers), leavers)


@register(
    "sickness_absence",
    label="Staff sickness",
    unit="% of working days",
    good_direction=Direction.DOWN,
    description="Working days lost to sickness as a share of the working days available, over "
    "the months of the period.",
    source="West et al. (engagement and outcomes)",
    labels=WORKFORCE,
)
def sickness_absence(service, start, end):
    totals = hr_totals(service, start, end)
    if not totals["months"]:
        return NO_FIGURE
    return IndicatorValue(
        _percent(totals["sickness_days_lost"], totals["working_days_available"]), _staff(totals)
    )


@register(
    "hr_bullying",
    label="Bullying and grievance reports per 100 staff",
    unit="per 100 staff",
    good_direction=Direction.EITHER,
    description="Bullying and grievance reports made in the period, per 100 staff (the "
    "average headcount). A cluster is a warning sign; so is none at all where other staff-voice "
    "measures are falling. Staff voice: withheld below 10 staff.",
    source="S1",
    labels=STAFF_VOICE,
    min_people=STAFF_VOICE_MIN_PEOPLE,
)
def hr_bullying(service, start, end):
    totals = hr_totals(service, start, end)
    if not totals["months"]:
        return NO_FIGURE
    cases = totals["bullying_reports"] + totals["grievance_reports"]
    return IndicatorValue(_per(cases, totals["average_headcount"], 100), _staff(totals))


@register(
    "hr_closed_informally",
    label="Bullying and grievance cases closed informally",
    unit="%",
    good_direction=Direction.DOWN,
    description="Cases closed informally or without investigation in the period, as a share of "
    "the bullying and grievance reports made in it (cases opened in an earlier month and closed "
    "in this one count here, so a single month can exceed 100%). Staff voice: withheld below "
    "10 cases.",
    source="S1",
    labels={**STAFF_VOICE, "cqc": "cover-up"},
    min_people=STAFF_VOICE_MIN_PEOPLE,
)
def hr_closed_informally(service, start, end):
    totals = hr_totals(service, start, end)
    if not totals["months"]:
        return NO_FIGURE
    cases = totals["bullying_reports"] + totals["grievance_reports"]
    return IndicatorValue(_percent(totals["cases_closed_informally"], cases), cases)


# --- Rota -------------------------------------------------------------------------------------


def rota_hours_per_person(service, start, end):
    """Each coded person's total hours over the period, largest first, and the number of weeks
    the service's rota covers in it. The codes are dropped here: only the totals are returned."""
    weeks = _rota_in(service, start, end)
    totals = (
        weeks.values("person_code").annotate(total=Sum("hours")).values_list("total", flat=True)
    )
    week_count = weeks.values("week_start").distinct().count()
    return sorted(totals, reverse=True), week_count


@register(
    "rota_hours",
    label="Staff averaging over 48 hours a week",
    unit="%",
    good_direction=Direction.DOWN,
    description="Of the people on the rota in the period, the share whose hours average over "
    "48 a week across the weeks the rota covers (Working Time Regulations 1998; people may opt "
    "out, so this is a question to ask, not a breach). At Northbrooke House a few friends of "
    "the manager worked up to 70 hours a week.",
    source="S1; Working Time Regulations 1998",
    labels=ROTA,
)
def rota_hours(service, start, end):
    totals, weeks = rota_hours_per_person(service, start, end)
    if not totals:
        return NO_FIGURE
    long_weeks = sum(1 for total in totals if total / weeks > LONG_WEEK_HOURS)
    return IndicatorValue(_percent(long_weeks, len(totals)), len(totals))


@register(
    "rota_top5_share",
    label="Hours worked by the 5 busiest people",
    unit="%",
    good_direction=Direction.DOWN,
    description="The share of all rota hours in the period worked by the 5 people with the "
    "most hours: a small group holding most shifts while others are squeezed out. Nobody is "
    "named or ranked; only the share is shown.",
    source="S1",
    labels=ROTA,
)
def rota_top5_share(service, start, end):
    totals, _weeks = rota_hours_per_person(service, start, end)
    if not totals:
        return NO_FIGURE
    return IndicatorValue(_percent(sum(totals[:TOP_PEOPLE]), sum(totals)), len(totals))


@register(
    "agency_share",
    label="Hours worked by agency and bank staff",
    unit="%",
    good_direction=Direction.DOWN,
    description="The share of rota hours in the period worked by agency or bank staff rather "
    "than permanent staff. High or rising is a CQC inherent risk factor.",
    source="CQC inherent risk factors",
    labels={**ROTA, "cqc": "competence and training"},
)
def agency_share(service, start, end):
    non_permanent = [RotaWeek.Contract.AGENCY, RotaWeek.Contract.BANK]
    totals = _rota_in(service, start, end).aggregate(
        all_hours=Sum("hours"),
        non_permanent_hours=Sum("hours", filter=Q(contract__in=non_permanent)),
        people=Count("person_code", distinct=True),
    )
    if not totals["people"]:
        return NO_FIGURE
    return IndicatorValue(
        _percent(totals["non_permanent_hours"] or 0, totals["all_hours"]), totals["people"]
    )


# --- Occupancy --------------------------------------------------------------------------------


OCCUPANCY = {
    "pel": "Caring",
    "hull": "planning and delivery",
    "cqc": "poor care",
    "stream": "people and families",
}


def occupancy_totals(service, start, end):
    rows = list(
        _months_in(OccupancyMonth, service, start, end).values_list(
            "month", "available_bed_nights", "occupied_bed_nights", "planned_closure_bed_nights"
        )
    )
    nights = sum(_days_in_month(month) for month, *_counts in rows)
    occupied = sum(row[2] for row in rows)
    return {
        "months": len(rows),
        "available": sum(row[1] for row in rows),
        "occupied": occupied,
        "planned_closures": sum(row[3] for row in rows),
        # The average number of beds occupied on a night: about the number of people living there.
        "people": _round_half_up(occupied / nights) if nights else 0,
    }


@register(
    "occupancy",
    label="Occupancy",
    unit="%",
    good_direction=Direction.EITHER,
    description="Occupied bed-nights as a share of the bed-nights available in the months of "
    "the period. Beds closed on purpose (planned closures) are not available, so a planned "
    "closure is not a decline; they are shown beside it. An unexplained fall (families moving "
    "people out, referrals drying up) is a warning sign, and so is pressure to fill beds while "
    "staffing or culture problems are open. Rests on the average number of occupied beds.",
    source="S1",
    labels=OCCUPANCY,
)
def occupancy(service, start, end):
    totals = occupancy_totals(service, start, end)
    if not totals["months"]:
        return NO_FIGURE
    return IndicatorValue(_percent(totals["occupied"], totals["available"]), totals["people"])


@register(
    "occupancy_planned_closures",
    label="Beds closed on purpose",
    unit="% of bed-nights",
    good_direction=Direction.EITHER,
    description="Bed-nights closed on purpose (refurbishment, a planned reduction) as a share of "
    "all bed-nights, open or closed, in the months of the period: read beside occupancy.",
    source="S1",
    labels=OCCUPANCY,
)
def occupancy_planned_closures(service, start, end):
    totals = occupancy_totals(service, start, end)
    if not totals["months"]:
        return NO_FIGURE
    all_nights = totals["available"] + totals["planned_closures"]
    return IndicatorValue(_percent(totals["planned_closures"], all_nights), totals["people"])


# --- Complaints -------------------------------------------------------------------------------


def complaints_totals(service, start, end):
    return _months_in(ComplaintsMonth, service, start, end).aggregate(
        months=Count("id"),
        received=Sum("received"),
        responded=Sum("responded"),
        upheld=Sum("upheld"),
    )


@register(
    "complaints_per_10_beds",
    label="Complaints per 10 beds",
    unit="per 10 beds a quarter",
    good_direction=Direction.EITHER,
    description="Complaints received (outside the platform) in the months of the period, per "
    "10 beds and per quarter (3 months), so that homes of different sizes and periods of "
    "different lengths compare. A sudden fall to near zero is as much a question as a rise. "
    "Only for services with beds.",
    source="S1; CQC-CC",
    labels={
        "pel": "Caring",
        "hull": "basic care and environment",
        "cqc": "poor reporting",
        "stream": "people and families",
    },
)
def complaints_per_10_beds(service, start, end):
    totals = complaints_totals(service, start, end)
    if not totals["months"] or not service.beds:
        return NO_FIGURE
    received = totals["received"]
    return IndicatorValue(round(received * 10 / service.beds * 3 / totals["months"], 1), received)


ACCOUNTABILITY = {
    "pel": "Accountability",
    "hull": "management and leadership",
    "cqc": "cover-up",
    "stream": "people and families",
}


@register(
    "complaints_responded",
    label="Complaints responded to",
    unit="%",
    good_direction=Direction.UP,
    description="Complaints responded to in the months of the period as a share of those "
    "received in them. Complaints closed without a response are a warning sign.",
    source="S1; S4 rec. 6B",
    labels=ACCOUNTABILITY,
)
def complaints_responded(service, start, end):
    totals = complaints_totals(service, start, end)
    if not totals["months"]:
        return NO_FIGURE
    received = totals["received"]
    return IndicatorValue(_percent(totals["responded"], received), received)


@register(
    "complaints_upheld",
    label="Complaints upheld",
    unit="%",
    good_direction=Direction.EITHER,
    description="Complaints upheld in the months of the period as a share of those received. "
    "Many upheld points to poor care; almost none upheld can mean complaints are defended "
    "rather than heard.",
    source="S1; CQC-CC",
    labels={**ACCOUNTABILITY, "cqc": "poor care"},
)
def complaints_upheld(service, start, end):
    totals = complaints_totals(service, start, end)
    if not totals["months"]:
        return NO_FIGURE
    received = totals["received"]
    return IndicatorValue(_percent(totals["upheld"], received), received)


# --- HR additions: manager, supervision, exit interviews (issue 12) --------------------------

MANAGER_WINDOW_MONTHS = 12  # INDICATORS.md B `manager_stability`: changes in 12 months


def _given(rows, *fields):
    """The rows that give every one of `fields` (a file without those columns gives None)."""
    return [row for row in rows if all(row[name] is not None for name in fields)]


def manager_totals(service, start, end):
    """Registered manager changes and days the post was vacant in the 12 months to the end of
    the period (a month's figure alone says little), over the months that give them."""
    last = first_day_from(end)
    window_start = add_months(last.replace(day=1), -MANAGER_WINDOW_MONTHS)
    if last.day != 1:
        window_start = add_months(window_start, 1)
    rows = _given(
        HRMonth.objects.filter(service=service, month__gte=window_start, month__lt=last).values(
            "headcount", "registered_manager_changes", "manager_post_vacant_days"
        ),
        "registered_manager_changes",
        "manager_post_vacant_days",
    )
    if not rows:
        return None
    return {
        "changes": sum(row["registered_manager_changes"] for row in rows),
        "vacant_days": sum(row["manager_post_vacant_days"] for row in rows),
        "staff": _round_half_up(sum(row["headcount"] for row in rows) / len(rows)),
    }


MANAGER = {**WORKFORCE, "cqc": "leadership oversight"}


@register(
    "manager_stability",
    label="Registered manager changes in 12 months",
    unit="changes in 12 months",
    good_direction=Direction.DOWN,
    description="How many times the registered manager changed in the 12 months to the end of "
    "the period (months whose HR file gives it). Repeated change is a CQC inherent risk factor "
    "for a closed culture. Rests on the staff (the average headcount).",
    source="CQC inherent risk factors",
    labels=MANAGER,
)
def manager_stability(service, start, end):
    totals = manager_totals(service, start, end)
    if totals is None:
        return NO_FIGURE
    return IndicatorValue(float(totals["changes"]), totals["staff"])


@register(
    "manager_vacancy_days",
    label="Days without a registered manager in 12 months",
    unit="days in 12 months",
    good_direction=Direction.DOWN,
    description="Days with no registered manager in post in the 12 months to the end of the "
    "period. A long vacancy is a CQC inherent risk factor. Rests on the staff.",
    source="CQC inherent risk factors",
    labels=MANAGER,
)
def manager_vacancy_days(service, start, end):
    totals = manager_totals(service, start, end)
    if totals is None:
        return NO_FIGURE
    return IndicatorValue(float(totals["vacant_days"]), totals["staff"])


@register(
    "supervision_rate",
    label="Staff supervised on time",
    unit="%",
    good_direction=Direction.UP,
    description="Of the staff due a supervision in the months of the period (under the "
    "provider's own policy), the share who had it by the end of the month. Falling is a "
    "warning sign: poor supervision is a typical finding where abuse went on.",
    source="CQC; S2 (poor supervision)",
    labels={
        "pel": "Compliance",
        "hull": "staff skills and practice",
        "cqc": "competence and training",
        "stream": "workforce",
    },
)
def supervision_rate(service, start, end):
    rows = _given(
        _months_in(HRMonth, service, start, end).values(
            "staff_due_supervision", "staff_supervised"
        ),
        "staff_due_supervision",
        "staff_supervised",
    )
    if not rows:
        return NO_FIGURE
    due = sum(row["staff_due_supervision"] for row in rows)
    supervised = sum(row["staff_supervised"] for row in rows)
    return IndicatorValue(_percent(supervised, due), due)


EXIT_FIELDS = [exit_field(code) for code, _label in EXIT_THEMES]


def exit_totals(service, start, end):
    """Interviewed leavers and the count of each main reason, over the months that give them."""
    rows = _given(
        _months_in(HRMonth, service, start, end).values("exit_interviews", *EXIT_FIELDS),
        "exit_interviews",
        *EXIT_FIELDS,
    )
    if not rows:
        return None
    return {name: sum(row[name] for row in rows) for name in ("exit_interviews", *EXIT_FIELDS)}


@register(
    "exit_themes",
    label="Leavers leaving over culture, bullying or management",
    unit="%",
    good_direction=Direction.DOWN,
    description="Of the leavers interviewed as they left in the period, the share whose main "
    "reason was the culture, bullying or harassment, or management. Rising, or matching "
    "bullying cases, is a warning sign. Staff voice: withheld below 10 interviewed leavers.",
    source="S1 (Reitz & Higgins)",
    labels=STAFF_VOICE,
    min_people=STAFF_VOICE_MIN_PEOPLE,
)
def exit_themes(service, start, end):
    totals = exit_totals(service, start, end)
    if totals is None:
        return NO_FIGURE
    interviews = totals["exit_interviews"]
    warning = sum(totals[exit_field(code)] for code in EXIT_WARNING_THEMES)
    return IndicatorValue(_percent(warning, interviews), interviews)


# --- Practice and outcomes (issue 12) --------------------------------------------------------

PRACTICE_AND_OUTCOMES = "practice and outcomes"
REPORTING = {
    "pel": "Reporting",
    "hull": "planning and delivery",
    "cqc": "poor reporting",
    "stream": PRACTICE_AND_OUTCOMES,
}
BASIC_CARE = {
    "pel": "Caring",
    "hull": "basic care and environment",
    "cqc": "poor care",
    "stream": PRACTICE_AND_OUTCOMES,
}
RESTRICTIVE = {
    "pel": "Caring",
    "hull": "staff skills and practice",
    "cqc": "abuse and restrictive practice",
    "stream": PRACTICE_AND_OUTCOMES,
}
PRACTICE_COUNTS = (
    "incidents",
    "near_misses",
    "safeguarding_enquiries",
    "medication_errors",
    "pressure_ulcers",
    "unplanned_weight_loss",
    "long_term_segregation_days",
)


def practice_months(service, start, end):
    """{month: its practice row's counts} for the months of the period the service reported."""
    rows = _months_in(PracticeMonth, service, start, end).values("month", *PRACTICE_COUNTS)
    return {row["month"]: row for row in rows}


def occupied_bed_days(service, months):
    """The occupied bed-nights of `months` that have an occupancy row, by month."""
    return dict(
        OccupancyMonth.objects.filter(service=service, month__in=months).values_list(
            "month", "occupied_bed_nights"
        )
    )


def _per_bed_days(counts_by_month, service, months):
    """(count per 1,000 occupied bed days, count) over the months with occupancy, or None."""
    bed_days = occupied_bed_days(service, months)
    counted = [month for month in months if month in bed_days]
    total_days = sum(bed_days[month] for month in counted)
    if not total_days:
        return None
    count = sum(counts_by_month.get(month, 0) for month in counted)
    return _per(count, total_days, 1000), count


@register(
    "incident_reporting",
    label="Incidents reported per 1,000 bed days",
    unit="per 1,000 bed days",
    good_direction=Direction.EITHER,
    description="Incidents and near misses reported in the months of the period, per 1,000 "
    "occupied bed days. A fall in reporting without other evidence of safer care is a warning "
    "sign, as much as a rise: read it beside staff-voice measures. Rests on the incidents.",
    source="CQC single assessment framework (Learning culture); CQC Insight 2021",
    labels=REPORTING,
)
def incident_reporting(service, start, end):
    months = practice_months(service, start, end)
    result = _per_bed_days(
        {month: row["incidents"] for month, row in months.items()}, service, list(months)
    )
    if result is None:
        return NO_FIGURE
    rate, incidents = result
    return IndicatorValue(rate, incidents)


@register(
    "incident_near_miss_share",
    label="Near misses among incidents reported",
    unit="%",
    good_direction=Direction.UP,
    description="Of the incidents reported in the period, the share that were near misses (no "
    "harm done). Few near misses can mean only harm gets reported.",
    source="CQC Insight 2021",
    labels=REPORTING,
)
def incident_near_miss_share(service, start, end):
    months = practice_months(service, start, end).values()
    if not months:
        return NO_FIGURE
    incidents = sum(row["incidents"] for row in months)
    near_misses = sum(row["near_misses"] for row in months)
    return IndicatorValue(_percent(near_misses, incidents), incidents)


@register(
    "safeguarding_enquiries",
    label="Safeguarding enquiries opened",
    unit="a quarter",
    good_direction=Direction.EITHER,
    description="Safeguarding enquiries (Care Act section 42) the local authority opened about "
    "people at the service in the months of the period, per quarter (3 months). None at all "
    "from a service at high risk is a question too. Rests on the enquiries.",
    source="CSSG s42; NG189",
    labels={**REPORTING, "hull": "residents' behaviour and wellbeing"},
)
def safeguarding_enquiries(service, start, end):
    months = practice_months(service, start, end).values()
    if not months:
        return NO_FIGURE
    enquiries = sum(row["safeguarding_enquiries"] for row in months)
    return IndicatorValue(round(enquiries * 3 / len(months), 1), enquiries)


# One figure for the three, as INDICATORS.md B has it: a figure for each beside their sum would
# let a reader subtract two shown parts from the sum to find a third that was withheld.
BASIC_CARE_FIELDS = ("medication_errors", "pressure_ulcers", "unplanned_weight_loss")


@register(
    "basic_care",
    label="Basic care outcomes per 10 beds",
    unit="per 10 beds a month",
    good_direction=Direction.DOWN,
    description="Medication errors, pressure ulcers that began at the service and people with "
    "unplanned weight loss, together, per 10 beds a month. Rising is a warning sign. Rests on "
    "the events counted; only for services with beds.",
    source="S2 (typical findings); HULL group 6",
    labels=BASIC_CARE,
)
def basic_care(service, start, end):
    months = practice_months(service, start, end).values()
    if not months or not service.beds:
        return NO_FIGURE
    count = sum(row[name] for row in months for name in BASIC_CARE_FIELDS)
    return IndicatorValue(round(count * 10 / service.beds / len(months), 1), count)


# --- Restrictive practice ----------------------------------------------------------------------


def restrictive_episodes(service, start, end):
    """(the months reported, the episodes in them as (month, person code, shift code,
    debrief)). The codes never leave this module's functions."""
    months = list(practice_months(service, start, end))
    episodes = list(
        RestrictivePracticeEpisode.objects.filter(service=service, month__in=months).values_list(
            "month", "person_code", "shift_code", "debrief"
        )
    )
    return months, episodes


def _people(episodes):
    return len({person for _month, person, _shift, _debrief in episodes})


def _share_of_episodes(part, episodes):
    """A share of the episodes: resting on the episodes when 5 or more people are behind them,
    otherwise on the people (and so withheld)."""
    people = _people(episodes)
    resting_on = len(episodes) if people >= MIN_PEOPLE else people
    return IndicatorValue(_percent(part, len(episodes)), resting_on)


def _share_on_the_busiest(episodes, key):
    """The share of the episodes on the one person (or shift) with the most, never named."""
    counts = Counter(key(episode) for episode in episodes)
    return _share_of_episodes(max(counts.values()), episodes)


@register(
    "restrictive_practice",
    label="Restrictive practice per 1,000 bed days",
    unit="per 1,000 bed days",
    good_direction=Direction.DOWN,
    description="Uses of restraint, seclusion, segregation, rapid tranquillisation and PRN "
    "sedation in the months of the period, per 1,000 occupied bed days. Rising is a warning "
    "sign; so is practice that goes unrecorded. Rests on the people it was used on.",
    source="S3; CQC Insight 2021; Use of Force Act 2018",
    labels=RESTRICTIVE,
)
def restrictive_practice(service, start, end):
    months, episodes = restrictive_episodes(service, start, end)
    by_month = {}
    for month, _person, _shift, _debrief in episodes:
        by_month[month] = by_month.get(month, 0) + 1
    result = _per_bed_days(by_month, service, months)
    if result is None:
        return NO_FIGURE
    rate, _count = result
    return IndicatorValue(rate, _people(episodes))


@register(
    "restrictive_practice_without_debrief",
    label="Restrictive practice without a debrief",
    unit="%",
    good_direction=Direction.DOWN,
    description="Of the uses of restrictive practice in the period, the share not followed by "
    "a debrief with the person and the staff. Withheld when fewer than 5 people are behind it.",
    source="S3; CQC Insight 2021",
    labels=RESTRICTIVE,
)
def restrictive_practice_without_debrief(service, start, end):
    _months, episodes = restrictive_episodes(service, start, end)
    if not episodes:
        return NO_FIGURE
    without = sum(1 for *_codes, debrief in episodes if not debrief)
    return _share_of_episodes(without, episodes)


@register(
    "restrictive_practice_one_person",
    label="Restrictive practice on one person",
    unit="%",
    good_direction=Direction.DOWN,
    description="The share of the period's uses of restrictive practice that were on the one "
    "person it was used on most. Concentration on one person is a warning sign. Nobody is "
    "named: only the share is shown, and only when 5 or more people are behind it.",
    source="S3; CQC Insight 2021",
    labels=RESTRICTIVE,
)
def restrictive_practice_one_person(service, start, end):
    _months, episodes = restrictive_episodes(service, start, end)
    if not episodes:
        return NO_FIGURE
    return _share_on_the_busiest(episodes, key=lambda episode: episode[1])


@register(
    "restrictive_practice_one_shift",
    label="Restrictive practice on one shift",
    unit="%",
    good_direction=Direction.DOWN,
    description="The share of the period's uses of restrictive practice on the shift (or "
    "team) with the most. Concentration on one shift is a warning sign. The shift is not "
    "named; withheld when fewer than 5 people are behind it.",
    source="S3; CQC Insight 2021",
    labels=RESTRICTIVE,
)
def restrictive_practice_one_shift(service, start, end):
    _months, episodes = restrictive_episodes(service, start, end)
    if not episodes:
        return NO_FIGURE
    return _share_on_the_busiest(episodes, key=lambda episode: episode[2])


@register(
    "long_term_segregation_days",
    label="Days in long-term segregation",
    unit="days a month",
    good_direction=Direction.DOWN,
    description="Days people spent in long-term segregation, added up over people, a month on "
    "average over the months of the period. Rests on the people segregated (from the "
    "restrictive practice file), so it is almost always withheld: the red-flag rules read it.",
    source="S3; CQC Insight 2021",
    labels=RESTRICTIVE,
)
def long_term_segregation_days(service, start, end):
    months = practice_months(service, start, end)
    if not months:
        return NO_FIGURE
    days = sum(row["long_term_segregation_days"] for row in months.values())
    people = (
        RestrictivePracticeEpisode.objects.filter(
            service=service,
            month__in=list(months),
            practice=RestrictivePracticeEpisode.Practice.SEGREGATION,
        )
        .values("person_code")
        .distinct()
        .count()
    )
    return IndicatorValue(round(days / len(months), 1), people)
