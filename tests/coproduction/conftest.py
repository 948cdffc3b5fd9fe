"""Fixtures shared by the co-production tests: an organisation and a service of it, a space and
its lived-experience lead, a family forum with a host and two families. A module that needs
another (a space of a named service, a lead whose name its pages show) defines its own, which
pytest uses instead."""

import pytest

from coproduction.spaces.models import SpaceRole
from tests.cms.factories import OrganisationFactory, ServiceFactory
from tests.coproduction.factories import SpaceFactory, space_with
from tests.coproduction.factories_forums import FamilyForumFactory, forum_family, forum_host


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def service(organisation):
    return ServiceFactory(organisation=organisation, name="Willow House")


@pytest.fixture
def space():
    return SpaceFactory()


@pytest.fixture
def lead(space):
    return space_with(SpaceRole.LEAD, space)


@pytest.fixture
def forum():
    return FamilyForumFactory(name="Willow House family forum")


@pytest.fixture
def host(forum):
    return forum_host(forum, first_name="Hana", last_name="Host", email="hana@example.org")


@pytest.fixture
def family(forum):
    return forum_family(forum, first_name="Fern", last_name="Family", email="fern@example.org")


@pytest.fixture
def other_family(forum):
    return forum_family(forum, first_name="Olu", last_name="Other", email="olu@example.org")
