"""The red-flag rules (INDICATORS.md section E), as detectors: what each looks for, the
indicators it reads, its labels, its default threshold, and a pure function over one service's
monthly snapshots. (People call them rules, and the stored key of a flag or setting is `rule`;
in code they are detectors, so that a part's `rules.py` always means who may do what.)

A rule's `check(readings, threshold)` returns a `Finding` (flagged or not, a one-line summary,
the evidence rows) or None when it has no usable data, in which case it says nothing: a flag
already standing is neither raised again nor cleared. The functions touch no database: the
caller (services.flags_evaluate) reads the snapshots and the organisation's settings.

How figures are read:
- Each service is compared with itself (INDICATORS.md rule 3): "recent" is the month checked and
  the two before it; "earlier" is the six months before those. A rise or fall compares the mean
  of the recent months with the mean of the earlier ones, and needs enough months with a figure
  on each side (4 of the 6 earlier months for monthly HR and rota figures; fewer for figures
  that only exist some months, such as survey scores).
- Rules read the raw figures, inside the system, through one function: `Readings.raw(key,
  month)`. A month resting on at least its indicator's floor is read as it is; a thin month (fewer
  people than the floor: two or three complaints in a small home) is read over the three months
  ending with it, pooled (each month's value weighted by the people behind it; counts averaged),
  so small services are still seen. A figure too thin even over three months is not read: it is
  not evidence of movement either way.
- What is shown keeps the small-number rules. Evidence rows store a withheld month as withheld
  (no value, no count of people), and when any figure a flag read is withheld on screen (fewer
  people than the floor, or a rate standing for fewer than 5, as the dashboards withhold it), the
  flag's summary is the rule's `pattern`: what was seen, with the threshold, never the number.
  Every rule also says where to look (`look_at`), shown with its flags.
- A rule declares its evidence `stream`, its `measure` (`measure_of`: the INDICATORS.md
  indicator its figures belong to, counted once by the alert) and its `window` (the months its
  evidence stays current for an alert).
- Rates per 10 beds or per 100 staff come from the indicators themselves.
- Silence is the one rule about absence. A count of zero rests on no one, so it cannot point to
  anyone: the silence rule reads "none" as none. Any other count under the floor means
  something was raised, so the service was not silent, and is shown only as "fewer than 5".

Thresholds marked "design" are ours, not a source's (INDICATORS.md); organisations adjust them
on the settings page (FlagSetting).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from statistics import mean

from cms.indicators import MIN_PEOPLE, get_indicator
from cms.periods import add_months, month_label, months_ending

from ..dashboards.suppression import Raw, count_scale
from ..dashboards.suppression import figure as shown_figure

RECENT_MONTHS = 3
BASELINE_MONTHS = 6
# Monthly HR and rota figures: the service's own previous 4-6 months (INDICATORS.md rule 3).
MIN_BASELINE_MONTHLY = 4
# HR and rota figures are imported every month: one month alone is too noisy to call a level.
MIN_RECENT_MONTHLY = 2
# Figures that exist only in some months (a survey ended, enough concerns fell due).
MIN_SPARSE = 1

# The evidence streams of INDICATORS.md E. A closed-culture alert counts flags from the first
# four; learning-culture flags are shown beside them but are a response, not a stream.
PEOPLE_AND_FAMILIES = "people and families"
STAFF_VOICE = "staff voice"
WORKFORCE = "workforce"
PRACTICE_AND_OUTCOMES = "practice and outcomes"
LEARNING_CULTURE = "learning culture"
ALERT_STREAMS = (PEOPLE_AND_FAMILIES, STAFF_VOICE, WORKFORCE, PRACTICE_AND_OUTCOMES)

# Evidence rows: how a month's figure was read.
RECENT = "recent"
EARLIER = "earlier"
BESIDE = "beside"
ROLE_TEXT = {
    RECENT: "Recent months",
    EARLIER: "The months before",
    BESIDE: "Shown beside it",
}

# Labels the registry may not have (an indicator another plugin has not registered yet).
FALLBACK = {
    "questions_asked": ("Forum questions asked", "questions"),
}

# Design: in a rota of 10 people or fewer, the 5 busiest are half the team, so their share of
# the hours says little about a clique.
CLIQUE_MIN_ROTA = 11
# Design: the rise in the share of concerns raised anonymously that counts as "rising".
ANONYMOUS_RISE_POINTS = 10.0
# "A sizeable service" for the silence rule (design).
SIZEABLE_BEDS = 10
SIZEABLE_PEOPLE_SUPPORTED = 20
SILENCE_INDICATORS = ("concerns_raised", "complaints_per_10_beds", "questions_asked")


# --- Measures ---------------------------------------------------------------------------------

# The INDICATORS.md indicators (measures) and the registered figures that measure the same thing.
# A closed-culture alert counts each measure once, however many flags read its figures: complaints
# left unanswered and complaints falling are both `complaints`. A figure not listed is its own
# measure. Detectors added later (staff pulse) add their figures here.
MEASURES = {
    "complaints": (
        "complaints_responded",
        "complaints_per_10_beds",
        "complaints_upheld",
        # INDICATORS.md: complaints are fed by "complaints CSV and platform concerns", and
        # "% acknowledged on time" is one of their computations.
        "concerns_acknowledged_on_time",
        "concern_hours_to_acknowledge",
        "concerns_raised",
        "concerns_anonymous_share",
    ),
    "family_forum": ("questions_asked",),
    "family_nps": ("family_nps",),
    "staff_turnover": ("staff_turnover", "early_leavers"),
    "rota_hours": ("rota_hours", "rota_top5_share"),
    "hr_bullying": ("hr_bullying", "hr_closed_informally"),
    # Practice and outcomes, and the HR file's later columns (issue 12): INDICATORS.md B and C.
    # `restrictive_practice` is "per 1,000 bed days; % with debrief; days in long-term
    # segregation", and its warning pattern "concentrated on one person or shift": one measure.
    "restrictive_practice": (
        "restrictive_practice",
        "restrictive_practice_without_debrief",
        "restrictive_practice_one_person",
        "restrictive_practice_one_shift",
        "long_term_segregation_days",
    ),
    "incident_reporting": ("incident_reporting", "incident_near_miss_share"),
    "safeguarding_raised": ("safeguarding_enquiries",),
    "basic_care": ("basic_care",),
    "manager_stability": ("manager_stability", "manager_vacancy_days"),
    "supervision_rate": ("supervision_rate",),
    "exit_themes": ("exit_themes",),
    # Speaking up (INDICATORS.md C, `speakup_cases`): cases, detriment, would speak up again.
    "speakup_cases": ("speakup_cases", "speakup_detriment_share", "speakup_again_share"),
    # The staff pulse asks two of the NHS raising-concerns items (INDICATORS.md C).
    "raising_concerns_score": ("staff_pulse_safe_to_speak", "staff_pulse_acted_on"),
    "staff_pulse_dignity_seen": ("staff_pulse_dignity_seen",),
}
_MEASURE_OF = {key: measure for measure, keys in MEASURES.items() for key in keys}


def measure_of(indicator_key):
    """The measure (INDICATORS.md indicator) a registered figure belongs to: counted once."""
    return _MEASURE_OF.get(indicator_key, indicator_key)


# --- What a rule reads ------------------------------------------------------------------------

# A thin month is read over this many months ending with it.
POOLED_MONTHS = 3
# Units whose figure is a count of things (each one person's): pooled months are averaged.
COUNT_UNITS = {"concerns", "questions", "complaints", "pieces of feedback"}


@dataclass(frozen=True)
class Figure:
    """One month's figure of one indicator, as computed (its value may be withheld on screen).
    `months` > 1: read over that many months ending with it (the month alone was thin)."""

    value: float | None
    people: int
    min_people: int = MIN_PEOPLE
    months: int = 1

    @property
    def withheld(self):
        return self.people < self.min_people

    @property
    def usable(self):
        """Readable by a rule: a value resting on enough people (over three months if thin)."""
        return self.value is not None and not self.withheld

    @property
    def pooled(self):
        return self.months > 1


def withheld_on_screen(key, figure):
    """Whether a screen withholds this month's figure (too few people, or a rate standing for
    fewer than 5), by the dashboards' own rule (leadership/dashboards/suppression.py)."""
    if figure is None or (figure.value is None and not figure.people):
        return False
    unit = indicator_text(key)[1]
    raw = Raw(figure.value, figure.people, figure.min_people, count_scale(unit))
    return shown_figure(raw).withheld


