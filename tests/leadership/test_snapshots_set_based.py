"""The set-based form of an indicator (cms.indicators.register_many) and how a snapshot run
uses it: one call for many services, the per-service form where there is none, and one
service at a time when the set-based call fails."""

from datetime import date

import pytest

from cms import indicators as registry_module
from cms.indicators import IndicatorValue
from leadership.snapshots.models import IndicatorSnapshot
from leadership.snapshots.services import snapshots_compute
from tests.cms.factories import OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 15)


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(registry_module, "_registry", {})
    monkeypatch.setattr(registry_module, "_families", {})
    return registry_module


def _register_beds(registry, calls):
    @registry.register("beds", label="Beds", unit="beds", good_direction="either")
    def beds(service, start, end):
        calls.append(("one", service.pk))
        return IndicatorValue(len(service.name), 10)

    return beds


def test_for_services_uses_the_set_based_form_and_fills_in_services_with_nothing(registry):
    calls = []
    _register_beds(registry, calls)
    organisation = OrganisationFactory()
    counted, empty = ServiceFactory.create_batch(2, organisation=organisation)

    @registry.register_many("beds")
    def beds_many(services, start, end):
        calls.append(("many", tuple(service.pk for service in services)))
        return {counted.pk: IndicatorValue(7, 12)}

    values = registry.get_indicator("beds").for_services([counted, empty], None, None)

    assert calls == [("many", (counted.pk, empty.pk))]
    assert values == {counted.pk: IndicatorValue(7, 12), empty.pk: IndicatorValue(None, 0)}


def test_a_set_based_form_needs_its_indicator_registered_first(registry):
    with pytest.raises(KeyError):
        registry.register_many("nothing-here")(lambda services, start, end: {})


def test_a_snapshot_run_asks_a_set_based_indicator_once_per_period(registry):
    calls = []
    _register_beds(registry, calls)
    organisation = OrganisationFactory()
    ServiceFactory.create_batch(3, organisation=organisation)

    @registry.register_many("beds")
    def beds_many(services, start, end):
        calls.append(("many", len(services)))
        return {service.pk: IndicatorValue(1, 10) for service in services}

    result = snapshots_compute(organisation=organisation, today=TODAY, months=2)

    # Two months and the rolling 90 days: three calls, each for the three services.
    assert calls == [("many", 3)] * 3
    assert result.written == 9 == IndicatorSnapshot.objects.count()


def test_when_the_set_based_call_fails_each_service_is_worked_out_on_its_own(registry):
    calls = []
    _register_beds(registry, calls)
    organisation = OrganisationFactory()
    services = ServiceFactory.create_batch(2, organisation=organisation)

    @registry.register_many("beds")
    def beds_many(services, start, end):
        raise ZeroDivisionError

    result = snapshots_compute(organisation=organisation, today=TODAY, months=1)

    assert sorted(calls) == sorted([("one", service.pk) for service in services] * 2)
    assert result.written == 4
    assert not result.failures


def test_a_bad_value_from_the_set_based_form_costs_that_service_only(registry):
    _register_beds(registry, [])
    organisation = OrganisationFactory()
    good, bad = ServiceFactory.create_batch(2, organisation=organisation)

    @registry.register_many("beds")
    def beds_many(services, start, end):
        return {good.pk: IndicatorValue(3, 10), bad.pk: IndicatorValue(float("nan"), 10)}

    result = snapshots_compute(organisation=organisation, today=TODAY, months=1)

    stored = set(IndicatorSnapshot.objects.values_list("service_id", flat=True))
    assert stored == {good.pk}
    assert dict(result.failures["beds"]) == {"ValueError": 2}


def test_a_shared_set_based_figure_is_read_once_per_scope(registry):
    reads = []

    @registry.shared_many
    def tally(services, start, end):
        reads.append(len(services))
        return {service.pk: 1 for service in services}

    organisation = OrganisationFactory()
    services = ServiceFactory.create_batch(2, organisation=organisation)
    with registry.computing():
        tally(services, 1, 2)
        tally(services, 1, 2)
        tally(services, 2, 3)
    tally(services, 1, 2)

    assert reads == [2, 2, 2]
