"""Fixtures shared by the leadership tests: an organisation, a service of it and its leader. A
module that needs another (a service whose name its flags show, a leader it emails) defines its
own, which pytest uses instead."""

import pytest

from cms.organisations.models import Role
from tests.cms.factories import OrganisationFactory, ServiceFactory, member


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Willow Care", slug="willow-care")


@pytest.fixture
def service(organisation):
    return ServiceFactory(organisation=organisation, name="Willow House")


@pytest.fixture
def leader(organisation):
    return member(Role.LEADER, organisation=organisation, first_name="Lena", last_name="Lead")
