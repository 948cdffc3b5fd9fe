"""What a board report says, built from `selectors.ReportData` with the dashboards' own builders
(`leadership.dashboards.panels`): the same tables, cells, trends, charts and small-number
suppression as the screens, so a figure reads the same on the screen, in a CSV file and in the
board papers. Nothing here touches the database.

The report follows the four questions NHS England's letter to boards (seed 002, S3) says it is
vital boards ask: "could this happen here? how would we know? how robust is the assessment of
services and the culture of services? are we visible enough and do we hear enough from
patients, their families and all staff on a ward e.g. the porter, cleaner, HCAs?": headline
indicators for each service with their charts, the red flags and
closed-culture alerts with their evidence and what was done, "you said, we did", learning, and
the board questions, each with the evidence that bears on it. Never a single "culture score",
and never anything about a person: rows are services, months, paths or roles.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format

from cms.indicators import MIN_PEOPLE
from cms.periods import month_label

from ..dashboards import panels as dashboard_panels
from ..dashboards.suppression import NO_FIGURE, figure
from ..dashboards.tables import Cell, Column, Row, Table, is_registered
from ..flags.detectors import DETECTORS
from ..flags.evidence import ALERT_STREAMS
from ..flags.selectors import person_name, presented_evidence

# The overview's key indicators: the headline of each service, with a chart each.
HEADLINE = dashboard_panels.KEY_INDICATORS
YOU_SAID_WE_DID = next(
    group_keys
    for _title, section_id, _intro, group_keys in dashboard_panels.LISTENING_GROUPS
    if section_id == "you-said-we-did"
)
YOU_SAID_WE_DID_INTRO = next(
    intro
    for _title, section_id, intro, _keys in dashboard_panels.LISTENING_GROUPS
    if section_id == "you-said-we-did"
)
# Could this happen here? The Island Healthcare signs (INDICATORS.md A): who leaves, who works
# the long weeks, whether bullying is reported, whether complaints are answered, whether
# families would recommend the service.
WARNING_SIGNS = (
    "staff_turnover",
    "rota_hours",
    "hr_bullying",
    "complaints_responded",
    "family_nps",
)
# How would we know? Each source of figures, by the indicator that shows it arrived.
SOURCES = (
    ("Occupancy", "occupancy"),
    ("HR records", "staff_turnover"),
    ("Rotas", "rota_hours"),
    ("Complaints", "complaints_per_10_beds"),
    ("Family survey", "family_nps"),
    ("Staff pulse survey", "staff_pulse_safe_to_speak"),
    ("Concerns", "concerns_raised"),
    ("Learning", "learning_completion_rate"),
)
# Are we hearing enough? From people and families, and from staff (INDICATORS.md C).
PEOPLE_VOICE = (
    "concerns_raised",
    "concerns_anonymous_share",
    "forum_event_attendance",
    "questions_unanswered",
)
STAFF_VOICE = (
    "speakup_cases",
    "speakup_detriment_share",
    "speakup_again_share",
    # The staff pulse survey (coproduction.pulse) asks two of the raising-concerns items.
    "staff_pulse_safe_to_speak",
    "staff_pulse_acted_on",
    "staff_pulse_dignity_seen",
    "exit_themes",
    "hr_bullying",
    "hr_closed_informally",
)
# Staff-voice measures INDICATORS.md C asks for that are not HR counts, by name there.
STAFF_VOICE_NAMES = {
    "speakup_cases": "speak-up activity",
    "staff_pulse_safe_to_speak": "a staff survey's raising-concerns score",
    "exit_themes": "exit interview themes",
}
# Flags about silence: people may have stopped raising things.
SILENCE_RULES = ("silence", "complaints_falling_anonymous_rising")

CHART_MONTHS_A_ROW = 6


# The restrictive practice review (seed 002, S3, point 3): the figures of INDICATORS.md B
# `restrictive_practice`, and the rules that read them.
RESTRICTIVE_REVIEW = (
    "restrictive_practice",
    "restrictive_practice_without_debrief",
    "restrictive_practice_one_person",
    "restrictive_practice_one_shift",
    "long_term_segregation_days",
)
RESTRICTIVE_RULES = tuple(rule.key for rule in DETECTORS if rule.measure == "restrictive_practice")


def indicator_keys():
    """Every indicator a report reads (families of learning indicators are read by prefix)."""
    keys = (
        *HEADLINE,
        *dashboard_panels.LEARNING_INDICATORS,
        *YOU_SAID_WE_DID,
        *WARNING_SIGNS,
        *(key for _label, key in SOURCES),
        *PEOPLE_VOICE,
        *STAFF_VOICE,
        *RESTRICTIVE_REVIEW,
    )
    return tuple(dict.fromkeys(keys))


def _present(keys, index):
    """The keys worth showing, as the dashboards choose them: registered, or with figures in
    the period (a plugin removed since)."""
    return [key for key in keys if is_registered(key) or key in index.keys]


def _no_link(_service):
    return ""


def _plural(count, one, many=None):
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _date(moment):
    return date_format(timezone.localtime(moment), "j F Y")


# --- Headline indicators ----------------------------------------------------------------------


@dataclass
class ChartBlock:
    """A chart with its figures month by month beneath it, in rows of a few months."""

    panel: object  # dashboards.panels.Panel
    month_rows: list  # [[(month label, Cell), ...], ...]


@dataclass
class ServiceHeadline:
    service: object
    table: Table
    charts: list


def _indicator_heading(column):
    return f"{column.label} ({column.unit})" if column.unit and column.unit != "%" else column.label


def _transposed(title, table_id, columns, cells, notes=()):
    """One row of the overview (a service, or the total) as a table of its own: an indicator a
    row, so that it fits a page. The cells are the overview's, as they are."""
    return Table(
        title=title,
        row_heading="Indicator",
        columns=[Column("Latest figure")],
        rows=[
            Row(_indicator_heading(column), [cell])
            for column, cell in zip(columns, cells, strict=True)
        ],
        with_trend=True,
        with_people=True,
        notes=notes,
        table_id=table_id,
    )


