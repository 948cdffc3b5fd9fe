"""Factories for red flags and closed-culture alerts, and helpers that write a service's monthly
snapshots (or build `Readings` for the rules' pure functions) from a few numbers.

`MONTH` is the month checked in most tests; `series(...)` values run oldest first and end with
the month checked."""

from datetime import date

import factory

from cms.periods import add_months
from leadership.flags.detectors import get_detector
from leadership.flags.evidence import Figure, Readings
from leadership.flags.models import ClosedCultureAlert, RedFlag
from leadership.snapshots.models import IndicatorSnapshot
from tests.cms.factories import ServiceFactory

__all__ = [
    "MONTH",
    "ClosedCultureAlertFactory",
    "RedFlagFactory",
    "readings",
    "series",
    "snapshots",
    "struggling",
]

MONTH = date(2026, 3, 1)


def series(values, people=30, min_people=5, month=MONTH):
    """{month: Figure} for `values` (oldest first, the last is `month`); a value may be a
    (value, people) pair, or None for a month with no snapshot."""
    figures = {}
    first = add_months(month, 1 - len(values))
    for offset, value in enumerate(values):
        if value is None:
            continue
        value, count = value if isinstance(value, tuple) else (value, people)
        figures[add_months(first, offset)] = Figure(value, count, min_people)
    return figures


def readings(month=MONTH, beds=30, people_supported=None, **indicators):
    """`Readings` for a service: each keyword is an indicator key and its `series(...)`."""
    return Readings(month=month, figures=indicators, beds=beds, people_supported=people_supported)


def snapshots(service, indicator, values, people=30, min_people=5, month=MONTH):
    """Write monthly snapshots of `indicator` for `service`, as `series` reads `values`; a month
    already written is replaced, as a new computation would."""
    written = []
    for start, figure in series(values, people, min_people, month).items():
        snapshot, _created = IndicatorSnapshot.objects.update_or_create(
            service=service,
            indicator=indicator,
            period=IndicatorSnapshot.Period.MONTH,
            start=start,
            defaults={
                "end": add_months(start, 1),
                "value": figure.value,
                "people": figure.people,
                "min_people": figure.min_people,
            },
        )
        written.append(snapshot)
    return written


def struggling(service, month=MONTH):
    """Snapshots that raise 5 flags in 4 indicators from 2 evidence streams in `service` for
    `month`: turnover high and rising (workforce, one indicator), a few people on very long
    weeks (workforce), the recommend score falling and complaints left unanswered (people and
    families)."""
    earlier, recent = [18.0] * 6, [40.0, 44.0, 46.0]
    snapshots(service, "staff_turnover", earlier + recent, month=month)
    snapshots(service, "rota_hours", [5.0] * 6 + [20.0, 22.0, 25.0], month=month)
    snapshots(service, "family_nps", [40.0] * 6 + [10.0, 5.0, 0.0], people=12, month=month)
    snapshots(
        service, "complaints_responded", [90.0] * 6 + [50.0, 40.0, 30.0], people=6, month=month
    )


class RedFlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RedFlag

    service = factory.SubFactory(ServiceFactory)
    rule = "turnover_high"
    start = MONTH
    end = factory.LazyAttribute(lambda o: add_months(o.start, 1))
    labels = factory.LazyAttribute(lambda o: dict(get_detector(o.rule).labels))
    stream = factory.LazyAttribute(lambda o: get_detector(o.rule).stream)
    evidence = factory.LazyFunction(list)
    summary = "Staff turnover averaged 40% a year over the 3 months to March 2026."


class ClosedCultureAlertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClosedCultureAlert
        skip_postgeneration_save = True

    service = factory.SubFactory(ServiceFactory)
    start = MONTH
    end = factory.LazyAttribute(lambda o: add_months(o.start, 1))
    streams = factory.LazyFunction(lambda: ["people and families", "workforce"])
    suggested_rung = ClosedCultureAlert.Rung.INFORMATION_SHARING

    @factory.post_generation
    def flags(self, create, extracted, **kwargs):
        if create and extracted:
            self.flags.add(*extracted)
