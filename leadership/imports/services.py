"""Writes of the imports part: reading an uploaded CSV file of HR, rota, occupancy, complaints,
practice and outcomes or restrictive practice figures, checking every cell, and saving it as
one `DataImport` with its rows, replacing an earlier file of the same kind and period.

Reading is split from saving so it can be tested without files or a database:
`decode_csv(bytes) -> str` and `read_csv(kind, text, ...) -> ParsedFile` are pure; both raise
`ImportRefused` listing every problem found as (line, column, message). `import_csv` adds the
size check, the organisation's services, the overlap rule and the one transaction that writes.

The period is read from the file, never typed in: a file covers the months (weeks for the rota)
its rows name, which must follow one another without a gap, and is stored from the first day of
the first month (the first Monday) to the last day of the last month (the last Sunday). A
restrictive practice file has a row per episode, so a month with none has no row: its months
may have gaps, and it covers the first to the last month it names.

Columns added to a kind after providers had its template (the HR file's manager, supervision
and exit interview columns) come in groups that a file may leave out together, so a file made
from the earlier template still imports; their figures are then None ("not given"), never 0.
"""

import csv
import io
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.log_actions import log

from cms.organisations.models import Organisation
from cms.periods import add_months, last_whole_month

from .models import (
    EXIT_THEMES,
    ComplaintsMonth,
    DataImport,
    HRMonth,
    OccupancyMonth,
    PracticeMonth,
    RestrictivePracticeEpisode,
    RotaWeek,
    exit_field,
)

Kind = DataImport.Kind

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILE_SIZE_TEXT = "5 MB"
HOURS_IN_A_WEEK = Decimal(168)
# PositiveIntegerField's ceiling on every database the project runs on.
MAX_COUNT = 2_147_483_647
EARLIEST_YEAR = 2000

__all__ = [
    "MAX_FILE_BYTES",
    "SPECS",
    "ImportRefused",
    "ParsedFile",
    "Problem",
    "check_size",
    "decode_csv",
    "describe_period",
    "kind_noun",
    "import_csv",
    "import_delete",
    "read_csv",
    "template_rows",
]


# --- Problems -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file. `line` is the row number a spreadsheet shows (the heading row
    is line 1), or None for the file as a whole; `column` is the column's heading, or "" when
    the problem is not in one column."""

    line: int | None
    column: str
    message: str

    def __str__(self):
        where = [f"line {self.line}" if self.line else "", self.column and f"column {self.column}"]
        where = ", ".join(part for part in where if part)
        return f"{where[0].upper()}{where[1:]}: {self.message}" if where else self.message


class ImportRefused(ValidationError):
    """The file was not imported. `problems` lists every Problem found; `conflict` is the earlier
    import the file overlaps, when that is why."""

    def __init__(self, problems, conflict=None):
        self.problems = list(problems)
        self.conflict = conflict
        super().__init__([str(problem) for problem in self.problems])


class CellError(Exception):
    """A cell's value cannot be used; the message says why, in words for the person who made
    the file."""


# --- Reading one cell ---------------------------------------------------------------------------


@dataclass
class Context:
    """What reading a cell needs to know beyond the cell: the organisation's services by name
    and today's date (nothing may be dated after it)."""

    organisation_name: str
    services: list
    today: date
    _exact: dict = field(init=False)
    _folded: dict = field(init=False)

    def __post_init__(self):
        self._exact = {service.name.strip(): service for service in self.services}
        folded = {}
        for service in self.services:
            folded.setdefault(service.name.strip().casefold(), []).append(service)
        # Two services whose names differ only in capitals need the exact spelling.
        self._folded = {name: found[0] for name, found in folded.items() if len(found) == 1}

    def service_named(self, name):
        return self._exact.get(name) or self._folded.get(name.casefold())

    def service_names(self, limit=10):
        names = sorted(self._exact)
        shown = ", ".join(names[:limit])
        return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
MONTH = re.compile(r"(\d{4})-(\d{2})")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")
MAX_CODE_LENGTH = RotaWeek._meta.get_field("person_code").max_length
NAME_PUNCTUATION = re.compile(r"[\s'’.,-]")