def _chart_block(panel):
    rows = [(row.header, row.cells[0]) for row in panel.table.rows]
    return ChartBlock(
        panel,
        [
            rows[start : start + CHART_MONTHS_A_ROW]
            for start in range(0, len(rows), CHART_MONTHS_A_ROW)
        ],
    )


def headlines(data):
    """(each service's headline, the organisation's, the notes): the overview's table, one
    service at a time, each key indicator with figures in the period with its chart."""
    overview = dashboard_panels.overview(
        data.organisation, data.services, data.index, data.months, None, service_url=_no_link
    )
    [table] = overview.sections[0].tables
    per_service = []
    for service, row in zip(data.services, table.rows, strict=True):
        keys = [key for key in _present(HEADLINE, data.index) if data.index.series(service.pk, key)]
        per_service.append(
            ServiceHeadline(
                service,
                _transposed(
                    f"Latest figures and trends at {service.name}",
                    f"headline-{service.pk}",
                    table.columns,
                    row.cells,
                ),
                [
                    _chart_block(
                        dashboard_panels.indicator_panel(service, key, data.index, data.months)
                    )
                    for key in keys
                ],
            )
        )
    overall = None
    if table.total is not None:
        overall = _transposed(table.total.header, "headline-all", table.columns, table.total.cells)
    return per_service, overall, table.notes


# --- Flags and alerts -------------------------------------------------------------------------


@dataclass
class FlagEntry:
    flag: object
    label: str
    status: str
    evidence: list


@dataclass
class ServiceFlags:
    service: object
    flags: list


def _flag_label(flag):
    return flag.rule_definition.label if flag.rule_definition else flag.rule


def flag_entries(flags):
    """The flags by service, each with its evidence as the flags' pages show it."""
    grouped = {}
    for flag in flags:
        status = (
            "Still standing" if flag.cleared_at is None else f"Cleared on {_date(flag.cleared_at)}"
        )
        entry = FlagEntry(flag, _flag_label(flag), status, presented_evidence(flag.evidence))
        grouped.setdefault(flag.service_id, ServiceFlags(flag.service, [])).flags.append(entry)
    return list(grouped.values())


