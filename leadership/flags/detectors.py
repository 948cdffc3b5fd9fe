"""The red-flag rules (INDICATORS.md section E), as detectors: what each looks for, the
indicators it reads, its labels, its default threshold, and a pure function over one service's
monthly snapshots. (People call them rules, and the stored key of a flag or setting is `rule`;
in code they are detectors, so that a part's `rules.py` always means who may do what.)

A rule's `check(readings, threshold)` returns a `Finding` (flagged or not, a one-line summary,
the evidence rows) or None when it has no usable data, in which case it says nothing: a flag
already standing is neither raised again nor cleared. The functions touch no database: the
caller (services.flags_evaluate) reads the snapshots and the organisation's settings.

How the rules read figures, and what they show when a figure is withheld: evidence.py.
"""

from cms.periods import month_label, months_ending

from .evidence import (
    BASELINE_MONTHS,
    LEARNING_CULTURE,
    MIN_BASELINE_MONTHLY,
    MIN_RECENT_MONTHLY,
    MIN_SPARSE,
    PEOPLE_AND_FAMILIES,
    POOLED_MONTHS,
    RECENT,
    RECENT_MONTHS,
    STAFF_VOICE,
    WORKFORCE,
    Detector,
    Finding,
    beside_rows,
    change_of,
    evidence_rows,
    indicator_text,
    labels_of,
    level_rule,
    measure_of,
    number,
    recent_span,
)
from .practice_detectors import DETECTORS as PRACTICE_DETECTORS

# Design: in a rota of 10 people or fewer, the 5 busiest are half the team, so their share of
# the hours says little about a clique.
CLIQUE_MIN_ROTA = 11
# Design: the rise in the share of concerns raised anonymously that counts as "rising".
ANONYMOUS_RISE_POINTS = 10.0
# "A sizeable service" for the silence rule (design).
SIZEABLE_BEDS = 10
SIZEABLE_PEOPLE_SUPPORTED = 20
SILENCE_INDICATORS = ("concerns_raised", "complaints_per_10_beds", "questions_asked")


def turnover_high(readings, threshold):
    def describe(level, flagged):
        return (
            f"Staff turnover averaged {number(level)}% a year over {recent_span(readings)}, "
            f"{'above' if flagged else 'not above'} {number(threshold)}% a year."
        )

    return level_rule(
        readings,
        "staff_turnover",
        flags=lambda level: level > threshold,
        describe=describe,
        min_recent=MIN_RECENT_MONTHLY,
        beside=("early_leavers",),
    )


def turnover_rising(readings, threshold):
    change = change_of(
        readings, "staff_turnover", min_recent=MIN_RECENT_MONTHLY, min_earlier=MIN_BASELINE_MONTHLY
    )
    if change is None:
        return None
    recent, earlier, rows = change
    rise = recent - earlier
    movement = f"up {number(rise)} points" if rise > 0 else "not up"
    summary = (
        f"Staff turnover averaged {number(recent)}% a year over {recent_span(readings)}, "
        f"{movement} on the {BASELINE_MONTHS} months before ({number(earlier)}% a year)."
    )
    rows += beside_rows(readings, ("early_leavers",))
    return Finding(rise >= threshold, summary, tuple(rows))


def rota_long_hours(readings, threshold):
    def describe(level, flagged):
        return (
            f"On average {number(level)}% of the people on the rota worked over 48 hours a week "
            f"in {recent_span(readings)}, {'at or above' if flagged else 'below'} "
            f"{number(threshold)}%."
        )

    return level_rule(
        readings,
        "rota_hours",
        flags=lambda level: level >= threshold,
        describe=describe,
        min_recent=MIN_RECENT_MONTHLY,
        beside=("rota_top5_share",),
    )


def rota_concentration(readings, threshold):
    def describe(level, flagged):
        return (
            f"The 5 busiest people worked on average {number(level)}% of all rota hours in "
            f"{recent_span(readings)}, {'at or above' if flagged else 'below'} "
            f"{number(threshold)}%."
        )

    return level_rule(
        readings,
        "rota_top5_share",
        flags=lambda level: level >= threshold,
        describe=describe,
        min_recent=MIN_RECENT_MONTHLY,
        beside=("rota_hours",),
        accept=lambda figure: figure.people >= CLIQUE_MIN_ROTA,
    )


