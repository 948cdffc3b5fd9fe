"""What each dashboard shows, built from the snapshots `selectors` read: the organisation
overview, one service, learning and listening. Each builder returns a `Dashboard` of sections of
tables and charts; the page and the CSV file both render that one object, and every figure in it
has passed `suppression`.

Which indicators each view shows is named in the constants below, by registry key; a key that is
not registered (its plugin is not installed) and has no snapshots is simply left out. Families of
indicators (one key per principle, path, role, theme or channel) are found by their prefix.

Never a single "culture score", and never anything about a person: rows are services, months,
principles, paths or roles.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.text import slugify

from cms.periods import month_label

from ..charts import Bar, Point, bar_chart, format_number, line_chart
from ..flags.detectors import get_detector
from . import glossary, suppression
from .selectors import FAMILY_SEPARATOR
from .suppression import SUM, WEIGHTED, Figure, figure
from .tables import (
    QUESTION,
    TREND_MONTHS,
    WORSE,
    Cell,
    Column,
    Row,
    Table,
    indicator_info,
    is_registered,
    trend_of,
)

# The organisation overview: the Island Healthcare set (INDICATORS.md section A) and the
# platform's own measures of learning and of closing the loop. Never added together.
KEY_INDICATORS = (
    "occupancy",
    "staff_turnover",
    "family_nps",
    "complaints_per_10_beds",
    "concerns_raised",
    "learning_completion_rate",
    "action_closure_rate",
)

# The service view's timeline: what happened at the service month by month, side by side.
TIMELINE = (
    "concerns_raised",
    "safeguarding_raised",
    "complaints_per_10_beds",
    "questions_unanswered",
    "family_nps",
    "learning_completion_rate",
    "staff_turnover",
    "hr_bullying",
)

LEARNING_INDICATORS = (
    "learning_completion_rate",
    "learning_overdue_rate",
    "learning_reflection_rate",
    "learning_feedback_score",
)
# Completion per learning path and per role, if the learning plugin registers them as families
# (`learning_completion_rate:path:<path slug>`, `learning_completion_rate:role:<role>`).
LEARNING_PATH_PREFIX = "learning_completion_rate:path:"
LEARNING_ROLE_PREFIX = "learning_completion_rate:role:"
# What the paths' and the roles' completion are parts of: a service's completion.
LEARNING_WHOLE = "learning_completion_rate"
HARMFUL_PREFIX = "harmful_choice_rate:"
RANKED_PRINCIPLES = 8

LISTENING_GROUPS = (
    (
        "Feedback across channels",
        "channels",
        "What people and families raise, and how, in each service.",
        (
            "concerns_raised",
            "concerns_anonymous_share",
            "questions_unanswered",
            "forum_event_attendance",
            "family_nps",
            "round_turnout",
            "agenda_lived_experience_share",
        ),
    ),
    (
        "Themes raised again and again",
        "themes",
        "Themes raised in 3 or more pieces of feedback in 90 days, from 2 or more channels.",
        ("repeated_themes",),
    ),
    (
        "You said, we did",
        "you-said-we-did",
        "Whether what people raise becomes an action with a published outcome.",
        ("action_closure_rate", "action_days_to_outcome", "outcome_addressed_rate"),
    ),
    (
        "Concern timeliness",
        "concern-timeliness",
        "Whether concerns are acknowledged on time and their outcomes fed back.",
        (
            "concerns_acknowledged_on_time",
            "concern_hours_to_acknowledge",
            "concern_days_to_outcome",
            "concerns_outcome_fed_back",
        ),
    ),
)
# Feedback per theme and per channel, if the co-production plugin registers them as families
# (`feedback_theme:<tag>`, `feedback_channel:<source>`: pieces of feedback in the month).
THEME_PREFIX = "feedback_theme:"
CHANNEL_PREFIX = "feedback_channel:"

# Units of things that add up across services (an organisation total is their sum).
ADDITIVE_UNITS = frozenset({"concerns", "questions", "complaints", "pieces of feedback"})


@dataclass
class Panel:
    """A chart with its data table beside it, and a sentence that sums it up."""

    heading: str
    panel_id: str
    chart: object
    table: Table
    summary: str = ""
    description: str = ""


@dataclass
class Section:
    title: str
    section_id: str
    intro: str = ""
    tables: list = field(default_factory=list)
    panels: list = field(default_factory=list)
    empty: str = ""
    subsections: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (label, url) pairs: where to go from here
    # (text, url) pairs, and questions: what a leader reads first ("what changed", "what to ask").
    items: list = field(default_factory=list)
    questions: list = field(default_factory=list)
    # Shown behind its heading, for a leader to open: the detail after what needs attention.
    collapsed: bool = False
    # A collapsed section shown open: its detail was asked for (a later page of services).
    opened: bool = False
    glossary: list = field(default_factory=list)  # glossary.Term: jargon the section uses

    @property
    def all_tables(self):
        tables = [*self.tables, *(panel.table for panel in self.panels)]
        for subsection in self.subsections:
            tables.extend(subsection.all_tables)
        return tables


@dataclass
class Dashboard:
    kind: str
    title: str
    organisation: object
    months: object
    sections: list
    has_figures: bool
    service: object = None


# --- Pieces -----------------------------------------------------------------------------------


def _present(keys, index):
    """The keys worth a column: registered, or with figures in the period."""
    return [key for key in keys if is_registered(key) or key in index.keys]


def _family(prefix, index, registered_keys):
    keys = {key for key in registered_keys if key.startswith(prefix)}
    keys |= {key for key in index.keys if key.startswith(prefix)}
    return sorted(keys, key=lambda key: indicator_info(key).label)


def _chart_id(*parts):
    return "chart-" + "-".join(slugify(str(part).replace(FAMILY_SEPARATOR, "-")) for part in parts)


def latest_cell(series, months, info, figures=None):
    """A service's latest month with a figure in the period (withheld or not), its trend against
    its own earlier months, and that month when it is not the last of the period. `figures`: the
    months' figures as they may be shown, when more than the figure itself decides that."""
    month_list = list(months)
    for position in range(len(month_list) - 1, -1, -1):
        raw = series.get(month_list[position])
        if raw is not None and not raw.blank:
            break
    else:
        if figures is None:
            figures = [figure(series.get(month_list[-1]))] if month_list else []
        return Cell(figure=figures[-1] if figures else suppression.NO_SNAPSHOT, unit=info.unit)
    run = (
        figures[: position + 1] if figures is not None else _trend_run(series, month_list, position)
    )
    return Cell(
        figure=run[-1],
        unit=info.unit,
        trend=trend_of(run, info.good_direction),
        month=""
        if position == len(month_list) - 1
        else month_label(month_list[position], short=True),
    )


