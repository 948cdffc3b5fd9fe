"""The benchmark's dataset: scales, the COPY helper and the runner of the parts' builders.

`manage.py bench_data --scale small` fills a PostgreSQL database with a made-up area of care
services and three years of their history, for `make bench` to measure pages against. Each part
builds its own tables in `<app>/bench/data.py` and registers its builder here with `@builder`;
the host builds organisations, services, people and memberships first (`cms.bench.people`).
Builders run in order (the host, then learning and co-production, then leadership), each in a
transaction of its own. Rows go in by COPY, never the ORM row by row, and every random choice
comes from a `random.Random` seeded by the builder's name, so two builds on the same day are the
same.

A finished build leaves one row in `bench_dataset` (the scale, `BUILDER_VERSION` and the facts
the runner needs), so a second build at that scale does nothing.
"""

import json
import math
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction
from django.utils.module_loading import autodiscover_modules

# Raise it when a builder changes what it makes: a database built by another version is rebuilt.
BUILDER_VERSION = 2
SEED = "safer-cultures-bench"
MARKER_TABLE = "bench_dataset"


@dataclass(frozen=True)
class Scale:
    """How big a dataset is. `staff` counts the people holding the staff role; the other roles
    (supervisors, families, leads, leaders...) are added in proportion. `choice_events` is the
    target for scenario choices over the whole history (met to within a few per cent)."""

    name: str
    services: int
    staff: int
    choice_events: int
    years: int = 3

    @property
    def days(self):
        return 365 * self.years


SCALES = {
    scale.name: scale
    for scale in (
        Scale("tiny", services=3, staff=60, choice_events=3_000),
        Scale("small", services=10, staff=1_000, choice_events=100_000),
        Scale("sab", services=303, staff=30_000, choice_events=10_000_000),
    )
}


def organisation_sizes(services):
    """How many services each organisation has: one big provider with about a third of the
    area's services, one with a sixth, a few of about a fifteenth, then many of ten or fewer."""
    sizes = []
    remaining = services
    for share in (1 / 3, 1 / 6, 1 / 15, 1 / 15, 1 / 15):
        if remaining <= 0:
            break
        size = min(remaining, max(2 if not sizes else 1, math.ceil(services * share)))
        sizes.append(size)
        remaining -= size
    while remaining > 0:
        size = min(remaining, 10)
        sizes.append(size)
        remaining -= size
    return sizes


def skewed_split(total, parts, rng, sigma=1.0, minimum=1):
    """`total` shared among `parts` with a lognormal spread (a few big, many small), each at
    least `minimum`; the shares add up to `total` exactly."""
    if parts <= 0:
        return []
    minimum = min(minimum, total // parts)
    weights = [rng.lognormvariate(0, sigma) for _ in range(parts)]
    spare = total - minimum * parts
    scale = spare / sum(weights)
    shares = [minimum + int(weight * scale) for weight in weights]
    # Hand out what rounding down left, biggest weights first.
    for index in sorted(range(parts), key=lambda i: -weights[i])[: total - sum(shares)]:
        shares[index] += 1
    return shares


@dataclass
class Build:
    """What every builder is given: the scale, the clock, the password hash, the rows made so
    far (`counts`), the facts for the runner, and `host`, the people and places the host made
    (cms.bench.people.Host), which the plugins build on."""

    scale: Scale
    password: str
    password_hash: str
    now: datetime
    counts: Counter = field(default_factory=Counter)
    facts: dict = field(default_factory=dict)
    host: object = None
    shared: dict = field(default_factory=dict)
    log: object = print  # where a builder reports its progress
    _next_ids: dict = field(default_factory=dict)

    @property
    def start(self):
        """The first moment of the history."""
        return self.now - timedelta(days=self.scale.days)

    def rng(self, name):
        return random.Random(f"{SEED}:{self.scale.name}:{name}")

    def ids(self, model, count):
        """`count` primary keys for new rows of `model`, after any the table holds; `copy` moves
        the table's sequence past them."""
        table = model._meta.db_table
        if table not in self._next_ids:
            with connection.cursor() as cursor:
                cursor.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"')
                self._next_ids[table] = cursor.fetchone()[0] + 1
        first = self._next_ids[table]
        self._next_ids[table] = first + count
        return range(first, first + count)

    def next_id(self, model):
        return self.ids(model, 1)[0]

    def copy(self, model, columns, rows):
        """COPY `rows` (tuples in the order of `columns`, which are field names or columns) into
        `model`'s table; returns how many went in. Lists and dicts are written as JSON."""
        table = model._meta.db_table
        names = [_column(model, name) for name in columns]
        quoted = ", ".join(f'"{name}"' for name in names)
        sql = f'COPY "{table}" ({quoted}) FROM STDIN'
        written = 0
        with connection.cursor() as cursor:
            with cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
            if "id" in names and model._meta.pk.get_internal_type() in {
                "AutoField",
                "BigAutoField",
            }:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    f'GREATEST((SELECT COALESCE(MAX("id"), 0) FROM "{table}"), 1))',
                    [table],
                )
        self.counts[model._meta.label] += written
        return written

    def copy_dicts(self, model, rows):
        """COPY `rows`, dicts of attribute names (`service_id`) to values, into `model`'s
        table. A field a row leaves out gets what Django would give it: its default, "" for a
        blank text, None for a nullable one, now for an automatic time. Lists and dicts are
        written as JSON."""
        rows = list(rows)
        if not rows:
            return 0
        fields = model._meta.concrete_fields
        fill = {f.attname: _filler(f, self.now) for f in fields}
        names = [f.attname for f in fields]

        def values(row):
            for name in names:
                value = row[name] if name in row else fill[name]
                if value is _REQUIRED:
                    raise ValueError(f"{model.__name__}.{name} needs a value")
                yield json.dumps(value) if isinstance(value, list | dict) else value

        columns = [f.column for f in fields]
        return self.copy(model, columns, (tuple(values(row)) for row in rows))

    def moment(self, rng, after=None, before=None):
        """A random moment between `after` (default: the start of the history) and `before`
        (default: now)."""
        after = after or self.start
        before = before or self.now
        span = max(0.0, (before - after).total_seconds())
        return after + timedelta(seconds=rng.random() * span)


