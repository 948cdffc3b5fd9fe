"""Co-production models, one module per concept: spaces and their members and agenda items
(`spaces`), priority rounds and ballots (`rounds`), feedback items, actions and their outcomes
(`tracker`)."""

from .rounds import *  # noqa: F403
from .spaces import *  # noqa: F403
from .tracker import *  # noqa: F403
