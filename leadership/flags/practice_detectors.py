"""The red-flag rules of issue 12 section 2: the practice and outcomes stream (restrictive
practice, incident reporting), and the HR file's later columns (manager churn and supervision in
the workforce stream, exit themes in the staff-voice stream). Kept apart from detectors.py so
that each stream's rules stay together; detectors.py adds them to `DETECTORS`, their figures are
in `MEASURES`, and they read figures through the helpers of evidence.py as every other rule does
(see its docstring: raw figures, thin months pooled, withheld figures never in a summary).

Where INDICATORS.md puts them:
- `restrictive_practice` (B; E stream 4 "practice and outcomes"): "rising; unrecorded;
  concentrated on one person or shift", with "% with debrief". PEL "Caring", CQC "abuse and
  restrictive practice".
- `incident_reporting` (B; E stream 4): "falling reports without other evidence of safer care"
  (and rule 2: a fall in incident reports can mean fear, futility or cover-up). PEL "Reporting",
  CQC "poor reporting".
- `manager_stability` and `supervision_rate` (B; E stream 3 "workforce"): "repeated change or
  long vacancy"; supervision "falling".
- `exit_themes` (C; E stream 2 "staff voice"): "% of leavers citing culture, bullying or
  management", warning pattern "rising". INDICATORS.md E lists `exit_themes` in the staff-voice
  stream, so its flag counts there, not in workforce.
- `leader_presence` (C, "visits by senior leaders per month, including nights and weekends";
  S3: boards who "walk the patch"): no visit by a board member or senior leader for 90 days
  (design). INDICATORS.md lists it in section C, staff voice and speaking up, and PEL
  "Accountability"; its flag counts in the staff-voice stream.

Every default threshold here is ours (design): no source gives one.

A count of nothing is none. Months with no use of restrictive practice, no enquiry or no harm
give a figure of 0 resting on nobody: as the silence rule does, these rules read that as 0 (none
is none: it points to no one), so a rise from none, or a fall to none, can be seen. Any other
figure under the floor is read over three months (`Readings.raw`) or not at all.
"""

import math
from statistics import mean

from cms.indicators import MIN_PEOPLE
from cms.periods import month_label

from .evidence import (
    BASELINE_MONTHS,
    BESIDE,
    EARLIER,
    MIN_BASELINE_MONTHLY,
    MIN_RECENT_MONTHLY,
    MIN_SPARSE,
    PRACTICE_AND_OUTCOMES,
    RECENT,
    STAFF_VOICE,
    WORKFORCE,
    Detector,
    Finding,
    beside_rows,
    evidence_rows,
    indicator_text,
    labels_of,
    level_rule,
    measure_of,
    number,
    recent_span,
)

# Design: a one-person share counts as concentrated when it is at least this many times the
# share each person would have if the uses were spread evenly over the people they were used on.
EVEN_SPREAD_TIMES = 2
# Design: registered manager post vacant this many days in 12 months is a long vacancy.
MANAGER_VACANCY_DAYS = 60
# Design: supervision on time below this share is low, whatever it was before.
SUPERVISION_LOW = 75.0
# INDICATORS.md B `incident_reporting`: safer care shows in fewer harms, not fewer reports.
SAFER_CARE = ("basic_care", "restrictive_practice", "safeguarding_enquiries")

RESTRICTIVE_BESIDE = ("restrictive_practice_without_debrief", "long_term_segregation_days")
RESTRICTIVE_LABELS = labels_of(
    "Caring", "staff skills and practice", "abuse and restrictive practice", PRACTICE_AND_OUTCOMES
)
REPORTING_LABELS = labels_of(
    "Reporting", "planning and delivery", "poor reporting", PRACTICE_AND_OUTCOMES
)


# --- Reading counts where none is none ----------------------------------------------------------


def _counted(readings, key, months):
    """The values a rule reads in `months` (`Readings.raw`), with a month of nothing at all (0,
    resting on no one) read as 0."""
    values = []
    for month in months:
        stored = readings.figure(key, month)
        if stored is not None and stored.value == 0 and not stored.people:
            values.append(0.0)
            continue
        figure = readings.raw(key, month)
        if figure is not None and figure.usable:
            values.append(figure.value)
    return values


