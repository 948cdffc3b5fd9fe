"""The indicator registry: the one place where plugins offer figures to the leadership plugin.

Each plugin registers its indicators in its own `indicators.py` (imported when its app is ready).
Leadership reads other plugins only through `all_indicators()` and `get_indicator()`; it never
touches their tables. An indicator computes one figure for one service over one period and says
how many people the figure rests on, so that small numbers can be withheld (no figure from
fewer than `MIN_PEOPLE` people; staff-voice indicators may ask for more, INDICATORS.md section G).

Some indicators are only known when the figures are computed: completion on each learning path
an organisation wrote itself exists once the path is published. A plugin registers such a
family with `register_family(prefix, members=..., member=...)`: `all_indicators(organisation)`
then lists, besides every registered indicator, the members the family has for that
organisation now, and `get_indicator(key)` asks the family about a key under its prefix (to
label a figure stored earlier). A key registered with `register` wins over a family's. A family
whose `members` raises is left out of that listing (logged, and reported to the caller), not
the whole listing with it.

Several indicators may rest on one figure read once (the choices made in a period, tallied per
principle): a plugin marks its helper `@shared`, and whoever computes many indicators at once
does it inside `with computing():`, where the helper runs once per service and period.

Set-based computing. A snapshot run works out each figure for every service at once where it
can: an indicator may also offer `many(services, start, end) -> {service pk: IndicatorValue}`,
one query (or a few) grouped by service instead of one per service, registered with
`register_many(key)`. `Indicator.for_services` uses it when there is one and falls back to one
call per service when there is not, so a plugin can move its indicators over one at a time. A
service missing from what `many` returns had nothing to count: (None, 0). Both forms must give
the same figures; each plugin's tests check that they do. A figure several set-based
indicators share is marked `@shared_many` (as `@shared`, keyed by the services asked about).
"""

import functools
import logging
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.db import transaction

logger = logging.getLogger(__name__)

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
    # many(services, start, end) -> {service pk: IndicatorValue}: the figure for many services
    # at once (see the module's docstring); None when the indicator has only `compute`.
    many: Callable[..., dict] | None = None

    def __call__(self, service, start: datetime, end: datetime) -> IndicatorValue:
        return self.compute(service, start, end)

    def for_services(self, services, start: datetime, end: datetime) -> dict:
        """{service pk: IndicatorValue} for every service in `services`: one set-based call
        where the indicator offers one, else one call per service."""
        services = list(services)
        if self.many is None:
            return {service.pk: self.compute(service, start, end) for service in services}
        found = self.many(services, start, end)
        nothing = IndicatorValue(None, 0)
        return {service.pk: found.get(service.pk, nothing) for service in services}


def percent(part, whole):
    """`part` as a percentage of `whole`, to one decimal place; None when there is no whole."""
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class IndicatorFamily:
    """Indicators sharing a key prefix whose members are found when they are asked for:
    `members(organisation)` returns the Indicators the organisation has now; `member(key)` the
    Indicator of one key under `prefix`, or None when there is (no longer) one."""

    prefix: str
    members: Callable[[object], Iterable[Indicator]]
    member: Callable[[str], Indicator | None]


_registry: dict[str, Indicator] = {}
_families: dict[str, IndicatorFamily] = {}


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


def register_many(key):
    """Decorator: register `many(services, start, end) -> {service pk: IndicatorValue}` as the
    set-based form of the indicator already registered under `key` (or of a family member,
    when the family builds its Indicators with `many=`)."""

    def decorator(many):
        if key not in _registry:
            raise KeyError(f"indicator {key!r} must be registered before its set-based form")
        indicator = _registry[key]
        if indicator.many is not None and indicator.many is not many:
            raise ValueError(f"indicator {key!r} already has a set-based form")
        _registry[key] = replace(indicator, many=many)
        return many

    return decorator


# The figures shared by several indicators, worked out once in the current `computing()` scope:
# (function, service id, start, end) -> its result. None outside any scope. A context variable,
# so two runs in two threads (or two tasks) never see each other's.
_shared_figures: ContextVar[dict | None] = ContextVar("shared_figures", default=None)


@contextmanager
def computing():
    """A scope, opened by whoever computes many indicators at once (a snapshot run), in which a
    `shared` helper works out its figures once for each (service, start, end) and hands the
    same result to every indicator that asks. Everything is forgotten when the scope closes, so
    the next run reads the data afresh. Inside an open scope it is that scope (an indicator
    opening one to share a figure between its own helpers shares the run's figures too)."""
    if _shared_figures.get() is not None:
        yield
        return
    token = _shared_figures.set({})
    try:
        yield
    finally:
        _shared_figures.reset(token)