def recommend_falling(readings, threshold):
    change = change_of(readings, "family_nps", min_recent=MIN_SPARSE, min_earlier=MIN_SPARSE)
    if change is None:
        return None
    recent, earlier, rows = change
    fall = earlier - recent
    movement = f"down {number(fall)} points" if fall > 0 else "not down"
    summary = (
        f"The family recommend score averaged {number(recent)} over {recent_span(readings)}, "
        f"{movement} on the {BASELINE_MONTHS} months before ({number(earlier)})."
    )
    return Finding(fall >= threshold, summary, tuple(rows))


def concerns_late(readings, threshold):
    def describe(level, flagged):
        return (
            f"{number(level)}% of concerns were acknowledged on time in "
            f"{recent_span(readings)}, {'below' if flagged else 'not below'} "
            f"{number(threshold)}%."
        )

    return level_rule(
        readings,
        "concerns_acknowledged_on_time",
        flags=lambda level: level < threshold,
        describe=describe,
        min_recent=MIN_SPARSE,
        beside=("concern_hours_to_acknowledge",),
    )


def complaints_unanswered(readings, threshold):
    def describe(level, flagged):
        return (
            f"{number(level)}% of complaints were responded to in {recent_span(readings)}, "
            f"{'below' if flagged else 'not below'} {number(threshold)}%."
        )

    return level_rule(
        readings,
        "complaints_responded",
        flags=lambda level: level < threshold,
        describe=describe,
        min_recent=MIN_SPARSE,
    )


def complaints_falling_anonymous_rising(readings, threshold):
    """Both directions can warn (INDICATORS.md rule 2): fewer complaints while more concerns
    come in anonymously can mean fear rather than better care, so the evidence shows the fall
    beside the staff-voice measures."""
    complaints = change_of(readings, "complaints_per_10_beds", min_recent=MIN_SPARSE, min_earlier=2)
    anonymous = change_of(
        readings, "concerns_anonymous_share", min_recent=MIN_SPARSE, min_earlier=MIN_SPARSE
    )
    if complaints is None or anonymous is None:
        return None
    recent, earlier, complaint_rows = complaints
    anonymous_recent, anonymous_earlier, anonymous_rows = anonymous
    fall = 100 * (earlier - recent) / earlier if earlier > 0 else 0.0
    rise = anonymous_recent - anonymous_earlier
    flagged = fall >= threshold and rise >= ANONYMOUS_RISE_POINTS
    complaints_text = f"complaints fell {number(fall)}%" if fall > 0 else "complaints did not fall"
    summary = (
        f"In {recent_span(readings)} {complaints_text} (to {number(recent)} per 10 beds a "
        f"quarter, from {number(earlier)}), while the share of concerns raised anonymously went "
        f"from {number(anonymous_earlier)}% to {number(anonymous_recent)}%."
    )
    rows = (
        complaint_rows + anonymous_rows + beside_rows(readings, ("hr_bullying", "concerns_raised"))
    )
    return Finding(flagged, summary, tuple(rows))


# The learning plugin's completion of its bundled red flags path (learning/bundled/red_flags.py).
RED_FLAGS_COMPLETION = "learning_completion_rate:path:red-flags"


def learning_completion_low(readings, threshold):
    """Without a usable figure for the red flags path (the learning plugin is not installed, or
    too few people were due), the rule says nothing rather than reading all learning instead:
    a low figure for other paths is not the pattern this flag names."""

    def describe(level, flagged):
        return (
            f"{number(level)}% of the red flags path due at the service was completed on time "
            f"in {recent_span(readings)}, {'below' if flagged else 'not below'} "
            f"{number(threshold)}%."
        )

    return level_rule(
        readings,
        RED_FLAGS_COMPLETION,
        flags=lambda level: level < threshold,
        describe=describe,
        min_recent=MIN_SPARSE,
        beside=("learning_overdue_rate",),
    )