def _counted_change(readings, key, *, min_recent, min_earlier, role_earlier=EARLIER, role=RECENT):
    """(recent mean, earlier mean, evidence rows) as `detectors._change`, reading none as 0."""
    recent = _counted(readings, key, readings.recent_months())
    earlier = _counted(readings, key, readings.earlier_months())
    if len(recent) < min_recent or len(earlier) < min_earlier:
        return None
    rows = evidence_rows(
        readings, key, readings.earlier_months(), role_earlier, zero_is_none=True
    ) + evidence_rows(readings, key, readings.recent_months(), role, zero_is_none=True)
    return mean(recent), mean(earlier), rows


def _percent_change(recent, earlier):
    """The change from `earlier` to `recent` as a percentage of `earlier` (inf from none)."""
    if earlier > 0:
        return 100 * (recent - earlier) / earlier
    return math.inf if recent > 0 else 0.0


# --- Restrictive practice -----------------------------------------------------------------------


def restrictive_practice_rising(readings, threshold):
    change = _counted_change(
        readings,
        "restrictive_practice",
        min_recent=MIN_RECENT_MONTHLY,
        min_earlier=MIN_BASELINE_MONTHLY,
    )
    if change is None:
        return None
    recent, earlier, rows = change
    rise = _percent_change(recent, earlier)
    if earlier == 0:
        movement = "up from none" if recent > 0 else "none, as before"
    else:
        movement = f"up {number(rise)}%" if rise > 0 else "not up"
    summary = (
        f"Restrictive practice averaged {number(recent)} uses per 1,000 bed days over "
        f"{recent_span(readings)}, {movement} on the {BASELINE_MONTHS} months before "
        f"({number(earlier)})."
    )
    rows += beside_rows(readings, RESTRICTIVE_BESIDE)
    return Finding(recent > 0 and rise >= threshold, summary, tuple(rows))


def restrictive_practice_without_debrief(readings, threshold):
    def describe(level, flagged):
        return (
            f"{number(level)}% of the uses of restrictive practice in {recent_span(readings)} "
            f"had no debrief, {'at or above' if flagged else 'below'} {number(threshold)}%."
        )

    return level_rule(
        readings,
        "restrictive_practice_without_debrief",
        flags=lambda level: level >= threshold,
        describe=describe,
        min_recent=MIN_SPARSE,
        beside=("restrictive_practice",),
    )


def restrictive_practice_one_person(readings, threshold):
    """Concentrated on one person: the share on the person it was used on most is at or above
    the threshold, and at least twice what an even spread over the people it was used on would
    give (with one or two people, most uses are on one of them without any pattern)."""
    months = readings.recent_months()
    shares = []
    for month in months:
        figure = readings.raw("restrictive_practice_one_person", month)
        if figure is not None and figure.usable:
            shares.append(figure.value)
    people = [
        figure.people
        for month in months
        if (figure := readings.figure("restrictive_practice", month)) is not None and figure.people
    ]
    if not shares or not people:
        return None
    level = mean(shares)
    even = 100 / mean(people)
    flagged = level >= threshold and level >= EVEN_SPREAD_TIMES * even
    summary = (
        f"{number(level)}% of the uses of restrictive practice in {recent_span(readings)} were "
        f"on one person (never named): {'at or above' if flagged else 'not above'} "
        f"{number(threshold)}% and {EVEN_SPREAD_TIMES} times an even spread over the people it "
        "was used on."
    )
    rows = evidence_rows(readings, "restrictive_practice_one_person", months, RECENT)
    rows += evidence_rows(readings, "restrictive_practice", months, RECENT, zero_is_none=True)
    return Finding(flagged, summary, tuple(rows))


def restrictive_practice_one_shift(readings, threshold):
    """Read only in months whose figure rests on 5 or more people: one person's uses fall on
    whichever shifts they happen to, and the one-person rule reads those."""

    def describe(level, flagged):
        return (
            f"On average {number(level)}% of the uses of restrictive practice in "
            f"{recent_span(readings)} were on one shift or team (never named), "
            f"{'at or above' if flagged else 'below'} {number(threshold)}%."
        )

    return level_rule(
        readings,
        "restrictive_practice_one_shift",
        flags=lambda level: level >= threshold,
        describe=describe,
        min_recent=MIN_SPARSE,
        beside=("restrictive_practice_one_person",),
        accept=lambda figure: figure.people >= MIN_PEOPLE,
    )


