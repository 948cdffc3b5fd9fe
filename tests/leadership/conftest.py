"""Fixtures shared by the leadership tests: an organisation and its leader. A module that needs
another (an organisation whose services it builds with it, a leader it emails) defines its own,
which pytest uses instead."""

import pytest

from cms.organisations.models import Role
from tests.cms.factories import OrganisationFactory, member


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Willow Care", slug="willow-care")


@pytest.fixture
def leader(organisation):
    return member(Role.LEADER, organisation=organisation, first_name="Lena", last_name="Lead")
