"""Permission rows for the co-production plugin: payments."""

ROWS = []
