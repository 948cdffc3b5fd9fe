"""An attacker against the dashboards' small-number suppression (issue 11, part 4).

For one period, the attacker reads every figure a leader is shown for it: the overview, each
service's view, the learning and listening views (for the whole organisation and for each
service on its own), their CSV files, and the board report PDF. Screen, CSV and PDF must show the
same cell the same way. Then the attacker writes down what they know:

- a figure shown with the people behind it: for a rate, value × people / scale is a count
  (80% of 5 people is 4 people; 12.9 per 100 staff of 31 staff is 4 reports);
- "fewer than 5" (or 10): the people behind it, and for a share of people the count too, are
  somewhere from 0 to 4 (9); "no figure" is nothing at all, 0;
- an organisation total is the sum of its services' figures of that month (people added, and the
  counts a rate stands for added);
- completion on each learning path (or for each role) is part of a service's completion: the
  paths' counts together are at most the service's, and no path has more people than it;

and solves for the bounds of every count by interval propagation over those relations to a fixed
point. A count below the threshold that is pinned to a single value is a leak: the test fails.
"""

import csv
import io
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

import pypdf
import pytest
from django.urls import reverse

from cms.indicators import all_indicators, get_indicator
from cms.organisations.models import Organisation, Role
from cms.periods import Months, month_label
from leadership import demo
from leadership.reports import services as report_services
from leadership.reports.models import BoardReport
from leadership.reports.sections import CHART_MONTHS_A_ROW
from tests.cms.factories import ServiceFactory, member
from tests.leadership.factories_dashboards import history, months_ago
from tests.loading import loaded_once_per_module, whole_demo

pytestmark = pytest.mark.django_db

# What a rate stands for: value × people / scale is a count (monthly figures; turnover is scaled
# to a year, so a month's leavers are value × people / 1200).
RATE_SCALES = {"per 100 staff": 100, "% a year": 1200}
# Units whose figure is itself a count of things, each thing one person's.
COUNT_UNITS = {"concerns", "questions", "complaints", "pieces of feedback"}
# Rates whose count is of some of the people behind the figure (so it is at most their number).
SHARE_UNITS = {"%"}
# Figures resting on the same people as another's count: the share of concerns raised
# anonymously rests on the concerns raised ("no figure" there is no concern at all).
SAME_BASE = {"concerns_anonymous_share": "concerns_raised"}
PATH_PREFIX = "learning_completion_rate:path:"
ROLE_PREFIX = "learning_completion_rate:role:"
OVERALL = "learning_completion_rate"
INFINITY = math.inf
MONTH_SUFFIX = re.compile(r"^(.*) \(([A-Z][a-z]{2} \d{4})\)$")
FEWER = re.compile(r"^fewer than (\d+)(?: of (\d+))?$")
# Tables that hold no figures of their own (how many months have one; flags; averages of shown
# months).
IGNORED_TABLES = {"Months with figures, by source"}
ALL_SERVICES = re.compile(r"^All services, ([A-Z][a-z]{2} \d{4})$")


def scale_of(unit):
    if unit in RATE_SCALES:
        return RATE_SCALES[unit]
    return 100 if unit.startswith("%") else None


def counted(unit):
    """Whether value × people / scale (or the value) is a count of people or events."""
    return unit in COUNT_UNITS or unit in SHARE_UNITS or unit in RATE_SCALES


# --- Reading what is shown --------------------------------------------------------------------


@dataclass
class Shown:
    """A table as it is shown: its title, row heading, column labels and rows of
    (header, [(value text, people text)])."""

    title: str
    row_heading: str
    columns: list
    rows: list = field(default_factory=list)
    service: str = ""  # the service a month-by-month table is about
    chart: str = ""  # in the PDF, a chart's month-by-month figures follow this heading


