"""The CSV cell helper and the streaming CSV download every export uses."""

import csv

import pytest
from django.http import HttpResponse

from cms.exports import csv_cell, csv_download


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_starts_like_a_formula_is_shown_not_run(start):
    assert csv_cell(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_other_values_are_left_as_they_are():
    assert csv_cell("Weekend visits") == "Weekend visits"
    assert csv_cell(12) == "12"
    assert csv_cell("") == ""


# --- The one streaming CSV download every export uses (issue 16) ---------------------------

ROWS = [
    ["date", "what was said", "amount", "empty"],
    ["2026-11-23", 'She said "call me", then, nothing', 12.5, None],
    ["2026-11-24", "Two lines:\nfirst\r\nsecond", 0, ""],
    ["2026-11-25", "Café, naïve — “quotes” and ✓", -3, "'=SUM(A1)"],
]


def written_before(rows, byte_order_mark=False):
    """The bytes of a CSV download as the exports wrote them before they streamed."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    if byte_order_mark:
        response.write("\ufeff")
    writer = csv.writer(response)
    for row in rows:
        writer.writerow(row)
    return response.content


# A download is read in a transaction on PostgreSQL (cms.exports.read_in_one_transaction).
@pytest.mark.django_db
@pytest.mark.parametrize("byte_order_mark", [False, True])
def test_the_download_is_the_same_bytes_as_before(byte_order_mark):
    response = csv_download(iter(ROWS), "feedback.csv", byte_order_mark=byte_order_mark)
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="feedback.csv"'
    assert b"".join(response.streaming_content) == written_before(ROWS, byte_order_mark)


@pytest.mark.django_db
def test_an_empty_download_is_empty():
    assert b"".join(csv_download(iter([]), "none.csv").streaming_content) == b""


@pytest.mark.django_db
def test_the_rows_are_read_only_as_the_download_is_written():
    read = []

    def rows():
        for row in ROWS:
            read.append(row)
            yield row

    response = csv_download(rows(), "feedback.csv")
    assert read == []  # nothing read before the body is asked for
    chunks = iter(response.streaming_content)
    assert next(chunks) == b"date,what was said,amount,empty\r\n"
    assert read == ROWS[:1]
    assert b"".join(chunks) == written_before(ROWS)[len(b"date,what was said,amount,empty\r\n") :]
    assert read == ROWS