def read_service(text, context):
    if not text:
        raise CellError("Missing: enter the service's name.")
    service = context.service_named(text)
    if service is None:
        names = context.service_names()
        listing = f" Its services are: {names}." if names else " It has no services yet."
        raise CellError(
            f"There is no service called “{text}” in {context.organisation_name}.{listing}"
        )
    return service


def _check_year(day, context):
    if day.year < EARLIEST_YEAR:
        raise CellError(f"The year {day.year} looks wrong: check it.")


def read_month(text, context):
    match = MONTH.fullmatch(text)
    if not text:
        raise CellError("Missing: enter the month as YYYY-MM, for example 2025-01.")
    if not match or not 1 <= int(match[2]) <= 12:
        raise CellError(
            f"“{text}” is not a month written as YYYY-MM, for example 2025-01. If a spreadsheet "
            "changed it (to “Jan-25”, say), format the column as text and type it again."
        )
    month = date(int(match[1]), int(match[2]), 1)
    _check_year(month, context)
    if month > context.today:
        raise CellError(f"{date_format(month, 'F Y')} has not started yet.")
    return month


def read_monday(text, context):
    if not text:
        raise CellError("Missing: enter the Monday the week starts on, as YYYY-MM-DD.")
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise CellError(
            f"“{text}” is not a date written as YYYY-MM-DD, for example 2025-01-06. If a "
            "spreadsheet changed it, format the column as text and type it again."
        ) from None
    _check_year(day, context)
    if day.weekday() != 0:
        monday = day - timedelta(days=day.weekday())
        raise CellError(
            f"{date_format(day, 'j F Y')} is a {date_format(day, 'l')}, not a Monday. The week "
            f"it is in starts on Monday {date_format(monday, 'j F Y')}."
        )
    if day > context.today:
        raise CellError(f"The week starting {date_format(day, 'j F Y')} has not started yet.")
    return day


def _number(text):
    if not text:
        raise CellError("Missing: enter a number (0 if there were none).")
    if not NUMBER.fullmatch(text):
        raise CellError(
            f"“{text}” is not a number. Write digits only, without commas, spaces or units."
        )
    value = Decimal(text)
    if value < 0:
        raise CellError(f"{text} is negative: it must be 0 or more.")
    return value


def read_count(text, context):
    value = _number(text)
    if value != value.to_integral_value():
        raise CellError(f"{text} is not a whole number.")
    if value > MAX_COUNT:
        raise CellError(f"{text} is too large.")
    return int(value)


def _decimal_reader(places, largest, unit):
    def read(text, context):
        value = _number(text)
        if value.as_tuple().exponent < -places:
            example = "7.5" if places == 1 else "7.25"
            raise CellError(
                f"{text} has too many decimal places: use at most {places}, for example {example}."
            )
        if value > largest:
            raise CellError(f"{text} is more than {largest}, {unit}.")
        return value

    return read


read_days = _decimal_reader(1, Decimal("9999999.9"), "too many to be right")
read_hours = _decimal_reader(2, HOURS_IN_A_WEEK, "the number of hours in a week")


def _code_reader(missing):
    def read(text, context):
        if not text:
            raise CellError(missing)
        return read_code(text, context)

    return read


def read_code(text, context):
    """A code the provider chose for a person or a shift: never a name or an email address."""
    if "@" in text:
        raise CellError("This looks like an email address: use a code, not a name or email.")
    words = NAME_PUNCTUATION.sub("", text)
    if words.isalpha() and re.search(r"[\s,]", text):
        raise CellError("This looks like a person's name: use a code, not a name.")
    if re.search(r"\s", text):
        raise CellError("A code has no spaces.")
    if not CODE.fullmatch(text):
        raise CellError(
            "Use only letters, numbers, full stops, hyphens, slashes and underscores in a code."
        )
    if len(text) > MAX_CODE_LENGTH:
        raise CellError(f"A code has at most {MAX_CODE_LENGTH} characters.")
    return text


read_person_code = _code_reader("Missing: enter the person's code from your rota or HR system.")
read_episode_person = _code_reader(
    "Missing: enter the code your care records use for the person (never their name)."
)
read_shift_code = _code_reader(
    "Missing: enter the code of the shift or team (for example NIGHT), never a person's name."
)


def _choice_key(text):
    return re.sub(r"[\s-]+", "_", text.strip().casefold())


