"""Wagtail discovers only this module per app; each part of the plugin keeps its own hooks."""

from .meetings import wagtail_hooks as meetings_hooks  # noqa: F401
from .payments import wagtail_hooks as payments_hooks  # noqa: F401
from .preferences import wagtail_hooks as preferences_hooks  # noqa: F401
from .rounds import wagtail_hooks as rounds_hooks  # noqa: F401
from .spaces import wagtail_hooks as spaces_hooks  # noqa: F401
from .tracker import wagtail_hooks as tracker_hooks  # noqa: F401