def pooled(key, figures):
    """One figure for the months of `figures` (Figures, None for a month without one): values
    weighted by the people behind them (a share of complaints over three months is the share of
    all of them), or for counts the mean a month. Rests on the people of all the months."""
    present = [f for f in figures if f is not None and f.value is not None and f.people > 0]
    if not present:
        return None
    people = sum(f.people for f in present)
    if indicator_text(key)[1] in COUNT_UNITS:
        value = sum(f.value for f in present) / len(figures)
    else:
        value = sum(f.value * f.people for f in present) / people
    return Figure(value, people, max(f.min_people for f in present), len(figures))


@dataclass(frozen=True)
class Readings:
    """One service's monthly figures around the month being checked. Rules read them through
    `raw(key, month)` (and `usable`); `figure(key, month)` is the month as stored, for evidence
    rows and for rules about nothing at all (silence)."""

    month: date  # the first day of the month checked
    figures: Mapping[str, Mapping[date, Figure]] = field(default_factory=dict)
    beds: int | None = None
    people_supported: int | None = None

    def figure(self, key, month):
        return self.figures.get(key, {}).get(month)

    def raw(self, key, month):
        """The figure a rule reads for `key` in `month`: the month's own when it rests on enough
        people; else the three months ending with it, pooled, when they together do; else the
        thin month as it is (not usable). None without a figure."""
        figure = self.figure(key, month)
        if figure is None or figure.value is None or not figure.withheld:
            return figure
        together = pooled(key, [self.figure(key, m) for m in months_ending(month, POOLED_MONTHS)])
        return together if together is not None and not together.withheld else figure

    def thin(self, keys, months):
        """Whether some figure of `keys` in `months` is there but too thin to read even over
        three months (withheld evidence, as opposed to no figure at all)."""
        return any(
            (raw := self.raw(key, month)) is not None and raw.value is not None and raw.withheld
            for key in keys
            for month in months
        )

    def recent_months(self):
        return months_ending(self.month, RECENT_MONTHS)

    def earlier_months(self):
        return months_ending(add_months(self.month, -RECENT_MONTHS), BASELINE_MONTHS)

    def usable(self, key, months):
        """The values a rule may read (`raw`) in `months`."""
        figures = [self.raw(key, month) for month in months]
        return [figure.value for figure in figures if figure is not None and figure.usable]