def _trend_run(series, month_list, position):
    """The figures `trend_of` reads for the month at `position`: that month's, after the shown
    ones of the TREND_MONTHS months with a figure before it. The organisation views ask this of
    every service and indicator, so the months a trend never reads are not worked out."""
    latest = figure(series.get(month_list[position]))
    earlier = []
    if latest.shown:
        for month in reversed(month_list[:position]):
            earlier_figure = figure(series.get(month))
            if earlier_figure.shown:
                earlier.append(earlier_figure)
                if len(earlier) == TREND_MONTHS:
                    break
    return [*reversed(earlier), latest]


def _total_how(info):
    if info.unit in ADDITIVE_UNITS:
        return SUM
    if info.unit.startswith("%"):  # "%", "% a year", "% of working days"
        return WEIGHTED
    return None


def summary_table(
    title,
    table_id,
    services,
    keys,
    index,
    months,
    *,
    service_url=None,
    flag_counts=None,
    rows_for=None,
):
    """Services by indicators: each service's latest figure and trend, and (with more than one
    service) an organisation total for the last month of the period, for figures that add up.
    `rows_for`: the services given a row (a page of them); the total is always of `services`."""
    infos = [indicator_info(key) for key in keys]
    columns = [Column(info.label, info.unit, info.description) for info in infos]
    if flag_counts is not None:
        columns.append(
            Column("Active flags", hint="Red flags raised and not yet cleared.", figures=False)
        )
    rows = []
    for service in services if rows_for is None else rows_for:
        cells = [latest_cell(index.series(service.pk, info.key), months, info) for info in infos]
        url = service_url(service) if service_url else ""
        if flag_counts is not None:
            count = flag_counts.get(service.pk, 0)
            cells.append(
                Cell(
                    text_value=str(count),
                    url=f"{url}#flags" if url else "",
                    url_context=f"active flag{'' if count == 1 else 's'} at {service.name}",
                )
            )
        rows.append(Row(service.name, cells, url))

    total = None
    notes = []
    if len(services) > 1:
        last = months.last_month
        total_cells = []
        for info in infos:
            parts = [index.series(service.pk, info.key).get(last) for service in services]
            _figures, total_figure = suppression.column(parts, _total_how(info))
            if total_figure is None:
                total_cells.append(Cell(text_value="–"))
            else:
                total_cells.append(Cell(figure=total_figure, unit=info.unit))
                if total_figure.state == suppression.NOT_SHOWN:
                    notes.append(suppression.NOT_SHOWN_NOTE)
        if flag_counts is not None:
            total_cells.append(Cell(text_value=str(sum(flag_counts.values()))))
        total = Row(f"All services, {month_label(last, short=True)}", total_cells)
        notes.insert(
            0,
            "All services: counts added together and percentages weighted by the people behind "
            "each service's figure, for the last month of the period; figures that do not add "
            "up (medians, scores) have no total.",
        )
    notes.append(
        "A month earlier than the last shows when a service has no figure for the last month."
    )
    notes.extend(_hidden_notes([*rows, *([total] if total else [])]))
    return Table(
        title=title,
        row_heading="Service",
        columns=columns,
        rows=rows,
        total=total,
        with_trend=True,
        with_people=True,
        notes=tuple(dict.fromkeys(notes)),
        table_id=table_id,
    )