# --- Incident reporting -------------------------------------------------------------------------


def incident_reporting_falling(readings, threshold):
    """A fall in incident reports is read as safer care only when harm fell as far: basic care
    outcomes, restrictive practice or safeguarding enquiries falling by at least the same share.
    Without such evidence (or without those figures at all) the fall is a question."""
    change = _counted_change(
        readings,
        "incident_reporting",
        min_recent=MIN_RECENT_MONTHLY,
        min_earlier=MIN_BASELINE_MONTHLY,
    )
    if change is None:
        return None
    recent, earlier, rows = change
    fall = -_percent_change(recent, earlier) if earlier > 0 else 0.0
    safer, not_safer = [], []
    for key in SAFER_CARE:
        other = _counted_change(
            readings, key, min_recent=MIN_SPARSE, min_earlier=2, role_earlier=BESIDE, role=BESIDE
        )
        if other is None:
            continue
        other_recent, other_earlier, other_rows = other
        rows += other_rows
        other_fall = -_percent_change(other_recent, other_earlier) if other_earlier > 0 else 0.0
        name = indicator_text(key)[0].lower()
        (safer if other_fall >= threshold else not_safer).append(name)
    flagged = fall >= threshold and not safer
    reports = f"fell {number(fall)}%" if fall > 0 else "did not fall"
    if safer:
        beside = f"beside a fall in {', '.join(safer)}"
    elif not_safer:
        beside = f"while {', '.join(not_safer)} did not fall as far"
    else:
        beside = "with no figure for harm to show safer care"
    summary = (
        f"In {recent_span(readings)} incident reports {reports} (to {number(recent)} per "
        f"1,000 bed days, from {number(earlier)}), {beside}."
    )
    rows += beside_rows(readings, ("incident_near_miss_share",))
    return Finding(flagged, summary, tuple(rows))


# --- Managers, supervision, exit themes ---------------------------------------------------------


def _latest(readings, key):
    """(month, value) of the latest figure of `key` a rule may read in the recent months (none
    read as 0), or None."""
    for month in reversed(readings.recent_months()):
        values = _counted(readings, key, [month])
        if values:
            return month, values[0]
    return None


def manager_churn(readings, threshold):
    """Registered manager changes in the 12 months to the latest month with a figure, or days
    the post was vacant in them."""
    changes = _latest(readings, "manager_stability")
    vacancy = _latest(readings, "manager_vacancy_days")
    if changes is None and vacancy is None:
        return None
    parts, flagged = [], False
    if changes is not None:
        count = changes[1]
        flagged |= count >= threshold
        parts.append(f"the registered manager changed {number(count)} times")
    if vacancy is not None:
        days = vacancy[1]
        flagged |= days >= MANAGER_VACANCY_DAYS
        parts.append(f"the post was vacant for {number(days)} days")
    month = max(found[0] for found in (changes, vacancy) if found is not None)
    summary = f"In the 12 months to {month_label(month)} {' and '.join(parts)}."
    months = readings.recent_months()
    rows = evidence_rows(readings, "manager_stability", months, RECENT, zero_is_none=True)
    rows += evidence_rows(readings, "manager_vacancy_days", months, RECENT, zero_is_none=True)
    return Finding(flagged, summary, tuple(rows))


def supervision_falling(readings, threshold):
    """Falling by the threshold against the months before, or low whatever it was before."""
    recent = readings.usable("supervision_rate", readings.recent_months())
    if len(recent) < MIN_RECENT_MONTHLY:
        return None
    earlier = readings.usable("supervision_rate", readings.earlier_months())
    level = mean(recent)
    rows = []
    if len(earlier) >= MIN_BASELINE_MONTHLY:
        fall = mean(earlier) - level
        movement = f"down {number(fall)} points" if fall > 0 else "not down"
        compared = f", {movement} on the {BASELINE_MONTHS} months before ({number(mean(earlier))}%)"
        rows += evidence_rows(readings, "supervision_rate", readings.earlier_months(), EARLIER)
    else:
        fall, compared = 0.0, ""
    rows += evidence_rows(readings, "supervision_rate", readings.recent_months(), RECENT)
    low = level < SUPERVISION_LOW
    summary = (
        f"{number(level)}% of the staff due a supervision in {recent_span(readings)} had it on "
        f"time{compared}{'; below ' + number(SUPERVISION_LOW) + '%' if low else ''}."
    )
    return Finding(fall >= threshold or low, summary, tuple(rows))


