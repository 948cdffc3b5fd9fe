"""Snapshots for the dashboards' tests: a factory for one `IndicatorSnapshot`, and `history`
for a run of monthly snapshots of one indicator at one service, ending with the last whole
month (the month the dashboards' default period ends with)."""

import factory

from cms.indicators import MIN_PEOPLE
from cms.periods import add_months, last_whole_month
from leadership.snapshots.models import IndicatorSnapshot
from tests.cms.factories import ServiceFactory

__all__ = ["IndicatorSnapshotFactory", "history", "months_ago"]


def months_ago(count):
    """The first day of the month `count` months before the last whole month (0: that one)."""
    return add_months(last_whole_month(), -count)


class IndicatorSnapshotFactory(factory.django.DjangoModelFactory):
    """A monthly snapshot of the last whole month, from 20 people."""

    class Meta:
        model = IndicatorSnapshot

    service = factory.SubFactory(ServiceFactory)
    indicator = "occupancy"
    period = IndicatorSnapshot.Period.MONTH
    start = factory.LazyFunction(lambda: months_ago(0))
    end = factory.LazyAttribute(lambda o: add_months(o.start, 1))
    value = 90.0
    people = 20
    min_people = MIN_PEOPLE


def history(service, indicator, values, people=20, min_people=MIN_PEOPLE):
    """Monthly snapshots of `indicator` at `service`, the last of `values` in the last whole
    month. A value may be a `(value, people)` pair, for a month resting on other people."""
    snapshots = []
    for offset, entry in enumerate(reversed(values)):
        value, month_people = entry if isinstance(entry, tuple) else (entry, people)
        snapshots.append(
            IndicatorSnapshotFactory(
                service=service,
                indicator=indicator,
                start=months_ago(offset),
                value=value,
                people=month_people,
                min_people=min_people,
            )
        )
    return snapshots[::-1]