PRACTICES = {
    **{_choice_key(label): value for value, label in RestrictivePracticeEpisode.Practice.choices},
    **{value: value for value in RestrictivePracticeEpisode.Practice.values},
}


def read_practice(text, context):
    value = PRACTICES.get(_choice_key(text))
    if value is None:
        shown = f"“{text}” is not" if text else "Missing: enter"
        raise CellError(f"{shown} one of {', '.join(RestrictivePracticeEpisode.Practice.values)}.")
    return value


YES_NO = {"yes": True, "y": True, "no": False, "n": False}


def read_yes_no(text, context):
    if not text:
        raise CellError("Missing: enter yes or no.")
    value = YES_NO.get(text.casefold())
    if value is None:
        raise CellError(f"“{text}” is not yes or no.")
    return value


CONTRACTS = dict(RotaWeek.Contract.choices)


def read_contract(text, context):
    value = text.casefold()
    if value not in CONTRACTS:
        shown = f"“{text}” is not" if text else "Missing:"
        raise CellError(f"{shown} one of permanent, bank or agency.")
    return value


# --- What each kind of file holds ---------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a kind of file. Columns sharing a `group` may be left out of a file
    together (their values are then None); a file with some of a group needs them all."""

    name: str
    read: Callable[[str, Context], Any]
    note: str
    example: Callable[["Example"], str]
    group: str = ""


@dataclass(frozen=True)
class Example:
    """What the template file's example row is built from."""

    service_name: str
    month: date
    monday: date


def _month_example(example):
    return f"{example.month:%Y-%m}"


def _fixed(value):
    return lambda example: value


SERVICE = Column(
    "service",
    read_service,
    "The service's name, exactly as it is on this site.",
    lambda example: example.service_name,
)
MONTH_COLUMN = Column(
    "month",
    read_month,
    "The month the figures are for, as YYYY-MM (for example 2025-01).",
    _month_example,
)


def _count_column(name, note, example, group=""):
    return Column(name, read_count, note, _fixed(str(example)), group)


@dataclass(frozen=True)
class KindSpec:
    """One kind of file: its columns (in the template's order), the column that dates a row, the
    columns that may not repeat together (none: rows may repeat), the checks across a row's
    cells, and whether the months may have gaps (a month with nothing to record has no row)."""

    kind: str
    model: type
    description: str
    columns: tuple
    period_column: str
    key: tuple
    row_checks: tuple = ()
    gaps_allowed: bool = False

    @property
    def by_weeks(self):
        return self.period_column == "week_start"

    @property
    def column_names(self):
        return [column.name for column in self.columns]

    @property
    def required_names(self):
        return [column.name for column in self.columns if not column.group]

    def groups(self):
        """{group: its columns' names} of the columns a file may leave out together."""
        found = {}
        for column in self.columns:
            if column.group:
                found.setdefault(column.group, []).append(column.name)
        return found


def _not_more_than(column, limit_column, what, limit_what):
    def check(values):
        value, limit = values.get(column), values.get(limit_column)
        if value is not None and limit is not None and value > limit:
            yield column, f"{what} ({value}) is more than {limit_what} ({limit})."

    return check


def _within_month(column, what):
    def check(values):
        value, month = values.get(column), values.get("month")
        if value is not None and month is not None:
            days = _days_in_month(month)
            if value > days:
                yield (
                    column,
                    f"{what} ({value}) is more than the {days} days of "
                    + date_format(month, "F Y")
                    + ".",
                )

    return check


def _exit_themes_add_up(values):
    interviews = values.get("exit_interviews")
    themes = [values.get(exit_field(code)) for code, _label in EXIT_THEMES]
    if interviews is None or any(theme is None for theme in themes):
        return
    total = sum(themes)
    if total != interviews:
        were = "leaver was" if interviews == 1 else "leavers were"
        yield (
            "exit_interviews",
            f"The exit themes add up to {total}, but {interviews} {were} interviewed: give each "
            "interviewed leaver's main reason for leaving under one theme.",
        )


MANAGER = "manager"
SUPERVISION = "supervision"
EXITS = "exit interviews"