def csv_tables(content):
    """The tables of a dashboard's CSV file, with the service each month-by-month one is about."""
    lines = list(csv.reader(io.StringIO(content)))
    tables, context = [], ""
    index = lines.index([])  # after the heading lines (organisation, service, period)
    context = next((line[1] for line in lines[:index] if line[0] == "Service"), "")
    while index < len(lines):
        line = lines[index]
        if len(line) == 1 and line[0].startswith("Month by month at "):
            context = line[0].removeprefix("Month by month at ")
        following = lines[index + 1] if index + 1 < len(lines) else []
        if len(line) == 1 and len(following) >= 2:
            header = following
            columns, at = [], []  # at: (value, people) positions of each column
            for position, label in enumerate(header[1:], start=1):
                if label.endswith(": trend"):
                    continue
                if label.endswith(": people"):
                    at[-1] = (at[-1][0], position)
                    continue
                columns.append(label)
                at.append((position, None))
            table = Shown(line[0], header[0], columns, service=context)
            index += 2
            while index < len(lines) and len(lines[index]) == len(header):
                row = lines[index]
                table.rows.append(
                    (
                        row[0],
                        [(row[v], row[p] if p is not None else "") for v, p in at],
                    )
                )
                index += 1
            tables.append(table)
            continue
        index += 1
    return tables


class _HTMLTables(HTMLParser):
    """The dashboard tables of a page: caption, header labels, and for each row its header and
    each cell's value and people (the people only where the page shows them)."""

    def __init__(self):
        super().__init__()
        self.tables, self._table, self._row = [], None, None
        self._text, self._span, self._cell = None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "table" and "dashboard-table" in classes:
            self._table = Shown("", "", [])
        elif self._table is None:
            return
        elif tag in ("caption", "th"):
            self._text = []
        elif tag == "tr":
            self._row = []
        elif tag == "td":
            self._cell = {"value": [], "people": [], "text": []}
        elif tag == "span" and self._cell is not None:
            self._span = "hidden" if "visually-hidden" in classes else None
            for name in ("value", "people"):
                if f"dashboard-{name}" in classes:
                    self._span = name

    def handle_endtag(self, tag):
        if self._table is None:
            return
        if tag == "caption":
            self._table.title = " ".join("".join(self._text).split())
            self._text = None
        elif tag == "th":
            text = " ".join("".join(self._text).split())
            self._text = None
            if self._row is not None:
                self._row.append(text)
        elif tag == "span":
            self._span = None
        elif tag == "td":
            cell = {name: " ".join("".join(parts).split()) for name, parts in self._cell.items()}
            people = cell["people"].rsplit(" ", 1)[0] if cell["people"] else ""
            self._row.append((cell["value"] or cell["text"], people))
            self._cell = None
        elif tag == "tr":
            if not self._table.row_heading:
                self._table.row_heading, *self._table.columns = self._row
            else:
                self._table.rows.append((self._row[0], self._row[1:]))
            self._row = None
        elif tag == "table":
            self.tables.append(self._table)
            self._table = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)
        if self._cell is not None and self._span != "hidden":
            self._cell["text"].append(data)
            if self._span:
                self._cell[self._span].append(data)


def html_tables(content):
    parser = _HTMLTables()
    parser.feed(content)
    return parser.tables


def assert_screen_matches_csv(screen, download, where):
    """The page and its CSV file show the same tables, rows and cells."""
    assert [t.title for t in screen] == [t.title for t in download], where
    for page_table, csv_table in zip(screen, download, strict=True):
        assert [h for h, _ in page_table.rows] == [h for h, _ in csv_table.rows], where
        for (header, page_cells), (_, csv_cells) in zip(
            page_table.rows, csv_table.rows, strict=True
        ):
            for (page_text, page_people), (csv_text, csv_people) in zip(
                page_cells, csv_cells, strict=True
            ):
                assert page_text == csv_text, (where, page_table.title, header)
                if page_people:
                    assert page_people == csv_people, (where, page_table.title, header)


def pdf_words(pdf):
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def pdf_people(table, cell):
    """The people behind a figure, where the PDF shows them (beside a figure it shows)."""
    if table.with_people and cell.figure is not None and cell.figure.shown:
        return cell.people_text
    return ""


def report_tables(report_content):
    """The report's tables as the PDF is drawn from them, each with its service."""
    tables = []

    def add(table, service="", chart=""):
        tables.append(
            Shown(
                table.title,
                table.row_heading,
                [
                    f"{column.label} ({column.unit})" if column.unit else column.label
                    for column in table.columns
                ],
                [
                    (row.header, [(cell.text, pdf_people(table, cell)) for cell in row.cells])
                    for row in [*table.rows, *([table.total] if table.total else [])]
                ],
                service,
                chart,
            )
        )

    for headline in report_content.services:
        add(headline.table, headline.service.name)
        for block in headline.charts:
            chart = f"{block.panel.heading} at {headline.service.name}"
            add(block.panel.table, headline.service.name, chart)
    if report_content.headline_overall is not None:
        add(report_content.headline_overall)
    if report_content.you_said_we_did is not None:
        add(report_content.you_said_we_did)
    for section in report_content.learning:
        for table in section.all_tables:
            add(table)
    for question in report_content.questions:
        for table in question.tables:
            add(table)
    return tables