def indicator_panel(service, key, index, months):
    """One indicator at one service, month by month: a line chart and its table."""
    info = indicator_info(key)
    series = index.series(service.pk, key)
    month_list = list(months)
    figures = [figure(series.get(month)) for month in month_list]
    rows = [
        Row(month_label(month, short=True), [Cell(figure=fig, unit=info.unit)])
        for month, fig in zip(month_list, figures, strict=True)
    ]
    latest = latest_cell(series, months, info)
    summary = _panel_summary(latest, months)
    panel_id = _chart_id(service.pk, key)
    table = Table(
        title=f"{info.heading}, month by month",
        row_heading="Month",
        columns=[Column(info.label, info.unit)],
        rows=rows,
        with_people=True,
        notes=_hidden_notes(rows),
        table_id=f"{panel_id}-table",
    )
    points = [
        Point(
            f"{month:%b %y}",
            fig.value if fig.shown else None,
            f"<{fig.min_people}" if fig.state in (suppression.WITHHELD, suppression.FEW) else "",
        )
        for month, fig in zip(month_list, figures, strict=True)
    ]
    chart = line_chart(
        points,
        title=f"{info.label} at {service.name}",
        description=f"{info.heading} each month, {months.label}. {summary}",
        chart_id=panel_id,
        unit=info.unit,
    )
    return Panel(info.label, panel_id, chart, table, summary, info.description)


def _panel_summary(latest, months):
    fig = latest.figure
    if fig is None or fig.state == suppression.NO_FIGURE:
        return f"No figure in {months.label}."
    when = latest.month or month_label(months.last_month, short=True)
    if fig.state == suppression.FEW:
        return f"Latest ({when}): {fig.text()}, too few to show the figure."
    if not fig.shown:
        return f"Latest ({when}): {fig.text()} people, so the figure is not shown."
    people = f"from {fig.people} {'person' if fig.people == 1 else 'people'}"
    trend = f"; {latest.trend.text}" if latest.trend else "; too few months to show a trend"
    return f"Latest ({when}): {fig.text(latest.unit)}, {people}{trend}."


def timeline_table(service, index, months):
    """The service's months side by side: concerns, complaints, forum, learning and HR."""
    keys = _present(TIMELINE, index)
    infos = [indicator_info(key) for key in keys]
    rows = []
    for month in months:
        cells = [
            Cell(figure=figure(index.series(service.pk, info.key).get(month)), unit=info.unit)
            for info in infos
        ]
        rows.append(Row(month_label(month, short=True), cells))
    return Table(
        title=f"Month by month at {service.name}",
        row_heading="Month",
        columns=[Column(info.label, info.unit, info.description) for info in infos],
        rows=rows,
        notes=(
            "By month only: anonymous concerns and questions are never placed on a day.",
            *_hidden_notes(rows),
        ),
        table_id="timeline",
    )


def family_figures(service, keys, index, months, whole=None):
    """{key: the figures of each month} of the members of a family at one service, as they may
    be shown. With `whole` (the key of the figure the members are parts of, such as completion
    for completion on each path), each month's members are protected together against it."""
    figures = {key: [] for key in keys}
    for month in months:
        parts = [index.series(service.pk, key).get(month) for key in keys]
        if whole is None:
            shown = [figure(raw) for raw in parts]
        else:
            shown = suppression.family(index.series(service.pk, whole).get(month), parts)
        for key, fig in zip(keys, shown, strict=True):
            figures[key].append(fig)
    return figures


def family_table(title, table_id, row_heading, keys, services, index, months, whole=None):
    """Members of a family of indicators (paths, roles, themes) by service: latest figures."""
    decided = {s.pk: family_figures(s, keys, index, months, whole) for s in services}
    rows = []
    for key in keys:
        info = indicator_info(key)
        cells = [
            latest_cell(index.series(s.pk, key), months, info, decided[s.pk][key]) for s in services
        ]
        rows.append(Row(info.label, cells))
    unit = indicator_info(keys[0]).unit if keys else ""
    return Table(
        title=title,
        row_heading=row_heading,
        columns=[Column(service.name, unit) for service in services],
        rows=rows,
        with_trend=True,
        with_people=True,
        notes=_hidden_notes(rows),
        table_id=table_id,
    )