def exit_themes_rising(readings, threshold):
    change = _counted_change(readings, "exit_themes", min_recent=MIN_SPARSE, min_earlier=MIN_SPARSE)
    if change is None:
        return None
    recent, earlier, rows = change
    rise = recent - earlier
    movement = f"up {number(rise)} points" if rise > 0 else "not up"
    summary = (
        f"{number(recent)}% of the leavers interviewed in {recent_span(readings)} left over the "
        f"culture, bullying or management, {movement} on the {BASELINE_MONTHS} months before "
        f"({number(earlier)}%)."
    )
    rows += beside_rows(readings, ("hr_bullying",))
    return Finding(rise >= threshold, summary, tuple(rows))


# --- The rules ----------------------------------------------------------------------------------

PRACTICE_AND_OUTCOMES_DETECTORS = (
    Detector(
        key="restrictive_practice_rising",
        label="Restrictive practice is rising",
        description="Uses of restraint, seclusion, segregation, rapid tranquillisation and PRN "
        "sedation per 1,000 bed days over the last 3 months, against the service's own 6 "
        "months before (at least 4 of them with a figure; a month with none counts as none). "
        "INDICATORS.md: rising is a warning sign (S3; CQC Insight 2021). The default rise is "
        "ours (design).",
        indicators=("restrictive_practice",),
        beside=RESTRICTIVE_BESIDE,
        measure=measure_of("restrictive_practice"),
        labels=RESTRICTIVE_LABELS,
        default_threshold=50,
        threshold_label="Flag when restrictive practice has risen by at least",
        threshold_unit="%",
        threshold_min=1,
        threshold_max=1000,
        check=restrictive_practice_rising,
        pattern="Restrictive practice over {span} rose by at least {threshold} on the months "
        "before.",
        look_at="The restrictive practice records for these months: each use, who it was used "
        "on and why, what was tried first, and the plan to reduce it; and anyone in seclusion "
        "or long-term segregation, for how long, and the plan to support them out of it.",
    ),
    Detector(
        key="restrictive_practice_without_debrief",
        label="Restrictive practice without a debrief",
        description="The share of uses of restrictive practice in the last 3 months not "
        "followed by a debrief with the person and the staff (INDICATORS.md: “% with "
        "debrief”). The default is ours (design).",
        indicators=("restrictive_practice_without_debrief",),
        beside=("restrictive_practice",),
        measure=measure_of("restrictive_practice_without_debrief"),
        labels=RESTRICTIVE_LABELS,
        default_threshold=20,
        threshold_label="Flag when the share without a debrief reaches",
        threshold_unit="%",
        threshold_min=1,
        threshold_max=100,
        check=restrictive_practice_without_debrief,
        pattern="In {span} {threshold} or more of the uses of restrictive practice had no debrief.",
        look_at="The restrictive practice records for these months: which uses had no debrief, "
        "on which shifts, and what the person and the staff said afterwards.",
    ),
    Detector(
        key="restrictive_practice_one_person",
        label="Restrictive practice falls on one person",
        description="The share of uses of restrictive practice in the last 3 months on the one "
        "person it was used on most (never named), when it reaches the threshold and is at "
        "least twice an even spread over the people it was used on. INDICATORS.md: "
        "“concentrated on one person” is a warning sign. The defaults are ours (design).",
        indicators=("restrictive_practice_one_person", "restrictive_practice"),
        measure=measure_of("restrictive_practice_one_person"),
        labels=RESTRICTIVE_LABELS,
        default_threshold=50,
        threshold_label="Flag when the share on one person reaches",
        threshold_unit="%",
        threshold_min=10,
        threshold_max=100,
        check=restrictive_practice_one_person,
        pattern="In {span} {threshold} or more of the uses of restrictive practice were on one "
        "person.",
        look_at="The restrictive practice records for these months, with the person’s care and "
        "positive behaviour support plans: why it is used on them, and whether they need a "
        "care (and treatment) review or an advocate.",
    ),
    Detector(
        key="restrictive_practice_one_shift",
        label="Restrictive practice falls on one shift",
        description="The share of uses of restrictive practice in the last 3 months on the one "
        "shift or team with the most (never named), in months with uses on 5 or more people. "
        "INDICATORS.md: “concentrated on one ... shift” is a warning sign. The default is ours "
        "(design).",
        indicators=("restrictive_practice_one_shift",),
        beside=("restrictive_practice_one_person",),
        measure=measure_of("restrictive_practice_one_shift"),
        labels=RESTRICTIVE_LABELS,
        default_threshold=60,
        threshold_label="Flag when the share on one shift reaches",
        threshold_unit="%",
        threshold_min=10,
        threshold_max=100,
        check=restrictive_practice_one_shift,
        pattern="In {span} {threshold} or more of the uses of restrictive practice were on one "
        "shift or team.",
        look_at="The rota and the restrictive practice records for that shift: who works it, "
        "how it is led, and visit it unannounced (at night, if it is the night shift).",
    ),
    Detector(
        key="incident_reporting_falling",
        label="Incident reports fall without safer care",
        description="Incidents and near misses reported per 1,000 bed days over the last 3 "
        "months fell against the 6 months before, while basic care harms, restrictive practice "
        "and safeguarding enquiries did not fall as far. INDICATORS.md: “falling reports "
        "without other evidence of safer care” is a warning sign; a fall is not good news on "
        "its own (CQC Insight 2021: poor reporting). The default fall is ours (design).",
        indicators=("incident_reporting",),
        beside=("incident_near_miss_share", *SAFER_CARE),
        measure=measure_of("incident_reporting"),
        labels=REPORTING_LABELS,
        default_threshold=30,
        threshold_label="Flag when incident reports have fallen by at least",
        threshold_unit="%",
        threshold_min=1,
        threshold_max=100,
        check=incident_reporting_falling,
        pattern="In {span} incident reports fell by at least {threshold} without harm falling as "
        "far.",
        look_at="The incident log beside the care records (pressure ulcers, weight, medication) "
        "and the staff-voice measures: ask staff whether they report, and what happens when "
        "they do.",
    ),
)

