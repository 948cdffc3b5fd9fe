"""Permission rows for the co-production plugin, one module per part."""

from . import rows_loop, rows_meetings, rows_payments, rows_rounds, rows_spaces, rows_tracker

ROWS = [
    *rows_spaces.ROWS,
    *rows_rounds.ROWS,
    *rows_meetings.ROWS,
    *rows_payments.ROWS,
    *rows_tracker.ROWS,
    *rows_loop.ROWS,
]