def _hidden_notes(rows):
    """The notes that explain "fewer than 5 of 31" and "not shown", for a table that shows
    them."""
    states = {cell.figure.state for row in rows for cell in row.cells if cell.figure is not None}
    notes = {
        suppression.FEW: suppression.FEW_NOTE,
        suppression.NOT_SHOWN: suppression.NOT_SHOWN_NOTE,
    }
    return tuple(note for state, note in notes.items() if state in states)


def harmful_ranking(service, keys, index, months):
    """The principles where the service's staff most often chose harmful options: each
    principle's monthly figures that may be shown (5 people or more), averaged, highest first.
    Withheld months are left out rather than counted, so the ranking reveals none of them."""
    ranked = []
    for key in keys:
        shown = [
            fig.value
            for fig in (figure(raw) for raw in index.series(service.pk, key).values())
            if fig.shown
        ]
        if shown:
            info = indicator_info(key)
            principle = info.label.removeprefix("Harmful choices: ")
            ranked.append((sum(shown) / len(shown), len(shown), principle))
    ranked.sort(key=lambda item: (-item[0], item[2]))
    ranked = ranked[:RANKED_PRINCIPLES]
    if not ranked:
        return None
    panel_id = _chart_id("harmful", service.pk)
    table = Table(
        title=f"Harmful choices by principle at {service.name}",
        row_heading="Principle",
        columns=[Column("Harmful choices", "%"), Column("Months with a figure", figures=False)],
        rows=[
            Row(
                principle,
                [
                    Cell(figure=Figure(value, None), unit="%"),
                    Cell(text_value=str(month_count)),
                ],
            )
            for value, month_count, principle in ranked
        ],
        notes=(
            "The average of the months with a figure: a month from fewer than 5 people is left "
            "out. Choices are counted for the service, never for a person.",
        ),
        table_id=f"{panel_id}-table",
    )
    top = ranked[0]
    summary = f"Most often harmful: {top[2]} ({format_number(top[0])}% of choices)."
    chart = bar_chart(
        [Bar(principle, value) for value, _months, principle in ranked],
        title=f"Harmful choices by principle at {service.name}",
        description=f"The share of scenario choices that were harmful, by principle, "
        f"{months.label}. {summary}",
        chart_id=panel_id,
        unit="%",
    )
    return Panel(service.name, panel_id, chart, table, summary)


# --- The dashboards ---------------------------------------------------------------------------


def _service_url(service):
    return reverse("leadership:dashboard_service", args=[service.organisation.slug, service.pk])


def overview(
    organisation,
    services,
    index,
    months,
    flag_counts,
    service_url=_service_url,
    page_services=None,
):
    """Each service's key indicators (a row for each of `page_services`, all of `services`
    when None), with the organisation's total over all of `services`."""
    services = list(services)
    keys = _present(KEY_INDICATORS, index)
    table = summary_table(
        "The latest month of each service",
        "overview",
        services,
        keys,
        index,
        months,
        service_url=service_url,
        flag_counts=flag_counts,
        rows_for=None if page_services is None else list(page_services),
    )
    section = Section(
        "Services by key indicators",
        "key-indicators",
        intro=(
            "Each service's latest month, and how it compares with the service's own "
            "recent months. A change in either direction can be worth a question: a fall in "
            "complaints or concerns may mean people have stopped raising them. "
            + _page_note(services, page_services)
        ).strip(),
        tables=[table],
    )
    return Dashboard(
        "overview", "Organisation overview", organisation, months, [section], bool(index)
    )


def _changed(service, infos, index, months, group_url):
    """(sentence, link) for each figure whose latest month moved the wrong way, or either way
    where either deserves a question, against the service's own recent months."""
    changed = []
    for info in infos:
        latest = latest_cell(index.series(service.pk, info.key), months, info)
        if latest.trend is not None and latest.trend.judgement in (WORSE, QUESTION):
            summary = _panel_summary(latest, months)
            link = group_url(group_id(info.key)) + "#" + _chart_id(service.pk, info.key)
            changed.append((f"{info.label}: {summary}", link))
    return changed


# The service view's query parameter naming the group of indicators shown month by month, with
# its charts (SHOW_ALL: every group). Without it each group shows its latest figures only: 30
# charts with a table each came to over 250 KB of HTML, and a leader opens one group at a time.
SHOW = "show"
SHOW_ALL = "all"