def _filler(field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if field.blank:
        return ""
    return _REQUIRED


_REQUIRED = object()


def _column(model, name):
    columns = {f.column for f in model._meta.concrete_fields}
    return name if name in columns else model._meta.get_field(name).column


def as_json(value):
    return json.dumps(value)


# --- The registry of builders -----------------------------------------------------------------

# Order: the host first, then the plugins that build on it, then those that read them.
HOST, PLUGINS, READERS = 0, 10, 20
_builders = []


def builder(order, name):
    """Register `function(build)` as the builder of one part's tables; parts register from
    their `bench/data.py`, found by `discover`."""

    def register(function):
        _builders[:] = [entry for entry in _builders if entry[1] != name]
        _builders.append((order, name, function))
        return function

    return register


def discover():
    """Every installed app's builders, in the order they run."""
    from . import people  # noqa: F401 (the host's builder registers itself)

    autodiscover_modules("bench.data")
    return sorted(_builders, key=lambda entry: entry[0])


# --- The marker -------------------------------------------------------------------------------


def _ensure_marker_table():
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} ("
            "scale varchar(16) NOT NULL, builder_version integer NOT NULL, "
            "built_at timestamptz NOT NULL, seconds double precision NOT NULL, "
            "counts jsonb NOT NULL, facts jsonb NOT NULL)"
        )


def existing():
    """The dataset this database holds, as {scale, builder_version, facts, counts}, or None."""
    _ensure_marker_table()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT scale, builder_version, facts, counts, seconds FROM {MARKER_TABLE} LIMIT 1"
        )
        row = cursor.fetchone()
    if row is None:
        return None
    scale, version, facts, counts, seconds = row
    facts = json.loads(facts) if isinstance(facts, str) else facts
    counts = json.loads(counts) if isinstance(counts, str) else counts
    return {
        "scale": scale,
        "builder_version": version,
        "facts": facts,
        "counts": counts,
        "seconds": seconds,
    }


def holds_other_data():
    """Whether the database already has organisations of its own (not a bench dataset)."""
    from cms.organisations.models import Organisation

    return Organisation.objects.exists()


def build(scale, password="bench-password", log=None):
    """Build the dataset at `scale` (a name in SCALES) into the default database, which must
    be migrated and hold no organisations. Returns the marker's content."""
    from django.contrib.auth.hashers import make_password

    log = log or (lambda message: None)
    scale = SCALES[scale]
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    bench = Build(
        scale=scale,
        password=password,
        password_hash=make_password(password),
        now=today,
        log=log,
    )
    started = time.monotonic()
    for _order, name, function in discover():
        began = time.monotonic()
        with transaction.atomic():
            function(bench)
        log(f"{name}: {time.monotonic() - began:.1f} s")
    seconds = time.monotonic() - started
    _ensure_marker_table()
    bench.facts.update(scale=scale.name, builder_version=BUILDER_VERSION, password=password)
    counts = dict(sorted(bench.counts.items()))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")
        cursor.execute(
            f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s, now(), %s, %s, %s)",
            [scale.name, BUILDER_VERSION, seconds, as_json(counts), as_json(bench.facts)],
        )
        cursor.execute("ANALYZE")
    return {
        "scale": scale.name,
        "builder_version": BUILDER_VERSION,
        "facts": bench.facts,
        "counts": counts,
        "seconds": seconds,
    }
