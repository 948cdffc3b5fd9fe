"""Co-production indicators registered with the host's registry (cms.indicators): each part
registers its own in its `indicators.py` (concerns raised, handled and fed back; forum event
attendance; questions left unanswered; round turnout; who sets the agenda; the family
recommend score; closing the loop and themes), imported here and by the app config's `ready`.

Every figure is for one service over one period [start, end) and says how many people it rests
on, so that a figure from fewer than `cms.indicators.MIN_PEOPLE` is withheld.
"""

from cms.parts import load_parts

from .apps import CoproductionConfig

load_parts("coproduction", CoproductionConfig.parts, "indicators")
