"""cms.access: which organisations and services a person reaches, the host's one answer."""

import pytest

from cms import access
from cms.organisations.models import Role, Service
from tests.cms.factories import MembershipFactory, ServiceFactory, member, superuser

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    elm = ServiceFactory(name="Elm Court")
    oak = ServiceFactory(name="Oak Lodge", organisation=elm.organisation)
    other = ServiceFactory(name="Willow House")
    return elm, oak, other


def test_a_role_at_one_service_reaches_that_service_only(world):
    elm, oak, other = world
    lead = member(Role.SAFEGUARDING_LEAD, service=elm)

    reached = Service.objects.filter(
        access.reach_q(lead, Role.SAFEGUARDING_LEAD, organisation="organisation", service="pk")
    )

    assert list(reached) == [elm]
    assert access.organisation_ids_where(lead, Role.SAFEGUARDING_LEAD) == {elm.organisation_id}
    assert (
        access.organisation_ids_where(lead, Role.SAFEGUARDING_LEAD, organisation_wide=True) == set()
    )


def test_a_role_across_an_organisation_reaches_every_service_of_it_and_no_other(world):
    elm, oak, other = world
    leader = member(Role.LEADER, organisation=elm.organisation)
    MembershipFactory(user=leader, organisation=other.organisation, service=other, role=Role.HR)

    reached = Service.objects.filter(access.reach_q(leader, Role.LEADER, service="pk"))

    assert set(reached) == {elm, oak}
    assert list(access.organisations_where(leader, Role.LEADER)) == [elm.organisation]
    assert access.service_ids_where(leader, Role.HR) == {other.pk}


def test_a_role_not_asked_for_reaches_nothing_and_a_superuser_reaches_every_organisation(world):
    elm, _oak, other = world
    host = member(Role.FORUM_HOST, service=elm)

    assert not Service.objects.filter(access.reach_q(host, Role.LEADER, service="pk")).exists()
    assert set(access.organisations_where(superuser(), Role.LEADER)) >= {
        elm.organisation,
        other.organisation,
    }
