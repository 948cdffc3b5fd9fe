"""Permission rows for the co-production plugin: meetings."""

ROWS = []