def assert_pdf_shows(tables, words):
    """Each row of each table is in the PDF's text: its header, then each cell's value (and the
    people behind it, where it is shown), in order."""
    for table in tables:
        if table.chart:  # the months in a row, then their figures
            at = words.find(table.chart)
            assert at >= 0, table.chart
            for start in range(0, len(table.rows), CHART_MONTHS_A_ROW):
                months = table.rows[start : start + CHART_MONTHS_A_ROW]
                for header, _cells in months:
                    at = words.find(header, at)
                    assert at >= 0, (table.chart, header)
                for header, [(text, _people)] in months:
                    found = words.find(text, at)
                    assert found >= 0, (table.chart, header, text)
                    at = found + len(text)
            continue
        assert table.title in words, table.title
        for header, cells in table.rows:
            at = words.find(header + " ")
            assert at >= 0, (table.title, header)
            for text, people in cells:
                found = words.find(text, at)
                assert found >= 0, (table.title, header, text)
                at = found + len(text)
                if people and people[0].isdigit():
                    found = words.find(f"{people} pe", at)
                    assert found >= 0, (table.title, header, people)
                    at = found


# --- What the attacker knows ------------------------------------------------------------------


class Knowledge:
    """Intervals for counts: ("W", service, key, month) the count a figure stands for, ("P", ...)
    the people behind it; service "ALL" is the organisation's total. Relations between them."""

    def __init__(self, services, last_month, same_base=False):
        self.services = services  # name -> pk
        # Whether every indicator was computed for every service and month (as the nightly
        # run does), so that figures resting on the same people can be read together.
        self.same_base = same_base
        self.last_month = last_month
        self.bounds = {}
        self.sums = set()  # (total, parts): total = sum of parts
        self.at_most = set()  # (whole, parts): sum of parts <= whole
        self.checked = {}  # variable -> (threshold, where it was seen)
        self.texts = defaultdict(set)  # cell -> the texts it is shown as
        self.contradictions = []
        self.months = []
        self.paths_of = defaultdict(set)  # a service's completion -> its paths' cells
        self.by_label = {}
        for indicator in all_indicators():
            unit = indicator.unit
            self.by_label[indicator.label] = indicator.key
            self.by_label[f"{indicator.label} ({unit})" if unit else indicator.label] = (
                indicator.key
            )
        self.counts = {i.key for i in all_indicators() if i.unit in COUNT_UNITS}

    def narrow(self, var, lo, hi):
        old_lo, old_hi = self.bounds.get(var, (0.0, INFINITY))
        self.bounds[var] = (max(old_lo, lo), min(old_hi, hi))

    def see(self, service, key, month, text, people, where):
        """One cell as shown."""
        indicator = get_indicator(key)
        unit, threshold = indicator.unit, indicator.min_people
        cell = (service, key, month)
        match = MONTH_SUFFIX.match(text)
        if match and service != "ALL":
            text, month = match.group(1), self.month_of(match.group(2))
            cell = (service, key, month)
        self.texts[cell].add((text, people))
        w, p = ("W", *cell), ("P", *cell)
        if self.same_base and key in SAME_BASE and service != "ALL":
            base = (service, SAME_BASE[key], cell[2])
            self.sums.add((("W", *base), (p,)))
            self.sums.add((("P", *base), (p,)))
        if counted(unit):
            self.checked.setdefault(w, (threshold, where))
        self.checked.setdefault(p, (threshold, where))
        few = FEWER.match(text)
        if text == "no figure":
            self.narrow(w, 0, 0)
            self.narrow(p, 0, 0)
            self.checked.pop(w, None)
            self.checked.pop(p, None)
        elif few:
            small = int(few.group(1)) - 1
            if few.group(2) is not None:
                self.narrow(p, int(few.group(2)), int(few.group(2)))
            else:
                self.narrow(p, 0, small)
            if unit in COUNT_UNITS or unit in SHARE_UNITS or few.group(2) is not None:
                self.narrow(w, 0, small)
        elif text in ("not shown", "–", ""):
            pass
        else:
            value = float(text.removesuffix("%"))
            if people and people.isdigit():
                self.narrow(p, int(people), int(people))
            if unit in COUNT_UNITS:
                self.narrow(w, value, value)
            elif scale_of(unit) and people and people.isdigit():
                count = int(people) / scale_of(unit)
                self.narrow(w, (value - 0.05) * count, (value + 0.05) * count)
        return cell

    def month_of(self, label):
        return next(month for month in self.months if month_label(month, short=True) == label)

    def read(self, table, where):
        """Every figure of one table, with the relations it shows."""
        heading = table.row_heading
        if table.title in IGNORED_TABLES:
            return
        if heading == "Indicator":  # the report's headline of one service, or of them all
            total = ALL_SERVICES.match(table.title)
            for header, [(text, people)] in table.rows:
                key = self.by_label[header]
                if total:
                    month = self.month_of(total.group(1))
                    self.see("ALL", key, month, text, people, where)
                    if text != "–":
                        self.add_total(key, month, list(self.services))
                else:
                    self.see(table.service, key, self.last_month, text, people, where)
        elif heading == "Service":
            parts = [name for name, _cells in table.rows if name in self.services]
            for header, cells in table.rows:
                total = ALL_SERVICES.match(header)
                for label, (text, people) in zip(table.columns, cells, strict=True):
                    key = self.by_label.get(label)
                    if key is None:  # active flags: not a figure
                        continue
                    if total:
                        month = self.month_of(total.group(1))
                        self.see("ALL", key, month, text, people, where)
                        if text != "–":
                            self.add_total(key, month, parts)
                    else:
                        self.see(header, key, self.last_month, text, people, where)
        elif heading == "Month":
            if table.title.endswith(", month by month"):
                key = self.by_label[table.title.removesuffix(", month by month")]
                for header, [(text, people)] in table.rows:
                    self.see(table.service, key, self.month_of(header), text, people, where)
            elif table.title.startswith("Month by month at "):
                service = table.title.removeprefix("Month by month at ")
                for header, cells in table.rows:
                    for label, (text, people) in zip(table.columns, cells, strict=True):
                        key = self.by_label[label]
                        self.see(service, key, self.month_of(header), text, people, where)
        elif heading in ("Learning path", "Role", "Theme", "Channel"):
            for header, cells in table.rows:
                key = self.by_label[header]
                for label, (text, people) in zip(table.columns, cells, strict=True):
                    service = label if label in self.services else label.rsplit(" (", 1)[0]
                    cell = self.see(service, key, self.last_month, text, people, where)
                    if key.startswith((PATH_PREFIX, ROLE_PREFIX)):
                        self.add_part(cell)

    def add_total(self, key, month, parts):
        for kind in ("W", "P"):
            self.sums.add(
                ((kind, "ALL", key, month), tuple((kind, name, key, month) for name in parts))
            )

    def add_part(self, cell):
        service, key, month = cell
        whole = (service, OVERALL, month)
        if key.startswith(PATH_PREFIX):
            self.paths_of[whole].add(cell)
        self.at_most.add((("W", *whole), (("W", *cell),)))
        self.at_most.add((("P", *whole), (("P", *cell),)))

    # --- Solving ---

    def bound(self, var):
        return self.bounds.get(var, (0.0, INFINITY))

    def solve(self):
        relations = [("sum", total, parts) for total, parts in self.sums]
        relations += [("at_most", whole, parts) for whole, parts in self.at_most]
        for whole, cells in self.paths_of.items():
            relations.append(("at_most", ("W", *whole), tuple(("W", *cell) for cell in cells)))
        for _round in range(200):
            changed = False
            for kind, total, parts in relations:
                lows = [self.bound(part)[0] for part in parts]
                highs = [self.bound(part)[1] for part in parts]
                t_lo, t_hi = self.bound(total)
                updates = []
                if kind == "sum":
                    updates.append((total, sum(lows), sum(highs)))
                else:
                    updates.append((total, sum(lows), INFINITY))
                for index, part in enumerate(parts):
                    others_lo = sum(lows) - lows[index]
                    others_hi = sum(highs) - highs[index]
                    lo = t_lo - others_hi if kind == "sum" else 0.0
                    updates.append((part, lo, t_hi - others_lo))
                for var, lo, hi in updates:
                    old = self.bound(var)
                    new_lo, new_hi = max(old[0], lo), min(old[1], hi)
                    if var[0] == "P" or var[2] in self.counts:
                        new_lo, new_hi = math.ceil(new_lo - 1e-6), math.floor(new_hi + 1e-6)
                    if new_lo > new_hi + 1e-6:
                        self.contradictions.append((var, old, (lo, hi)))
                        continue
                    if new_lo > old[0] + 1e-9 or new_hi < old[1] - 1e-9:
                        self.bounds[var] = (new_lo, new_hi)
                        changed = True
            if not changed:
                return

    def leaks(self):
        """Every count below its threshold that the attacker pins to one value."""
        found = []
        for var, (threshold, where) in self.checked.items():
            lo, hi = self.bound(var)
            if hi == INFINITY:
                continue
            values = range(math.ceil(lo - 1e-6), math.floor(hi + 1e-6) + 1)
            if len(values) == 1 and values[0] < threshold:
                found.append(f"{var[0]} {var[1]} {var[2]} {var[3]:%b %Y} = {values[0]} ({where})")
        return sorted(found)


