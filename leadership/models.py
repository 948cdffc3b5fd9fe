"""The leadership plugin's models, each in its part's `models.py`: imported data the platform
does not hold (`imports`), computed indicator snapshots (`snapshots`), red flags and
closed-culture alerts (`flags`), board reports (`reports`) and service visits (`visits`).
Django looks for this module only; code imports a model from its part
(`from leadership.flags.models import RedFlag`)."""

from cms.parts import load_parts

from .apps import LeadershipConfig

load_parts("leadership", LeadershipConfig.parts, "models")
