"""Leadership models, one module per concept: imported data the platform does not hold
(`imports`), computed indicator snapshots (`snapshots`), red flags and closed-culture alerts
(`flags`) and board reports (`reports`)."""

from .flags import *  # noqa: F403
from .imports import *  # noqa: F403
from .reports import *  # noqa: F403
from .snapshots import *  # noqa: F403
