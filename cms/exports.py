"""Helpers for the CSV files the plugins let people download."""

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """`value` as text a spreadsheet will show, not run: text people wrote that starts like a
    formula gets a leading apostrophe."""
    value = str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value
