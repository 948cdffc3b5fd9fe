"""The pure parts of `make bench`: percentiles, the targets of issue 16, the table and the JSON
it is written as. No database, no server: tests/bench/test_bench_runner.py drives these
directly."""

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .pages import BARE, EXPORT, LEADERSHIP, LEARNER, OTHER

# What a page whose URL needs a row the dataset does not hold (a red flag, say) reports.
NO_SUCH_ROW = "not in this dataset"
HTML_LIMIT_KB = 200
LEADERSHIP_LIMIT_MS = 150
# The largest p95 a page of each kind may take, as a multiple of the bare Wagtail page's p95.
RATIO_LIMITS = {LEARNER: 1.5, LEADERSHIP: 2.0, EXPORT: 2.0}
# Scales whose query counts must match (the other one's latest results are read back).
COMPARED_SCALES = ("small", "sab")
EXPORTS_NOTE = (
    "Exports stream: their times are to the first bytes of the download; each whole download "
    "is timed once below, with its size and peak memory."
)
COLUMNS = ("page", "p50 ms", "p95 ms", "p95 / bare", "HTML KB", "queries", "target", "met?")


def percentile(values, q):
    """The q-th percentile (0-100) of `values`, interpolating between the two nearest ranks
    (numpy's default)."""
    if not values:
        raise ValueError("no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is not between 0 and 100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class PageResult:
    """What was measured for one page."""

    name: str
    role: str
    kind: str
    url: str | None
    status: int | None = None
    content_type: str = ""
    timings_ms: list = field(default_factory=list, repr=False)
    size_bytes: int = 0
    queries: int | None = None
    error: str = ""
    expected_status: int = 200

    @property
    def measured(self):
        return bool(self.timings_ms) and not self.error

    @property
    def p50(self):
        return percentile(self.timings_ms, 50) if self.measured else None

    @property
    def p95(self):
        return percentile(self.timings_ms, 95) if self.measured else None

    @property
    def html_kb(self):
        return self.size_bytes / 1024


def target_text(kind, other_queries=None):
    parts = []
    if kind in RATIO_LIMITS:
        parts.append(f"p95 <= {RATIO_LIMITS[kind]:g}x")
    if kind in (LEADERSHIP, EXPORT):
        parts.append(f"< {LEADERSHIP_LIMIT_MS} ms")
    if kind in (LEARNER, LEADERSHIP, OTHER):
        parts.append(f"<= {HTML_LIMIT_KB} KB")
    if other_queries is not None:
        parts.append(f"queries = {other_queries}")
    return ", ".join(parts) if parts else "baseline"


def misses(result, bare_p95, other_queries=None):
    """The targets `result` misses, in words (empty when it meets them all)."""
    if result.error:
        return [result.error]
    if not result.measured:
        return ["not measured"]
    found = []
    ratio = result.p95 / bare_p95 if bare_p95 else None
    limit = RATIO_LIMITS.get(result.kind)
    if limit is not None and ratio is not None and ratio > limit:
        found.append(f"p95 {ratio:.1f}x > {limit:g}x")
    if result.kind in (LEADERSHIP, EXPORT) and result.p95 >= LEADERSHIP_LIMIT_MS:
        found.append(f"p95 {result.p95:.0f} ms >= {LEADERSHIP_LIMIT_MS} ms")
    if result.kind in (LEARNER, LEADERSHIP, OTHER) and result.html_kb > HTML_LIMIT_KB:
        found.append(f"{result.html_kb:.0f} KB > {HTML_LIMIT_KB} KB")
    if other_queries is not None and result.queries is not None and result.queries != other_queries:
        found.append(f"{result.queries} queries, {other_queries} at the other scale")
    return found


def _bare_p95(results):
    bare = next((r for r in results if r.kind == BARE and r.measured), None)
    return bare.p95 if bare else None


def rows(results, other_queries=None):
    """One dict per page: the table's columns and the JSON's fields. `other_queries` maps a
    page's name to its query count at the other scale."""
    other_queries = other_queries or {}
    bare_p95 = _bare_p95(results)
    table = []
    for result in results:
        other = other_queries.get(result.name)
        missed = misses(result, bare_p95, other)
        table.append(
            {
                "page": result.name,
                "role": result.role,
                "kind": result.kind,
                "url": result.url,
                "status": result.status,
                "content_type": result.content_type,
                "requests": len(result.timings_ms),
                "p50_ms": _round(result.p50),
                "p95_ms": _round(result.p95),
                "ratio": _round(result.p95 / bare_p95, 2) if result.measured and bare_p95 else None,
                "html_kb": _round(result.html_kb)
                if result.measured and result.kind != EXPORT
                else None,
                "timed_to": "first byte" if result.kind == EXPORT else "last byte",
                "queries": result.queries,
                "queries_other_scale": other,
                "target": target_text(result.kind, other),
                "met": None if _unjudged(result) else not missed,
                "misses": missed,
            }
        )
    return table


def _unjudged(result):
    """The bare page (the baseline) and a page the dataset gives no row for are not judged."""
    return (result.kind == BARE and result.measured) or result.error == NO_SUCH_ROW


def _round(value, digits=1):
    return None if value is None else round(value, digits)


def _cell(value, fmt="{:.1f}"):
    return "-" if value is None else fmt.format(value)


def format_table(table):
    """The table as aligned plain text, one line per page."""
    lines = [list(COLUMNS)]
    for row in table:
        if row["met"] is None:
            met = f"- ({NO_SUCH_ROW})" if row["misses"] == [NO_SUCH_ROW] else "-"
        elif row["met"]:
            met = "yes"
        else:
            met = "NO: " + "; ".join(row["misses"])
        lines.append(
            [
                row["page"],
                _cell(row["p50_ms"]),
                _cell(row["p95_ms"]),
                _cell(row["ratio"], "{:.2f}"),
                _cell(row["html_kb"]),
                _cell(row["queries"], "{}"),
                row["target"],
                met,
            ]
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(COLUMNS) - 1)]
    text = []
    for number, line in enumerate(lines):
        text.append(
            "  ".join(cell.ljust(width) for cell, width in zip(line[:-1], widths, strict=True))
            + "  "
            + line[-1]
        )
        if number == 0:
            text.append("  ".join("-" * width for width in widths) + "  ----")
    if any(row.get("timed_to") == "first byte" for row in table):
        text.append(EXPORTS_NOTE)
    return "\n".join(line.rstrip() for line in text)


