"""Permission rows for the leadership plugin, one module per part."""

from . import (
    rows_dashboards,
    rows_flags,
    rows_imports,
    rows_ledger,
    rows_reports,
    rows_snapshots,
    rows_visits,
)

ROWS = [
    *rows_imports.ROWS,
    *rows_snapshots.ROWS,
    *rows_dashboards.ROWS,
    *rows_flags.ROWS,
    *rows_reports.ROWS,
    *rows_visits.ROWS,
    *rows_ledger.ROWS,
]
