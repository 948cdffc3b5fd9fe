"""Wagtail discovers only this module per app; each part of the plugin keeps its own hooks."""

from cms.parts import load_parts

from .apps import LearningConfig

load_parts("learning", LearningConfig.parts, "wagtail_hooks")
