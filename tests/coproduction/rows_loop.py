"""Permission rows for the co-production plugin: loop."""

ROWS = []
