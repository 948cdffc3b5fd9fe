"""Co-production indicators registered with the host's registry (cms.indicators): each part
registers its own in its `indicators.py`, imported here (this module is imported when the app is
ready).

Every figure is for one service over one period [start, end) and says how many people it rests
on, so that a figure from fewer than `cms.indicators.MIN_PEOPLE` is withheld.
"""

from .concerns import indicators as concerns_indicators  # noqa: F401  (raised, handled, fed back)
from .forums import indicators as forums_indicators  # noqa: F401  (event attendance)
from .questions import indicators as questions_indicators  # noqa: F401  (left unanswered)
from .rounds import indicators as rounds_indicators  # noqa: F401  (turnout)
from .spaces import indicators as spaces_indicators  # noqa: F401  (who sets the agenda)
from .surveys import indicators as surveys_indicators  # noqa: F401  (family recommend score)
from .tracker import indicators as tracker_indicators  # noqa: F401  (closing the loop, themes)