WORKFORCE_PRACTICE_DETECTORS = (
    Detector(
        key="manager_churn",
        label="The registered manager keeps changing",
        description="Changes of registered manager in 12 months, or 60 days or more without "
        "one in post (design). INDICATORS.md: repeated change or long vacancy is a CQC inherent "
        "risk factor. The default is ours (design).",
        indicators=("manager_stability", "manager_vacancy_days"),
        measure=measure_of("manager_stability"),
        labels=labels_of(
            "Teamwork", "management and leadership", "leadership oversight", WORKFORCE
        ),
        default_threshold=2,
        threshold_label="Flag when the registered manager has changed this many times in 12 months",
        threshold_unit="times",
        threshold_min=1,
        threshold_max=12,
        check=manager_churn,
        whole_number=True,
        pattern="In {span} the registered manager had changed {threshold} or more in 12 "
        "months, or the post stood vacant for 60 days or more.",
        look_at="The service’s management history: who has led it, for how long, who covered "
        "the gaps, and how often senior leaders visited meanwhile.",
    ),
    Detector(
        key="supervision_falling",
        label="Supervision is falling",
        description="The share of staff due a supervision who had it on time, over the last 3 "
        "months: fallen against the 6 months before, or below 75% (design). INDICATORS.md: "
        "falling supervision is a warning sign (CQC; S2: poor supervision). The default fall "
        "is ours (design).",
        indicators=("supervision_rate",),
        measure=measure_of("supervision_rate"),
        labels=labels_of(
            "Compliance", "staff skills and practice", "competence and training", WORKFORCE
        ),
        default_threshold=10,
        threshold_label="Flag when supervision on time has fallen by at least",
        threshold_unit="percentage points",
        threshold_min=1,
        threshold_max=100,
        check=supervision_falling,
        pattern="In {span} supervision on time fell by at least {threshold}, or was low.",
        look_at="The supervision log for these months: who was not supervised, night staff "
        "above all, and who supervises them.",
    ),
)

