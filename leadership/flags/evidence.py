"""What a red-flag rule reads and the evidence it gives: a service's monthly figures
(`Readings`), the measures the alert counts once (`MEASURES`), the shape of a rule (`Detector`),
its finding and evidence rows, and the helpers that level and change rules are built from. The
rules themselves are in detectors.py and practice_detectors.py.

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
    # Leader presence (INDICATORS.md C `leader_presence`): senior visits, nights and weekends.
    "leader_presence": (
        "days_since_senior_visit",
        "senior_visits_out_of_hours",
        "senior_visits_unannounced",
    ),
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


def recent_span(readings):
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


def labels_of(pel, hull, cqc, stream):
    return {"pel": pel, "hull": hull, "cqc": cqc, "stream": stream}


# --- The checks -------------------------------------------------------------------------------


def beside_rows(readings, keys):
    """Rows of the indicators shown beside the evidence, for those with any figure at all."""
    rows = []
    for key in keys:
        beside = evidence_rows(readings, key, readings.recent_months(), BESIDE)
        if any(row["shown"] != "No figure" for row in beside):
            rows += beside
    return rows


def level_rule(readings, key, *, flags, describe, min_recent, beside=(), accept=None):
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
    rows = evidence_rows(readings, key, months, RECENT) + beside_rows(readings, beside)
    return Finding(flagged, describe(level, flagged), tuple(rows))


def change_of(readings, key, *, min_recent, min_earlier):
    """(recent mean, earlier mean, evidence rows), or None without enough figures."""
    recent = readings.usable(key, readings.recent_months())
    earlier = readings.usable(key, readings.earlier_months())
    if len(recent) < min_recent or len(earlier) < min_earlier:
        return None
    rows = evidence_rows(readings, key, readings.earlier_months(), EARLIER) + evidence_rows(
        readings, key, readings.recent_months(), RECENT
    )
    return mean(recent), mean(earlier), rows
