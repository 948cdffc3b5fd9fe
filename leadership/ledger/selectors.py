"""The ledger of one service: for each quality statement of the framework its organisation
reads, the evidence of the period, the gaps and the red flags that bear on it.

Figures come from the monthly snapshots through the dashboards' own small-number rules
(`dashboards.suppression`, `panels.latest_cell`), so a figure reads here exactly as it reads on
the service's dashboard. Only figures that are not one of a family are mapped (a family's parts
are protected against their whole on the dashboards, not here). Evidence that is not a figure
comes from the plugins through the host's registry (cms.evidence), with counts from fewer than
the floor withheld and quotes only where the person consented.

A statement is "evidenced" when some of its evidence falls in the latest `RECENT_MONTHS` of
the period, has "only old evidence" when all of it is earlier, and "no evidence in this period"
when nothing can be shown; a withheld figure is not evidence (it says nothing a reader may see).
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Q
from django.utils import timezone

from cms import access
from cms.evidence import Evidence, get_evidence_kind
from cms.periods import add_months

from ..dashboards.panels import latest_cell
from ..dashboards.selectors import FAMILY_SEPARATOR, latest_shown_months, monthly_snapshots
from ..dashboards.suppression import figure
from ..dashboards.tables import indicator_info, is_registered
from ..flags.detectors import get_detector
from ..flags.models import RedFlag
from .models import EvidenceLink
from .services import framework_of, links_of

VIEW_LEDGER = "leadership.view_ledger"
RECENT_MONTHS = 3
SUMMARY_SERVICES_PER_PAGE = 25

EVIDENCED = "evidenced"
OLD = "old"
NONE = "none"
STATUS_TEXT = {
    EVIDENCED: "Evidence in this period",
    OLD: "Only old evidence",
    NONE: "No evidence in this period",
}


def status_of(latest, recent_from):
    """A statement's status from the latest date of its evidence that may be shown."""
    if latest is None:
        return NONE
    return EVIDENCED if latest >= recent_from else OLD


@dataclass
class FigureEvidence:
    label: str
    category: str
    cell: object  # dashboards.tables.Cell: the figure as it may be shown, with its trend
    description: str = ""
    on: date | None = None  # the month of its latest shown figure

    @property
    def text(self):
        return self.cell.text

    @property
    def people_text(self):
        return self.cell.people_text

    @property
    def trend_text(self):
        return self.cell.trend_text


@dataclass
class ItemsEvidence:
    label: str
    category: str
    evidence: Evidence


@dataclass
class StatementLedger:
    statement: object
    figures: list = field(default_factory=list)
    items: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    latest: date | None = None
    recent_from: date | None = None

    @property
    def status(self):
        return status_of(self.latest, self.recent_from)

    @property
    def status_text(self):
        return STATUS_TEXT[self.status]

    @property
    def mapped(self):
        return bool(self.figures or self.items or self.flags)


@dataclass
class QuestionLedger:
    question: object
    statements: list

    @property
    def gaps(self):
        return [s for s in self.statements if s.status != EVIDENCED]


@dataclass
class Ledger:
    service: object
    framework: object
    months: object
    questions: list

    @property
    def statements(self):
        return [s for q in self.questions for s in q.statements]

    def count(self, status):
        return sum(1 for s in self.statements if s.status == status)

    @property
    def counts(self):
        return {status: self.count(status) for status in (EVIDENCED, OLD, NONE)}


def ledger_services(user, organisation):
    return access.services_with(user, organisation, VIEW_LEDGER)


