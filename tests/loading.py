"""Heavy data loaded once for a test module."""

import pytest
from django.db import transaction
from django.test import TestCase, override_settings


def loaded_once_per_module(load):
    """A module-scoped fixture for heavy data (a demo) that a module's tests read: `load()` runs
    once, when the first test asks for it, inside a transaction rolled back after the module's
    last test; each test runs in a savepoint of its own within it (as with Django's
    setUpTestData), so what one test writes the next does not see. What `load` sets off on commit
    (emails, certificates) runs as it would, its files in a media folder of the module's. The
    value is what `load` returns. Not for tests that commit (transactional ones, browser tests).
    Use: `loaded = loaded_once_per_module(load_all)` in the test module."""

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker, tmp_path_factory):
        media = tmp_path_factory.mktemp("media")
        with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
            with transaction.atomic():
                with TestCase.captureOnCommitCallbacks(execute=True):
                    value = load()
                yield value
                transaction.set_rollback(True)

    return fixture
