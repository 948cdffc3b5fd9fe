"""Co-production indicators registered with the host's registry (cms.indicators): each part
registers its own in its `indicators.py`, imported here (this module is imported when the app is
ready).

Every figure is for one service over one period [start, end) and says how many people it rests
on, so that a figure from fewer than `cms.indicators.MIN_PEOPLE` is withheld.
"""

from .rounds import indicators as rounds_indicators  # noqa: F401  (turnout)
from .spaces import indicators as spaces_indicators  # noqa: F401  (who sets the agenda)
from .tracker import indicators as tracker_indicators  # noqa: F401  (closing the loop, themes)
