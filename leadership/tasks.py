"""Celery discovers this module only: each part of the plugin keeps its tasks in its own module."""

from .flags.tasks import *  # noqa: F403
from .reports.tasks import *  # noqa: F403
from .snapshots.tasks import *  # noqa: F403
