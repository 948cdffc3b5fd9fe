"""Sealing anonymous answers once their round is over: what a secret ballot (coproduction.rounds)
and a staff pulse round (coproduction.pulse) share.

While answers come in, an answer and the receipt saying who answered are written in one
transaction, so a person with SQL access can pair them through the database's own bookkeeping
(`xmin`, physical row order `ctid`, old row versions). Sealing ends that: the caller writes the
round's rows again in one transaction, in a random order under new random keys
(`rewrite_in_random_order`); then, outside any transaction, `vacuum_full` rewrites the tables so
no old row version is left (a plain VACUUM leaves their bytes in the pages' free space).
Backups, write-ahead log archives and replicas taken before are outside what the site can clear.
"""

import logging
import re
import secrets

from django.db import OperationalError, connection

# VACUUM FULL locks the tables while it rewrites them (a blink for tables this size); it waits
# no longer than this for other transactions, and the caller's sweep tries again.
VACUUM_LOCK_TIMEOUT = "5s"
BATCH = 500

logger = logging.getLogger(__name__)


def rewrite_in_random_order(queryset, fields, **overrides):
    """Delete the rows of `queryset` and write them again, in one statement, in a random order
    (`secrets.SystemRandom`) under new keys (the model's default: a random UUID), keeping
    `fields` (and setting `overrides`). Call it inside the caller's transaction. Afterwards the
    rows' system columns are the same for all and their physical order is random."""
    model = queryset.model
    rows = list(queryset.values_list(*fields))
    queryset.delete()
    secrets.SystemRandom().shuffle(rows)
    model.objects.bulk_create(
        [model(**dict(zip(fields, row, strict=True)), **overrides) for row in rows],
        batch_size=BATCH,
    )
    return len(rows)


def vacuum_full(models, what="anonymous answers"):
    """VACUUM FULL the tables of `models` on PostgreSQL (SQLite keeps no row versions to clear).
    True only when no old row version is left: False inside a transaction, when the tables were
    busy, or when a transaction still open elsewhere (a long report, a backup) kept old versions
    alive, so VACUUM had to copy them; the caller's next sweep tries again."""
    if connection.vendor != "postgresql":
        return True
    if connection.in_atomic_block:
        return False
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    connection.ensure_connection()
    details = []

    def listen(notice):  # a notice's fields can be read only while it is being handled
        details.append(notice.message_detail or "")

    connection.connection.add_notice_handler(listen)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = '{VACUUM_LOCK_TIMEOUT}'")
            try:
                cursor.execute(f"VACUUM (FULL, VERBOSE) {tables}")
            except OperationalError:
                logger.warning("%s tables busy; the next sweep vacuums them", what)
                return False
            finally:
                cursor.execute("RESET lock_timeout")
    finally:
        connection.connection.remove_notice_handler(listen)
    # Per table: '"t": found 3 removable, 20 nonremovable row versions in 1 pages' with the
    # detail '0 dead row versions cannot be removed yet.' (its first number, in any language).
    kept = [int(match.group()) for detail in details if (match := re.match(r"\s*\d+", detail))]
    if len(kept) != len(models):
        logger.warning("VACUUM FULL said nothing about dead row versions: %s", kept)
    if any(kept):
        logger.warning("%s old row versions of %s kept by an open transaction", sum(kept), what)
        return False
    return True
