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

import functools
from collections import Counter
from decimal import Decimal

from cms.indicators import MIN_PEOPLE, Direction, IndicatorValue, register, register_many
from cms.periods import add_months

from . import figures
from .figures import EXIT_FIELDS, MANAGER_WINDOW_MONTHS, first_day_from, sharing
from .models import EXIT_WARNING_THEMES, RestrictivePracticeEpisode, exit_field

__all__ = ["MANAGER_WINDOW_MONTHS", "first_day_from"]

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


def register_both(key, *, figure, **details):
    """Register the indicator `key` in both its forms from one rule, `rule(its figure,
    service) -> IndicatorValue`, applied to each service's entry in `figure(services, start,
    end)` (a reader of figures.py, one query or a few for all the services); a service with
    no entry has nothing to count (NO_FIGURE). The per-service form asks the reader about
    [service]: the same queries the one-service reads took, and one rule for both forms."""

    def decorator(rule):
        def many(services, start, end):
            with sharing():
                found = figure(services, start, end)
            return {
                service.pk: rule(found[service.pk], service)
                for service in services
                if service.pk in found
            }

        @functools.wraps(rule)
        def compute(service, start, end):
            return many([service], start, end).get(service.pk, NO_FIGURE)

        many.__name__ = many.__qualname__ = f"{rule.__name__}_many"
        register(key, **details)(compute)
        register_many(key)(many)
        return compute

    return decorator


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


def _staff(totals):
    """The people a whole-staff figure rests on: the average headcount, to a whole person."""
    average = totals["average_headcount"]
    return _round_half_up(average) if average is not None else 0