HR_ADDITIONS = (
    _count_column(
        "registered_manager_changes",
        "Times the registered manager changed that month (a new manager, or an acting one).",
        0,
        MANAGER,
    ),
    _count_column(
        "manager_post_vacant_days",
        "Days that month with no registered manager in post.",
        0,
        MANAGER,
    ),
    _count_column(
        "staff_due_supervision",
        "Staff due a supervision that month under your supervision policy.",
        38,
        SUPERVISION,
    ),
    _count_column(
        "staff_supervised",
        "Of those, how many had their supervision by the end of the month.",
        34,
        SUPERVISION,
    ),
    _count_column("exit_interviews", "Leavers that month who had an exit interview.", 2, EXITS),
    *(
        _count_column(
            exit_field(code),
            f"Interviewed leavers whose main reason for leaving was: {label}.",
            1 if code in ("culture", "pay") else 0,
            EXITS,
        )
        for code, label in EXIT_THEMES
    ),
)

SPECS = {
    Kind.HR: KindSpec(
        kind=Kind.HR,
        model=HRMonth,
        description=(
            "Staffing for each service and month, as counts: no names. The manager, "
            "supervision and exit interview columns may each be left out as a group (a file "
            "made from the earlier template still imports), but not one column of a group."
        ),
        columns=(
            SERVICE,
            MONTH_COLUMN,
            _count_column("headcount", "People employed at the service that month.", 40),
            _count_column("starters", "People who joined that month.", 2),
            _count_column("leavers", "People who left that month.", 3),
            _count_column(
                "leavers_under_one_year",
                "Of those leavers, how many had worked there less than a year.",
                1,
            ),
            Column(
                "sickness_days_lost",
                read_days,
                "Working days lost to sickness; halves allowed (for example 24.5).",
                _fixed("24.5"),
            ),
            Column(
                "working_days_available",
                read_days,
                "Working days the staff were contracted for that month.",
                _fixed("840"),
            ),
            _count_column("bullying_reports", "Bullying or harassment reports opened.", 0),
            _count_column("grievance_reports", "Grievances opened.", 1),
            _count_column(
                "cases_closed_informally",
                "Bullying or grievance cases closed informally, without an investigation.",
                0,
            ),
            *HR_ADDITIONS,
        ),
        period_column="month",
        key=("service", "month"),
        row_checks=(
            _not_more_than(
                "leavers_under_one_year", "leavers", "Leavers under one year", "leavers"
            ),
            _not_more_than(
                "sickness_days_lost",
                "working_days_available",
                "Sickness days lost",
                "working days available",
            ),
            _within_month(
                "manager_post_vacant_days", "Days the registered manager's post was vacant"
            ),
            _not_more_than(
                "staff_supervised",
                "staff_due_supervision",
                "Staff supervised",
                "staff due supervision",
            ),
            _not_more_than("exit_interviews", "leavers", "Exit interviews", "leavers"),
            _exit_themes_add_up,
        ),
    ),
    Kind.ROTA: KindSpec(
        kind=Kind.ROTA,
        model=RotaWeek,
        description=(
            "Hours each person worked at each service, week by week. People are identified by a "
            "code from your rota or HR system, never by name."
        ),
        columns=(
            SERVICE,
            Column(
                "week_start",
                read_monday,
                "The Monday the week starts on, as YYYY-MM-DD (for example 2025-01-06).",
                lambda example: example.monday.isoformat(),
            ),
            Column(
                "person_code",
                read_person_code,
                "The person's code from your rota or HR system (for example S0042). Never a "
                "name or email address.",
                _fixed("S0001"),
            ),
            Column(
                "hours",
                read_hours,
                "Hours worked that week, up to 168 (for example 37.5).",
                _fixed("37.5"),
            ),
            Column(
                "contract",
                read_contract,
                "permanent, bank or agency.",
                _fixed(RotaWeek.Contract.PERMANENT.value),
            ),
        ),
        period_column="week_start",
        key=("service", "week_start", "person_code"),
    ),
    Kind.OCCUPANCY: KindSpec(
        kind=Kind.OCCUPANCY,
        model=OccupancyMonth,
        description="Beds available and used at each service, month by month.",
        columns=(
            SERVICE,
            MONTH_COLUMN,
            _count_column(
                "available_bed_nights",
                "Beds available each night, added up over the month (30 beds for 30 nights is "
                "900).",
                900,
            ),
            _count_column(
                "occupied_bed_nights", "Beds occupied each night, added up over the month.", 810
            ),
            _count_column(
                "planned_closure_bed_nights",
                "Bed-nights closed on purpose (for example for refurbishment), so a planned "
                "closure is not read as a fall.",
                0,
            ),
        ),
        period_column="month",
        key=("service", "month"),
        row_checks=(
            _not_more_than(
                "occupied_bed_nights",
                "available_bed_nights",
                "Occupied bed-nights",
                "available bed-nights",
            ),
        ),
    ),
    Kind.COMPLAINTS: KindSpec(
        kind=Kind.COMPLAINTS,
        model=ComplaintsMonth,
        description=(
            "Complaints handled outside this site, for each service and month. Concerns raised "
            "on this site are counted already."
        ),
        columns=(
            SERVICE,
            MONTH_COLUMN,
            _count_column("received", "Complaints received that month.", 3),
            _count_column(
                "responded", "Complaints given a full response that month (whenever made).", 3
            ),
            _count_column("upheld", "Complaints upheld, fully or in part, that month.", 1),
        ),
        period_column="month",
        key=("service", "month"),
    ),
    Kind.PRACTICE: KindSpec(
        kind=Kind.PRACTICE,
        model=PracticeMonth,
        description=(
            "Incidents, safeguarding enquiries and basic care outcomes for each service and "
            "month, as counts: no names. This file also says a month was reported, so a month "
            "with no restrictive practice is counted as none: upload both files for a month."
        ),
        columns=(
            SERVICE,
            MONTH_COLUMN,
            _count_column("incidents", "Incidents reported that month, near misses included.", 12),
            _count_column("near_misses", "Of those, near misses (no harm done).", 4),
            _count_column(
                "safeguarding_enquiries",
                "Safeguarding enquiries the local authority opened about people at the service "
                "(Care Act section 42).",
                1,
            ),
            _count_column("medication_errors", "Medication errors, given or not.", 2),
            _count_column(
                "pressure_ulcers", "Pressure ulcers that began while the person was here.", 0
            ),
            _count_column(
                "unplanned_weight_loss", "People found to have lost weight without a plan.", 1
            ),
            _count_column(
                "long_term_segregation_days",
                "Days people spent in long-term segregation, added up over people (two people "
                "for all of a 30-day month is 60).",
                0,
            ),
        ),
        period_column="month",
        key=("service", "month"),
        row_checks=(_not_more_than("near_misses", "incidents", "Near misses", "incidents"),),
    ),
    Kind.RESTRICTIVE: KindSpec(
        kind=Kind.RESTRICTIVE,
        model=RestrictivePracticeEpisode,
        description=(
            "One row for each time a restrictive practice was used, with codes for the person "
            "and the shift, never names. A month with none needs no rows; the practice and "
            "outcomes file for that month shows it was reported."
        ),
        columns=(
            SERVICE,
            Column(
                "month",
                read_month,
                "The month it happened, as YYYY-MM (for example 2025-01). No dates: the month "
                "is enough, and says less about who it was.",
                _month_example,
            ),
            Column(
                "person_code",
                read_episode_person,
                "The code your care records use for the person it was used on (for example "
                "P0042). Never a name.",
                _fixed("P0001"),
            ),
            Column(
                "shift_code",
                read_shift_code,
                "A code for the shift or team on duty (for example EARLY, LATE, NIGHT). Never "
                "a person's name.",
                _fixed("NIGHT"),
            ),
            Column(
                "practice",
                read_practice,
                "What was used: "
                + "; ".join(
                    f"{value} ({label.lower()})"
                    for value, label in RestrictivePracticeEpisode.Practice.choices
                )
                + ".",
                _fixed(RestrictivePracticeEpisode.Practice.RESTRAINT.value),
            ),
            Column(
                "debrief",
                read_yes_no,
                "yes if a debrief with the person and the staff followed, no if not.",
                _fixed("yes"),
            ),
        ),
        period_column="month",
        key=(),
        gaps_allowed=True,
    ),
}


