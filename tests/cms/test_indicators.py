from datetime import datetime

import pytest

from cms import indicators
from cms.indicators import Direction, IndicatorValue


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(indicators, "_registry", {})
    return indicators


def test_a_registered_indicator_computes_for_a_service_and_period(registry):
    @registry.register("visits", label="Visits", unit="count", good_direction=Direction.UP)
    def visits(service, start, end):
        return IndicatorValue(value=(end - start).days, people=7)

    [indicator] = registry.all_indicators()
    assert indicator.key == "visits" and indicator.label == "Visits"
    assert registry.get_indicator("visits")(None, datetime(2026, 1, 1), datetime(2026, 1, 31)) == (
        IndicatorValue(value=30, people=7)
    )


def test_the_same_key_cannot_be_registered_twice(registry):
    registry.register("a", label="A", unit="%", good_direction=Direction.UP)(lambda *a: None)
    with pytest.raises(ValueError, match="already registered"):
        registry.register("a", label="A2", unit="%", good_direction=Direction.UP)(lambda *a: None)


def test_figures_from_fewer_than_five_people_are_withheld():
    assert IndicatorValue(value=40.0, people=4).shown() is None
    assert IndicatorValue(value=40.0, people=5).shown() == 40.0
    assert IndicatorValue(value=40.0, people=9).shown(minimum=10) is None
