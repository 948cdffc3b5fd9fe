"""Shared test set-up.

Tests that need a real service (PostgreSQL, Redis, a Celery worker, Chromium) ask for it through
`require_service`: under CI=true a missing service fails the test; elsewhere it skips with the
reason, so `make test` on a laptop without those services still runs everything else.

`make test` runs the suite in parallel (pytest-xdist, `--dist loadgroup`). Each worker process
has its own test database (pytest-django names it `test_cms_gw0`, ...), its own live server on a
free port, its own Chromium, and its own cache keys (cms.settings.test prefixes them with the
worker's name, and clearing the cache clears only those). Tests that start a real Celery worker
each start a worker on a queue of their own; tests that share a module-scoped fixture (a demo
loaded once for the module) run on one xdist worker, so the fixture is built once, and so do
the tests that use the whole demo without committing (tests/loading.py loads it once per
process and puts a copy back for each later test). See `xdist_groups` for why tests that commit
are never grouped.

A test marked `backend_independent` gives the same result on the embedded defaults as on the
real services (it runs its own processes on settings of its own, say). `.ci/run` runs the suite
twice, and its first pass, on the embedded defaults, skips these (SERVICE_PASS_FOLLOWS=true):
the CI=true pass runs them. Under CI=true nothing skips for a missing service.
"""

import email.parser
import email.policy
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.loading import shares, whole_demo

ROOT = Path(__file__).resolve().parent.parent
TRUE = {"1", "true", "yes"}
IN_CI = os.environ.get("CI", "").lower() in TRUE
SERVICE_PASS_FOLLOWS = os.environ.get("SERVICE_PASS_FOLLOWS", "").lower() in TRUE
# The xdist worker this process is ("gw0", ...), or "" when the suite runs in one process.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "celery_worker"}
SHARED_SCOPES = {"module", "class", "package"}


def uses_shared_fixture(item):
    """Whether the test uses a fixture of ours built once per module or class (pytest-django's
    own class-scoped helper, used by every test, does not count)."""
    fixtures = getattr(item, "_fixtureinfo", None)
    return any(
        definitions[-1].scope in SHARED_SCOPES
        and definitions[-1].func.__module__.startswith("tests.")
        for definitions in (fixtures.name2fixturedefs.values() if fixtures else ())
    )


def copy_group(item):
    """The group named by a fixture that puts back data copied once per process
    (`tests.loading.shares`), if the test uses one."""
    fixtures = getattr(item, "_fixtureinfo", None)
    for definitions in fixtures.name2fixturedefs.values() if fixtures else ():
        group = getattr(definitions[-1].func, "xdist_group", None)
        if group:
            return group
    return None


def xdist_groups(items, committing):
    """The groups of tests that must run on one xdist worker: every test of a module where some
    share a fixture built once per module (the whole module, in its order: a test that must run
    before the fixture is built stays before it), and every test using data loaded once per
    process (the whole demo), with the other tests of its module, so that it is loaded once.

    Tests that commit are never grouped. pytest-django runs them last, because each leaves the
    database flushed, without even the migrations' data, until the next one restores it; but
    xdist sends a worker the groups first (largest first) and single tests after them in
    collection order, so a committing test in a group would run before the rest of its worker's
    tests, which would then find an empty database. Each worker that runs a committing test
    with the whole demo loads it once for itself; tests with a real Celery worker each run a
    worker on a queue of their own, so they need no group either."""
    copies = {item.path: group for item in items if (group := copy_group(item))}
    shared = {item.path for item in items if uses_shared_fixture(item)}
    for item in items:
        if item in committing:
            continue
        if item.path in copies:
            yield item, copies[item.path]
        elif item.path in shared:
            yield item, str(item.path.relative_to(ROOT))