# --- The attack -------------------------------------------------------------------------------


def attack(client, organisation, months, same_base=False):
    """Read every screen, CSV file and the board report of `months` as a leader, check that they
    agree, and return the counts below the threshold the attacker can pin down."""
    leader = member(Role.LEADER, organisation=organisation)
    client.force_login(leader)
    services = list(organisation.services.order_by("name", "pk"))
    knowledge = Knowledge({s.name: s.pk for s in services}, months.last_month, same_base)
    knowledge.months = list(months)
    period = {
        "period": "custom",
        "from_month": f"{months.first:%Y-%m}",
        "to_month": f"{months.last_month:%Y-%m}",
    }
    pages = []
    for kind in ("overview", "learning", "listening"):
        for chosen in [None, *services]:
            query = {**period, **({"service": chosen.pk} if chosen else {})}
            pages.append((f"dashboard_{kind}", [organisation.slug], query))
    for service in services:
        pages.append(("dashboard_service", [organisation.slug, service.pk], period))
    for name, args, query in pages:
        where = f"{name} {urlencode(query)}"
        page = client.get(reverse(f"leadership:{name}", args=args) + "?" + urlencode(query))
        download = client.get(reverse(f"leadership:{name}_csv", args=args) + "?" + urlencode(query))
        assert page.status_code == download.status_code == 200, where
        tables = csv_tables(download.getvalue().decode())
        assert_screen_matches_csv(html_tables(page.content.decode()), tables, where)
        for table in tables:
            knowledge.read(table, where)

    report = BoardReport.objects.create(
        organisation=organisation, start=months.first, end=months.end, requested_by=leader
    )
    words = pdf_words(report_services.report_pdf(report))
    tables = report_tables(report_services.report_content(report))
    assert_pdf_shows(tables, words)
    for table in tables:
        knowledge.read(table, "board report")

    differing = {cell: texts for cell, texts in knowledge.texts.items() if len(texts) > 1}
    shown_differently = {
        cell: texts
        for cell, texts in differing.items()
        if len({text for text, _people in texts}) > 1
    }
    assert not shown_differently, shown_differently
    # Not an empty attack: hidden cells were read, and totals that relate them.
    assert any(
        text.startswith(("fewer than", "not shown"))
        for texts in knowledge.texts.values()
        for text, _people in texts
    )
    assert knowledge.sums
    knowledge.solve()
    return knowledge.leaks()


