"""The evidence registry: where plugins offer the leadership plugin evidence that is not a figure.

A figure (an indicator) says how much; evidence says what happened: the learning completed, the
concerns raised and answered, what families were told and what was done, the decisions people
with lived experience made, the words people agreed could be quoted. Each plugin registers its
kinds of evidence in its parts' `evidence.py` (imported when the app is ready), as indicators are
registered; the leadership plugin's ledger maps kinds onto the quality statements they evidence
and calls them, and never reads another plugin's tables.

An evidence kind is `collect(service, start, end, viewer, **params) -> Evidence`, over the
datetimes [start, end). `params` come from the map (a path's slug, say). `viewer` decides which
links are offered: an item links only to a page the viewer may open. Counts rest on people, as
figures do: a count from fewer than `MIN_PEOPLE` people is never shown (`EvidenceItem.text`).
Quotes are words their writers agreed may be quoted without their name; a kind that returns
quotes returns nothing that names or points to the person.

A kind may also offer a set-based form of its latest date, `latest_many(services, start, end,
viewer, **params) -> {service pk: date or None}`, what `collect(...).latest` gives for each
service, worked out in a few grouped queries across all of them (`register_latest_many`). The
ledger's summary of an organisation asks it for every service at once, so its cost does not
grow with the services; a kind without one is asked one service at a time.

A kind the map links to a statement many times with different parameters (feedback by theme,
one set of themes per statement) may also answer them all at once: `collect_each(service, start,
end, viewer, each) -> [Evidence]` and `latest_each(services, start, end, viewer, each) ->
[{service pk: date or None}]`, one answer per parameters dict of `each`, in its order, what the
one-at-a-time forms give for each (`register_collect_each`, `register_latest_each`). The
ledger asks each kind once per page, however many statements it evidences.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from cms.indicators import MIN_PEOPLE


@dataclass(frozen=True)
class EvidenceItem:
    """One line of evidence: `label` ("Concerns raised"), the `count` and the number of `people`
    it rests on, the latest `on` date it covers, and a link the viewer may open. Something that
    is not about people (a published outcome, a visit) sets `min_people` to 0."""

    label: str
    count: int
    people: int
    on: date | None = None
    url: str = ""
    min_people: int = MIN_PEOPLE
    # Lines already public to the viewer (the title and outcome of a published "you said, we
    # did"), shown under the item only when its count is shown.
    details: Sequence[str] = ()

    @property
    def shown(self):
        return self.people >= self.min_people

    @property
    def text(self):
        """The count, or "fewer than 5" when too few people stand behind it."""
        return str(self.count) if self.shown else f"fewer than {self.min_people}"


@dataclass(frozen=True)
class Quote:
    """Words given with consent to quote them without a name: the month only, and the giver's
    role where one was recorded."""

    text: str
    source: str
    month: date
    role: str = ""


@dataclass(frozen=True)
class Evidence:
    items: Sequence[EvidenceItem] = ()
    quotes: Sequence[Quote] = ()

    @property
    def latest(self):
        """The latest date any shown item or quote covers, or None when nothing can be shown."""
        dates = [item.on for item in self.items if item.shown and item.count and item.on]
        dates += [quote.month for quote in self.quotes]
        return max(dates, default=None)

    def __bool__(self):
        return self.latest is not None


@dataclass(frozen=True)
class EvidenceKind:
    key: str
    label: str
    collect: Callable[..., Evidence]
    description: str = ""
    params: dict = field(default_factory=dict)  # the parameters it takes, with what each means
    latest_many: Callable[..., dict] | None = None
    collect_each: Callable[..., list] | None = None
    latest_each: Callable[..., list] | None = None

    def __call__(self, service, start, end, viewer, **params):
        return self.collect(service, start, end, viewer, **params)

    def latest_of(self, services, start, end, viewer, **params):
        """{service pk: the latest date its evidence covers, or None}, as `Evidence.latest`
        reads it: set-based where the plugin offers it, else one service at a time."""
        services = list(services)
        if not services:
            return {}
        if self.latest_many is not None:
            found = self.latest_many(services, start, end, viewer, **params)
            return {service.pk: found.get(service.pk) for service in services}
        if self.latest_each is not None:
            return self.latest_all(services, start, end, viewer, [params])[0]
        return {
            service.pk: self.collect(service, start, end, viewer, **params).latest
            for service in services
        }

    def collect_all(self, service, start, end, viewer, each):
        """[Evidence] for each parameters dict of `each`, in its order: in one go where the
        plugin offers it, else one set of parameters at a time."""
        each = list(each)
        if self.collect_each is not None and each:
            return list(self.collect_each(service, start, end, viewer, each))
        return [self.collect(service, start, end, viewer, **params) for params in each]

    def latest_all(self, services, start, end, viewer, each):
        """[{service pk: latest date or None}] for each parameters dict of `each`, in its
        order, as `latest_of` gives each."""
        services, each = list(services), list(each)
        if self.latest_each is not None and services and each:
            found = self.latest_each(services, start, end, viewer, each)
            return [{service.pk: dates.get(service.pk) for service in services} for dates in found]
        return [self.latest_of(services, start, end, viewer, **params) for params in each]


_registry: dict[str, EvidenceKind] = {}


def register_evidence(key, *, label, description="", params=None):
    """Decorator: register `collect(service, start, end, viewer, **params) -> Evidence`."""

    def decorator(collect):
        if key in _registry and _registry[key].collect is not collect:
            raise ValueError(f"evidence kind {key!r} is already registered")
        _registry[key] = EvidenceKind(
            key=key, label=label, collect=collect, description=description, params=params or {}
        )
        return collect

    return decorator


def register_latest_many(key):
    """Decorator: register the set-based latest date of kind `key` (registered before it),
    `latest_many(services, start, end, viewer, **params) -> {service pk: date or None}`."""

    def decorator(latest_many):
        _registry[key] = replace(_registry[key], latest_many=latest_many)
        return latest_many

    return decorator


def register_collect_each(key):
    """Decorator: register the form of kind `key` (registered before it) that collects for many
    sets of parameters at once, `collect_each(service, start, end, viewer, each) -> [Evidence]`."""

    def decorator(collect_each):
        _registry[key] = replace(_registry[key], collect_each=collect_each)
        return collect_each

    return decorator


def register_latest_each(key):
    """Decorator: register the form of kind `key` (registered before it) that gives the latest
    dates of many services for many sets of parameters at once, `latest_each(services, start,
    end, viewer, each) -> [{service pk: date or None}]`."""

    def decorator(latest_each):
        _registry[key] = replace(_registry[key], latest_each=latest_each)
        return latest_each

    return decorator


def get_evidence_kind(key):
    """The kind registered under `key`; KeyError when its plugin is not installed."""
    return _registry[key]


def all_evidence_kinds():
    return sorted(_registry.values(), key=lambda kind: kind.key)