def kind_noun(kind):
    """The kind as it reads inside a sentence: "HR", "rota", "occupancy", "complaints"."""
    kind = Kind(kind)
    return kind.label if kind == Kind.HR else kind.label.lower()


# --- Periods ------------------------------------------------------------------------------------


def _month_end(month):
    return add_months(month, 1) - timedelta(days=1)


def _days_in_month(month):
    return (add_months(month, 1) - month).days


def describe_period(kind, start, end):
    """A period in words: "January 2025", "January to March 2025", "the week of 6 January
    2025", "the weeks of 6 to 20 January 2025" (the Mondays the weeks start on)."""
    if SPECS[kind].by_weeks:
        if end - start <= timedelta(days=6):
            return f"the week of {date_format(start, 'j F Y')}"
        last_monday = end - timedelta(days=6)
        if start.year != last_monday.year:
            first = date_format(start, "j F Y")
        elif start.month != last_monday.month:
            first = date_format(start, "j F")
        else:
            first = date_format(start, "j")
        return f"the weeks of {first} to {date_format(last_monday, 'j F Y')}"
    if (start.year, start.month) == (end.year, end.month):
        return date_format(start, "F Y")
    first = date_format(start, "F" if start.year == end.year else "F Y")
    return f"{first} to {date_format(end, 'F Y')}"


