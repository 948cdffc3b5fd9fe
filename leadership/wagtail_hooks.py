"""Wagtail discovers only this module per app; each part of the plugin keeps its own hooks."""

from cms.parts import load_parts

from .apps import LeadershipConfig

load_parts("leadership", LeadershipConfig.parts, "wagtail_hooks")