@dataclass
class AlertEntry:
    alert: object
    flags: list  # (label, summary) pairs
    status: str
    acknowledged_by: str
    assignments: list  # sentences


def _assignment_text(assignment):
    people = _plural(assignment.people_enrolled, "person", "people")
    return (
        f"“{assignment.path_title}” assigned to {people} on {_date(assignment.assigned_at)} "
        f"by {person_name(assignment.assigned_by)}"
    )


def alert_entries(alerts):
    entries = []
    for alert in alerts:
        if alert.open:
            status = "Waiting for a response"
            by = ""
        else:
            status = f"Acknowledged on {_date(alert.acknowledged_at)}"
            by = person_name(alert.acknowledged_by)
        entries.append(
            AlertEntry(
                alert,
                [(_flag_label(flag), flag.summary) for flag in alert.flag_list],
                status,
                by,
                [_assignment_text(assignment) for assignment in alert.assignments.all()],
            )
        )
    return entries


# --- You said, we did -------------------------------------------------------------------------


def you_said_we_did(data):
    """The listening view's "You said, we did" table, and a sentence for each service about the
    figures that may be shown."""
    keys = _present(YOU_SAID_WE_DID, data.index)
    if not keys:
        return None, []
    table = dashboard_panels.summary_table(
        "You said, we did", "you-said-we-did", data.services, keys, data.index, data.months
    )
    highlights = []
    for row in table.rows:
        parts = []
        for column, cell in zip(table.columns, row.cells, strict=True):
            if cell.figure is None or not cell.figure.shown:
                continue
            detail = f"from {_plural(cell.figure.people, 'person', 'people')}"
            if cell.trend is not None:
                detail += f"; {cell.trend.text}"
            value = cell.text if column.unit in ("", "%") else f"{cell.text} {column.unit}"
            parts.append(f"{column.label.lower()}: {value} ({detail})")
        if parts:
            highlights.append(f"{row.header}: " + "; ".join(parts) + ".")
    return table, highlights


# --- The board questions ----------------------------------------------------------------------


@dataclass
class BoardQuestion:
    question: str
    question_id: str
    intro: str
    points: list = field(default_factory=list)
    tables: list = field(default_factory=list)


def _summary(title, table_id, keys, data):
    present = _present(keys, data.index)
    if not present:
        return None
    return dashboard_panels.summary_table(
        title, table_id, data.services, present, data.index, data.months
    )


def _could_this_happen_here(data, alerts, flags):
    points = []
    if alerts:
        listed = "; ".join(
            f"{entry.alert.service.name}, {month_label(entry.alert.start, short=True)} "
            f"({_in_a_sentence(entry.status)})"
            for entry in alerts
        )
        points.append(f"{_plural(len(alerts), 'closed-culture alert')} in the period: {listed}.")
    else:
        points.append("No closed-culture alert was raised, or left open, in this period.")
    flagged = set()
    for group in flags:
        flagged.add(group.service.pk)
        streams = sorted(
            {entry.flag.stream for entry in group.flags},
            key=lambda stream: (
                ALERT_STREAMS.index(stream) if stream in ALERT_STREAMS else len(ALERT_STREAMS),
                stream,
            ),
        )
        points.append(
            f"{group.service.name}: {_plural(len(group.flags), 'red flag')} ({', '.join(streams)})."
        )
    if not flags:
        points.append("No red flag stood at any service in this period.")
    unflagged = [service.name for service in data.services if service.pk not in flagged]
    if unflagged and flags:
        points.append(
            f"No red flag at {', '.join(unflagged)}. No flag is not proof that all is well: "
            "see “How would we know?”."
        )
    table = _summary("Warning signs side by side", "question-here", WARNING_SIGNS, data)
    return BoardQuestion(
        "Could this happen here?",
        "could-this-happen-here",
        "The warning signs of a closed culture in each service: red flags, alerts, and the "
        "figures nobody read together at Northbrooke House, the case this platform learns "
        "from: turnover, long weeks, bullying reports, unanswered complaints and whether "
        "families would recommend the service.",
        points,
        [table] if table else [],
    )


