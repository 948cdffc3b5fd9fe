"""Celery discovers this module only: each part of the plugin keeps its tasks in its own module."""

from .concerns.tasks import *  # noqa
from .forums.tasks import *  # noqa
from .meetings.tasks import *  # noqa
from .payments.tasks import *  # noqa
from .questions.tasks import *  # noqa
from .rounds.tasks import *  # noqa
from .spaces.tasks import *  # noqa
from .surveys.tasks import *  # noqa
from .tracker.tasks import *  # noqa