def group_id(key):
    """The service view's section (and `SHOW` value) of the group an indicator belongs to."""
    return "group-" + slugify(indicator_info(key).group)


def _query_group_url(group):
    return f"?{SHOW}={group}"


def chart_url(service_url, service_pk, key):
    """The service view at `service_url` (which may carry a query) opened at one indicator's
    chart: its group shown month by month."""
    joiner = "&" if "?" in service_url else "?"
    return f"{service_url}{joiner}{SHOW}={group_id(key)}#{_chart_id(service_pk, key)}"


def latest_table(service, infos, index, months, group_url, section_id):
    """A group's indicators at one service: each one's latest figure, its trend and the people
    behind it, linking to its chart month by month."""
    rows = [
        Row(
            f"{info.label} ({info.unit})" if info.unit and info.unit != "%" else info.label,
            [latest_cell(index.series(service.pk, info.key), months, info)],
            group_url(section_id) + "#" + _chart_id(service.pk, info.key),
        )
        for info in infos
    ]
    return Table(
        title=f"{infos[0].group}: the latest month at {service.name}",
        row_heading="Figure",
        columns=[Column("Latest figure")],
        rows=rows,
        with_trend=True,
        with_people=True,
        notes=(
            "A month earlier than the last shows when there is no figure for the last month.",
            *_hidden_notes(rows),
        ),
        table_id=f"{section_id}-latest",
    )


def _all_hidden(service, key, index, months):
    series = index.series(service.pk, key)
    return not any(figure(series.get(month)).shown for month in months)


def _charted(service, infos, index, months):
    """(the panels of the indicators `infos` at `service` with a figure to show in some month,
    a sentence naming those withheld in every month): no chart for an all-hidden series."""
    hidden = _hidden_labels(service, infos, index, months)
    shown = [
        indicator_panel(service, info.key, index, months)
        for info in infos
        if info.label not in hidden
    ]
    return shown, _hidden_sentence(hidden)


def _hidden_labels(service, infos, index, months):
    return [info.label for info in infos if _all_hidden(service, info.key, index, months)]


def _hidden_sentence(hidden):
    if not hidden:
        return ""
    return "Not shown, resting on too few people in every month: " + "; ".join(hidden) + "."


def _hidden_intro(service, infos, index, months):
    return _hidden_sentence(_hidden_labels(service, infos, index, months))


def service_view(service, index, months, flags, registered_keys, show=None, group_url=None):
    """Flags, what changed and what to ask, the month-by-month timeline, then each group of
    indicators: its latest figures, and month by month with a chart for each only for the group
    named by `show` (a group's section id, or SHOW_ALL); `group_url(section id)` is the link
    that shows a group."""
    group_url = group_url or _query_group_url
    keys = {key for key in registered_keys if FAMILY_SEPARATOR not in key}
    keys |= {key for key in index.keys_of(service.pk) if FAMILY_SEPARATOR not in key}
    with_figures = sorted(
        (indicator_info(key) for key in keys if index.series(service.pk, key)),
        key=lambda info: (info.group_order, info.label),
    )
    slug = service.organisation.slug
    flag_section = Section(
        "Active flags",
        "flags",
        tables=[flags_table(flags, slug)] if flags else [],
        empty="No active red flags at this service.",
        links=[("All red flags and alerts", reverse("leadership:flags_overview", args=[slug]))],
    )
    changed = Section(
        "What changed",
        "changed",
        intro="Figures whose latest month moved the wrong way against the service's own recent "
        "months, or moved in a way worth a question. Each link goes to its chart below.",
        items=_changed(service, with_figures, index, months, group_url),
        empty="No figure moved the wrong way in the latest month.",
    )
    ask = Section(
        "What to ask",
        "ask",
        intro="Could this happen here? How would we know? For each flag, where to look.",
        questions=list(dict.fromkeys(_look_at(flag) for flag in flags if _look_at(flag))),
        empty="No flag stands, so nothing in particular: keep asking the board's questions.",
    )
    timeline = Section(
        "Month by month, side by side",
        "timeline",
        intro="Concerns, complaints, the family forum, learning and HR at this service, by "
        "month, so patterns across them show.",
        tables=[timeline_table(service, index, months)],
        collapsed=True,
    )
    groups = {}
    for info in with_figures:
        groups.setdefault(info.group, []).append(info)
    indicator_sections = []
    for group, infos in groups.items():
        section_id = group_id(infos[0].key)
        pel = [glossary.PEL] if infos[0].labels.get("pel") else []
        if show in (SHOW_ALL, section_id):
            shown, intro = _charted(service, infos, index, months)
            indicator_sections.append(
                Section(
                    group,
                    section_id,
                    intro=intro,
                    panels=shown,
                    collapsed=bool(shown),
                    opened=show == section_id,
                    glossary=pel,
                )
            )
            continue
        indicator_sections.append(
            Section(
                group,
                section_id,
                intro=_hidden_intro(service, infos, index, months),
                tables=[latest_table(service, infos, index, months, group_url, section_id)],
                links=[
                    # Only the first letter lowered: "PEL" stays an abbreviation.
                    (
                        f"Show {group[:1].lower()}{group[1:]} month by month, with charts",
                        group_url(section_id),
                    )
                ],
                collapsed=True,
                glossary=pel,
            )
        )
    without = sorted(indicator_info(key).label for key in keys if not index.series(service.pk, key))
    if without:
        indicator_sections.append(
            Section(
                "No figures in this period",
                "no-figures",
                intro="; ".join(without) + ".",
                collapsed=True,
            )
        )
    return Dashboard(
        "service",
        service.name,
        service.organisation,
        months,
        [flag_section, changed, ask, timeline, *indicator_sections],
        bool(index),
        service=service,
    )