# --- Built cases ------------------------------------------------------------------------------


@pytest.fixture
def services(organisation):
    return [
        ServiceFactory(organisation=organisation, name=name, beds=30)
        for name in ("Alder House", "Birch House", "Cedar House", "Dale House")
    ]


def last_months(count):
    return Months.between(months_ago(count - 1), months_ago(0))


def test_zero_beside_hidden_neighbours_is_not_worked_out_from_a_month_total(
    client, organisation, services
):
    """7 concerns in all, 7 at Alder, "fewer than 5" at Birch and Cedar, no figure at Dale: both
    hidden cells are 0."""
    alder, birch, cedar, _dale = services
    history(alder, "concerns_raised", [(7, 7)])
    history(birch, "concerns_raised", [(0, 0)])
    history(cedar, "concerns_raised", [(0, 0)])
    leaks = attack(client, organisation, last_months(1))
    assert not leaks, "\n".join(leaks)


def test_a_month_total_does_not_give_a_hidden_cell_beside_a_zero_shown_elsewhere(
    client, organisation, services
):
    """The issue's case: 7 concerns in all, 5 at Alder, "fewer than 5" at Birch and Cedar; Cedar's
    share of anonymous concerns has no figure, so Cedar had none, and Birch had 2."""
    alder, birch, cedar, _dale = services
    history(alder, "concerns_raised", [(5, 5)])
    history(birch, "concerns_raised", [(2, 2)])
    history(cedar, "concerns_raised", [(0, 0)])
    history(alder, "concerns_anonymous_share", [(40.0, 5)])
    history(birch, "concerns_anonymous_share", [(50.0, 2)])
    history(cedar, "concerns_anonymous_share", [(None, 0)])
    leaks = attack(client, organisation, last_months(1), same_base=True)
    assert not leaks, "\n".join(leaks)


