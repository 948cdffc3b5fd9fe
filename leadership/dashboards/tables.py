"""What a dashboard is made of: indicators as the registry describes them, trends, and tables of
figures that the screen and the CSV file both read, so a download holds exactly what the page
shows. Every figure in a table has passed `suppression`."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from cms.indicators import MIN_PEOPLE, Direction, get_indicator

from .suppression import Figure

# INDICATORS.md rule 3: a service against its own recent periods (the last 4 to 6).
TREND_MONTHS = 6
TREND_MIN_MONTHS = 2  # earlier months with a figure needed before a trend is shown
# A change smaller than this share of the earlier level (or than half a unit) is "about the same".
TREND_TOLERANCE = 0.05
TREND_MIN_CHANGE = 0.5

# INDICATORS.md section E: the order the PEL subcultures are listed in.
PEL_ORDER = ("Reporting", "Compliance", "Caring", "Teamwork", "Accountability", "Learning")


@dataclass(frozen=True)
class IndicatorInfo:
    """An indicator as the registry describes it; for a key no longer registered (its plugin
    was removed) the snapshots remain, shown under the key with no judgement of direction."""

    key: str
    label: str
    unit: str = ""
    good_direction: str = Direction.EITHER
    description: str = ""
    source: str = ""
    labels: dict = field(default_factory=dict)
    min_people: int = MIN_PEOPLE
    registered: bool = True

    @property
    def group(self):
        pel = self.labels.get("pel")
        if pel:
            return f"{pel} (PEL subculture)"
        stream = self.labels.get("stream")
        if stream:
            return f"{stream[:1].upper()}{stream[1:]} (evidence stream)"
        if not self.registered:
            return "Figures from plugins no longer installed"
        return "Other figures"

    @property
    def group_order(self):
        pel = self.labels.get("pel")
        if pel in PEL_ORDER:
            return (0, PEL_ORDER.index(pel), "")
        if pel or self.labels.get("stream"):
            return (1, 0, self.group)
        return (2 if self.registered else 3, 0, "")

    @property
    def heading(self):
        return f"{self.label} ({self.unit})" if self.unit and self.unit != "%" else self.label


def indicator_info(key):
    try:
        indicator = get_indicator(key)
    except KeyError:
        return IndicatorInfo(
            key=key,
            label=key,
            description="The plugin that computed this figure is no longer installed, or "
            "could not say what it is just now; the figures already computed are kept.",
            registered=False,
        )
    return IndicatorInfo(
        key=indicator.key,
        label=indicator.label,
        unit=indicator.unit,
        good_direction=indicator.good_direction,
        description=indicator.description,
        source=indicator.source,
        labels=dict(indicator.labels),
        min_people=indicator.min_people,
    )


def is_registered(key):
    try:
        get_indicator(key)
    except KeyError:
        return False
    return True


# --- Trends -----------------------------------------------------------------------------------

UP, DOWN, FLAT = "up", "down", "flat"
BETTER, WORSE, STEADY, QUESTION, NO_JUDGEMENT = "better", "worse", "steady", "question", "none"


@dataclass(frozen=True)
class Trend:
    direction: str
    judgement: str

    @property
    def symbol(self):
        return {UP: "↑", DOWN: "↓"}.get(self.direction, "→")

    @property
    def text(self):
        if self.direction == FLAT:
            return "about the same as recent months"
        moved = "up" if self.direction == UP else "down"
        return {
            BETTER: f"{moved}: better",
            WORSE: f"{moved}: worse",
            QUESTION: f"{moved}: worth a question",
        }.get(self.judgement, f"{moved} on recent months")


def trend_of(figures: Sequence[Figure], good_direction):
    """How the latest shown figure of a month-by-month run compares with the service's own
    earlier months (the mean of up to `TREND_MONTHS` shown before it); None when the latest
    month has no figure to show or there are too few earlier ones. Only shown figures count, so
    a trend never hints at a withheld one."""
    if not figures or not figures[-1].shown:
        return None
    earlier = [f.value for f in figures[:-1] if f.shown][-TREND_MONTHS:]
    if len(earlier) < TREND_MIN_MONTHS:
        return None
    baseline = sum(earlier) / len(earlier)
    change = figures[-1].value - baseline
    if abs(change) <= max(abs(baseline) * TREND_TOLERANCE, TREND_MIN_CHANGE):
        return Trend(FLAT, STEADY)
    direction = UP if change > 0 else DOWN
    if good_direction == Direction.EITHER:
        judgement = QUESTION
    elif good_direction in (Direction.UP, Direction.DOWN):
        judgement = BETTER if direction == good_direction else WORSE
    else:
        judgement = NO_JUDGEMENT
    return Trend(direction, judgement)


# --- Tables -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """`figures`: the column holds figures, each with a trend and people when the table has
    them; otherwise plain text (a count of flags, a sentence)."""

    label: str
    unit: str = ""
    hint: str = ""
    figures: bool = True


@dataclass(frozen=True)
class Cell:
    """One cell: a figure (with its trend and, when it is not the table's month, its own
    month), or plain text such as a count of flags with a link."""

    figure: Figure | None = None
    unit: str = ""
    trend: Trend | None = None
    month: str = ""
    text_value: str = ""
    url: str = ""
    # Said to screen readers after the link text, so that a link such as "1" says what it is.
    url_context: str = ""

    @property
    def text(self):
        if self.figure is None:
            return self.text_value
        text = self.figure.text(self.unit)
        return f"{text} ({self.month})" if self.month else text

    @property
    def people_text(self):
        return self.figure.people_text if self.figure is not None else ""

    @property
    def trend_text(self):
        return self.trend.text if self.trend is not None else ""


@dataclass(frozen=True)
class Row:
    header: str
    cells: Sequence[Cell]
    url: str = ""


@dataclass
class Table:
    """`with_trend` and `with_people` add, for each figure column, the trend and the number of
    people behind it (a column each in the CSV)."""

    title: str
    row_heading: str
    columns: Sequence[Column]
    rows: Sequence[Row]
    total: Row | None = None
    with_trend: bool = False
    with_people: bool = False
    notes: Sequence[str] = ()
    table_id: str = ""
