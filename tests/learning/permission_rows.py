"""Permission rows for the learning plugin, one module per part."""

from . import rows_enrolment, rows_learner, rows_pages

ROWS = [*rows_pages.ROWS, *rows_learner.ROWS, *rows_enrolment.ROWS]
