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
from ..dashboards.selectors import FAMILY_SEPARATOR, monthly_snapshots
from ..dashboards.suppression import figure
from ..dashboards.tables import indicator_info, is_registered
from ..flags.detectors import get_detector
from ..flags.models import RedFlag
from .models import EvidenceLink
from .services import framework_of, links_of

VIEW_LEDGER = "leadership.view_ledger"
RECENT_MONTHS = 3

EVIDENCED = "evidenced"
OLD = "old"
NONE = "none"
STATUS_TEXT = {
    EVIDENCED: "Evidence in this period",
    OLD: "Only old evidence",
    NONE: "No evidence in this period",
}


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
        if self.latest is None:
            return NONE
        return EVIDENCED if self.latest >= self.recent_from else OLD

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
    cell = latest_cell(series, months, info)
    on = None
    for month in reversed(list(months)):
        if figure(series.get(month)).shown:
            on = month
            break
    return FigureEvidence(
        label=info.label,
        category=link.category.title,
        cell=cell,
        description=info.description,
        on=on,
    )


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
    figure_keys = {
        link.key
        for link in links
        if link.kind == EvidenceLink.Kind.INDICATOR
        and FAMILY_SEPARATOR not in link.key
        and is_registered(link.key)
    }
    index = monthly_snapshots([service.pk], months, keys=figure_keys)
    start, end = _moment(months.first), _moment(months.end)
    recent_from = add_months(months.end, -RECENT_MONTHS)
    collected = {}  # (kind key, params) -> Evidence: a kind mapped twice is collected once
    by_statement = {}
    for link in links:
        entry = by_statement.setdefault(
            link.statement_id, StatementLedger(link.statement, recent_from=recent_from)
        )
        if link.kind == EvidenceLink.Kind.INDICATOR and link.key in figure_keys:
            entry.figures.append(_figure(link, index, service, months))
        elif link.kind == EvidenceLink.Kind.EVIDENCE:
            try:
                kind = get_evidence_kind(link.key)
            except KeyError:
                continue  # its plugin is not installed
            params = json.dumps(link.params, sort_keys=True)
            if (link.key, params) not in collected:
                collected[(link.key, params)] = kind(service, start, end, viewer, **link.params)
            evidence = collected[(link.key, params)]
            if evidence.items:
                entry.items.append(ItemsEvidence(kind.label, link.category.title, evidence))
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


def organisation_summary(organisation, services, months, viewer):
    """Which statements have thin evidence in which services: each statement's status in each
    service. One ledger per service, so this costs what the ledgers cost."""
    ledgers = [service_ledger(service, months, viewer) for service in services]
    if not ledgers:
        return []
    rows = []
    for position, entry in enumerate(ledgers[0].statements):
        rows.append(
            SummaryRow(
                statement=entry.statement,
                cells=[ledger.statements[position].status for ledger in ledgers],
            )
        )
    return rows
