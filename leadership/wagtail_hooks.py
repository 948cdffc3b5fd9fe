"""Wagtail discovers only this module per app; each part of the plugin keeps its own hooks."""

from .dashboards import wagtail_hooks as dashboards_hooks  # noqa: F401
from .flags import wagtail_hooks as flags_hooks  # noqa: F401
from .imports import wagtail_hooks as imports_hooks  # noqa: F401
from .reports import wagtail_hooks as reports_hooks  # noqa: F401
from .snapshots import wagtail_hooks as snapshots_hooks  # noqa: F401
