"""The CSV cell helper every download uses."""

import pytest

from cms.exports import csv_cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_starts_like_a_formula_is_shown_not_run(start):
    assert csv_cell(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_other_values_are_left_as_they_are():
    assert csv_cell("Weekend visits") == "Weekend visits"
    assert csv_cell(12) == "12"
    assert csv_cell("") == ""
