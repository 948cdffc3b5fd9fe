"""Shared test set-up.

Tests that need a real service (PostgreSQL, Redis, a Celery worker, Chromium) ask for it through
`require_service`: under CI=true a missing service fails the test; elsewhere it skips with the
reason, so `make test` on a laptop without those services still runs everything else.
"""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_service(available, reason):
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def port_answers(url, default_port):
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), 1):
            return True
    except OSError:
        return False


@pytest.fixture
def postgres_db(db):
    """A test that claims PostgreSQL behaviour runs on PostgreSQL, or does not run."""
    from django.db import connection

    require_service(
        connection.vendor == "postgresql",
        "this test needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/cms",
    )


@pytest.fixture(scope="session")
def redis_url():
    url = os.environ.get("CELERY_BROKER_URL", "")
    require_service(
        url.startswith("redis://") and port_answers(url, 6379),
        "this test needs Redis: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0",
    )
    return url


@pytest.fixture(scope="session")
def chromium_path():
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    require_service(
        os.path.exists(path) or shutil.which(path),
        f"browser tests need Debian's Chromium at {path} (apt-get install chromium)",
    )
    return path


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