def shared(helper):
    """Decorator for a plugin's `helper(service, start, end)` that several of its indicators
    call with the same arguments (one tally read once, then given per principle, say): inside
    `computing()` it runs once per service and period; outside it runs every time. Its result
    is handed out as it is, so the indicators must only read it."""

    @functools.wraps(helper)
    def once_per_scope(service, start, end):
        figures = _shared_figures.get()
        if figures is None:
            return helper(service, start, end)
        key = (helper, service.pk, start, end)
        if key not in figures:
            figures[key] = helper(service, start, end)
        return figures[key]

    return once_per_scope


def shared_many(helper):
    """As `shared`, for a set-based helper `helper(services, start, end)` that several
    set-based indicators call with the same services and period: inside `computing()` it runs
    once per (services, start, end)."""

    @functools.wraps(helper)
    def once_per_scope(services, start, end):
        figures = _shared_figures.get()
        if figures is None:
            return helper(services, start, end)
        key = (helper, tuple(service.pk for service in services), start, end)
        if key not in figures:
            figures[key] = helper(services, start, end)
        return figures[key]

    return once_per_scope


def register_family(prefix, *, members, member):
    """Register a family of indicators whose keys start with `prefix` and are known only at
    compute time (see the module's docstring). `members(organisation)` and `member(key)` may
    query the database; they are called when indicators are listed or looked up, not here."""
    family = IndicatorFamily(prefix=prefix, members=members, member=member)
    if prefix in _families and _families[prefix] != family:
        raise ValueError(f"indicator family {prefix!r} is already registered")
    _families[prefix] = family
    return family


def _family_members(family, organisation):
    # A savepoint, so that a database error in one plugin's family leaves the connection usable
    # for the rest (PostgreSQL refuses every query in a transaction after an error).
    with transaction.atomic():
        return list(family.members(organisation))


def all_indicators(organisation=None, *, family_failed=None):
    """Every registered indicator, by key; with `organisation`, also the members each family
    has for it now (what a snapshot run computes for its services).

    A family whose `members` raises is left out, so one plugin's fault does not take the
    organisation's other figures with it: the failure is logged (the family's prefix and the
    kind of error; an error's message can quote stored data) and passed to
    `family_failed(prefix, error)` for the caller to record. It is asked again next time."""
    found = dict(_registry)
    if organisation is not None:
        for family in _families.values():
            try:
                members = _family_members(family, organisation)
            except Exception as error:  # noqa: BLE001 (one family must not stop the others)
                logger.warning(
                    "Indicator family %s could not list its members for organisation %s: %s",
                    family.prefix,
                    getattr(organisation, "pk", organisation),
                    type(error).__name__,
                )
                if family_failed is not None:
                    family_failed(family.prefix, error)
                continue
            for indicator in members:
                found.setdefault(indicator.key, indicator)
    return sorted(found.values(), key=lambda indicator: indicator.key)


def _family_member(family, key):
    # As `_family_members`: a savepoint, and a family that raises answers as if it had no such
    # member, so a page asking about one figure shows its fallback words, not an error.
    try:
        with transaction.atomic():
            return family.member(key)
    except Exception as error:  # noqa: BLE001 (one family must not break the page asking)
        logger.warning(
            "Indicator family %s could not look up a member: %s",
            family.prefix,
            type(error).__name__,
        )
        return None


def get_indicator(key):
    """The indicator of `key`: registered, or a member of the family whose prefix it has.
    Raises KeyError for a key that is neither (its plugin removed, its path deleted, or its
    family failing to answer, which is logged)."""
    if key in _registry:
        return _registry[key]
    for prefix, family in _families.items():
        if key.startswith(prefix) and (indicator := _family_member(family, key)) is not None:
            return indicator
    raise KeyError(key)


# --- Figures touched ---------------------------------------------------------------------------
# A plugin whose indicators read a table tells the host when that table changes, so the nightly
# snapshot run recomputes only the months that can have changed (cms.figures). Imported on call,
# so that this module stays importable while models load.


def touched(services, moments):
    """Mark the months of `moments` as touched for `services`: cms.figures.services.touched.
    For writes that send no signals (bulk_create, QuerySet.update, COPY)."""
    from cms.figures.services import touched as mark

    return mark(services, moments)


def register_source(model, *, services, when, uid=None, deletes=True, fields=None):
    """Mark figures when a row of `model` is saved or deleted:
    cms.figures.services.register_source."""
    from cms.figures.services import register_source as register_model

    return register_model(
        model, services=services, when=when, uid=uid, deletes=deletes, fields=fields
    )


def months_between(start, end=None):
    """Every month from `start`'s to `end`'s (today's when None): cms.figures.services."""
    from cms.figures.services import months_between as between

    return between(start, end)
