"""Wagtail discovers only this module per app; each part of the plugin keeps its own hooks."""

from .enrolment import wagtail_hooks as enrolment_hooks  # noqa: F401
from .learner import wagtail_hooks as learner_hooks  # noqa: F401
from .pages_admin import wagtail_hooks as pages_hooks  # noqa: F401
