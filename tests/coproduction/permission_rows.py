"""Permission rows for the co-production plugin, one module per part."""

from . import (
    rows_concerns,
    rows_forums,
    rows_loop,
    rows_meetings,
    rows_payments,
    rows_pulse,
    rows_questions,
    rows_rounds,
    rows_spaces,
    rows_surveys,
    rows_tracker,
)

ROWS = [
    *rows_spaces.ROWS,
    *rows_rounds.ROWS,
    *rows_meetings.ROWS,
    *rows_payments.ROWS,
    *rows_tracker.ROWS,
    *rows_loop.ROWS,
    *rows_forums.ROWS,
    *rows_questions.ROWS,
    *rows_concerns.ROWS,
    *rows_surveys.ROWS,
    *rows_pulse.ROWS,
]