def format_jobs(jobs):
    lines = []
    for job in jobs:
        if job.get("error"):
            lines.append(f"{job['name']}: failed: {job['error']}")
        else:
            size = f", {job['bytes'] / 2**20:.1f} MB" if "bytes" in job else ""
            lines.append(
                f"{job['name']}: {job['seconds']:.1f} s{size}, "
                f"peak memory {job['peak_rss_mb']:.0f} MB "
                f"({job['peak_rss_mb'] - job['baseline_rss_mb']:+.0f} MB over the "
                f"{job['baseline_rss_mb']:.0f} MB the process held before)"
            )
            if job.get("details", {}).get("summary"):
                lines.append(f"  {job['details']['summary']}")
    return "\n".join(lines)


def results_document(*, scale, dataset, started_at, requests, table, jobs, server, compared_with):
    """The JSON written to bench-results/: everything the table shows, and how it was made."""
    return {
        "scale": scale,
        "dataset": dataset,
        "started_at": started_at,
        "requests_per_page": requests,
        "server": server,
        "compared_with": compared_with,
        "pages": table,
        "jobs": jobs,
        "all_met": all(row["met"] is not False for row in table),
    }


def results_path(folder, scale, stamp):
    return Path(folder) / f"{scale}-{stamp}.json"


def latest_results(folder, scale):
    """The newest results file of `scale` in `folder`, or None."""
    found = sorted(Path(folder).glob(f"{scale}-*.json"))
    return found[-1] if found else None


def other_scale_queries(folder, scale):
    """(path, {page: queries}) of the latest run at the scale `scale` is compared with, or
    (None, {}) when there is none."""
    if scale not in COMPARED_SCALES:
        return None, {}
    other = next(s for s in COMPARED_SCALES if s != scale)
    path = latest_results(folder, other)
    if path is None:
        return None, {}
    document = json.loads(Path(path).read_text())
    return str(path), {
        row["page"]: row["queries"] for row in document["pages"] if row["queries"] is not None
    }


def as_dict(result):
    return asdict(result)
