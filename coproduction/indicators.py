"""Co-production indicators registered with the host's registry (cms.indicators)."""

from .tracker import indicators as tracker_indicators  # noqa: E402, F401  (closing the loop)
