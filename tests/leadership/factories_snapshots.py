"""Factories for indicator snapshots and snapshot runs."""

from datetime import date

import factory

from cms.periods import add_months
from leadership.snapshots.models import IndicatorSnapshot, SnapshotRun
from tests.cms.factories import OrganisationFactory, ServiceFactory

__all__ = ["IndicatorSnapshotFactory", "SnapshotRunFactory"]


class IndicatorSnapshotFactory(factory.django.DjangoModelFactory):
    """A monthly snapshot; pass `start` (a month's first day) and the end follows."""

    class Meta:
        model = IndicatorSnapshot

    service = factory.SubFactory(ServiceFactory)
    indicator = "staff_turnover"
    period = IndicatorSnapshot.Period.MONTH
    start = date(2026, 1, 1)
    end = factory.LazyAttribute(lambda o: add_months(o.start, 1))
    value = 20.0
    people = 30
    min_people = 5


class SnapshotRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SnapshotRun

    organisation = factory.SubFactory(OrganisationFactory)
    status = SnapshotRun.Status.QUEUED
    requested_by = None
