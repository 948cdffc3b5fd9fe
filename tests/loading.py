"""Heavy data loaded once: the whole demo once per test process, a module's data once per module.

The whole demo takes half a minute to load. `whole_demo()` loads it the first time a test process
asks for it, then keeps a `DatabaseCopy` of every row it wrote (and of the files it wrote under
MEDIA_ROOT) and puts that copy back whenever a later test asks, in about a second. Tests that use
it run on one xdist worker (the `xdist_group` below), so the demo is loaded once per session.
"""

import io
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import TestCase, override_settings


class DatabaseCopy:
    """Every row of every table of the test database (but the migrations record), taken and put
    back with plain SQL: PostgreSQL's binary COPY, or SELECT and INSERT on SQLite. Django's own
    snapshot (serialized rollback) saves object by object, 18 seconds for the demo. Both work
    inside a transaction: what the current connection sees is taken, whether committed or not,
    and a restore inside a test's transaction is rolled back with it. The foreign keys Django
    makes are checked at commit, so the order tables are filled in does not matter. Sequences are
    left as they are: they only rise, so rows added after a restore get ids above the copied
    ones."""

    def __init__(self, tables, media):
        self.tables = tables  # [(table, rows)], rows as the vendor's copy left them
        self.media = media  # a TemporaryDirectory holding what was under MEDIA_ROOT, or None

    @classmethod
    def take(cls):
        with connection.cursor() as cursor:
            tables = [(table, _take[connection.vendor](cursor, table)) for table in _tables(cursor)]
        media = None
        if Path(settings.MEDIA_ROOT).is_dir():
            # Removed when the test process ends.
            media = tempfile.TemporaryDirectory(prefix="media-copy-")
            shutil.copytree(settings.MEDIA_ROOT, media.name, dirs_exist_ok=True)
        return cls(tables, media)

    def restore(self):
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # TRUNCATE refuses while the transaction holds unchecked foreign keys: check
                # them now, then defer again for the tables filled in any order.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("TRUNCATE " + ", ".join(quote(table) for table, _ in self.tables))
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            else:
                for table, _ in self.tables:
                    cursor.execute(f"DELETE FROM {quote(table)}")
            for table, rows in self.tables:
                _restore[connection.vendor](cursor, table, rows)
        if self.media:
            shutil.copytree(self.media.name, settings.MEDIA_ROOT, dirs_exist_ok=True)


def _tables(cursor):
    if connection.vendor == "sqlite":
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        found = cursor.fetchall()
        # Wagtail's full-text index is a virtual table (with shadow tables, `<name>_data`, ...)
        # that triggers on the index entries keep in step: copying the entries refills it.
        virtual = [name for name, sql in found if sql.upper().startswith("CREATE VIRTUAL TABLE")]
        names = [
            name
            for name, _ in found
            if not name.startswith("sqlite_")
            and not any(name == table or name.startswith(f"{table}_") for table in virtual)
        ]
    else:
        names = connection.introspection.table_names(cursor)
    return [name for name in names if name != "django_migrations"]


def _take_sqlite(cursor, table):
    cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
    return [tuple(row) for row in cursor.fetchall()]


def _restore_sqlite(cursor, table, rows):
    if rows:
        marks = ", ".join(["%s"] * len(rows[0]))
        cursor.executemany(f"INSERT INTO {connection.ops.quote_name(table)} VALUES ({marks})", rows)


def _take_postgresql(cursor, table):
    with cursor.copy(f"COPY {connection.ops.quote_name(table)} TO STDOUT (FORMAT BINARY)") as copy:
        return b"".join(bytes(block) for block in copy)


def _restore_postgresql(cursor, table, data):
    with cursor.copy(f"COPY {connection.ops.quote_name(table)} FROM STDIN (FORMAT BINARY)") as copy:
        copy.write(data)


_take = {"sqlite": _take_sqlite, "postgresql": _take_postgresql}
_restore = {"sqlite": _restore_sqlite, "postgresql": _restore_postgresql}


class LoadedOnce:
    """`load()` run once per test process, on a database as every test starts with it (the
    migrations' data), then copied; later calls put the copy back. Returns what `load` returned.
    What `load` sets off on commit (emails, certificates) runs before the copy is taken."""

    def __init__(self, load, group):
        self.load = load
        self.group = group  # the xdist group of every test that uses it
        self.value = None
        self.copy = None

    def __call__(self):
        if self.copy is None:
            with TestCase.captureOnCommitCallbacks(execute=True):
                value = self.load()
            self.copy = DatabaseCopy.take()
            self.value = value
        else:
            self.copy.restore()
        return self.value


def _load_whole_demo():
    stdout = io.StringIO()
    call_command("load_demo", stdout=stdout)
    return stdout.getvalue()


# The whole demo, as `make run` loads it; the value is what `load_demo` printed.
whole_demo = LoadedOnce(_load_whole_demo, group="whole-demo")


def shares(loaded_once):
    """Marks a fixture function as using `loaded_once`, so tests/conftest.py runs every test that
    asks for it on the xdist worker that holds the copy."""

    def mark(function):
        function.xdist_group = loaded_once.group
        return function

    return mark


def loaded_once_per_module(load):
    """A module-scoped fixture for heavy data (a demo) that a module's tests read: `load()` runs
    once, when the first test asks for it, inside a transaction rolled back after the module's
    last test; each test runs in a savepoint of its own within it (as with Django's
    setUpTestData), so what one test writes the next does not see. What `load` sets off on commit
    (emails, certificates) runs as it would, its files in a media folder of the module's. The
    value is what `load` returns. `load` may be a `LoadedOnce` (`whole_demo`): then the data is
    put back from its copy when another module loaded it first. Not for tests that commit
    (transactional ones, browser tests).
    Use: `loaded = loaded_once_per_module(load_all)` in the test module."""

    def fixture(django_db_setup, django_db_blocker, tmp_path_factory):
        media = tmp_path_factory.mktemp("media")
        with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
            with transaction.atomic():
                if isinstance(load, LoadedOnce):
                    value = load()
                else:
                    with TestCase.captureOnCommitCallbacks(execute=True):
                        value = load()
                yield value
                transaction.set_rollback(True)

    if isinstance(load, LoadedOnce):
        fixture = shares(load)(fixture)
    return pytest.fixture(scope="module")(fixture)
