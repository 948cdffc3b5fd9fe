"""Fixtures shared by the learning tests. A module that needs another service (one of an
organisation it builds its paths in) defines its own, which pytest uses instead."""

import pytest

from tests.cms.factories import ServiceFactory


@pytest.fixture
def service():
    return ServiceFactory(name="Ash House")
