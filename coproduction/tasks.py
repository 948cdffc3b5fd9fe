"""Celery discovers this module only: each part of the plugin keeps its tasks in its own module."""

from .spaces.tasks import *  # noqa
from .tracker.tasks import *  # noqa
from .rounds.tasks import *  # noqa