# First, so that pytest-django sorts by the django_db marks given here and xdist groups by the
# xdist_group marks.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Browser tests carry the e2e mark; every test that commits to the database restores the
    migrations' data (home page, seeded themes) afterwards by serialized rollback. A flush
    without it would leave later tests without a site, or with duplicate content types."""
    committing = set()
    for item in items:
        if "tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)
        same = item.get_closest_marker("backend_independent")
        if same and SERVICE_PASS_FOLLOWS and not IN_CI:
            reason = same.kwargs.get("reason") or same.args[0]
            item.add_marker(pytest.mark.skip(reason=f"the CI=true pass runs it: {reason}"))
        marker = item.get_closest_marker("django_db")
        kwargs = dict(marker.kwargs) if marker else {}
        needs_commit = (
            kwargs.get("transaction")
            or TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ()))
            or "tests/e2e/" in str(item.path)
        )
        if needs_commit:
            committing.add(item)
            kwargs.update(transaction=True, serialized_rollback=True)
            # Prepended, so it is the marker pytest-django reads.
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)
    for item, group in xdist_groups(items, committing):
        item.add_marker(pytest.mark.xdist_group(group))


def require_service(available, reason):
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def port_answers(url, default_port):
    parts = urlparse(url)
    try:
        address = (parts.hostname or "127.0.0.1", parts.port or default_port)
        with socket.create_connection(address, 1):
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


@pytest.fixture
@shares(whole_demo)
def demo(db):
    """The whole demo, as `make run` loads it (loaded once per test process, see
    tests/loading.py); the value is what `load_demo` printed."""
    return whole_demo()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_step(monkeypatch):
    """`client.force_login(person)` stands for a finished sign-in through allauth: a person
    with an authenticator app signs in at allauth's login page and its second step, so the
    session holds allauth's own record of both (cms.accounts.middleware checks it).
    tests/cms/sign_in.py has that sign-in, and the session made without it, for the tests that
    play the attacker."""
    from django.test import Client

    from tests.cms.sign_in import force_login_with_second_step

    monkeypatch.setattr(Client, "force_login", force_login_with_second_step)


def _clear_own_keys(self):
    """RedisCache.clear empties the whole Redis database, other xdist workers' keys with it:
    with a key prefix (one per worker), delete only the keys under it."""
    client = self._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start : start + 1000])


@pytest.fixture(autouse=True, scope="session")
def _cache_clear_keeps_to_this_worker():
    from django.core.cache.backends.redis import RedisCache

    clear = RedisCache.clear
    RedisCache.clear = lambda self: _clear_own_keys(self) if self.key_prefix else clear(self)
    yield
    RedisCache.clear = clear


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits (sign-in, certificate checks) live in the cache: each test starts afresh."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


class CeleryWorker:
    """A real `celery worker` process on Redis, reading the test database.

    It listens on a queue of its own, so a run never takes tasks meant for another worker, and
    writes emails as files into `mail_dir`. `stop()` and `start()` let a test show what happens
    while the queue is not being worked.
    """

    def __init__(self, broker_url, database_url, mail_dir, log_path):
        self.broker_url = broker_url
        self.database_url = database_url
        self.mail_dir = mail_dir
        self.log_path = log_path
        self.queue = f"test-{XDIST_WORKER or 'main'}-{uuid.uuid4().hex[:12]}"
        self.name = f"{self.queue}@localhost"
        self.process = None
        self.env = {}  # more environment for the next start (another EMAIL_URL, say)
        self.options = ["--pool=solo"]  # for the next start (two processes, say)

    def start(self, timeout=120):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DEBUG": "false",
            "DATABASE_URL": self.database_url,
            "CELERY_BROKER_URL": self.broker_url,
            # Four slashes: django-environ drops the first slash of the path.
            "EMAIL_URL": f"filemail:///{self.mail_dir}",
            # Tasks the worker enqueues itself (an email written by a task) come back to it.
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            **self.env,
        }
        log = open(self.log_path, "a")  # closed with the process
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "cms",
                "worker",
                *self.options,
                "--queues",
                self.queue,
                "--hostname",
                self.name,
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        from cms.celery import app

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker exited: {self.log()}")
            if app.control.ping(destination=[self.name], timeout=1):
                return
        raise RuntimeError(f"the worker did not answer within {timeout}s: {self.log()}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log(self):
        return Path(self.log_path).read_text() if Path(self.log_path).exists() else ""

    def emails(self):
        """The emails the worker has sent, as parsed messages."""
        if not self.mail_dir.exists():
            return []
        parser = email.parser.BytesParser(policy=email.policy.default)
        messages = []
        for path in sorted(self.mail_dir.iterdir()):
            # The file backend writes every message of one connection into one file, separated
            # by a line of dashes.
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(parser.parsebytes(chunk))
        return messages

    def wait_for_emails(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.emails()) >= count:
                return self.emails()
            time.sleep(0.2)
        raise AssertionError(f"expected {count} emails, got {len(self.emails())}: {self.log()}")


@pytest.fixture
def celery_worker(redis_url, transactional_db, tmp_path):
    """Start a real Celery worker on Redis against the (PostgreSQL) test database, and send this
    process's tasks to it instead of running them eagerly."""
    from django.db import connection

    from cms.celery import app

    require_service(
        connection.vendor == "postgresql",
        "a real worker shares the test database, which must be PostgreSQL (set DATABASE_URL)",
    )
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    worker = CeleryWorker(redis_url, database_url, tmp_path / "mail", tmp_path / "worker.log")
    keys = ("task_always_eager", "broker_url", "task_default_queue")
    previous = {key: app.conf[key] for key in keys}
    app.conf.update(task_always_eager=False, broker_url=redis_url, task_default_queue=worker.queue)
    worker.start()
    yield worker
    worker.stop()
    app.conf.update(previous)