@dataclass(frozen=True)
class Finding:
    flagged: bool
    summary: str
    evidence: tuple = ()
    withheld: bool = False  # the summary is the pattern: a figure behind it is not shown


WITHHELD_NOTE = (
    "Some of the figures behind it rest on too few people to show, so no figure is given here."
)


# --- Presenting figures -----------------------------------------------------------------------


def indicator_text(key):
    """(label, unit) of a registered indicator (or a known one not registered yet)."""
    try:
        indicator = get_indicator(key)
    except KeyError:
        return FALLBACK.get(key, (key.replace("_", " ").capitalize(), ""))
    return indicator.label, indicator.unit


def number(value):
    """To one decimal place, without a trailing ".0"."""
    rounded = round(float(value), 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def with_unit(value, unit):
    if unit.startswith("score"):  # "score (-100 to +100)" describes the scale, not a unit
        return number(value)
    if unit.startswith("%"):
        return f"{number(value)}{unit}"
    return f"{number(value)} {unit}".strip()


def withheld_text(min_people):
    return f"fewer than {min_people}"


def evidence_rows(readings, key, months, role, *, zero_is_none=False):
    """Evidence rows for `key` in `months`, with small numbers already withheld: a withheld row
    keeps neither its value nor its number of people, so it can be shown as it is stored."""
    label, unit = indicator_text(key)
    rows = []
    for month in months:
        figure = readings.figure(key, month)
        row = {
            "indicator": key,
            "label": label,
            "unit": unit,
            "month": month.isoformat(),
            "month_label": month_label(month),
            "role": role,
            "value": None,
            "people": None,
            "withheld": False,
            "min_people": figure.min_people if figure else MIN_PEOPLE,
        }
        if figure is None or (figure.value is None and not figure.people):
            row["shown"] = "No figure"
        elif zero_is_none and figure.value == 0 and not figure.people:
            row.update(value=0, people=0, shown="None")
        elif figure.withheld:
            row.update(withheld=True, shown=f"Withheld: {withheld_text(figure.min_people)} people")
        elif figure.value is None:
            row.update(people=figure.people, shown="No figure")
        else:
            row.update(
                value=figure.value, people=figure.people, shown=with_unit(figure.value, unit)
            )
        rows.append(row)
    return rows


def _recent_span(readings):
    return f"the {RECENT_MONTHS} months to {month_label(readings.month)}"


# --- A detector -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Detector:
    key: str
    label: str
    description: str
    indicators: tuple  # the indicators the rule reads
    measure: str  # the INDICATORS.md indicator its flag counts as, for the alert
    labels: dict  # INDICATORS.md E: pel, hull, cqc, stream
    default_threshold: float
    threshold_label: str
    threshold_unit: str
    threshold_min: float
    threshold_max: float
    check: Callable[[Readings, float], Finding | None]
    # What the flag says when a figure it read is withheld on screen: the pattern, with the
    # threshold ({threshold}) and the months ({span}), never the hidden number.
    pattern: str = ""
    # Where to look: the records behind the figures, for the person who follows the flag up.
    look_at: str = ""
    # How many months a flag's evidence stays current for an alert after the last month its
    # rule held (INDICATORS.md E: "over the same two periods"): the recent months it reads.
    window: int = RECENT_MONTHS
    beside: tuple = ()  # indicators shown beside the evidence (staff voice), not tested
    whole_number: bool = False

    @property
    def stream(self):
        return self.labels["stream"]

    def find(self, readings, threshold):
        """The rule's finding for `readings`: `check`, with the summary of a flag resting on any
        figure a screen withholds replaced by the rule's pattern (no number in it)."""
        finding = self.check(readings, threshold)
        if finding is None or not finding.flagged or not self._rests_on_withheld(readings, finding):
            return finding
        span = f"the {RECENT_MONTHS} months to {month_label(readings.month)}"
        summary = (
            f"{self.pattern.format(threshold=self.threshold_text(threshold), span=span)} "
            f"{WITHHELD_NOTE}"
        )
        return Finding(True, summary, finding.evidence, withheld=True)

    def _rests_on_withheld(self, readings, finding):
        for row in finding.evidence:
            if row["role"] == BESIDE or row["indicator"] not in self.indicators:
                continue
            month = date.fromisoformat(row["month"])
            if row["withheld"] or withheld_on_screen(
                row["indicator"], readings.figure(row["indicator"], month)
            ):
                return True
        return False

    @property
    def reads(self):
        return (*self.indicators, *self.beside)

    def threshold_text(self, threshold=None):
        value = self.default_threshold if threshold is None else threshold
        return f"{number(value)} {self.threshold_unit}".replace(" %", "%")


def _labels(pel, hull, cqc, stream):
    return {"pel": pel, "hull": hull, "cqc": cqc, "stream": stream}


# --- The checks -------------------------------------------------------------------------------


def _beside(readings, keys):
    """Rows of the indicators shown beside the evidence, for those with any figure at all."""
    rows = []
    for key in keys:
        beside = evidence_rows(readings, key, readings.recent_months(), BESIDE)
        if any(row["shown"] != "No figure" for row in beside):
            rows += beside
    return rows


def _level(readings, key, *, flags, describe, min_recent, beside=(), accept=None):
    """A level rule: the mean of the recent months' usable figures (those `accept` keeps), and
    whether `flags(level)`; `describe(level, flagged)` phrases the summary."""
    months = readings.recent_months()
    values = []
    for month in months:
        figure = readings.raw(key, month)
        if figure is None or not figure.usable:
            continue
        if accept is None or accept(readings.figure(key, month)):
            values.append(figure.value)
    if len(values) < min_recent:
        return None
    level = mean(values)
    flagged = flags(level)
    rows = evidence_rows(readings, key, months, RECENT) + _beside(readings, beside)
    return Finding(flagged, describe(level, flagged), tuple(rows))


def _change(readings, key, *, min_recent, min_earlier):
    """(recent mean, earlier mean, evidence rows), or None without enough figures."""
    recent = readings.usable(key, readings.recent_months())
    earlier = readings.usable(key, readings.earlier_months())
    if len(recent) < min_recent or len(earlier) < min_earlier:
        return None
    rows = evidence_rows(readings, key, readings.earlier_months(), EARLIER) + evidence_rows(
        readings, key, readings.recent_months(), RECENT
    )
    return mean(recent), mean(earlier), rows


def turnover_high(readings, threshold):
    def describe(level, flagged):
        return (
            f"Staff turnover averaged {number(level)}% a year over {_recent_span(readings)}, "
            f"{'above' if flagged else 'not above'} {number(threshold)}% a year."
        )

    return _level(
        readings,
        "staff_turnover",
        flags=lambda level: level > threshold,
        describe=describe,
        min_recent=MIN_RECENT_MONTHLY,
        beside=("early_leavers",),
    )


def turnover_rising(readings, threshold):
    change = _change(
        readings, "staff_turnover", min_recent=MIN_RECENT_MONTHLY, min_earlier=MIN_BASELINE_MONTHLY
    )
    if change is None:
        return None
    recent, earlier, rows = change
    rise = recent - earlier
    movement = f"up {number(rise)} points" if rise > 0 else "not up"
    summary = (
        f"Staff turnover averaged {number(recent)}% a year over {_recent_span(readings)}, "
        f"{movement} on the {BASELINE_MONTHS} months before ({number(earlier)}% a year)."
    )
    rows += _beside(readings, ("early_leavers",))
    return Finding(rise >= threshold, summary, tuple(rows))


def rota_long_hours(readings, threshold):
    def describe(level, flagged):
        return (
            f"On average {number(level)}% of the people on the rota worked over 48 hours a week "
            f"in {_recent_span(readings)}, {'at or above' if flagged else 'below'} "
            f"{number(threshold)}%."
        )

    return _level(
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
            f"{_recent_span(readings)}, {'at or above' if flagged else 'below'} "
            f"{number(threshold)}%."
        )

    return _level(
        readings,
        "rota_top5_share",
        flags=lambda level: level >= threshold,
        describe=describe,
        min_recent=MIN_RECENT_MONTHLY,
        beside=("rota_hours",),
        accept=lambda figure: figure.people >= CLIQUE_MIN_ROTA,
    )


def recommend_falling(readings, threshold):
    change = _change(readings, "family_nps", min_recent=MIN_SPARSE, min_earlier=MIN_SPARSE)
    if change is None:
        return None
    recent, earlier, rows = change
    fall = earlier - recent
    movement = f"down {number(fall)} points" if fall > 0 else "not down"
    summary = (
        f"The family recommend score averaged {number(recent)} over {_recent_span(readings)}, "
        f"{movement} on the {BASELINE_MONTHS} months before ({number(earlier)})."
    )
    return Finding(fall >= threshold, summary, tuple(rows))


def concerns_late(readings, threshold):
    def describe(level, flagged):
        return (
            f"{number(level)}% of concerns were acknowledged on time in "
            f"{_recent_span(readings)}, {'below' if flagged else 'not below'} "
            f"{number(threshold)}%."
        )

    return _level(
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
            f"{number(level)}% of complaints were responded to in {_recent_span(readings)}, "
            f"{'below' if flagged else 'not below'} {number(threshold)}%."
        )

    return _level(
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
    complaints = _change(readings, "complaints_per_10_beds", min_recent=MIN_SPARSE, min_earlier=2)
    anonymous = _change(
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
        f"In {_recent_span(readings)} {complaints_text} (to {number(recent)} per 10 beds a "
        f"quarter, from {number(earlier)}), while the share of concerns raised anonymously went "
        f"from {number(anonymous_earlier)}% to {number(anonymous_recent)}%."
    )
    rows = complaint_rows + anonymous_rows + _beside(readings, ("hr_bullying", "concerns_raised"))
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
            f"in {_recent_span(readings)}, {'below' if flagged else 'not below'} "
            f"{number(threshold)}%."
        )

    return _level(
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
            f"{_recent_span(readings)}, {'at or above' if flagged else 'below'} "
            f"{number(threshold)}."
        )

    return _level(
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
            f"In {number(level)}% of speak-up cases raised in {_recent_span(readings)} the "
            f"person said they suffered detriment for speaking up, "
            f"{'above' if flagged else 'not above'} {number(threshold)}%."
        )

    return _level(
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
            f"{_recent_span(readings)} said they would speak up again, "
            f"{'below' if flagged else 'not below'} {number(threshold)}%."
        )

    return _level(
        readings,
        "speakup_again_share",
        flags=lambda level: level < threshold,
        describe=describe,
        min_recent=MIN_SPARSE,
        beside=("speakup_cases",),
    )


# The staff pulse survey (coproduction.pulse): figures exist only in months a round ended.


def pulse_safe_to_speak_falling(readings, threshold):
    change = _change(
        readings, "staff_pulse_safe_to_speak", min_recent=MIN_SPARSE, min_earlier=MIN_SPARSE
    )
    if change is None:
        return None
    recent, earlier, rows = change
    fall = earlier - recent
    movement = f"down {number(fall)} points" if fall > 0 else "not down"
    summary = (
        f"{number(recent)}% of staff said they feel safe to speak up in the pulse rounds of "
        f"{_recent_span(readings)}, {movement} on the {BASELINE_MONTHS} months before "
        f"({number(earlier)}%)."
    )
    rows += _beside(readings, ("staff_pulse_acted_on",))
    return Finding(fall >= threshold, summary, tuple(rows))


def pulse_dignity_seen(readings, threshold):
    def describe(level, flagged):
        return (
            f"{number(level)}% of staff answering the pulse survey in {_recent_span(readings)} "
            f"had seen someone treated without dignity in the month before, "
            f"{'at or above' if flagged else 'below'} {number(threshold)}%."
        )

    return _level(
        readings,
        "staff_pulse_dignity_seen",
        flags=lambda level: level >= threshold,
        describe=describe,
        min_recent=MIN_SPARSE,
    )


# --- The rules --------------------------------------------------------------------------------

DETECTORS = (
    Detector(
        key="turnover_high",
        label="Staff turnover is high",
        description="Leavers as a share of staff, scaled to a year, averaged over the last 3 "
        "months. The default is the adult social care average: 24.2% in 2023/24 (Skills for "
        "Care); Highfield House kept under 15%.",
        indicators=("staff_turnover",),
        beside=("early_leavers",),
        measure=measure_of("staff_turnover"),
        labels=_labels("Teamwork", "management and leadership", "leadership oversight", WORKFORCE),
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
        labels=_labels("Teamwork", "management and leadership", "leadership oversight", WORKFORCE),
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
        labels=_labels("Teamwork", "planning and delivery", "leadership oversight", WORKFORCE),
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
        labels=_labels("Teamwork", "planning and delivery", "leadership oversight", WORKFORCE),
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
        labels=_labels("Caring", "basic care and environment", "poor care", PEOPLE_AND_FAMILIES),
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
        labels=_labels(
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
        labels=_labels(
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
        labels=_labels(
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
        labels=_labels(
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
        labels=_labels(
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
        labels=_labels(
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
        labels=_labels("Reporting", "management and leadership", "cover-up", STAFF_VOICE),
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
        labels=_labels(
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
        labels=_labels("Reporting", "management and leadership", "poor reporting", STAFF_VOICE),
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
        labels=_labels("Caring", "basic care and environment", "poor care", STAFF_VOICE),
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

# The rules of issue 12 section 2 (practice and outcomes; manager churn and supervision in the
# workforce stream; exit themes in staff voice), kept together in their own module. Imported here,
# after every helper they use is defined.
from .practice_detectors import DETECTORS as PRACTICE_DETECTORS  # noqa: E402

DETECTORS = (*DETECTORS, *PRACTICE_DETECTORS)

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