def _moment(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _figure(link, index, service, months):
    info = indicator_info(link.key)
    series = index.series(service.pk, link.key)
    return FigureEvidence(
        label=info.label,
        category=link.category.title,
        cell=latest_cell(series, months, info),
        description=info.description,
        on=_shown_on(series),
    )


def _shown_on(series):
    """The latest month whose figure in `series` (the months of the period that have a
    snapshot) may be shown, or None."""
    for month in sorted(series, reverse=True):
        if figure(series[month]).shown:
            return month
    return None


def _figure_keys(links):
    """The figures the ledger maps: registered indicators that are not one of a family."""
    return {
        link.key
        for link in links
        if link.kind == EvidenceLink.Kind.INDICATOR
        and FAMILY_SEPARATOR not in link.key
        and is_registered(link.key)
    }


def _params_key(link):
    return (link.key, json.dumps(link.params, sort_keys=True))


def _evidence_asked(links):
    """[(kind, {(kind key, params): params})] for the evidence `links` map, each set of
    parameters once, so that each kind is asked once for all it evidences
    (`EvidenceKind.collect_all`). Kinds whose plugin is not installed are left out."""
    asked = {}
    for link in links:
        if link.kind != EvidenceLink.Kind.EVIDENCE:
            continue
        try:
            kind = get_evidence_kind(link.key)
        except KeyError:
            continue  # its plugin is not installed
        asked.setdefault(kind.key, (kind, {}))[1].setdefault(_params_key(link), link.params)
    return list(asked.values())


def _flags(service, rule_keys, months):
    """The flags of these rules at `service` standing now or raised in the period."""
    flags = RedFlag.objects.filter(service=service, rule__in=rule_keys).filter(
        Q(cleared_at__isnull=True) | Q(start__gte=months.first, start__lt=months.end)
    )
    found = []
    for flag in flags.order_by("-start", "rule"):
        try:
            flag.rule_label = get_detector(flag.rule).label
        except KeyError:
            flag.rule_label = flag.rule
        found.append(flag)
    return found


def service_ledger(service, months, viewer, framework=None):
    """The ledger of `service` over `months` as `viewer` may see it."""
    framework = framework or framework_of(service.organisation)
    links = list(links_of(framework, service.organisation))
    figure_keys = _figure_keys(links)
    index = monthly_snapshots([service.pk], months, keys=figure_keys)
    start, end = _moment(months.first), _moment(months.end)
    recent_from = add_months(months.end, -RECENT_MONTHS)
    collected = {
        params_key: evidence
        for kind, asked in _evidence_asked(links)
        for params_key, evidence in zip(
            asked, kind.collect_all(service, start, end, viewer, asked.values()), strict=True
        )
    }
    by_statement = {}
    for link in links:
        entry = by_statement.setdefault(
            link.statement_id, StatementLedger(link.statement, recent_from=recent_from)
        )
        if link.kind == EvidenceLink.Kind.INDICATOR and link.key in figure_keys:
            entry.figures.append(_figure(link, index, service, months))
        elif link.kind == EvidenceLink.Kind.EVIDENCE and _params_key(link) in collected:
            evidence = collected[_params_key(link)]
            if evidence.items:
                label = get_evidence_kind(link.key).label
                entry.items.append(ItemsEvidence(label, link.category.title, evidence))
            entry.quotes.extend(evidence.quotes)
    rules_by_statement = {}
    for link in links:
        if link.kind == EvidenceLink.Kind.RULE:
            rules_by_statement.setdefault(link.statement_id, set()).add(link.key)
    every_rule = set().union(*rules_by_statement.values()) if rules_by_statement else set()
    flags = _flags(service, every_rule, months)
    for statement_id, rule_keys in rules_by_statement.items():
        by_statement[statement_id].flags = [f for f in flags if f.rule in rule_keys]
    for entry in by_statement.values():
        dates = [f.on for f in entry.figures if f.on]
        dates += [i.evidence.latest for i in entry.items if i.evidence.latest]
        dates += [quote.month for quote in entry.quotes]
        entry.latest = max(dates, default=None)
    questions = []
    statements = framework.statements.select_related("key_question").order_by(
        "key_question__order", "order"
    )
    grouped = {}
    for statement in statements:
        grouped.setdefault(statement.key_question, []).append(
            by_statement.get(statement.pk) or StatementLedger(statement, recent_from=recent_from)
        )
    for question, entries in grouped.items():
        questions.append(QuestionLedger(question, entries))
    return Ledger(service=service, framework=framework, months=months, questions=questions)


@dataclass
class SummaryRow:
    statement: object
    cells: list  # one status per service, in the order of the services


def organisation_summary(organisation, services, months, viewer, framework=None):
    """Which statements have thin evidence in which services: each statement's status in each
    of `services`, as that service's ledger gives it.

    Worked out set-based, never one ledger per service (issue 13): one query for the latest
    month each figure of every service may be shown (`latest_shown_months`), and each kind of
    evidence asked once for the latest dates of every service for everything it evidences
    (`EvidenceKind.latest_all`, a few grouped queries). A status needs only the latest date of
    what may be shown, so the figures' trends, the items and the flags are left to the
    service's page. The cost stays the same however many services and months there are."""
    services = list(services)
    if not services:
        return []
    framework = framework or framework_of(organisation)
    links = list(links_of(framework, organisation))
    figure_keys = _figure_keys(links)
    shown_on = latest_shown_months([service.pk for service in services], months, figure_keys)
    start, end = _moment(months.first), _moment(months.end)
    recent_from = add_months(months.end, -RECENT_MONTHS)
    latest = {}  # statement pk -> {service pk: latest date}
    # (kind key, params) -> {service pk: latest date}: each kind asked once for all it evidences.
    evidence = {
        params_key: dates
        for kind, asked in _evidence_asked(links)
        for params_key, dates in zip(
            asked, kind.latest_all(services, start, end, viewer, asked.values()), strict=True
        )
    }

    def keep(statement_id, service_id, on):
        dates = latest.setdefault(statement_id, {})
        if on is not None and (dates.get(service_id) is None or on > dates[service_id]):
            dates[service_id] = on

    for link in links:
        if link.kind == EvidenceLink.Kind.INDICATOR and link.key in figure_keys:
            for service in services:
                keep(link.statement_id, service.pk, shown_on.get((service.pk, link.key)))
        elif link.kind == EvidenceLink.Kind.EVIDENCE and _params_key(link) in evidence:
            for service_id, on in evidence[_params_key(link)].items():
                keep(link.statement_id, service_id, on)
    statements = framework.statements.select_related("key_question").order_by(
        "key_question__order", "order"
    )
    return [
        SummaryRow(
            statement=statement,
            cells=[
                status_of(latest.get(statement.pk, {}).get(service.pk), recent_from)
                for service in services
            ],
        )
        for statement in statements
    ]


def summary_totals(rows, services):
    """For each of the `services` columns of the summary, how many statements have each status:
    the summary's summary, read before the long table."""
    return [
        {status: sum(1 for row in rows if row.cells[column] == status) for status in STATUS_TEXT}
        for column in range(services)
    ]