def _steps(spec, first, last):
    """Every month (or Monday) from `first` to `last`."""
    step = first
    while step <= last:
        yield step
        step = step + timedelta(days=7) if spec.by_weeks else add_months(step, 1)


def _period(spec, dates):
    """(start, end, the months or weeks in between that have no rows)."""
    first, last = min(dates), max(dates)
    missing = [step for step in _steps(spec, first, last) if step not in dates]
    end = last + timedelta(days=6) if spec.by_weeks else _month_end(last)
    return first, end, missing


def _gap_problem(spec, missing):
    if spec.by_weeks:
        named = [f"the week of {date_format(day, 'j F Y')}" for day in missing[:6]]
        unit = "weeks"
    else:
        named = [date_format(day, "F Y") for day in missing[:6]]
        unit = "months"
    more = f" and {len(missing) - 6} more" if len(missing) > 6 else ""
    return Problem(
        None,
        spec.period_column,
        f"There are no rows for {', '.join(named)}{more}. A file covers {unit} that follow one "
        f"another: add the missing rows, or upload the {unit} either side as separate files.",
    )


# --- Reading a file -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedFile:
    """A file that passed every check: its period and its rows, each a dict of model field values
    (the service as a Service)."""

    kind: str
    period_start: date
    period_end: date
    rows: list

    @property
    def period_text(self):
        return describe_period(self.kind, self.period_start, self.period_end)


def check_size(uploaded_file):
    if uploaded_file.size > MAX_FILE_BYTES:
        raise ImportRefused(
            [
                Problem(
                    None,
                    "",
                    f"The file is larger than {MAX_FILE_SIZE_TEXT}. Split it into files of "
                    "fewer months or weeks and upload each.",
                )
            ]
        )


def decode_csv(data):
    """The file's text. Excel's "CSV UTF-8" starts with a byte-order mark, which is dropped."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRefused(
            [
                Problem(
                    line,
                    "",
                    "The file is not saved as UTF-8 text. In Excel choose “Save as”, then "
                    "“CSV UTF-8 (comma delimited)”, and upload that file.",
                )
            ]
        ) from None


def _column_letter(index):
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _read_header(spec, header):
    """(position of each expected column, problems with the heading row, whether rows can be
    read). Headings are compared without surrounding spaces or capitals."""
    names = [cell.strip().casefold() for cell in header]
    while names and not names[-1]:
        names.pop()
    expected = spec.column_names
    problems = []
    if len(names) == 1 and ";" in names[0]:
        problems.append(
            Problem(
                1,
                "",
                "The columns are separated by semicolons. Save the file as CSV with commas "
                "(in Excel: “CSV UTF-8 (comma delimited)”).",
            )
        )
        return {}, problems, False
    positions = {}
    for index, name in enumerate(names):
        if not name:
            problems.append(
                Problem(
                    1,
                    _column_letter(index),
                    "This column has no heading. Remove the column or give it a heading from "
                    "the template.",
                )
            )
        elif name in positions:
            problems.append(Problem(1, name, "This heading appears more than once."))
        elif name not in expected:
            problems.append(
                Problem(
                    1,
                    name,
                    f"{spec.kind.label} files have no column called “{name}”. Remove the "
                    f"column; the columns are: {', '.join(expected)}.",
                )
            )
        else:
            positions[name] = index
    missing = [name for name in spec.required_names if name not in positions]
    for name in missing:
        problems.append(Problem(1, name, "This column is missing. Add it with this heading."))
    part_groups = False
    for names_in_group in spec.groups().values():
        present = [name for name in names_in_group if name in positions]
        if not present or len(present) == len(names_in_group):
            continue
        part_groups = True
        for name in names_in_group:
            if name not in positions:
                problems.append(
                    Problem(
                        1,
                        name,
                        f"This column is missing. It goes with {present[0]}: add it with this "
                        f"heading, or remove {present[0]}.",
                    )
                )
    if missing:
        other = _kind_with_headings(set(names))
        if other is not None and other != spec.kind:
            # First: it explains every column problem listed after it, which follow from it.
            problems.insert(
                0,
                Problem(
                    1,
                    "",
                    f"These are the columns of a {kind_noun(other)} file. Choose "
                    f"“{other.label}” as the kind of file, or upload the "
                    f"{kind_noun(spec.kind)} file.",
                ),
            )
    return positions, problems, not missing and not part_groups


def _kind_with_headings(names):
    for kind, spec in SPECS.items():
        if names in (set(spec.column_names), set(spec.required_names)):
            return kind
    return None


def _records(text, problems):
    """(line, cells) for each record, counting lines as a spreadsheet shows rows. A record that
    cannot be read ends the reading, with a problem for its line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 0
    while True:
        line += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.append(Problem(line, "", f"This line could not be read as CSV ({error})."))
            return
        yield line, cells