STAFF_VOICE_PRACTICE_DETECTORS = (
    Detector(
        key="exit_themes_rising",
        label="Leavers point to the culture",
        description="The share of interviewed leavers whose main reason was the culture, "
        "bullying or harassment, or management, over the last 3 months against the 6 months "
        "before; withheld below 10 interviewed leavers (read over three months where a month "
        "has fewer). INDICATORS.md C: rising is a warning sign (S1, Reitz & Higgins). The "
        "default rise is ours (design).",
        indicators=("exit_themes",),
        beside=("hr_bullying",),
        measure=measure_of("exit_themes"),
        labels=labels_of(
            "Teamwork", "management and leadership", "leadership oversight", STAFF_VOICE
        ),
        default_threshold=20,
        threshold_label="Flag when the share has risen by at least",
        threshold_unit="percentage points",
        threshold_min=1,
        threshold_max=100,
        check=exit_themes_rising,
        pattern="In {span} the share of leavers leaving over the culture, bullying or "
        "management rose by at least {threshold}.",
        look_at="The exit interviews for these months (with HR: themes, never names), beside "
        "the bullying and grievance cases.",
    ),
)

# --- Leader presence (leadership.visits) ---------------------------------------------------------

# Design: a quarter without a visit by anyone from the board or the senior team.
SENIOR_VISIT_GAP_DAYS = 90


def senior_visit_overdue(readings, threshold):
    """The days since a senior visit at the end of the month checked (a service never visited
    counts from the organisation's first recorded visit: leadership/visits/indicators.py). Not
    about people, so never withheld; no figure (the organisation keeps no visit log) says
    nothing."""
    figure = readings.figure("days_since_senior_visit", readings.month)
    if figure is None or figure.value is None:
        return None
    days = figure.value
    flagged = days >= threshold
    summary = (
        f"At the end of {month_label(readings.month)} no board member or senior leader had "
        f"visited for {number(days)} days, {'at or over' if flagged else 'under'} "
        f"{number(threshold)} days."
    )
    rows = evidence_rows(readings, "days_since_senior_visit", [readings.month], RECENT)
    rows += beside_rows(readings, ("senior_visits_out_of_hours", "senior_visits_unannounced"))
    return Finding(flagged, summary, tuple(rows))


LEADER_PRESENCE_DETECTORS = (
    Detector(
        key="senior_visit_overdue",
        label="No senior visit for months",
        description="The days since a board member or senior leader last visited the service, "
        "at the end of the month (a service never visited counts from the first visit the "
        "organisation recorded). INDICATORS.md C `leader_presence`; NHS England's letter to "
        "boards after the Panorama programme (S3) asks boards to walk the patch and whether "
        "they are visible enough. The default, a quarter, is ours (design).",
        indicators=("days_since_senior_visit",),
        beside=("senior_visits_out_of_hours", "senior_visits_unannounced"),
        measure=measure_of("days_since_senior_visit"),
        labels=labels_of(
            "Accountability", "management and leadership", "leadership oversight", STAFF_VOICE
        ),
        default_threshold=SENIOR_VISIT_GAP_DAYS,
        threshold_label="Flag when no senior leader has visited for at least",
        threshold_unit="days",
        threshold_min=14,
        threshold_max=730,
        check=senior_visit_overdue,
        whole_number=True,
        pattern="At the end of {span} no board member or senior leader had visited for "
        "{threshold} or more.",
        look_at="The visit log of the service (Service visits): who last came, when, at what "
        "time of day, whom they spoke with, and what was followed up. Visit, unannounced, and "
        "at night or at a weekend too.",
    ),
)

DETECTORS = (
    *PRACTICE_AND_OUTCOMES_DETECTORS,
    *WORKFORCE_PRACTICE_DETECTORS,
    *STAFF_VOICE_PRACTICE_DETECTORS,
    *LEADER_PRESENCE_DETECTORS,
)
