"""Learning models, one module per concept: the Wagtail pages authors write (`pages`), the
review workflow task (`workflow`), what learners do (`records`), and enrolment, reminders and
certificates (`enrolment`)."""

from .enrolment import *  # noqa: F403
from .pages import *  # noqa: F403
from .records import *  # noqa: F403
from .workflow import *  # noqa: F403