def _coverage_table(data, sources):
    rows = []
    for service in data.services:
        cells = []
        for _label, key in sources:
            series = data.index.series(service.pk, key)
            with_figure = sum(
                1 for month in data.months if figure(series.get(month)).state != NO_FIGURE
            )
            cells.append(Cell(text_value=f"{with_figure} of {len(data.months)}"))
        rows.append(Row(service.name, cells))
    return Table(
        title="Months with figures, by source",
        row_heading="Service",
        columns=[Column(label, figures=False) for label, _key in sources],
        rows=rows,
        notes=(
            "A month counts when its figure was worked out, whether or not it may be shown. A "
            "share of nobody (no concern raised, no learning due) is withheld like a share of "
            "a few, so it counts as well.",
        ),
        table_id="question-know",
    )


def _how_would_we_know(data):
    points = []
    points.append(data.figures_as_of.text)  # the words every page uses
    silent = [service.name for service in data.services if not data.index.keys_of(service.pk)]
    if silent:
        points.append(f"No figures at all in this period for: {', '.join(silent)}.")
    elif data.services:
        points.append("Every service has figures in this period.")
    present = _present([key for _label, key in SOURCES], data.index)
    sources = [(label, key) for label, key in SOURCES if key in present]
    missing = [
        label
        for label, key in sources
        if not any(data.index.series(service.pk, key) for service in data.services)
    ]
    if missing:
        points.append(
            f"No figures from these sources in this period: {', '.join(missing)}. What they "
            "would show is not known."
        )
    points.append(
        "A figure resting on fewer than 5 people (10 for staff-voice figures) is not shown, "
        "here or on the dashboards."
    )
    return BoardQuestion(
        "How would we know?",
        "how-would-we-know",
        "Which sources the figures come from and where there are gaps: a service without "
        "figures is a service the board cannot see.",
        points,
        [_coverage_table(data, sources)] if sources and data.services else [],
    )


# S3, point 1: "Your boards to review the safeguarding of care in your organisation and identify
# any immediate issues requiring action now; including but not limited to: a. freedom to speak up
# arrangements, b. advocacy provision, c. complaints, d. CETRs and ICETRs, e. other feedback on
# services." Point 3: "You should review why people in your services are in Seclusion and Long
# Term Segregation, how long for, what is the plan to support them out of these restrictive
# settings?"
BOARD_REVIEW = (
    "freedom to speak up arrangements",
    "advocacy provision",
    "complaints",
    "CETRs and ICETRs",
    "other feedback on services",
)


def _how_robust():
    points = [
        "NHS England's letter asks each board to review the safeguarding of care in its "
        "organisation and to find any issue that needs action now, including: "
        f"{'; '.join(BOARD_REVIEW)} (S3).",
        "It asks boards to review why people are in seclusion and long term segregation, for "
        "how long, and what the plan is to support them out of these restrictive settings; "
        "and to consider independent peer-led support and peer-led feedback for people in "
        "the most restrictive settings (S3).",
        "This report shows complaints, concerns and, where they are recorded, speak-up and "
        "other feedback (see the questions before and after this one). Feedback from "
        "advocates can be recorded in the feedback tracker. It holds no figures on advocacy "
        "provision itself or on CETRs and ICETRs: the board needs those from its own reviews. "
        "Restrictive practice, seclusion and long term segregation: see the restrictive "
        "practice review.",
        "Red flags and alerts are prompts to look closely, not an assessment of a service or "
        "its culture.",
    ]
    return BoardQuestion(
        "How robust is the assessment of services and the culture of services?",
        "how-robust",
        "What the board has reviewed, as NHS England's letter asks, and what this report "
        "cannot tell it.",
        points,
    )