def _look_at(flag):
    try:
        return get_detector(flag.rule).look_at
    except KeyError:
        return ""


def flags_table(flags, slug):
    return Table(
        title="Active red flags",
        row_heading="Since",
        columns=[
            Column("What the flag says", figures=False),
            Column("Evidence stream", figures=False),
        ],
        rows=[
            Row(
                month_label(flag.start, short=True),
                [
                    Cell(
                        text_value=flag.summary,
                        url=reverse("leadership:flag_detail", args=[slug, flag.pk]),
                    ),
                    Cell(text_value=flag.stream),
                ],
            )
            for flag in flags
        ],
        notes=("Flags describe the service and its systems, never a person.",),
        table_id="flags-table",
    )


# --- The organisation's learning and listening views -------------------------------------------
#
# What needs attention first (what moved the wrong way, what to ask), then the per-service detail
# behind headings a leader opens, a page of services at a time, so the page stays the same size
# however many services the organisation has. The CSV file has every service.

# Services in a page of the detail.
SERVICES_PER_PAGE = 15
# Services in a page of the overview's table (its total is of every service): 100 rows were
# 110 KB of HTML and most of the page's time.
OVERVIEW_SERVICES_PER_PAGE = 25
# At most this many services and this many names in a line of "what changed": the rest are in
# the detail below.
ATTENTION_SERVICES = 10
ATTENTION_NAMES = 3

# What to ask where a figure moved the wrong way, by indicator (or family prefix).
ASK = {
    "learning_completion_rate": "Where completion fell: do staff get the time and a quiet place "
    "to learn on shift, and who covers for them while they do?",
    "learning_overdue_rate": "Where more learning is overdue: who is behind, and is it the same "
    "team or shift each time?",
    "learning_reflection_rate": "Where fewer reflect: do supervisors ask about what staff "
    "learned, and is there time to talk it through?",
    "learning_feedback_score": "Where staff rate the learning lower: what do their comments "
    "say, and who has read them?",
    HARMFUL_PREFIX: "Where harmful choices rose: does this match what happens on shift? Ask "
    "staff, people and families, and watch practice, before changing the learning.",
    "concerns_raised": "Where the number of concerns changed: if fewer, have people stopped "
    "raising them, or stopped believing anything will change?",
    "concerns_anonymous_share": "Where more concerns come in anonymously: what makes people "
    "afraid to give their name?",
    "questions_unanswered": "Where more questions wait for an answer: who answers them, and by "
    "when?",
    "forum_event_attendance": "Where fewer families come to forum events: are the times, places "
    "and subjects ones they asked for?",
    "family_nps": "Where families would recommend the service less: what do their reasons say?",
    "round_turnout": "Where fewer people vote on priorities: do they see what happened to the "
    "last round's choices?",
    "agenda_lived_experience_share": "Where fewer agenda items come from people with lived "
    "experience: who sets the agenda now?",
    "repeated_themes": "Where themes keep coming back: what was done the first time, and why "
    "did it not stop it?",
    "action_closure_rate": "Where fewer actions close: which are stuck, and who owns them?",
    "action_days_to_outcome": "Where outcomes take longer: what holds them up?",
    "outcome_addressed_rate": "Where fewer outcomes address what was raised: do the people who "
    "raised it agree it was dealt with?",
    "concerns_acknowledged_on_time": "Where fewer concerns are acknowledged on time: who is "
    "alerted, and who covers when they are away?",
    "concern_hours_to_acknowledge": "Where acknowledging takes longer: who is alerted, and who "
    "covers when they are away?",
    "concern_days_to_outcome": "Where outcomes of concerns take longer: what holds them up?",
    "concerns_outcome_fed_back": "Where fewer outcomes are fed back: does the person who raised "
    "the concern know what happened?",
    THEME_PREFIX: "Where a theme is raised more often: who hears it, and what has been done?",
}
ASK_DEFAULT = "Could this happen here? How would we know?"
MOVED = (WORSE, QUESTION)


