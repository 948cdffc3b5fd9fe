"""Co-production models, one module per concept: spaces and their members and agenda items
(`spaces`), priority rounds and ballots (`rounds`), meetings (`meetings`), involvement payments
(`payments`), feedback items, actions and their outcomes (`tracker`), and which emails a person
wants (`preferences`); family forums (`forums`), concerns (`concerns`) and the family survey
(`surveys`), and the "what to expect" pages (`pages`)."""

from .concerns import *  # noqa: F403
from .forums import *  # noqa: F403
from .meetings import *  # noqa: F403
from .pages import *  # noqa: F403
from .payments import *  # noqa: F403
from .preferences import *  # noqa: F403
from .rounds import *  # noqa: F403
from .spaces import *  # noqa: F403
from .surveys import *  # noqa: F403
from .tracker import *  # noqa: F403