def bullying_reports_high(readings, threshold):
    def describe(level, flagged):
        return (
            f"Bullying and grievance reports averaged {number(level)} per 100 staff a month in "
            f"{recent_span(readings)}, {'at or above' if flagged else 'below'} "
            f"{number(threshold)}."
        )

    return level_rule(
        readings,
        "hr_bullying",
        flags=lambda level: level >= threshold,
        describe=describe,
        min_recent=MIN_SPARSE,
        beside=("hr_closed_informally",),
    )


def sizeable(readings):
    return (readings.beds or 0) >= SIZEABLE_BEDS or (
        readings.people_supported or 0
    ) >= SIZEABLE_PEOPLE_SUPPORTED


def silence(readings, threshold):
    """No concerns, no complaints and no forum questions for `threshold` months in a sizeable
    service. Needs a figure for concerns in every month (without one, the rule cannot tell);
    complaints and questions count where there is a figure (complaints are imported, and only
    services with beds have a rate per 10 beds)."""
    if not sizeable(readings):
        return None
    months = months_ending(readings.month, int(threshold))
    concerns = [readings.figure("concerns_raised", month) for month in months]
    if any(figure is None or figure.value is None for figure in concerns):
        return None

    def heard(key):
        figures = (readings.figure(key, month) for month in months)
        return any(figure is not None and figure.value for figure in figures)

    voices = [key for key in SILENCE_INDICATORS if heard(key)]
    rows = []
    for key in SILENCE_INDICATORS:
        rows += evidence_rows(readings, key, months, RECENT, zero_is_none=True)
    span = f"the {len(months)} months to {month_label(readings.month)}"
    if voices:
        heard_text = ", ".join(indicator_text(key)[0].lower() for key in voices)
        return Finding(False, f"Not silent in {span}: {heard_text}.", tuple(rows))
    summary = (
        f"No concerns, complaints or forum questions were recorded in {span}, in a service of "
        "this size: silence can mean people do not feel able to speak."
    )
    return Finding(True, summary, tuple(rows))


# Speaking up: the share reporting detriment in the national return, the reference the
# detriment rule starts from (National Guardian's Office, 2022/23; CQC-AND-SPEAK-UP.md).
NATIONAL_DETRIMENT_SHARE = 3.9


def speakup_detriment(readings, threshold):
    def describe(level, flagged):
        return (
            f"In {number(level)}% of speak-up cases raised in {recent_span(readings)} the "
            f"person said they suffered detriment for speaking up, "
            f"{'above' if flagged else 'not above'} {number(threshold)}%."
        )

    return level_rule(
        readings,
        "speakup_detriment_share",
        flags=lambda level: level > threshold,
        describe=describe,
        min_recent=MIN_SPARSE,
        beside=("speakup_cases",),
    )


def speakup_again_low(readings, threshold):
    def describe(level, flagged):
        return (
            f"{number(level)}% of the people whose speak-up case was fed back in "
            f"{recent_span(readings)} said they would speak up again, "
            f"{'below' if flagged else 'not below'} {number(threshold)}%."
        )

    return level_rule(
        readings,
        "speakup_again_share",
        flags=lambda level: level < threshold,
        describe=describe,
        min_recent=MIN_SPARSE,
        beside=("speakup_cases",),
    )


# The staff pulse survey (coproduction.pulse): figures exist only in months a round ended.


def pulse_safe_to_speak_falling(readings, threshold):
    change = change_of(
        readings, "staff_pulse_safe_to_speak", min_recent=MIN_SPARSE, min_earlier=MIN_SPARSE
    )
    if change is None:
        return None
    recent, earlier, rows = change
    fall = earlier - recent
    movement = f"down {number(fall)} points" if fall > 0 else "not down"
    summary = (
        f"{number(recent)}% of staff said they feel safe to speak up in the pulse rounds of "
        f"{recent_span(readings)}, {movement} on the {BASELINE_MONTHS} months before "
        f"({number(earlier)}%)."
    )
    rows += beside_rows(readings, ("staff_pulse_acted_on",))
    return Finding(fall >= threshold, summary, tuple(rows))


