"""Dates and periods (cms.periods), the one module every part counts months with."""

import datetime as dt

import pytest
from django.utils import timezone

from cms.periods import Months, add_months, month_label, month_start, months_ending, whole_months


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),  # the shorter month's last day
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),  # a leap year
        (dt.date(2026, 11, 1), 2, dt.date(2027, 1, 1)),  # across a year, first stays first
        (dt.date(2026, 3, 1), -3, dt.date(2025, 12, 1)),
        (dt.date(2026, 5, 15), 12, dt.date(2027, 5, 15)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month(day, count, expected):
    assert add_months(day, count) == expected


def test_months_ending_lists_the_months_up_to_and_including_this_one():
    assert months_ending(dt.date(2026, 2, 17), 3) == [
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
    ]
    assert month_start(dt.date(2026, 2, 17)) == dt.date(2026, 2, 1)


def test_one_month_label_long_or_short():
    assert month_label(dt.date(2026, 11, 1)) == "November 2026"
    assert month_label(dt.date(2026, 11, 1), short=True) == "Nov 2026"
    assert Months.between(dt.date(2026, 9, 1), dt.date(2026, 11, 1)).label == (
        "Sep 2026 to Nov 2026"
    )


def _local(*args):
    return timezone.make_aware(dt.datetime(*args))


def test_whole_months_are_local_midnights_and_need_a_whole_month():
    first, last, count = whole_months(_local(2026, 3, 15), _local(2026, 7, 2))
    # April to June, whole: March and July are only partly inside. British Summer Time starts
    # on 29 March, so April's midnight is 23:00 UTC on 31 March.
    assert (first, last, count) == (_local(2026, 4, 1), _local(2026, 7, 1), 3)
    assert first.astimezone(dt.UTC) == dt.datetime(2026, 3, 31, 23, tzinfo=dt.UTC)
    assert whole_months(_local(2026, 3, 2), _local(2026, 3, 30)) is None
    assert whole_months(_local(2025, 12, 1), _local(2027, 1, 1))[2] == 13
