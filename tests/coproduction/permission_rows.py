"""Permission rows for the co-production plugin, one module per part."""

from . import rows_rounds, rows_spaces, rows_tracker

ROWS = [*rows_spaces.ROWS, *rows_rounds.ROWS, *rows_tracker.ROWS]
