"""Small numbers, in one place (INDICATORS.md section G). Every figure a dashboard shows, on the
screen, in a CSV file or in the board report, is made here, so they all withhold the same cells.

Primary suppression: a figure resting on fewer people than its indicator's floor (5, or 10 for
staff-voice figures) reads "fewer than 5" (or 10), and the number of people behind it is hidden
as well, since for many indicators (concerns, complaints) the people are the count itself.

Complementary suppression: where a table shows parts and a total (each service's figure and the
organisation's), one withheld part could be worked out by subtracting the visible parts from the
total (for a rate, from the total weighted by the people behind each part). So when exactly one
part is withheld, the total is not shown either. We hide the total rather than another part
because each service's figure is also shown on its own (the service view, its CSV): hiding it
in one table would protect nothing, while a total appears only in its own table.

A `Figure` never holds a withheld value, so a template or a CSV writer cannot show one by
mistake.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from cms.indicators import MIN_PEOPLE

from ..charts import format_number

SHOWN = "shown"
WITHHELD = "withheld"
NOT_SHOWN = "not_shown"  # complementary suppression
NO_FIGURE = "no_figure"

NOT_SHOWN_TEXT = "not shown"
NO_FIGURE_TEXT = "no figure"
NOT_SHOWN_NOTE = (
    "“Not shown”: hidden so that a figure from too few people cannot be worked out by "
    "subtracting the other figures from the total."
)

# How a column's parts make its total: counted things add up; a percentage is the parts' values
# weighted by the people behind each; other figures (medians, scores) have no total.
SUM = "sum"
WEIGHTED = "weighted"


def withheld_text(min_people=MIN_PEOPLE):
    return f"fewer than {min_people}"


@dataclass(frozen=True)
class Raw:
    """A figure as computed (a snapshot's value and people), before anything is withheld."""

    value: float | None
    people: int
    min_people: int = MIN_PEOPLE

    @property
    def empty(self):
        """Nothing to compute (no survey ended, nothing imported): not a small number."""
        return self.value is None and not self.people


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
        return self.state in (WITHHELD, NOT_SHOWN)

    def text(self, unit=""):
        """The value as the screen and the CSV show it ("82.5%", "fewer than 5")."""
        if self.state == WITHHELD:
            return withheld_text(self.min_people)
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
    if raw is None or raw.empty:
        return Figure(None, None, raw.min_people if raw else MIN_PEOPLE, NO_FIGURE)
    if raw.people < raw.min_people:
        return Figure(None, None, raw.min_people, WITHHELD)
    if raw.value is None:
        return Figure(None, raw.people, raw.min_people, NO_FIGURE)
    return Figure(raw.value, raw.people, raw.min_people, SHOWN)


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
    return Raw(value, people, max(raw.min_people for raw in counted))


def column(parts: Sequence[Raw | None], how=None):
    """The parts of a column and its total as they may be shown: `(figures, total)`. The total
    (None when `how` gives none) is built from every part, withheld ones included, and is itself
    withheld when it rests on too few people or would reveal a withheld part."""
    figures = [figure(raw) for raw in parts]
    total_raw = _total(parts, how)
    if total_raw is None:
        return figures, None
    total = figure(total_raw)
    if total.shown and sum(1 for part in figures if part.state == WITHHELD) == 1:
        total = Figure(None, None, total_raw.min_people, NOT_SHOWN)
    return figures, total