def _duplicate_message(spec, values, earlier_line):
    service = values["service"].name
    if spec.by_weeks:
        week = date_format(values["week_start"], "j F Y")
        return (
            f"{values['person_code']} already has a row for {service} in the week of {week}, "
            f"on line {earlier_line}."
        )
    month = date_format(values["month"], "F Y")
    return f"{service} already has a row for {month}, on line {earlier_line}."


def read_csv(kind, text, *, organisation_name, services: Iterable, today=None):
    """Check every cell of a file's text and return a ParsedFile, or raise ImportRefused with
    every problem found. `services` are the organisation's services (anything with a `name`)."""
    spec = SPECS[kind]
    context = Context(organisation_name, list(services), today or timezone.localdate())
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ImportRefused(
            [Problem(None, "", "The file is empty. Download the template and fill it in.")]
        )
    problems = []
    records = _records(text, problems)
    _line, header = next(records, (1, None))
    if header is None:
        raise ImportRefused(problems)
    positions, header_problems, readable = _read_header(spec, header)
    problems.extend(header_problems)
    if not readable:
        raise ImportRefused(problems)
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    rows, dates, seen, data_lines = [], set(), {}, 0
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue  # spreadsheets often leave blank rows at the end
        data_lines += 1
        line_problems = []
        if any(cell.strip() for cell in cells[width:]):
            line_problems.append(
                Problem(
                    line,
                    "",
                    f"This line has more cells than there are columns ({width}). Remove the "
                    "extra cells.",
                )
            )
        values = {}
        for column in spec.columns:
            position = positions.get(column.name)
            if position is None:  # a group of columns the file leaves out
                values[column.name] = None
                continue
            cell = cells[position].strip() if position < len(cells) else ""
            try:
                values[column.name] = column.read(cell, context)
            except CellError as error:
                line_problems.append(Problem(line, column.name, str(error)))
        for check in spec.row_checks:
            line_problems.extend(Problem(line, name, message) for name, message in check(values))
        if spec.period_column in values:
            dates.add(values[spec.period_column])
        if spec.key and all(name in values for name in spec.key):
            # Services are told apart by name: unique within an organisation.
            key = tuple(
                values[name].name if name == "service" else values[name] for name in spec.key
            )
            if key in seen:
                line_problems.append(
                    Problem(line, spec.key[-1], _duplicate_message(spec, values, seen[key]))
                )
            else:
                seen[key] = line
        problems.extend(line_problems)
        if not line_problems:
            rows.append(values)
    if not data_lines:
        problems.append(
            Problem(
                None,
                "",
                "The file has a heading row but no rows of figures. Add a row for each "
                f"service and {'week' if spec.by_weeks else 'month'}.",
            )
        )
    if dates:
        start, end, missing = _period(spec, dates)
        if missing and not spec.gaps_allowed:
            problems.append(_gap_problem(spec, missing))
    if problems:
        raise ImportRefused(problems)
    return ParsedFile(kind=spec.kind, period_start=start, period_end=end, rows=rows)


