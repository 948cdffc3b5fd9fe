"""The indicator registry: the one place where plugins offer figures to the leadership plugin.

Each plugin registers its indicators in its own `indicators.py` (imported when its app is ready).
Leadership reads other plugins only through `all_indicators()` and `get_indicator()`; it never
touches their tables. An indicator computes one figure for one service over one period and says
how many people the figure rests on, so that small numbers can be withheld (no figure from
fewer than `MIN_PEOPLE` people; staff-voice indicators may ask for more, INDICATORS.md section G).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

MIN_PEOPLE = 5


class Direction:
    UP = "up"  # more is better
    DOWN = "down"  # less is better
    EITHER = "either"  # a change either way deserves a question (INDICATORS.md rule 2)


@dataclass(frozen=True)
class IndicatorValue:
    value: float | None
    people: int

    def shown(self, minimum=MIN_PEOPLE):
        """The value, or None when it rests on too few people to show."""
        return self.value if self.people >= minimum else None


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str  # "%", "days", "per 10 beds", "score", ...
    good_direction: str
    compute: Callable[..., IndicatorValue]  # compute(service, start: datetime, end: datetime)
    description: str = ""
    source: str = ""  # the source keys it rests on (S1, CQC-CC, ...)
    labels: dict = field(default_factory=dict)  # PEL subculture, HULL group, CQC feature, stream
    min_people: int = MIN_PEOPLE

    def __call__(self, service, start: datetime, end: datetime) -> IndicatorValue:
        return self.compute(service, start, end)


def percent(part, whole):
    """`part` as a percentage of `whole`, to one decimal place; None when there is no whole."""
    return round(100 * part / whole, 1) if whole else None


_registry: dict[str, Indicator] = {}


def register(key, *, label, unit, good_direction, **details):
    """Decorator: register `compute(service, start, end) -> IndicatorValue` under `key`."""

    def decorator(compute):
        if key in _registry and _registry[key].compute is not compute:
            raise ValueError(f"indicator {key!r} is already registered")
        _registry[key] = Indicator(
            key=key,
            label=label,
            unit=unit,
            good_direction=good_direction,
            compute=compute,
            **details,
        )
        return compute

    return decorator


def all_indicators():
    return sorted(_registry.values(), key=lambda indicator: indicator.key)


def get_indicator(key):
    return _registry[key]