@register_both(
    "staff_turnover",
    figure=figures.hr_totals,
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
def staff_turnover(totals, service):
    yearly_leavers = float(totals["leavers"]) * 12 / totals["months"]
    return IndicatorValue(_percent(yearly_leavers, totals["average_headcount"]), _staff(totals))


@register_both(
    "early_leavers",
    figure=figures.hr_totals,
    label="Leavers with under a year's service",
    unit="%",
    good_direction=Direction.DOWN,
    description="Of the people who left in the period, the share who had worked at the "
    "service for under 12 months. A spike can mean new staff are not welcomed or supported.",
    source="S1",
    labels=WORKFORCE,
)
def early_leavers(totals, service):
    leavers = totals["leavers"]
    return IndicatorValue(_percent(totals["leavers_under_one_year"], leavers), leavers)


@register_both(
    "sickness_absence",
    figure=figures.hr_totals,
    label="Staff sickness",
    unit="% of working days",
    good_direction=Direction.DOWN,
    description="Working days lost to sickness as a share of the working days available, over "
    "the months of the period.",
    source="West et al. (engagement and outcomes)",
    labels=WORKFORCE,
)
def sickness_absence(totals, service):
    return IndicatorValue(
        _percent(totals["sickness_days_lost"], totals["working_days_available"]), _staff(totals)
    )


@register_both(
    "hr_bullying",
    figure=figures.hr_totals,
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
def hr_bullying(totals, service):
    cases = totals["bullying_reports"] + totals["grievance_reports"]
    return IndicatorValue(_per(cases, totals["average_headcount"], 100), _staff(totals))


@register_both(
    "hr_closed_informally",
    figure=figures.hr_totals,
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
def hr_closed_informally(totals, service):
    cases = totals["bullying_reports"] + totals["grievance_reports"]
    return IndicatorValue(_percent(totals["cases_closed_informally"], cases), cases)


# --- Rota -------------------------------------------------------------------------------------


@register_both(
    "rota_hours",
    figure=figures.rota_hours_per_person,
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
def rota_hours(figure, service):
    totals, weeks = figure
    long_weeks = sum(1 for total in totals if total / weeks > LONG_WEEK_HOURS)
    return IndicatorValue(_percent(long_weeks, len(totals)), len(totals))


@register_both(
    "rota_top5_share",
    figure=figures.rota_hours_per_person,
    label="Hours worked by the 5 busiest people",
    unit="%",
    good_direction=Direction.DOWN,
    description="The share of all rota hours in the period worked by the 5 people with the "
    "most hours: a small group holding most shifts while others are squeezed out. Nobody is "
    "named or ranked; only the share is shown.",
    source="S1",
    labels=ROTA,
)
def rota_top5_share(figure, service):
    totals, _weeks = figure
    return IndicatorValue(_percent(sum(totals[:TOP_PEOPLE]), sum(totals)), len(totals))


@register_both(
    "agency_share",
    figure=figures.rota_contracts,
    label="Hours worked by agency and bank staff",
    unit="%",
    good_direction=Direction.DOWN,
    description="The share of rota hours in the period worked by agency or bank staff rather "
    "than permanent staff. High or rising is a CQC inherent risk factor.",
    source="CQC inherent risk factors",
    labels={**ROTA, "cqc": "competence and training"},
)
def agency_share(totals, service):
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


def occupancy_totals(rows):
    """The bed-nights of a service's occupancy months, [(month, available, occupied, planned
    closures), ...], added up, with the people the figures rest on."""
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


@register_both(
    "occupancy",
    figure=figures.occupancy_months,
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
def occupancy(rows, service):
    totals = occupancy_totals(rows)
    return IndicatorValue(_percent(totals["occupied"], totals["available"]), totals["people"])


@register_both(
    "occupancy_planned_closures",
    figure=figures.occupancy_months,
    label="Beds closed on purpose",
    unit="% of bed-nights",
    good_direction=Direction.EITHER,
    description="Bed-nights closed on purpose (refurbishment, a planned reduction) as a share of "
    "all bed-nights, open or closed, in the months of the period: read beside occupancy.",
    source="S1",
    labels=OCCUPANCY,
)
def occupancy_planned_closures(rows, service):
    totals = occupancy_totals(rows)
    all_nights = totals["available"] + totals["planned_closures"]
    return IndicatorValue(_percent(totals["planned_closures"], all_nights), totals["people"])


# --- Complaints -------------------------------------------------------------------------------


@register_both(
    "complaints_per_10_beds",
    figure=figures.complaints_totals,
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
def complaints_per_10_beds(totals, service):
    if not service.beds:
        return NO_FIGURE
    received = totals["received"]
    return IndicatorValue(round(received * 10 / service.beds * 3 / totals["months"], 1), received)


ACCOUNTABILITY = {
    "pel": "Accountability",
    "hull": "management and leadership",
    "cqc": "cover-up",
    "stream": "people and families",
}


@register_both(
    "complaints_responded",
    figure=figures.complaints_totals,
    label="Complaints responded to",
    unit="%",
    good_direction=Direction.UP,
    description="Complaints responded to in the months of the period as a share of those "
    "received in them. Complaints closed without a response are a warning sign.",
    source="S1; S4 rec. 6B",
    labels=ACCOUNTABILITY,
)
def complaints_responded(totals, service):
    received = totals["received"]
    return IndicatorValue(_percent(totals["responded"], received), received)


@register_both(
    "complaints_upheld",
    figure=figures.complaints_totals,
    label="Complaints upheld",
    unit="%",
    good_direction=Direction.EITHER,
    description="Complaints upheld in the months of the period as a share of those received. "
    "Many upheld points to poor care; almost none upheld can mean complaints are defended "
    "rather than heard.",
    source="S1; CQC-CC",
    labels={**ACCOUNTABILITY, "cqc": "poor care"},
)
def complaints_upheld(totals, service):
    received = totals["received"]
    return IndicatorValue(_percent(totals["upheld"], received), received)


# --- HR additions: manager, supervision, exit interviews (issue 12) --------------------------


def _given(rows, *fields):
    """The rows that give every one of `fields` (a file without those columns gives None)."""
    return [row for row in rows if all(row[name] is not None for name in fields)]


MANAGER = {**WORKFORCE, "cqc": "leadership oversight"}


@register_both(
    "manager_stability",
    figure=figures.manager_totals,
    label="Registered manager changes in 12 months",
    unit="changes in 12 months",
    good_direction=Direction.DOWN,
    description="How many times the registered manager changed in the 12 months to the end of "
    "the period (months whose HR file gives it). Repeated change is a CQC inherent risk factor "
    "for a closed culture. Rests on the staff (the average headcount).",
    source="CQC inherent risk factors",
    labels=MANAGER,
)
def manager_stability(totals, service):
    return IndicatorValue(float(totals["changes"]), _staff(totals))


@register_both(
    "manager_vacancy_days",
    figure=figures.manager_totals,
    label="Days without a registered manager in 12 months",
    unit="days in 12 months",
    good_direction=Direction.DOWN,
    description="Days with no registered manager in post in the 12 months to the end of the "
    "period. A long vacancy is a CQC inherent risk factor. Rests on the staff.",
    source="CQC inherent risk factors",
    labels=MANAGER,
)
def manager_vacancy_days(totals, service):
    return IndicatorValue(float(totals["vacant_days"]), _staff(totals))


@register_both(
    "supervision_rate",
    figure=figures.hr_later_columns,
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
def supervision_rate(months, service):
    rows = _given(months, "staff_due_supervision", "staff_supervised")
    if not rows:
        return NO_FIGURE
    due = sum(row["staff_due_supervision"] for row in rows)
    supervised = sum(row["staff_supervised"] for row in rows)
    return IndicatorValue(_percent(supervised, due), due)


def exit_totals(months):
    """Interviewed leavers and the count of each main reason, over the months that give them."""
    rows = _given(months, "exit_interviews", *EXIT_FIELDS)
    if not rows:
        return None
    return {name: sum(row[name] for row in rows) for name in ("exit_interviews", *EXIT_FIELDS)}


@register_both(
    "exit_themes",
    figure=figures.hr_later_columns,
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
def exit_themes(months, service):
    totals = exit_totals(months)
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


def _practice_and_bed_days(services, start, end):
    """{service pk: ({month: practice counts}, {month: occupied bed-nights})} for the services
    that reported practice in the period."""
    bed_days = figures.occupied_bed_days(services, start, end)
    return {
        service_id: (months, bed_days.get(service_id, {}))
        for service_id, months in figures.practice_months(services, start, end).items()
    }


def _per_bed_days(counts_by_month, bed_days, months):
    """(count per 1,000 occupied bed days, count) over `months` that have occupancy (their
    occupied bed-nights in `bed_days`), or None."""
    counted = [month for month in months if month in bed_days]
    total_days = sum(bed_days[month] for month in counted)
    if not total_days:
        return None
    count = sum(counts_by_month.get(month, 0) for month in counted)
    return _per(count, total_days, 1000), count


@register_both(
    "incident_reporting",
    figure=_practice_and_bed_days,
    label="Incidents reported per 1,000 bed days",
    unit="per 1,000 bed days",
    good_direction=Direction.EITHER,
    description="Incidents and near misses reported in the months of the period, per 1,000 "
    "occupied bed days. A fall in reporting without other evidence of safer care is a warning "
    "sign, as much as a rise: read it beside staff-voice measures. Rests on the incidents.",
    source="CQC single assessment framework (Learning culture); CQC Insight 2021",
    labels=REPORTING,
)
def incident_reporting(figure, service):
    months, bed_days = figure
    result = _per_bed_days(
        {month: row["incidents"] for month, row in months.items()}, bed_days, list(months)
    )
    if result is None:
        return NO_FIGURE
    rate, incidents = result
    return IndicatorValue(rate, incidents)


@register_both(
    "incident_near_miss_share",
    figure=figures.practice_months,
    label="Near misses among incidents reported",
    unit="%",
    good_direction=Direction.UP,
    description="Of the incidents reported in the period, the share that were near misses (no "
    "harm done). Few near misses can mean only harm gets reported.",
    source="CQC Insight 2021",
    labels=REPORTING,
)
def incident_near_miss_share(months, service):
    months = months.values()
    incidents = sum(row["incidents"] for row in months)
    near_misses = sum(row["near_misses"] for row in months)
    return IndicatorValue(_percent(near_misses, incidents), incidents)


@register_both(
    "safeguarding_enquiries",
    figure=figures.practice_months,
    label="Safeguarding enquiries opened",
    unit="a quarter",
    good_direction=Direction.EITHER,
    description="Safeguarding enquiries (Care Act section 42) the local authority opened about "
    "people at the service in the months of the period, per quarter (3 months). None at all "
    "from a service at high risk is a question too. Rests on the enquiries.",
    source="CSSG s42; NG189",
    labels={**REPORTING, "hull": "residents' behaviour and wellbeing"},
)
def safeguarding_enquiries(months, service):
    months = months.values()
    enquiries = sum(row["safeguarding_enquiries"] for row in months)
    return IndicatorValue(round(enquiries * 3 / len(months), 1), enquiries)


# One figure for the three, as INDICATORS.md B has it: a figure for each beside their sum would
# let a reader subtract two shown parts from the sum to find a third that was withheld.
BASIC_CARE_FIELDS = ("medication_errors", "pressure_ulcers", "unplanned_weight_loss")


@register_both(
    "basic_care",
    figure=figures.practice_months,
    label="Basic care outcomes per 10 beds",
    unit="per 10 beds a month",
    good_direction=Direction.DOWN,
    description="Medication errors, pressure ulcers that began at the service and people with "
    "unplanned weight loss, together, per 10 beds a month. Rising is a warning sign. Rests on "
    "the events counted; only for services with beds.",
    source="S2 (typical findings); HULL group 6",
    labels=BASIC_CARE,
)
def basic_care(months, service):
    months = months.values()
    if not service.beds:
        return NO_FIGURE
    count = sum(row[name] for row in months for name in BASIC_CARE_FIELDS)
    return IndicatorValue(round(count * 10 / service.beds / len(months), 1), count)


# --- Restrictive practice ----------------------------------------------------------------------


# Episodes as restrictive_episodes gives them: (month, person code, shift code, debrief,
# practice).
MONTH, PERSON, SHIFT, DEBRIEF, PRACTICE = range(5)


def _people(episodes):
    return len({episode[PERSON] for episode in episodes})


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


def _episodes_and_bed_days(services, start, end):
    """{service pk: ((months reported, episodes), {month: occupied bed-nights})}."""
    bed_days = figures.occupied_bed_days(services, start, end)
    return {
        service_id: (episodes, bed_days.get(service_id, {}))
        for service_id, episodes in figures.restrictive_episodes(services, start, end).items()
    }


def _practice_and_episodes(services, start, end):
    """{service pk: ({month: practice counts}, (months reported, episodes))}."""
    episodes = figures.restrictive_episodes(services, start, end)
    return {
        service_id: (months, episodes[service_id])
        for service_id, months in figures.practice_months(services, start, end).items()
    }


@register_both(
    "restrictive_practice",
    figure=_episodes_and_bed_days,
    label="Restrictive practice per 1,000 bed days",
    unit="per 1,000 bed days",
    good_direction=Direction.DOWN,
    description="Uses of restraint, seclusion, segregation, rapid tranquillisation and PRN "
    "sedation in the months of the period, per 1,000 occupied bed days. Rising is a warning "
    "sign; so is practice that goes unrecorded. Rests on the people it was used on.",
    source="S3; CQC Insight 2021; Use of Force Act 2018",
    labels=RESTRICTIVE,
)
def restrictive_practice(figure, service):
    (months, episodes), bed_days = figure
    by_month = Counter(episode[MONTH] for episode in episodes)
    result = _per_bed_days(by_month, bed_days, months)
    if result is None:
        return NO_FIGURE
    rate, _count = result
    return IndicatorValue(rate, _people(episodes))


@register_both(
    "restrictive_practice_without_debrief",
    figure=figures.restrictive_episodes,
    label="Restrictive practice without a debrief",
    unit="%",
    good_direction=Direction.DOWN,
    description="Of the uses of restrictive practice in the period, the share not followed by "
    "a debrief with the person and the staff. Withheld when fewer than 5 people are behind it.",
    source="S3; CQC Insight 2021",
    labels=RESTRICTIVE,
)
def restrictive_practice_without_debrief(figure, service):
    _months, episodes = figure
    if not episodes:
        return NO_FIGURE
    without = sum(1 for episode in episodes if not episode[DEBRIEF])
    return _share_of_episodes(without, episodes)


@register_both(
    "restrictive_practice_one_person",
    figure=figures.restrictive_episodes,
    label="Restrictive practice on one person",
    unit="%",
    good_direction=Direction.DOWN,
    description="The share of the period's uses of restrictive practice that were on the one "
    "person it was used on most. Concentration on one person is a warning sign. Nobody is "
    "named: only the share is shown, and only when 5 or more people are behind it.",
    source="S3; CQC Insight 2021",
    labels=RESTRICTIVE,
)
def restrictive_practice_one_person(figure, service):
    _months, episodes = figure
    if not episodes:
        return NO_FIGURE
    return _share_on_the_busiest(episodes, key=lambda episode: episode[PERSON])


@register_both(
    "restrictive_practice_one_shift",
    figure=figures.restrictive_episodes,
    label="Restrictive practice on one shift",
    unit="%",
    good_direction=Direction.DOWN,
    description="The share of the period's uses of restrictive practice on the shift (or "
    "team) with the most. Concentration on one shift is a warning sign. The shift is not "
    "named; withheld when fewer than 5 people are behind it.",
    source="S3; CQC Insight 2021",
    labels=RESTRICTIVE,
)
def restrictive_practice_one_shift(figure, service):
    _months, episodes = figure
    if not episodes:
        return NO_FIGURE
    return _share_on_the_busiest(episodes, key=lambda episode: episode[SHIFT])


@register_both(
    "long_term_segregation_days",
    figure=_practice_and_episodes,
    label="Days in long-term segregation",
    unit="days a month",
    good_direction=Direction.DOWN,
    description="Days people spent in long-term segregation, added up over people, a month on "
    "average over the months of the period. Rests on the people segregated (from the "
    "restrictive practice file), so it is almost always withheld: the red-flag rules read it.",
    source="S3; CQC Insight 2021",
    labels=RESTRICTIVE,
)
def long_term_segregation_days(figure, service):
    months, (_months, episodes) = figure
    days = sum(row["long_term_segregation_days"] for row in months.values())
    segregation = RestrictivePracticeEpisode.Practice.SEGREGATION
    people = len({episode[PERSON] for episode in episodes if episode[PRACTICE] == segregation})
    return IndicatorValue(round(days / len(months), 1), people)
