"""`latest_shown_months` asks the database what `suppression.figure(...).shown` decides month
by month in Python: the ledger's summary reads it, the service's ledger reads the Python rule,
so the two must agree on every figure, the counts on the floor above all (a rate of 50 % of 10
people stands for 5 people and is shown; 16.67 % of 30 for 5.0001, or 4.9999)."""

import random

import pytest

from cms.indicators import all_indicators
from cms.periods import Months, add_months
from leadership.dashboards.selectors import latest_shown_months, monthly_snapshots
from leadership.dashboards.suppression import count_scale, figure
from leadership.snapshots.models import IndicatorSnapshot
from tests.cms.factories import ServiceFactory
from tests.leadership.factories_flags import MONTH

pytestmark = pytest.mark.django_db

MONTHS = Months.between(add_months(MONTH, -11), MONTH)


def _keys():
    """Indicators of each kind: rates that stand for a count (each scale) and figures that
    do not."""
    by_scale = {}
    for indicator in all_indicators():
        by_scale.setdefault(count_scale(indicator.unit), []).append(indicator.key)
    assert None in by_scale and len(by_scale) >= 3, by_scale.keys()
    return [key for keys in by_scale.values() for key in keys[:3]]


def _python_latest(service_ids, keys):
    index = monthly_snapshots(service_ids, MONTHS, keys=keys)
    found = {}
    for service_id in service_ids:
        for key in keys:
            series = index.series(service_id, key)
            shown = [month for month in series if figure(series[month]).shown]
            if shown:
                found[(service_id, key)] = max(shown)
    return found


def test_the_database_shows_the_figures_python_shows():
    rng = random.Random(16)
    services = [ServiceFactory() for _ in range(4)]
    keys = _keys()
    # On the floor and either side of it: 50 % of 10 is 5; 100/6 % of 30 is 5.000000000000001
    # in floating point; 16.6 % of 30 is 4.98; a rate of nobody; no value; too few people.
    values = [(50.0, 10), (100 / 6, 30), (16.6, 30), (0.0, 0), (None, 12), (80.0, 4)]
    rows = []
    for service in services:
        for key in keys:
            for back in range(12):
                value, people = rng.choice(values + [(rng.uniform(0, 100), rng.randint(0, 40))])
                start = add_months(MONTH, -back)
                rows.append(
                    IndicatorSnapshot(
                        service=service,
                        indicator=key,
                        period=IndicatorSnapshot.Period.MONTH,
                        start=start,
                        end=add_months(start, 1),
                        value=value,
                        people=people,
                        min_people=rng.choice((5, 5, 10)),
                    )
                )
    IndicatorSnapshot.objects.bulk_create(rows)
    service_ids = [service.pk for service in services]

    expected = _python_latest(service_ids, keys)

    assert latest_shown_months(service_ids, MONTHS, keys) == expected
    # Some figures are never shown and some are shown only in earlier months, so a rule that
    # took every figure's latest month would fail.
    assert len(expected) < len(service_ids) * len(keys)
    assert any(month < MONTH for month in expected.values())
