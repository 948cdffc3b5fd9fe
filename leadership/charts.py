"""Charts drawn on the server as SVG: a line chart of monthly figures and a small bar chart.

The same SVG goes on the screen (inline) and into the board report PDF (xhtml2pdf draws SVG
through svglib, from `Chart.data_uri`), so it keeps to what svglib reads well: lines, polylines,
rects, circles and text, styled by attributes only (no CSS, no classes, no script). Each chart
carries `role="img"` with a `<title>` and a `<desc>`, and is always shown beside a data table:
the chart is a picture of the table, never the only place a figure is.

A month with no figure, or one withheld because it rests on too few people, is a gap in the
line, not a zero, and carries a short label (such as "<5") under the line.
"""

import base64
import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import mark_safe

FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
TEXT = "#1b1b1b"
MUTED = "#505a5f"
GRID = "#b1b4b6"
LINE = "#1d4f91"
BAR = "#0b3954"

WIDTH = 640
LINE_HEIGHT = 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 60, 16, 16, 64
MAX_MONTH_LABELS = 8
BAR_LABEL_WIDTH = 250
BAR_ROW = 26
BAR_LABEL_CHARS = 36


def format_number(value):
    """A figure to one decimal place, without a trailing ".0" (12, 12.5, -3)."""
    rounded = round(float(value), 1)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.1f}"


@dataclass(frozen=True)
class Point:
    """One month on a line chart: `value` None is a gap, and `gap_label` (such as "<5") says
    why under it."""

    label: str
    value: float | None
    gap_label: str = ""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


@dataclass(frozen=True)
class Chart:
    svg: str
    title: str
    description: str

    @property
    def html(self):
        """The SVG to put in a page as it is: built here from numbers and escaped text only."""
        return mark_safe(self.svg)

    def __html__(self):
        return self.html

    @property
    def data_uri(self):
        """The SVG as an image source, for the PDF (`<img src="...">`)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def _text(x, y, content, *, size=11, anchor="start", fill=TEXT, weight="normal"):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family={quoteattr(FONT)} font-size="{size}" '
        f'font-weight="{weight}" fill="{fill}" text-anchor="{anchor}">{escape(content)}</text>'
    )


def _line(x1, y1, x2, y2, *, stroke=GRID, width=1):
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{stroke}" stroke-width="{width}"/>'
    )


def _svg(chart_id, width, height, title, description, body):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>'
        f"{''.join(body)}</svg>"
    )


def _nice_step(span, ticks=4):
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def _scale(values):
    """(bottom, top, step) of a y axis that holds `values` with round ticks, from 0 when all
    values are positive (a bar or line starting at 0 does not exaggerate a change)."""
    low, high = min(values), max(values)
    low = min(low, 0)
    if high == low:
        high = low + (abs(low) or 1)
    step = _nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def line_chart(points: Sequence[Point], *, title, description, chart_id, unit=""):
    """A line of monthly figures, broken where a month has none to show."""
    width, height = WIDTH, LINE_HEIGHT
    left, right = MARGIN_LEFT, width - MARGIN_RIGHT
    top, bottom = MARGIN_TOP, height - MARGIN_BOTTOM
    body = []
    values = [point.value for point in points if point.value is not None]
    if not values:
        body.append(_line(left, bottom, right, bottom, stroke=TEXT))
        body.append(
            _text((left + right) / 2, (top + bottom) / 2, "No figures to show", anchor="middle")
        )
        return Chart(_svg(chart_id, width, height, title, description, body), title, description)

    low, high, step = _scale(values)

    def y_of(value):
        return bottom - (value - low) / (high - low) * (bottom - top)

    count = len(points)

    def x_of(index):
        if count == 1:
            return (left + right) / 2
        return left + index * (right - left) / (count - 1)

    tick = low
    while tick <= high + step / 1000:
        y = y_of(tick)
        body.append(_line(left, y, right, y))
        label = format_number(tick) + ("%" if unit == "%" else "")
        body.append(_text(left - 6, y + 4, label, size=10, anchor="end", fill=MUTED))
        tick += step
    body.append(_line(left, bottom, right, bottom, stroke=TEXT))
    body.append(_line(left, top, left, bottom, stroke=TEXT))

    every = max(1, math.ceil(count / MAX_MONTH_LABELS))
    for index, point in enumerate(points):
        x = x_of(index)
        if index % every == 0 or index == count - 1:
            body.append(_line(x, bottom, x, bottom + 4, stroke=TEXT))
            body.append(_text(x, bottom + 17, point.label, size=10, anchor="middle"))

    segment = []
    segments = [segment]
    for index, point in enumerate(points):
        if point.value is None:
            segment = []
            segments.append(segment)
        else:
            segment.append((x_of(index), y_of(point.value)))
    for run in segments:
        if len(run) > 1:
            coordinates = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            body.append(
                f'<polyline points="{coordinates}" fill="none" stroke="{LINE}" stroke-width="2.5"/>'
            )
        for x, y in run:
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{LINE}" stroke="#ffffff" '
                'stroke-width="1"/>'
            )

    gaps = [(index, point) for index, point in enumerate(points) if point.value is None]
    for index, point in gaps:
        if point.gap_label:
            body.append(_text(x_of(index), bottom - 6, point.gap_label, size=10, anchor="middle"))
    if gaps:
        legend = "Gaps: months with no figure to show"
        if any(point.gap_label for _index, point in gaps):
            legend += "; “<5” (or “<10”): withheld, from fewer than 5 (or 10) people"
        body.append(_text(left, height - 14, legend, size=10, fill=MUTED))
    return Chart(_svg(chart_id, width, height, title, description, body), title, description)


def _shorten(label, limit=BAR_LABEL_CHARS):
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(bars: Sequence[Bar], *, title, description, chart_id, unit=""):
    """Horizontal bars, one a row, labelled with their values. Long labels are shortened in the
    picture; the table beside it has them in full."""
    width = WIDTH
    top = 8
    height = top + max(len(bars), 1) * BAR_ROW + 12
    left = BAR_LABEL_WIDTH
    right = width - 70
    body = []
    if not bars:
        body.append(_text(width / 2, height / 2, "No figures to show", anchor="middle"))
        return Chart(_svg(chart_id, width, height, title, description, body), title, description)
    highest = max(max(bar.value for bar in bars), 0)
    top_value = 100 if unit == "%" and highest <= 100 else (highest or 1)
    for index, bar in enumerate(bars):
        y = top + index * BAR_ROW
        length = max(bar.value, 0) / top_value * (right - left)
        body.append(_text(left - 8, y + 15, _shorten(bar.label), size=11, anchor="end"))
        body.append(
            f'<rect x="{left:.1f}" y="{y + 3:.1f}" width="{length:.1f}" '
            f'height="{BAR_ROW - 8}" fill="{BAR}"/>'
        )
        value = format_number(bar.value) + ("%" if unit == "%" else "")
        body.append(_text(left + length + 6, y + 15, value, size=11, weight="bold"))
    body.append(_line(left, top, left, top + len(bars) * BAR_ROW, stroke=TEXT))
    return Chart(_svg(chart_id, width, height, title, description, body), title, description)
