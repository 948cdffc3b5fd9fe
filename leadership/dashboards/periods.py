"""Whole calendar months: the unit every dashboard reads. Snapshots are monthly, and anonymous
items are counted by month and never by day (INDICATORS.md section G), so a dashboard period is
always a run of whole months, named by their first days."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone


def add_months(month, count):
    """The first day of the month `count` months after `month` (before, when negative)."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def this_month(today=None):
    today = today or timezone.localdate()
    return today.replace(day=1)


def last_whole_month(today=None):
    """The last month that has ended: the figures of the month under way are not yet whole."""
    return add_months(this_month(today), -1)


def month_label(month):
    return f"{month:%b %Y}"


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
        month = self.first
        while month < self.end:
            yield month
            month = add_months(month, 1)

    def __len__(self):
        return (self.end.year - self.first.year) * 12 + self.end.month - self.first.month

    @property
    def label(self):
        if len(self) == 1:
            return month_label(self.first)
        return f"{month_label(self.first)} to {month_label(self.last_month)}"

    @property
    def slug(self):
        return f"{self.first:%Y-%m}-to-{self.last_month:%Y-%m}"