def _hearing_enough(data, flags):
    points = []
    for group in flags:
        for entry in group.flags:
            if entry.flag.rule in SILENCE_RULES:
                points.append(f"{group.service.name}: {entry.flag.summary}")
    if not points:
        points.append(
            "No service was flagged for silence, or for complaints falling while anonymous "
            "concerns rise."
        )
    present = set(_present(STAFF_VOICE, data.index))
    if "speakup_cases" in present:
        points.append(
            "Speak-up activity is collected through the speak-up route, which goes to the "
            "speak-up lead outside the line: the cases raised, the share where the person says "
            "they suffered detriment, and the share who would speak up again are in the table "
            "“From staff” (each withheld below 5 cases)."
        )
    missing = [name for key, name in STAFF_VOICE_NAMES.items() if key not in present]
    if missing:
        points.append(
            f"Not collected on this site: {', '.join(missing)}. Without them the board hears "
            "from staff mainly through HR's bullying and grievance figures."
        )
    points.append(
        "A fall in concerns or complaints is not plain good news: it can mean people have "
        "stopped raising them. Read it beside the staff-voice figures."
    )
    tables = [
        table
        for table in (
            _summary("From people and families", "question-hearing-people", PEOPLE_VOICE, data),
            _summary("From staff", "question-hearing-staff", STAFF_VOICE, data),
        )
        if table is not None
    ]
    return BoardQuestion(
        "Are we visible enough and do we hear enough from patients, their families and all staff?",
        "hearing-enough",
        "All staff means, as NHS England's letter puts it, the porter, the cleaner and "
        "healthcare assistants too (S3). Whether people, families and staff raise things, and "
        "whether it feels safe to.",
        points,
        tables,
    )


# --- Restrictive practice review --------------------------------------------------------------

# S3 (seed 002), point 3, in its own words.
RESTRICTIVE_ASK = (
    "“You should review why people in your services are in Seclusion and Long Term "
    "Segregation, how long for, what is the plan to support them out of these restrictive "
    "settings?”"
)
# The rules' patterns, as a board reads them: what each flag saw, never a code or a figure.
CONCENTRATION = {
    "restrictive_practice_one_person": "Most uses on one person",
    "restrictive_practice_one_shift": "Most uses on one shift or team",
}


@dataclass
class ServiceRestrictiveReview:
    service: object
    kinds: list  # sentences: uses of each kind, or the kinds used when a count would give one away
    patterns: list  # sentences: concentration on one person or shift, as flagged
    flags: list  # (label, summary) of the restrictive practice flags that stood in the period


@dataclass
class RestrictiveReview:
    intro: str
    asks: str
    table: Table | None
    services: list
    notes: list


def _kind_counts_safe(service, kinds, data):
    """Whether each kind's uses in the period may be shown. Each used kind must rest on 5 or
    more people and 5 or more uses; and every month of the period must show its own rate (or
    have none), since the monthly rates shown elsewhere give the months' uses, and the period's
    total less the months shown would give a withheld month's away."""
    used = [kind for kind in kinds.kinds if kind.uses]
    if any(kind.people < MIN_PEOPLE or kind.uses < MIN_PEOPLE for kind in used):
        return False
    series = data.index.series(service.pk, "restrictive_practice")
    for month in data.months:
        raw = series.get(month)
        if raw is not None and raw.value and raw.people < raw.min_people:
            return False
    return True


