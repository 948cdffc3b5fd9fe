"""The learning plugin's indicators: those of each part that has an `indicators.py` (each
registers its own with the host's registry, cms.indicators, when imported)."""

from cms.parts import load_parts

from .apps import LearningConfig

load_parts("learning", LearningConfig.parts, "indicators")