def _names(names):
    shown = ", ".join(names[:ATTENTION_NAMES])
    more = len(names) - ATTENTION_NAMES
    return f"{shown} and {more} more" if more > 0 else shown


def _attention(services, keys, families, index, months, link):
    """(items, intro, keys that moved) of "What changed": the services (most figures moved
    first, then in their order) whose latest month moved the wrong way on one of `keys`, or
    either way where either deserves a question, each linking to `link(service, key)`; then each
    member of `families` ((prefix, keys, anchor)) that moved at some service."""
    moved_keys = set()
    by_service = []
    for position, service in enumerate(services):
        moved = []
        for key in keys:
            info = indicator_info(key)
            trend = latest_cell(index.series(service.pk, key), months, info).trend
            if trend is not None and trend.judgement in MOVED:
                moved.append((info, trend))
        if moved:
            moved_keys.update(info.key for info, _trend in moved)
            by_service.append((-len(moved), position, service, moved))
    by_service.sort(key=lambda item: item[:2])
    items = [
        (
            f"{service.name}: " + "; ".join(f"{info.label} {trend.text}" for info, trend in moved),
            link(service, moved[0][0].key),
        )
        for _count, _position, service, moved in by_service[:ATTENTION_SERVICES]
    ]
    intro = ""
    if len(by_service) > ATTENTION_SERVICES:
        intro = (
            f"{len(by_service)} services have a figure that moved; the {ATTENTION_SERVICES} "
            "with the most are listed. Every service is in the detail below."
        )
    for prefix, family, anchor in families:
        for key in family:
            info = indicator_info(key)
            names = []
            for service in services:
                trend = latest_cell(index.series(service.pk, key), months, info).trend
                if trend is not None and trend.judgement in MOVED:
                    names.append(service.name)
            if names:
                moved_keys.add(prefix)
                items.append((f"{info.label}: moved at {_names(names)}", f"#{anchor}"))
    return items, intro, moved_keys


def _ask(moved_keys):
    questions = [ASK[key] for key in ASK if key in moved_keys]
    return [*questions, ASK_DEFAULT]


def _lead_sections(items, intro, moved_keys, what):
    changed = Section(
        "What changed",
        "changed",
        intro=(
            f"{what} whose latest month moved the wrong way against the service's own recent "
            "months, or moved in a way worth a question. " + intro
        ).strip(),
        items=items,
        empty="No figure moved the wrong way in the latest month.",
    )
    ask = Section(
        "What to ask",
        "ask",
        intro="For what moved, where to look first."
        if moved_keys
        else "Nothing moved the wrong way: keep asking the board's own question.",
        questions=_ask(moved_keys),
    )
    return [changed, ask]


def _page_note(services, page_services):
    if page_services is None or len(page_services) == len(services):
        return ""
    first = services.index(page_services[0]) + 1 if page_services else 0
    return (
        f"Services {first} to {first + len(page_services) - 1} of {len(services)}; "
        "the page links below show the others."
    )


def _later_page(services, shown):
    """Whether `shown` is a later page of `services`: its detail was asked for, so shown open."""
    return bool(shown) and shown[0].pk != services[0].pk


def _detail(section, note, opened):
    section.collapsed = True
    section.opened = opened
    if note:
        section.intro = f"{section.intro} {note}".strip()
    return section