def _in_a_sentence(label):
    """ "Physical restraint" as "physical restraint"; "PRN sedation" as it is."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def _kind_sentences(service, data):
    kinds = data.restrictive_kinds.get(service.pk)
    if kinds is None:
        return ["No practice and outcomes figures were imported for this period."]
    used = [kind for kind in kinds.kinds if kind.uses]
    not_used = [_in_a_sentence(kind.label) for kind in kinds.kinds if not kind.uses]
    if not used:
        return [
            "No use of restrictive practice was recorded in the "
            f"{_plural(kinds.months_reported, 'month')} reported."
        ]
    if _kind_counts_safe(service, kinds, data):
        sentences = [f"{kind.label}: {_plural(kind.uses, 'use')}." for kind in used]
    else:
        sentences = [
            "Used in the period: "
            + ", ".join(_in_a_sentence(kind.label) for kind in used)
            + ". How many times each was used is not shown: a kind used on fewer than 5 people, "
            "or a month resting on fewer than 5, could be worked out from the counts."
        ]
    if not_used:
        sentences.append(f"Not recorded: {', '.join(not_used)}.")
    return sentences


def restrictive_review(data, flags):
    """Seed 002 asks boards to review restrictive practice: per service, the kinds used, the
    share without a debrief, whether it falls on one person or shift (as a pattern), days in
    long-term segregation, and the flags."""
    by_service = {group.service.pk: group for group in flags}
    services = []
    for service in data.services:
        group = by_service.get(service.pk)
        entries = [
            entry
            for entry in (group.flags if group else [])
            if entry.flag.rule in RESTRICTIVE_RULES
        ]
        flagged = {entry.flag.rule for entry in entries}
        has_figures = any(data.index.series(service.pk, key) for key in RESTRICTIVE_REVIEW)
        patterns = []
        for rule, text in CONCENTRATION.items():
            if rule in flagged:
                patterns.append(f"{text}: flagged in the period (see the flag below).")
            elif has_figures:
                patterns.append(f"{text}: not flagged in the period.")
        if service.pk not in data.restrictive_kinds and not entries and not has_figures:
            continue
        services.append(
            ServiceRestrictiveReview(
                service,
                _kind_sentences(service, data),
                patterns,
                [(entry.label, entry.flag.summary) for entry in entries],
            )
        )
    return RestrictiveReview(
        intro="NHS England's letter to boards (S3) saw the part inappropriate restrictive "
        "interventions, including long term segregation and seclusion, played in the unsafe "
        "treatment of patients, and asks boards to tackle and reduce them. It asks:",
        asks=RESTRICTIVE_ASK,
        table=_summary(
            "Restrictive practice, latest month", "restrictive-review", RESTRICTIVE_REVIEW, data
        ),
        services=services,
        notes=[
            "Why each person is in seclusion or long term segregation, and the plan to support "
            "them out of it, are in their care records, not here: no person, and no shift, is "
            "named, coded or counted on their own in this report.",
            "A share resting on fewer than 5 people, or standing for fewer than 5 uses, reads "
            "“fewer than 5”. Days in long term segregation rest on the people segregated, so "
            "they are almost always withheld; the red-flag rules read them inside the system.",
        ],
    )


# --- The report -------------------------------------------------------------------------------


@dataclass
class BoardReportContent:
    organisation: object
    months: object
    made_at: object
    has_figures: bool
    services: list
    headline_overall: Table | None
    headline_notes: tuple
    alerts: list
    flags: list
    you_said_we_did: Table | None
    you_said_we_did_intro: str
    highlights: list
    learning: list  # dashboards.panels.Section
    questions: list
    restrictive: RestrictiveReview | None = None

    @property
    def flag_count(self):
        return sum(len(group.flags) for group in self.flags)


def board_report(data, made_at=None):
    services, overall, notes = headlines(data)
    alerts = alert_entries(data.alerts)
    flags = flag_entries(data.flags)
    table, highlights = you_said_we_did(data)
    learning = dashboard_panels.learning(
        data.organisation,
        data.services,
        data.index,
        data.months,
        data.registered_keys,
        service_url=_no_link,
    )
    return BoardReportContent(
        organisation=data.organisation,
        months=data.months,
        made_at=made_at or timezone.now(),
        has_figures=bool(data.index),
        services=services,
        headline_overall=overall,
        headline_notes=notes,
        alerts=alerts,
        flags=flags,
        you_said_we_did=table,
        you_said_we_did_intro=YOU_SAID_WE_DID_INTRO,
        highlights=highlights,
        learning=[
            section
            for section in learning.sections
            if section.section_id in ("by-service", "by-path", "by-role")
        ],
        questions=[
            _could_this_happen_here(data, alerts, flags),
            _how_would_we_know(data),
            _how_robust(),
            _hearing_enough(data, flags),
        ],
        restrictive=restrictive_review(data, flags),
    )
