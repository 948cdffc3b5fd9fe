"""Factories for the pulse part: a pulse round of a service, its staff and leaders, answers."""

from datetime import timedelta

import factory
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.pulse import services
from coproduction.pulse.models import PulseRound
from tests.cms.factories import ServiceFactory, member


def pulse_staff(service, role=Role.STAFF, **user_fields):
    return member(role, service=service, **user_fields)


def pulse_leader(service, **user_fields):
    return member(Role.LEADER, service=service, **user_fields)


class PulseRoundFactory(factory.django.DjangoModelFactory):
    """A round that opened an hour ago and closes in two weeks, opened by a new leader."""

    class Meta:
        model = PulseRound

    service = factory.SubFactory(ServiceFactory)
    title = factory.Sequence(lambda n: f"Staff pulse {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    created_by = factory.LazyAttribute(lambda o: pulse_leader(o.service))


def pulse_answer(
    pulse_round,
    *,
    group="care",
    safe=4,
    acted=4,
    seen=False,
    text="",
    user=None,
):
    """One member of staff's answer, through the service (a receipt and a response)."""
    user = user or pulse_staff(pulse_round.service)
    services.pulse_respond(
        pulse_round,
        user,
        staff_group=group,
        safe_to_speak=safe,
        acted_on=acted,
        dignity_seen=seen,
        anything_else=text,
    )
    return user


__all__ = ["PulseRoundFactory", "pulse_answer", "pulse_leader", "pulse_staff"]
