"""Wagtail discovers only this module per app: it imports every part's own `wagtail_hooks.py`."""

from cms.parts import load_parts

from .apps import CoproductionConfig

load_parts("coproduction", CoproductionConfig.parts, "wagtail_hooks")
