"""Small numbers, in one place (INDICATORS.md section G). Every figure a dashboard shows, on the
screen, in a CSV file or in the board report, is made here, so they all withhold the same cells.

The promise: nobody can work out a hidden small number by adding, subtracting or multiplying the
figures shown for the same period, on any screen, in any CSV file or in the board report.

Primary suppression: a figure resting on fewer people than its indicator's floor (5, or 10 for
staff-voice figures) reads "fewer than 5" (or 10), and the number of people behind it is hidden
as well, since for many indicators (concerns, complaints) the people are the count itself.

A rate stands for a count: 80% of 5 people is 4 people, 12.9 reports per 100 staff of 31 staff
is 4 reports, a month's turnover of 38.7% a year of 31 staff is 1 leaver. So a rate whose count
(value × people / scale, `count_scale`) is below the floor reads "fewer than 5 of 31": the people
behind it may be shown, because the count itself is not. Zero is a small number like any other.

Complementary suppression: where a table shows parts and a total (each service's figure and the
organisation's), the hidden parts could be worked out from the total and the visible parts (for
a rate, from the counts it stands for and the people behind each part). The total is shown only
when no hidden part can be pinned to one value that way: with one hidden part it never is; with
two or more, not when they are all zero or all at their most. We hide the total rather than
another part because each service's figure is also shown on its own (the service view, its
CSV): hiding it in one table would protect nothing, while a total appears only in its own table.
Where the parts are a family within one service's figure (completion on each learning path, or
for each role, is part of the service's completion), the service's figure is shown everywhere,
so a further part is hidden instead, until no hidden part can be pinned.

A `Figure` never holds a withheld value, so a template or a CSV writer cannot show one by
mistake.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from cms.indicators import MIN_PEOPLE

from ..charts import format_number

SHOWN = "shown"
WITHHELD = "withheld"
FEW = "few"  # a rate shown with its people, whose count is too small to show
NOT_SHOWN = "not_shown"  # complementary suppression
NO_FIGURE = "no_figure"

NOT_SHOWN_TEXT = "not shown"
NO_FIGURE_TEXT = "no figure"
NOT_SHOWN_NOTE = (
    "“Not shown”: hidden so that a figure from too few people cannot be worked out from the "
    "other figures and the total."
)
FEW_NOTE = (
    "“Fewer than 5 of 31”: of the 31 people (or staff) behind the figure, fewer than 5 are "
    "counted in it, too few to show the figure."
)

# How a column's parts make its total: counted things add up; a percentage is the parts' values
# weighted by the people behind each; other figures (medians, scores) have no total.
SUM = "sum"
WEIGHTED = "weighted"

# Units of rates that stand for a count of people or events: value × people / scale is the
# count. Snapshots are monthly, and turnover is scaled to a year (12 months over 1), so a
# month's leavers are value × people / 1200. Shares of days or bed-nights count no people.
COUNT_SCALES = {"%": 100, "per 100 staff": 100, "% a year": 1200}


def count_scale(unit):
    """The scale of a rate that stands for a count (`COUNT_SCALES`), or None."""
    return COUNT_SCALES.get(unit)


def withheld_text(min_people=MIN_PEOPLE):
    return f"fewer than {min_people}"


@dataclass(frozen=True)
class Raw:
    """A figure as computed (a snapshot's value and people), before anything is withheld.
    `scale`: for a rate that stands for a count, value × people / scale is that count."""

    value: float | None
    people: int
    min_people: int = MIN_PEOPLE
    scale: float | None = None

    @property
    def empty(self):
        """Nothing to compute (no survey ended, nothing imported): not a small number."""
        return self.value is None and not self.people

    @property
    def blank(self):
        """Nothing to show: empty, and not a share of nobody. A rate that stands for a count and
        rests on nobody (no concern raised, so no share of them anonymous) is a small number
        like a rate resting on few: "no figure" there would tell a reader the count is 0."""
        return self.empty and self.scale is None

    @property
    def count(self):
        """The count a rate stands for, or None."""
        if self.scale is None or self.value is None:
            return None
        return self.value * self.people / self.scale


@dataclass(frozen=True)
class Figure:
    """A figure as it may be shown."""

    value: float | None
    people: int | None
    min_people: int = MIN_PEOPLE
    state: str = SHOWN

    @property
    def shown(self):
        return self.state == SHOWN

    @property
    def withheld(self):
        return self.state in (WITHHELD, FEW, NOT_SHOWN)

    def text(self, unit=""):
        """The value as the screen and the CSV show it ("82.5%", "fewer than 5")."""
        if self.state == WITHHELD:
            return withheld_text(self.min_people)
        if self.state == FEW:
            return f"{withheld_text(self.min_people)} of {self.people}"
        if self.state == NOT_SHOWN:
            return NOT_SHOWN_TEXT
        if self.value is None:
            return NO_FIGURE_TEXT
        number = format_number(self.value)
        return f"{number}%" if unit == "%" else number

    @property
    def people_text(self):
        if self.state == WITHHELD:
            return withheld_text(self.min_people)
        if self.state == NOT_SHOWN:
            return NOT_SHOWN_TEXT
        return "–" if self.people is None else str(self.people)


NO_SNAPSHOT = Figure(None, None, MIN_PEOPLE, NO_FIGURE)


def figure(raw):
    """What may be shown of one figure: the primary suppression. None (no snapshot) reads "no
    figure"."""
    if raw is None or raw.blank:
        return Figure(None, None, raw.min_people if raw else MIN_PEOPLE, NO_FIGURE)
    if raw.people < raw.min_people:
        return Figure(None, None, raw.min_people, WITHHELD)
    if raw.value is None:
        return Figure(None, raw.people, raw.min_people, NO_FIGURE)
    if raw.count is not None and raw.count < raw.min_people:
        return Figure(None, raw.people, raw.min_people, FEW)
    return Figure(raw.value, raw.people, raw.min_people, SHOWN)


# --- What a reader can work out -----------------------------------------------------------------
#
# Each figure stands for two numbers a reader may try to recover: the count (for a rate, value ×
# people / scale; for a count, the value) and the people behind it. What is shown bounds each:
# exactly (less the rounding of a shown value to one decimal place), between 0 and the floor less
# one ("fewer than 5"), or not at all ("not shown"). A hidden number is pinned when its bounds,
# after the relations between figures, hold a single whole number.

UNBOUNDED = (0.0, math.inf)
ROUNDING = 0.05  # a shown value is rounded to one decimal place


def _known(fig, raw, how, scale):
    """(count bounds, people bounds) of one figure as shown, and whether each is hidden."""
    small = (0.0, fig.min_people - 1)
    counted = how == SUM or (raw is not None and raw.scale is not None)
    if fig.state == NO_FIGURE:
        people = fig.people or 0
        return ((0.0, 0.0), (people, people)), (False, False)
    if fig.state == WITHHELD:
        return (small if counted else UNBOUNDED, small), (True, True)
    if fig.state == FEW:
        return (small, (fig.people, fig.people)), (True, False)
    if fig.state == NOT_SHOWN:
        return (UNBOUNDED, UNBOUNDED), (True, True)
    people = (fig.people, fig.people)
    if how == SUM:
        return ((fig.value, fig.value), people), (False, False)
    per_person = fig.people / scale
    return (
        ((fig.value - ROUNDING) * per_person, (fig.value + ROUNDING) * per_person),
        people,
    ), (False, False)


def _pinned(low, high):
    """Whether [low, high] holds at most one whole number (a reader could name it)."""
    if high == math.inf:
        return False
    return math.floor(high + 1e-9) - math.ceil(low - 1e-9) < 1


def _separable(parts, total, at_most=False):
    """Whether a reader pins a hidden part from `total` = (or, `at_most`, >=) the sum of `parts`:
    each is ((low, high), hidden)."""
    lows = sum(bounds[0] for bounds, _hidden in parts)
    highs = sum(bounds[1] for bounds, _hidden in parts)
    for (low, high), hidden in parts:
        if not hidden:
            continue
        others_high = highs - high
        upper = min(high, total[1] - (lows - low))
        lower = low if at_most else max(low, total[0] - others_high)
        if _pinned(lower, upper):
            return True
    return False


def _total(parts, how):
    counted = [raw for raw in parts if raw is not None and not raw.empty]
    if not counted or how not in (SUM, WEIGHTED):
        return None
    people = sum(raw.people for raw in counted)
    with_value = [raw for raw in counted if raw.value is not None]
    if how == SUM:
        value = sum(raw.value for raw in with_value) if with_value else None
    else:
        weight = sum(raw.people for raw in with_value)
        value = sum(raw.value * raw.people for raw in with_value) / weight if weight else None
    scales = {raw.scale for raw in counted}
    scale = scales.pop() if len(scales) == 1 else None
    return Raw(value, people, max(raw.min_people for raw in counted), scale)


def column(parts: Sequence[Raw | None], how=None):
    """The parts of a column and its total as they may be shown: `(figures, total)`. The total
    (None when `how` gives none) is built from every part, withheld ones included, and is itself
    withheld when it rests on too few people, or not shown when it would let a reader pin a
    hidden part."""
    figures = [figure(raw) for raw in parts]
    total_raw = _total(parts, how)
    if total_raw is None:
        return figures, None
    total = figure(total_raw)
    hidden_parts = sum(1 for part in figures if part.withheld)
    if hidden_parts == 1 and total.state != WITHHELD:
        return figures, Figure(None, None, total_raw.min_people, NOT_SHOWN)
    if hidden_parts and total.state != WITHHELD:
        scale = total_raw.scale or 100
        as_shown = [_known(fig, raw, how, scale) for fig, raw in zip(figures, parts, strict=True)]
        # A hidden zero may show itself elsewhere (a share of no concerns has nobody behind
        # it), so a reader who knows the zeros must not pin the other hidden parts either.
        zeros_known = [_zero_known(known, raw) for known, raw in zip(as_shown, parts, strict=True)]
        (total_count, total_people), _ = _known(total, total_raw, how, scale)
        for known in (as_shown, zeros_known):
            for channel, total_bounds in ((0, total_count), (1, total_people)):
                channel_parts = [(bounds[channel], hidden[channel]) for bounds, hidden in known]
                if _separable(channel_parts, total_bounds):
                    return figures, Figure(None, None, total_raw.min_people, NOT_SHOWN)
    return figures, total


def _zero_known(known, raw):
    """A part's bounds as a reader who knows it is zero (nothing counted, or nobody) has them."""
    _count, people = known[0]
    people_hidden = known[1][1]
    if raw is None:
        return known
    if raw.people == 0:
        return ((0.0, 0.0), (0, 0)), (False, False)
    if raw.value == 0:
        return ((0.0, 0.0), people), (False, people_hidden)
    return known


def family(whole: Raw | None, parts: Sequence[Raw | None]):
    """The figures of the parts of one figure (completion on each learning path of a service in
    a month, a part of the service's completion): each part's count is part of the whole's, so
    the parts' counts add up to at most the whole's. The whole is shown on its own elsewhere, so
    when a hidden part could be pinned (the whole less the shown parts leaves it nothing), the
    shown part with the largest count is not shown as well, until none can be."""
    figures = [figure(raw) for raw in parts]
    whole_raw = whole if whole is not None and whole.scale is not None else None
    if whole_raw is None or not any(fig.withheld for fig in figures):
        return figures
    whole_count, _people = _known(figure(whole_raw), whole_raw, WEIGHTED, whole_raw.scale)[0]
    while True:
        known = []
        for fig, raw in zip(figures, parts, strict=True):
            scale = raw.scale if raw is not None and raw.scale else whole_raw.scale
            (count, _people), (hidden, _people_hidden) = _known(fig, raw, WEIGHTED, scale)
            known.append((count, hidden))
        if not _separable(known, whole_count, at_most=True):
            return figures
        shown = [index for index, fig in enumerate(figures) if fig.shown]
        if not shown:
            return figures
        largest = max(shown, key=lambda index: parts[index].count or 0)
        figures[largest] = Figure(None, None, figures[largest].min_people, NOT_SHOWN)