def learning(
    organisation,
    services,
    index,
    months,
    registered_keys,
    chosen_service=None,
    service_url=_service_url,
    page_services=None,
):
    """What needs attention across the services, then (for `page_services`, all of `services`
    when None) the detail: learning by service, by path and by role, and harmful choices."""
    services = list(services)
    shown = services if page_services is None else list(page_services)
    note = _page_note(services, page_services)
    opened = _later_page(services, shown)
    keys = _present(LEARNING_INDICATORS, index)
    principles = _family(HARMFUL_PREFIX, index, registered_keys)
    items, intro, moved = _attention(
        services,
        keys,
        [(HARMFUL_PREFIX, principles, "harmful-choices")],
        index,
        months,
        lambda service, key: chart_url(service_url(service), service.pk, key),
    )
    sections = _lead_sections(items, intro, moved, "Services and principles")
    detail = [
        Section(
            "Completion by service",
            "by-service",
            intro="Learning completed on time, overdue, and with a reflection, in each service.",
            tables=[
                summary_table(
                    "Learning by service",
                    "by-service-table",
                    services,
                    keys,
                    index,
                    months,
                    service_url=service_url,
                    rows_for=shown,
                )
            ],
        )
    ]
    for title, section_id, prefix, row_heading, missing in (
        (
            "Completion by learning path",
            "by-path",
            LEARNING_PATH_PREFIX,
            "Learning path",
            "Completion for each learning path is not collected yet: the figures above are for "
            "all of a service's learning together.",
        ),
        (
            "Completion by role",
            "by-role",
            LEARNING_ROLE_PREFIX,
            "Role",
            "Completion for each role is not collected yet: the figures above are for all of a "
            "service's staff together.",
        ),
    ):
        family = _family(prefix, index, registered_keys)
        tables = (
            [
                family_table(
                    title,
                    f"{section_id}-table",
                    row_heading,
                    family,
                    shown,
                    index,
                    months,
                    whole=LEARNING_WHOLE,
                )
            ]
            if family
            else []
        )
        detail.append(Section(title, section_id, tables=tables, empty=missing))
    rankings = [harmful_ranking(service, principles, index, months) for service in shown]
    detail.append(
        Section(
            "Where staff most often choose harmful options",
            "harmful-choices",
            intro="In scenarios, by principle, for each service: where learning could be "
            "tailored. Never by person.",
            panels=[panel for panel in rankings if panel is not None],
            empty="No principle has choices from 5 or more people in a month of this period yet.",
        )
    )
    if chosen_service is not None:
        detail.append(_month_by_month(chosen_service, keys, index, months))
    sections += [_detail(section, note, opened) for section in detail]
    return Dashboard("learning", "Learning", organisation, months, sections, bool(index))


def listening(
    organisation,
    services,
    index,
    months,
    registered_keys,
    chosen_service=None,
    page_services=None,
):
    """What needs attention across the services, then (for `page_services`, all of `services`
    when None) each group of listening figures by service, behind its heading."""
    services = list(services)
    shown = services if page_services is None else list(page_services)
    note = _page_note(services, page_services)
    opened = _later_page(services, shown)
    group_of = {}
    for _title, section_id, _intro, group_keys in LISTENING_GROUPS:
        for key in group_keys:
            group_of[key] = section_id
    keys = _present(group_of, index)
    themes = _family(THEME_PREFIX, index, registered_keys)
    items, intro, moved = _attention(
        services,
        keys,
        [(THEME_PREFIX, themes, "themes")],
        index,
        months,
        lambda _service, key: f"#{group_of[key]}",
    )
    sections = _lead_sections(items, intro, moved, "Services and themes")
    for title, section_id, intro, group_keys in LISTENING_GROUPS:
        keys = _present(group_keys, index)
        section = Section(
            title,
            section_id,
            intro=intro,
            tables=[
                summary_table(
                    title, f"{section_id}-table", services, keys, index, months, rows_for=shown
                )
            ]
            if keys
            else [],
            empty="These figures are not collected on this site.",
        )
        if section_id == "themes":
            _add_theme_families(section, shown, index, months, registered_keys)
        if chosen_service is not None and keys:
            section.subsections.append(_month_by_month(chosen_service, keys, index, months))
        sections.append(_detail(section, note, opened))
    return Dashboard("listening", "Listening", organisation, months, sections, bool(index))


def _add_theme_families(section, services, index, months, registered_keys):
    found = False
    for title, prefix, row_heading in (
        ("Feedback by theme", THEME_PREFIX, "Theme"),
        ("Feedback by channel", CHANNEL_PREFIX, "Channel"),
    ):
        family = _family(prefix, index, registered_keys)
        if family:
            found = True
            section.tables.append(
                family_table(title, slugify(title), row_heading, family, services, index, months)
            )
    if not found:
        section.intro += (
            " How often each theme is raised, and through which channel, is not collected yet."
        )


def _month_by_month(service, keys, index, months):
    """One service's figures month by month, a chart for each with a figure to show."""
    infos = [indicator_info(key) for key in keys]
    shown, intro = _charted(
        service, [info for info in infos if index.series(service.pk, info.key)], index, months
    )
    without = [info.label for info in infos if not index.series(service.pk, info.key)]
    if without:
        intro = f"{intro} No figures in this period: {'; '.join(without)}.".strip()
    return Section(
        f"Month by month at {service.name}",
        f"month-by-month-{service.pk}",
        intro=intro,
        panels=shown,
        empty="No figures yet.",
    )
