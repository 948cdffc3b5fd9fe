"""Leadership indicators registered with the host's registry (cms.indicators): the figures from
the data the platform does not hold (HR, rota, occupancy, complaints, practice imports). Each part
registers its own in its `indicators.py`; the app config imports them when the app is ready,
and this index imports the same list for code that asks for the plugin's indicators."""

from cms.parts import load_parts

from .apps import LeadershipConfig

load_parts("leadership", LeadershipConfig.parts, "indicators")
