"""Leadership dashboards: the organisation overview, one service, learning and listening,
read from snapshots only (see panels.py)."""
