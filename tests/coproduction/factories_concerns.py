"""Factories of the concerns part."""

import factory

from coproduction.concerns.models import Concern, ConcernContacts, SpeakUpCase
from tests.cms.factories import ServiceFactory


class ConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concern

    service = factory.SubFactory(ServiceFactory)
    organisation = factory.SelfAttribute("service.organisation")
    reference = factory.Sequence(lambda n: f"C-T{n:05d}")
    raiser_role = Concern.RaiserRole.FAMILY
    what_happened = "Mum's call bell was not answered for an hour on Sunday night."
    who_is_affected = "Mum, room 4"
    at_risk_now = False
    possible_safeguarding = False


class ConcernContactsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConcernContacts

    service = factory.SubFactory(ServiceFactory)
    safeguarding_team = "Northshire Adult Safeguarding"
    safeguarding_phone = "0300 123 4567"
    safeguarding_email = "safeguarding@northshire.example"
    out_of_hours_phone = "0300 765 4321"


class SpeakUpCaseFactory(factory.django.DjangoModelFactory):
    """A speak-up case with its concern (raised by staff)."""

    class Meta:
        model = SpeakUpCase

    concern = factory.SubFactory(ConcernFactory, raiser_role=Concern.RaiserRole.STAFF)
    bullying = True
    professional_group = SpeakUpCase.ProfessionalGroup.CARE_ASSISTANTS
    detriment = False