def test_a_month_total_does_not_give_two_hidden_cells_at_their_most(client, organisation, services):
    alder, birch, cedar, _dale = services
    history(alder, "concerns_raised", [(5, 5)])
    history(birch, "concerns_raised", [(4, 4)])
    history(cedar, "concerns_raised", [(4, 4)])
    leaks = attack(client, organisation, last_months(1))
    assert not leaks, "\n".join(leaks)


def test_completion_on_hidden_paths_is_not_worked_out_from_the_overall_rate(
    client, organisation, services
):
    """0% completion from 7 people at Alder, one path 0% from 5 and two paths from one person
    each: the overall rate would give both hidden paths as 0."""
    alder = services[0]
    paths = sorted(
        indicator.key for indicator in all_indicators() if indicator.key.startswith(PATH_PREFIX)
    )[:3]
    history(alder, OVERALL, [(0.0, 7)])
    history(alder, paths[0], [(0.0, 5)])
    history(alder, paths[1], [(0.0, 1)])
    history(alder, paths[2], [(0.0, 1)])
    leaks = attack(client, organisation, last_months(1))
    assert not leaks, "\n".join(leaks)


def test_a_rate_beside_its_denominator_does_not_give_the_count(client, organisation, services):
    """12.9 bullying reports per 100 staff from 31 staff is 4 reports; 80% of 5 people is 4."""
    alder, birch, *_rest = services
    history(alder, "hr_bullying", [(12.9, 31)], min_people=10)
    history(birch, "learning_completion_rate", [(80.0, 5)])
    history(alder, "learning_completion_rate", [(75.0, 40)])
    leaks = attack(client, organisation, last_months(1))
    assert not leaks, "\n".join(leaks)


def test_a_year_of_months_with_shown_and_hidden_figures(client, organisation, services):
    """A mixed year at four services: nothing hidden can be pinned in any month."""
    alder, birch, cedar, dale = services
    history(alder, "concerns_raised", [(6, 6), (3, 3), (0, 0), (9, 9)])
    history(birch, "concerns_raised", [(2, 2), (7, 7), (1, 1), (3, 3)])
    history(cedar, "concerns_raised", [(5, 5), (4, 4), (8, 8), (2, 2)])
    history(alder, "learning_completion_rate", [(50.0, 12), (25.0, 8), (100.0, 6), (0.0, 9)])
    history(birch, "learning_completion_rate", [(60.0, 10), (75.0, 4), (90.0, 20), (80.0, 10)])
    history(cedar, "learning_completion_rate", [(40.0, 5), (100.0, 3), (0.0, 2), (55.0, 20)])
    history(dale, "staff_turnover", [(38.7, 31), (0.0, 31), (77.4, 31), (193.5, 31)])
    history(alder, "action_closure_rate", [(20.0, 25), (50.0, 4), (60.0, 10), (70.0, 10)])
    history(birch, "action_closure_rate", [(30.0, 10), (50.0, 8), (60.0, 10), (40.0, 10)])
    for months in (last_months(4), last_months(2), last_months(1)):
        leaks = attack(client, organisation, months)
        assert not leaks, "\n".join(leaks)


# --- The demo ---------------------------------------------------------------------------------


demo_loaded = loaded_once_per_module(whole_demo)


@pytest.mark.parametrize("count", [1, 12])
def test_nothing_hidden_in_the_demo_can_be_worked_out(client, demo_loaded, count):
    organisation = Organisation.objects.get(slug=demo.ORGANISATION)
    leaks = attack(client, organisation, last_months(count), same_base=True)
    assert not leaks, "\n".join(leaks)
