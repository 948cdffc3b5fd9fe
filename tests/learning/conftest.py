"""Fixtures shared by the learning tests: an organisation and a service of it. A module that
needs another defines its own, which pytest uses instead."""

import pytest

from tests.cms.factories import OrganisationFactory, ServiceFactory


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def service(organisation):
    return ServiceFactory(organisation=organisation, name="Ash House")
