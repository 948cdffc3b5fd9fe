"""Helpers for the CSV files the plugins let people download: the cell helper that keeps text
from running as a formula, and the one streaming download every CSV export is written with."""

import csv

from django.db import connection, transaction
from django.http import StreamingHttpResponse

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Rows an export reads from the database at a time (a queryset's `iterator(chunk_size=...)`).
EXPORT_CHUNK = 2000

# Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.
BYTE_ORDER_MARK = "\ufeff"


def csv_cell(value):
    """`value` as text a spreadsheet will show, not run: text people wrote that starts like a
    formula gets a leading apostrophe."""
    value = str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class _Line:
    """A file-like object whose write() hands back the line the csv writer made."""

    def write(self, line):
        return line


def csv_lines(rows, *, byte_order_mark=False):
    """The text of `rows` as a CSV file (the csv module's dialect, lines ending in CRLF), a
    line at a time, reading `rows` only as each line is asked for."""
    writer = csv.writer(_Line())
    if byte_order_mark:
        yield BYTE_ORDER_MARK
    for row in rows:
        yield writer.writerow(row)


def read_in_one_transaction(chunks):
    """`chunks` (a generator reading querysets with `iterator()`) consumed inside one
    transaction. Outside a transaction Django declares PostgreSQL's server-side cursors WITH
    HOLD, and PostgreSQL then works out the whole result before handing over its first row:
    a download of an organisation's history would wait minutes for its first byte and spill the
    result to disk on the server. Inside a transaction the cursor hands rows over as the plan
    finds them. SQLite has no server-side cursors (its `iterator()` reads in chunks already),
    and a transaction held for a whole download would hold its lock: there, no transaction."""
    if connection.vendor != "postgresql":
        yield from chunks
        return
    with transaction.atomic():
        yield from chunks


def streaming_download(chunks, filename, content_type):
    """A download named `filename` written as `chunks` are made, read in one transaction
    (read_in_one_transaction)."""
    response = StreamingHttpResponse(read_in_one_transaction(chunks), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_download(rows, filename, *, byte_order_mark=False):
    """A CSV download named `filename`, written as `rows` (any iterable of lists, best a
    generator over a queryset's `iterator()`) are made: the response starts before the last
    row is read, so memory does not grow with the length of the file."""
    return streaming_download(
        csv_lines(rows, byte_order_mark=byte_order_mark),
        filename,
        "text/csv; charset=utf-8",
    )
