"""Celery discovers this module only: each part of the plugin keeps its tasks in its own module."""

from .meetings.tasks import *  # noqa
from .payments.tasks import *  # noqa
from .rounds.tasks import *  # noqa
from .spaces.tasks import *  # noqa
from .tracker.tasks import *  # noqa
