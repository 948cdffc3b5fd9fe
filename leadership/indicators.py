"""Leadership indicators registered with the host's registry (cms.indicators): the figures from
the data the platform does not hold (HR, rota, occupancy, complaints imports). Each part
registers its own in its `indicators.py`, imported here when the app is ready."""

from .imports import indicators as imports_indicators  # noqa: F401  (HR, rota, beds, complaints)
