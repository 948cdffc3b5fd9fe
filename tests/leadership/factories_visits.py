"""Factories for service visits and their follow-ups."""

from datetime import timedelta

import factory
from django.utils import timezone

from leadership.visits.models import Capacity, ServiceVisit, SpokeWith, VisitFollowUp
from tests.cms.factories import ServiceFactory, UserFactory

__all__ = ["ServiceVisitFactory", "VisitFollowUpFactory"]


class ServiceVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceVisit

    service = factory.SubFactory(ServiceFactory)
    visitor = factory.SubFactory(UserFactory)
    capacity = Capacity.SENIOR_LEADER
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))
    seen_and_heard = "People were up and about; staff knew them well."
    spoke_with = factory.LazyFunction(lambda: [SpokeWith.PEOPLE, SpokeWith.DAY_STAFF])


class VisitFollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitFollowUp

    visit = factory.SubFactory(ServiceVisitFactory)
    action = "Ask the night team about handovers"
    owner = "Registered manager"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
