"""Helpers for the CSV files the plugins let people download: the cell helper that keeps text
from running as a formula, and the one streaming download every CSV export is written with."""

import csv

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


def csv_download(rows, filename, *, byte_order_mark=False):
    """A CSV download named `filename`, written as `rows` (any iterable of lists, best a
    generator over a queryset's `iterator()`) are made: the response starts before the last
    row is read, so memory does not grow with the length of the file."""
    response = StreamingHttpResponse(
        csv_lines(rows, byte_order_mark=byte_order_mark), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