# --- Saving -------------------------------------------------------------------------------------


def _log_removal(data_import, by, **extra):
    log(
        instance=data_import,
        action="wagtail.delete",
        user=by,
        data={
            "organisation": data_import.organisation_id,
            "kind": data_import.kind,
            "period_start": data_import.period_start.isoformat(),
            "period_end": data_import.period_end.isoformat(),
            "file_name": data_import.file_name,
            "row_count": data_import.row_count,
            **extra,
        },
    )


def _overlap_problem(earlier, parsed):
    uploaded = date_format(timezone.localtime(earlier.uploaded_at), "j F Y")
    return Problem(
        None,
        "",
        f"This file covers {parsed.period_text}, which overlaps the "
        f"{kind_noun(earlier.kind)} file for "
        f"{describe_period(earlier.kind, earlier.period_start, earlier.period_end)} "
        f"(“{earlier.file_name}”, uploaded on {uploaded}). Figures would be counted twice. "
        "Upload a file for exactly that period to replace it, or delete that import first.",
    )


def import_csv(organisation, kind, uploaded_file, by, today=None):
    """Read `uploaded_file` and save it as a DataImport of `kind` for `organisation`, or raise
    ImportRefused (nothing saved). A file for exactly the period of an earlier import of the same
    kind replaces it (logged as a deletion); a file that only overlaps one is refused. The
    returned import's `replaced` is the import it replaced, or None."""
    spec = SPECS[Kind(kind)]
    check_size(uploaded_file)
    uploaded_file.seek(0)
    text = decode_csv(uploaded_file.read())
    parsed = read_csv(
        spec.kind,
        text,
        organisation_name=organisation.name,
        services=organisation.services.all(),
        today=today,
    )
    file_name = posixpath.basename((uploaded_file.name or "upload.csv").replace("\\", "/"))
    try:
        with transaction.atomic():
            # One upload per organisation at a time, so two overlapping files cannot both pass
            # the overlap check.
            Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
            overlapping = DataImport.objects.filter(
                organisation=organisation,
                kind=spec.kind,
                period_start__lte=parsed.period_end,
                period_end__gte=parsed.period_start,
            ).order_by("period_start")
            replaced = None
            for earlier in overlapping:
                same = (earlier.period_start, earlier.period_end) == (
                    parsed.period_start,
                    parsed.period_end,
                )
                if not same:
                    raise ImportRefused([_overlap_problem(earlier, parsed)], conflict=earlier)
                replaced = earlier
            if replaced is not None:
                _log_removal(replaced, by, replaced_by_file=file_name)
                replaced.delete()
            data_import = DataImport.objects.create(
                organisation=organisation,
                kind=spec.kind,
                period_start=parsed.period_start,
                period_end=parsed.period_end,
                file_name=file_name[:255],
                row_count=len(parsed.rows),
                uploaded_by=by,
            )
            spec.model.objects.bulk_create(
                [spec.model(data_import=data_import, **row) for row in parsed.rows],
                batch_size=1000,
            )
    except IntegrityError:
        raise ImportRefused(
            [
                Problem(
                    None,
                    "",
                    "Another file for the same period was saved at the same moment, so this one "
                    "was not. Check the list of imports, then upload it again if it is needed.",
                )
            ]
        ) from None
    data_import.replaced = replaced
    return data_import


def import_delete(data_import, by):
    """Delete an import and its rows, recording who did it in the history (wagtail's log)."""
    with transaction.atomic():
        _log_removal(data_import, by)
        data_import.delete()


# --- Templates ----------------------------------------------------------------------------------


def template_rows(kind, service_name, today=None):
    """The template file for `kind`: the heading row and one example row, dated last month (the
    last whole week for the rota) so it imports as it is."""
    spec = SPECS[Kind(kind)]
    today = today or timezone.localdate()
    example = Example(
        service_name=service_name,
        month=last_whole_month(today),
        monday=today - timedelta(days=today.weekday() + 7),
    )
    return [spec.column_names, [column.example(example) for column in spec.columns]]
