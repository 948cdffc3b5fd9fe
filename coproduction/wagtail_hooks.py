"""Wagtail discovers only this module per app; each part of the plugin keeps its own hooks."""

from .concerns import wagtail_hooks as concerns_hooks  # noqa: F401
from .forums import wagtail_hooks as forums_hooks  # noqa: F401
from .meetings import wagtail_hooks as meetings_hooks  # noqa: F401
from .payments import wagtail_hooks as payments_hooks  # noqa: F401
from .preferences import wagtail_hooks as preferences_hooks  # noqa: F401
from .questions import wagtail_hooks as questions_hooks  # noqa: F401
from .rounds import wagtail_hooks as rounds_hooks  # noqa: F401
from .spaces import wagtail_hooks as spaces_hooks  # noqa: F401
from .surveys import wagtail_hooks as surveys_hooks  # noqa: F401
from .tracker import wagtail_hooks as tracker_hooks  # noqa: F401