def pulse_dignity_seen(readings, threshold):
    def describe(level, flagged):
        return (
            f"{number(level)}% of staff answering the pulse survey in {recent_span(readings)} "
            f"had seen someone treated without dignity in the month before, "
            f"{'at or above' if flagged else 'below'} {number(threshold)}%."
        )

    return level_rule(
        readings,
        "staff_pulse_dignity_seen",
        flags=lambda level: level >= threshold,
        describe=describe,
        min_recent=MIN_SPARSE,
    )


# --- The rules --------------------------------------------------------------------------------

_DETECTORS = (
    Detector(
        key="turnover_high",
        label="Staff turnover is high",
        description="Leavers as a share of staff, scaled to a year, averaged over the last 3 "
        "months. The default is the adult social care average: 24.2% in 2023/24 (Skills for "
        "Care); Highfield House kept under 15%.",
        indicators=("staff_turnover",),
        beside=("early_leavers",),
        measure=measure_of("staff_turnover"),
        labels=labels_of(
            "Teamwork", "management and leadership", "leadership oversight", WORKFORCE
        ),
        default_threshold=24.2,
        threshold_label="Flag when turnover is above",
        threshold_unit="% a year",
        threshold_min=1,
        threshold_max=500,
        check=turnover_high,
        pattern="Staff turnover over {span} was above {threshold}.",
        look_at="The service’s leavers and their exit interviews or reasons for leaving, month by"
        " month, and how long each had worked there.",
    ),
    Detector(
        key="turnover_rising",
        label="Staff turnover is rising",
        description="Turnover over the last 3 months against the service's own 6 months before "
        "(at least 4 of them with a figure). The default rise is ours (design).",
        indicators=("staff_turnover",),
        beside=("early_leavers",),
        measure=measure_of("staff_turnover"),
        labels=labels_of(
            "Teamwork", "management and leadership", "leadership oversight", WORKFORCE
        ),
        default_threshold=10,
        threshold_label="Flag when turnover has risen by at least",
        threshold_unit="percentage points",
        threshold_min=1,
        threshold_max=500,
        check=turnover_rising,
        pattern="Staff turnover over {span} rose by at least {threshold} on the months before.",
        look_at="The service’s leavers and their reasons for leaving, against the months before, "
        "and how long each had worked there.",
    ),
    Detector(
        key="rota_long_hours",
        label="A few people work very long weeks",
        description="The share of people on the rota averaging over 48 hours a week (Working "
        "Time Regulations 1998; people may opt out, so this is a question, not a breach). At "
        "Northbrooke House a few friends of the manager worked up to 70 hours a week. The "
        "default is ours (design).",
        indicators=("rota_hours",),
        beside=("rota_top5_share",),
        measure=measure_of("rota_hours"),
        labels=labels_of("Teamwork", "planning and delivery", "leadership oversight", WORKFORCE),
        default_threshold=10,
        threshold_label="Flag when the share of people over 48 hours a week reaches",
        threshold_unit="%",
        threshold_min=1,
        threshold_max=100,
        check=rota_long_hours,
        pattern="In {span} the share of people on the rota averaging over 48 hours a week reached "
        "{threshold}.",
        look_at="The rota for these months: who worked the longest weeks, and whether they chose "
        "to (an opt-out), not names on a dashboard.",
    ),
    Detector(
        key="rota_concentration",
        label="A small group holds most of the shifts",
        description="The share of all rota hours worked by the 5 busiest people, in rotas of "
        "more than 10 people (in a smaller team the 5 busiest are half of it). Nobody is named "
        "or ranked. The default is ours (design).",
        indicators=("rota_top5_share",),
        beside=("rota_hours",),
        measure=measure_of("rota_hours"),
        labels=labels_of("Teamwork", "planning and delivery", "leadership oversight", WORKFORCE),
        default_threshold=40,
        threshold_label="Flag when the 5 busiest people's share of the hours reaches",
        threshold_unit="%",
        threshold_min=10,
        threshold_max=100,
        check=rota_concentration,
        pattern="In {span} the 5 busiest people worked {threshold} or more of all rota hours.",
        look_at="The rota for these months: who holds most shifts, and who is left with few.",
    ),
    Detector(
        key="recommend_falling",
        label="The family recommend score is falling",
        description="The family recommend score (-100 to +100) from surveys that ended in the "
        "last 3 months, against the 6 months before. The default fall is ours (design).",
        indicators=("family_nps",),
        measure=measure_of("family_nps"),
        labels=labels_of("Caring", "basic care and environment", "poor care", PEOPLE_AND_FAMILIES),
        default_threshold=10,
        threshold_label="Flag when the score has fallen by at least",
        threshold_unit="points",
        threshold_min=1,
        threshold_max=200,
        check=recommend_falling,
        pattern="The family recommend score over {span} fell by at least {threshold} on the "
        "months before.",
        look_at="The family survey answers and their reasons (“why?”) for these months, and the "
        "family forum.",
    ),
    Detector(
        key="concerns_late",
        label="Concerns are not acknowledged in time",
        description="The share of concerns acknowledged by the time they were due (24 hours for "
        "possible safeguarding concerns, 5 working days for others) over the last 3 months. "
        "The default is ours (design).",
        indicators=("concerns_acknowledged_on_time",),
        beside=("concern_hours_to_acknowledge",),
        measure=measure_of("concerns_acknowledged_on_time"),
        labels=labels_of(
            "Accountability", "management and leadership", "cover-up", PEOPLE_AND_FAMILIES
        ),
        default_threshold=80,
        threshold_label="Flag when the share acknowledged on time is below",
        threshold_unit="%",
        threshold_min=1,
        threshold_max=100,
        check=concerns_late,
        pattern="In {span} the share of concerns acknowledged on time was below {threshold}.",
        look_at="The service’s concerns in these months: when each was due, when it was "
        "acknowledged and by whom.",
    ),
    Detector(
        key="complaints_unanswered",
        label="Complaints are closed without a response",
        description="The share of complaints responded to over the last 3 months (from the "
        "complaints import). The default is ours (design).",
        indicators=("complaints_responded",),
        measure=measure_of("complaints_responded"),
        labels=labels_of(
            "Accountability", "management and leadership", "cover-up", PEOPLE_AND_FAMILIES
        ),
        default_threshold=80,
        threshold_label="Flag when the share responded to is below",
        threshold_unit="%",
        threshold_min=1,
        threshold_max=100,
        check=complaints_unanswered,
        pattern="In {span} the share of complaints responded to was below {threshold}.",
        look_at="The service’s complaints log for these months: each complaint, whether it had a "
        "response, and what the person who complained was told.",
    ),
    Detector(
        key="complaints_falling_anonymous_rising",
        label="Complaints are falling while anonymous concerns rise",
        description="Complaints per 10 beds over the last 3 months fell against the 6 months "
        "before, while the share of concerns raised anonymously rose by 10 points or more. A "
        "fall in complaints is not good news on its own: it is shown beside the staff-voice "
        "measures. Only for services with beds. The defaults are ours (design).",
        indicators=("complaints_per_10_beds", "concerns_anonymous_share"),
        beside=("hr_bullying", "concerns_raised"),
        measure=measure_of("complaints_per_10_beds"),
        labels=labels_of(
            "Reporting",
            "resisting outsiders and isolating people",
            "poor reporting",
            PEOPLE_AND_FAMILIES,
        ),
        default_threshold=50,
        threshold_label="Flag when complaints have fallen by at least",
        threshold_unit="%",
        threshold_min=1,
        threshold_max=100,
        check=complaints_falling_anonymous_rising,
        pattern="In {span} complaints fell by at least {threshold} while the share of concerns "
        "raised anonymously rose.",
        look_at="The complaints log and the concerns raised in these months, beside the staff-"
        "voice measures: ask people, families and staff whether they feel able to speak.",
    ),
    Detector(
        key="bullying_reports_high",
        label="Bullying and grievance reports cluster",
        description="Bullying and grievance reports per 100 staff, a month, over the last 3 "
        "months; withheld below 10 staff. Shown as counts only, never names. The default is "
        "ours (design).",
        indicators=("hr_bullying",),
        beside=("hr_closed_informally",),
        measure=measure_of("hr_bullying"),
        labels=labels_of(
            "Teamwork", "management and leadership", "leadership oversight", STAFF_VOICE
        ),
        default_threshold=5,
        threshold_label="Flag when reports per 100 staff a month reach",
        threshold_unit="per 100 staff",
        threshold_min=0.1,
        threshold_max=100,
        check=bullying_reports_high,
        pattern="In {span} bullying and grievance reports reached {threshold} or more.",
        look_at="HR’s bullying and grievance cases for the service (with HR: counts only on the "
        "dashboard), and how each was closed.",
    ),
    Detector(
        key="learning_completion_low",
        label="The red flags path is not completed",
        description="The share of the red flags path (“Spotting the red flags of closed "
        "cultures”) due at the service that was completed on time, over the last 3 months. "
        "Says nothing while that figure is withheld or not collected. The default is ours "
        "(design).",
        indicators=(RED_FLAGS_COMPLETION,),
        beside=("learning_overdue_rate",),
        measure=RED_FLAGS_COMPLETION,
        labels=labels_of(
            "Learning", "staff skills and practice", "competence and training", LEARNING_CULTURE
        ),
        default_threshold=75,
        threshold_label="Flag when the share completed on time is below",
        threshold_unit="%",
        threshold_min=1,
        threshold_max=100,
        check=learning_completion_low,
        pattern="In {span} less than {threshold} of the red flags path due at the service was "
        "completed on time.",
        look_at="The service’s enrolments on the red flags path: who is overdue, and what is in "
        "the way.",
    ),
    Detector(
        key="silence",
        label="Silence: nothing raised for months",
        description="No concerns, no complaints and no forum questions for several months in a "
        "service with 10 or more beds or 20 or more people supported. A service that hears "
        "nothing may be one where people do not feel able to speak (CQC: poor reporting).",
        indicators=SILENCE_INDICATORS,
        measure=measure_of("concerns_raised"),
        labels=labels_of(
            "Reporting",
            "resisting outsiders and isolating people",
            "poor reporting",
            PEOPLE_AND_FAMILIES,
        ),
        default_threshold=3,
        threshold_label="Flag after this many months with nothing raised",
        threshold_unit="months",
        threshold_min=2,
        threshold_max=12,
        check=silence,
        whole_number=True,
        pattern="No concerns, complaints or forum questions were recorded in {span}.",
        look_at="Visit the service, at night and at weekends too, and ask people, families and "
        "staff whether they know how to raise a concern and feel able to.",
    ),
    # --- Speaking up (issue 12, section 3): the staff-voice stream ---
    Detector(
        key="speakup_detriment",
        label="People who spoke up say they suffered detriment",
        description="The share of speak-up cases, raised over the last 3 months, where the person "
        "says they were treated worse for speaking up. The default is the national share: 3.9% "
        "of cases reported detriment in 2022/23 (National Guardian's Office). Detriment for "
        "speaking up teaches everyone else to stay silent.",
        indicators=("speakup_detriment_share",),
        beside=("speakup_cases",),
        measure=measure_of("speakup_detriment_share"),
        labels=labels_of("Reporting", "management and leadership", "cover-up", STAFF_VOICE),
        default_threshold=NATIONAL_DETRIMENT_SHARE,
        threshold_label="Flag when the share reporting detriment is above",
        threshold_unit="%",
        threshold_min=0,
        threshold_max=100,
        check=speakup_detriment,
        pattern="In {span} the share of speak-up cases where the person said they suffered "
        "detriment for speaking up was above {threshold}.",
        look_at="The service’s speak-up cases in these months, with the speak-up lead: what "
        "each person says happened to them after speaking up, and who they work with.",
    ),
    Detector(
        key="speakup_again_low",
        label="Fewer people would speak up again",
        description="Of the people whose speak-up case was fed back over the last 3 months and "
        "who answered, the share who would speak up again (the others said no, maybe or did "
        "not know). The default is ours (design).",
        indicators=("speakup_again_share",),
        beside=("speakup_cases",),
        measure=measure_of("speakup_again_share"),
        labels=labels_of(
            "Reporting",
            "resisting outsiders and isolating people",
            "poor reporting",
            STAFF_VOICE,
        ),
        default_threshold=75,
        threshold_label="Flag when the share who would speak up again is below",
        threshold_unit="%",
        threshold_min=1,
        threshold_max=100,
        check=speakup_again_low,
        pattern="In {span} the share of people who would speak up again was below {threshold}.",
        look_at="The speak-up cases fed back in these months, with the speak-up lead: how each "
        "was handled, how long it took, and what the person was told.",
    ),
    # --- Staff voice: the staff pulse survey (coproduction.pulse) ---------------------------
    Detector(
        key="pulse_safe_to_speak_falling",
        label="Staff feel less safe to speak up",
        description="The share of staff agreeing they feel safe to speak up, from the pulse "
        "rounds that ended in the last 3 months, against the service's own rounds in the 6 "
        "months before. Rounds with fewer than 10 answers are left out. The default fall is ours "
        "(design).",
        indicators=("staff_pulse_safe_to_speak",),
        beside=("staff_pulse_acted_on",),
        measure=measure_of("staff_pulse_safe_to_speak"),
        labels=labels_of("Reporting", "management and leadership", "poor reporting", STAFF_VOICE),
        default_threshold=10,
        threshold_label="Flag when the share feeling safe to speak up has fallen by at least",
        threshold_unit="percentage points",
        threshold_min=1,
        threshold_max=100,
        check=pulse_safe_to_speak_falling,
        pattern="In the pulse rounds of {span} the share of staff who feel safe to speak up fell "
        "by at least {threshold} on the rounds before.",
        look_at="The pulse rounds’ comments (in the feedback tracker, as staff survey feedback), "
        "the staff groups’ figures where shown, and the concerns and speak-up cases of these "
        "months; talk with staff on every shift, nights too.",
        window=RECENT_MONTHS,
    ),
    Detector(
        key="pulse_dignity_seen",
        label="Staff have seen people treated without dignity",
        description="The share of staff answering the pulse survey who saw someone treated "
        "without dignity in the month before they answered, from the rounds that ended in the "
        "last 3 months (fewer than 10 answers: left out). The default is ours (design).",
        indicators=("staff_pulse_dignity_seen",),
        measure=measure_of("staff_pulse_dignity_seen"),
        labels=labels_of("Caring", "basic care and environment", "poor care", STAFF_VOICE),
        default_threshold=15,
        threshold_label="Flag when the share who saw it reaches",
        threshold_unit="%",
        threshold_min=1,
        threshold_max=100,
        check=pulse_dignity_seen,
        pattern="In the pulse rounds of {span} the share of staff who had seen someone treated "
        "without dignity reached {threshold}.",
        look_at="What staff wrote in these rounds (feedback tracker), the concerns and "
        "safeguarding referrals of these months, and care at the times staff named; visit "
        "unannounced, at night and at weekends.",
        window=RECENT_MONTHS,
    ),
)

# With the rules of issue 12 section 2 (practice and outcomes; manager churn and supervision in
# the workforce stream; exit themes in staff voice), kept together in practice_detectors.py.
DETECTORS = (*_DETECTORS, *PRACTICE_DETECTORS)

DETECTORS_BY_KEY = {rule.key: rule for rule in DETECTORS}
# How far back any rule looks: the earlier and recent months, or the longest silence.
# A thin month is read over the three months ending with it, so two months more.
LOOKBACK_MONTHS = max(
    RECENT_MONTHS + BASELINE_MONTHS + POOLED_MONTHS - 1,
    int(DETECTORS_BY_KEY["silence"].threshold_max),
)


def get_detector(key):
    return DETECTORS_BY_KEY[key]


def indicators_read():
    """Every indicator any rule reads or shows beside its evidence."""
    return sorted({key for rule in DETECTORS for key in rule.reads})
