"""Dates and periods, in one place for the host and every plugin.

Whole calendar months are the unit every dashboard reads: snapshots are monthly, and anonymous
items are counted by month and never by day (INDICATORS.md section G), so a dashboard period is
always a run of whole months, named by their first days. Month arithmetic is dateutil's.
"""

from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone


def add_months(day, count):
    """The same day `count` months later (earlier, when negative), or the last day of that
    month when it is shorter: 31 January + 1 month is 28 or 29 February. The first day of a
    month stays the first day. Works for dates and datetimes alike."""
    return day + relativedelta(months=count)


def month_start(day):
    """The first day of `day`'s month (a date)."""
    return date(day.year, day.month, 1)


def months_ending(month, count):
    """The first days of the `count` months up to and including `month`'s, oldest first."""
    last = month_start(month)
    return [add_months(last, offset) for offset in range(1 - count, 1)]


def whole_months(start, end):
    """The whole calendar months (local time) inside the moments [start, end): (the first
    month's midnight, the midnight after the last month, how many months); None when the period
    holds no whole month."""
    first = _local_month_start(start)
    if first < start:
        first = add_months(first, 1)
    last = _local_month_start(end)  # the last month boundary at or before `end`
    if first >= last:
        return None
    count = relativedelta(last.date(), first.date())
    return first, last, count.years * 12 + count.months


def _local_month_start(moment):
    local = timezone.localtime(moment)
    return timezone.make_aware(datetime(local.year, local.month, 1))


def this_month(today=None):
    today = today or timezone.localdate()
    return today.replace(day=1)


def last_whole_month(today=None):
    """The last month that has ended: the figures of the month under way are not yet whole."""
    return add_months(this_month(today), -1)


def month_label(month, short=False):
    """ "November 2026", or "Nov 2026" where space is tight (chart axes, table headings)."""
    return f"{month:%b %Y}" if short else f"{month:%B %Y}"


@dataclass(frozen=True)
class Months:
    """The months [first, end): `end` is the first day of the month after the last one."""

    first: date
    end: date

    @classmethod
    def last(cls, count, today=None):
        """The last `count` whole months."""
        end = this_month(today)
        return cls(add_months(end, -count), end)

    @classmethod
    def between(cls, first, last):
        """From month `first` to month `last`, both included."""
        return cls(first.replace(day=1), add_months(last.replace(day=1), 1))

    @property
    def last_month(self):
        return add_months(self.end, -1)

    def __iter__(self):
        # Dashboards walk the period once per cell: stepping whole months by hand costs a tenth
        # of relativedelta's arithmetic (a period always starts on a first day, see `between`).
        month = self.first
        while month < self.end:
            yield month
            month = (
                date(month.year + month.month // 12, month.month % 12 + 1, 1)
                if month.day == 1
                else add_months(month, 1)
            )

    def __len__(self):
        return (self.end.year - self.first.year) * 12 + self.end.month - self.first.month

    @property
    def label(self):
        if len(self) == 1:
            return month_label(self.first, short=True)
        return (
            f"{month_label(self.first, short=True)} to {month_label(self.last_month, short=True)}"
        )

    @property
    def slug(self):
        return f"{self.first:%Y-%m}-to-{self.last_month:%Y-%m}"
