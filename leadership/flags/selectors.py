"""Reads of the flags part: the organisations a person may see flags of, an organisation's
rule settings, the monthly snapshots the rules read, its flags and alerts, who an alert goes to,
and the open alerts of a person's organisations.

Rules read snapshots only (the leadership plugin's own table), never another plugin's tables."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q

from cms import access
from cms.indicators import MIN_PEOPLE
from cms.organisations.models import Membership, Role, Service
from cms.periods import add_months

from ..dashboards.suppression import FEW, Raw, count_scale, figure
from ..snapshots.models import IndicatorSnapshot
from ..snapshots.selectors import snapshots_for
from .detectors import DETECTORS, LOOKBACK_MONTHS, get_detector
from .evidence import (
    ALERT_STREAMS,
    BESIDE,
    ROLE_TEXT,
    Figure,
    Readings,
    indicator_text,
    withheld_on_screen,
)
from .models import AlertPathAssignment, ClosedCultureAlert, FlagSetting, RedFlag

VIEW_FLAGS = "leadership.view_flags"
ACKNOWLEDGE_ALERT = "leadership.acknowledge_alert"
ASSIGN_PATH = "leadership.assign_path_from_alert"
CHANGE_SETTINGS = "leadership.change_flag_settings"

# The people a closed-culture alert is emailed to (INDICATORS.md E).
ALERT_ROLES = (Role.LEADER, Role.SAFEGUARDING_LEAD)


# --- Settings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleSetting:
    """A rule as an organisation runs it: on or off, and the threshold it uses."""

    rule: object
    enabled: bool
    threshold: float | None  # the organisation's own; None: the default

    @property
    def effective_threshold(self):
        return self.rule.default_threshold if self.threshold is None else self.threshold


def rule_settings(organisation):
    """Every rule with the organisation's setting (or the default), in the rules' order."""
    stored = {
        setting.rule: setting for setting in FlagSetting.objects.filter(organisation=organisation)
    }
    settings = []
    for rule in DETECTORS:
        setting = stored.get(rule.key)
        settings.append(
            RuleSetting(
                rule=rule,
                enabled=setting.enabled if setting else True,
                threshold=setting.threshold if setting else None,
            )
        )
    return settings


# --- What the rules read ----------------------------------------------------------------------


def readings_for(services, month, indicator_keys):
    """Each service's `Readings` for `month`: its monthly snapshots of `indicator_keys` over
    the months any rule looks back on. One query, whatever the number of services."""
    services = list(services)
    first = add_months(month, 1 - LOOKBACK_MONTHS)
    figures = defaultdict(lambda: defaultdict(dict))
    for snapshot in snapshots_for(
        [service.pk for service in services],
        indicator_keys,
        IndicatorSnapshot.Period.MONTH,
        first,
        add_months(month, 1),
    ):
        figures[snapshot.service_id][snapshot.indicator][snapshot.start] = Figure(
            value=snapshot.value, people=snapshot.people, min_people=snapshot.min_people
        )
    return {
        service.pk: Readings(
            month=month,
            figures={key: dict(by_month) for key, by_month in figures[service.pk].items()},
            beds=service.beds,
            people_supported=service.people_supported,
        )
        for service in services
    }


# --- Flags and alerts -------------------------------------------------------------------------


def with_rules(flags):
    """The flags, each with `rule_definition` (None for a rule no longer defined)."""
    flags = list(flags)
    for flag in flags:
        try:
            flag.rule_definition = get_detector(flag.rule)
        except KeyError:
            flag.rule_definition = None
    return flags


def visible_service_ids(user, organisation, permission=VIEW_FLAGS):
    """The ids of the organisation's services whose flags `user` may see."""
    return [service.pk for service in access.services_with(user, organisation, permission)]


def flags_of(service_ids):
    return RedFlag.objects.filter(service_id__in=service_ids).select_related("service")


def active_flags(service_ids):
    """The flags standing in these services, by service name and rule."""
    return with_rules(
        flags_of(service_ids).filter(cleared_at__isnull=True).order_by("service__name", "rule")
    )


@dataclass(frozen=True)
class ServiceFlags:
    service: Service
    flags: list


class ActiveFlagsByService:
    """The services among `service_ids` with flags standing, by name, each with its flags
    (`ServiceFlags`), for a paginator: counting them is one query and a page of them one more,
    so the page costs the same however many services of a Board's area have flags standing."""

    def __init__(self, service_ids):
        standing = RedFlag.objects.filter(service_id__in=service_ids, cleared_at__isnull=True)
        self.services = Service.objects.filter(pk__in=standing.values("service_id")).order_by(
            "name", "pk"
        )

    def count(self):
        return self.services.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        services = list(self.services[index])
        grouped = {service.pk: ServiceFlags(service, []) for service in services}
        for flag in active_flags(list(grouped)):
            grouped[flag.service_id].flags.append(flag)
        return list(grouped.values())


def active_flags_by_service(service_ids):
    return ActiveFlagsByService(service_ids)


def cleared_flags(service_ids):
    return flags_of(service_ids).filter(cleared_at__isnull=False).order_by("-cleared_at", "-pk")


def alerts_of(service_ids):
    return ClosedCultureAlert.objects.filter(service_id__in=service_ids).select_related(
        "service", "acknowledged_by"
    )


def open_alerts(service_ids):
    return (
        alerts_of(service_ids)
        .filter(acknowledged_at__isnull=True)
        .prefetch_related("flags")
        .order_by("-start", "service__name")
    )


def acknowledged_alerts(service_ids):
    return (
        alerts_of(service_ids)
        .filter(acknowledged_at__isnull=False)
        .order_by("-acknowledged_at", "-pk")
    )


def alert_in(service_ids, alert_id):
    """The alert with its flags (each with its rule) and its path assignments, or None."""
    alert = (
        alerts_of(service_ids)
        .prefetch_related(
            Prefetch("flags", queryset=RedFlag.objects.order_by("rule")),
            Prefetch(
                "assignments", queryset=AlertPathAssignment.objects.select_related("assigned_by")
            ),
        )
        .filter(pk=alert_id)
        .first()
    )
    if alert is not None:
        alert.flag_list = with_rules(alert.flags.all())
    return alert


def flag_in(service_ids, flag_id):
    """The flag with its rule and the alerts it was part of, or None."""
    flag = flags_of(service_ids).filter(pk=flag_id).first()
    if flag is not None:
        [flag] = with_rules([flag])
        flag.alert_list = list(flag.alerts.order_by("-start"))
    return flag


def alert_recipients(alert):
    """Active people who lead, or are safeguarding leads of, the alert's service (their role for
    the whole organisation or for that service)."""
    user_ids = Membership.objects.filter(
        Q(service__isnull=True) | Q(service=alert.service_id),
        organisation_id=alert.service.organisation_id,
        role__in=ALERT_ROLES,
    ).values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def open_alerts_for(user):
    """The open alerts `user` may see, newest first, across their organisations."""
    service_ids = []
    for organisation in access.organisations_with(user, VIEW_FLAGS):
        service_ids += visible_service_ids(user, organisation)
    return list(open_alerts(service_ids).select_related("service__organisation"))


def person_name(user):
    if user is None:
        return "A person whose account has been removed"
    return user.get_full_name() or user.email


def presented_evidence(evidence):
    """A flag's stored evidence rows as the page shows them. The rows were stored with small
    numbers already withheld, so a withheld row has no value or people to show by mistake."""
    rows = []
    for row in evidence:
        shown = row.get("shown", "No figure")
        if row.get("withheld"):
            people = f"fewer than {row.get('min_people', MIN_PEOPLE)}"
        elif row.get("people") is None:
            people = "–"
        else:
            people = str(row["people"])
            # A rate standing for fewer than 5 (a month's 1 leaver of 30 staff) is withheld as
            # the dashboards withhold it, though it was stored before they did.
            stored = Raw(
                row.get("value"),
                row["people"],
                row.get("min_people", MIN_PEOPLE),
                count_scale(row.get("unit", "")),
            )
            if figure(stored).state == FEW:
                shown = f"Withheld: {figure(stored).text()}"
        rows.append(
            {
                "label": row.get("label", row.get("indicator", "")),
                "month": row.get("month_label", row.get("month", "")),
                "figure": shown,
                "people": people,
                "read_as": ROLE_TEXT.get(row.get("role"), ""),
                "withheld": bool(row.get("withheld")),
            }
        )
    return rows


# --- What an alert rests on -------------------------------------------------------------------


@dataclass(frozen=True)
class Basis:
    """One flag an alert rests on: its rule, the measure it counts as, the figures it read and
    the months, and whether any of them is too small to show (never the figure itself)."""

    flag: RedFlag
    label: str
    measure: str
    figures: list  # labels of the figures read
    months: str  # "January 2026 to March 2026"
    withheld: bool
    look_at: str


def _row_withheld(row):
    if row.get("withheld"):
        return True
    if row.get("value") is None:
        return False
    stored = Figure(row["value"], row.get("people") or 0, row.get("min_people", MIN_PEOPLE))
    return withheld_on_screen(row.get("indicator", ""), stored)


def alert_basis(alert):
    """[(stream, [Basis])] for the alert's streams, in INDICATORS.md's order: which flags, which
    measures and which figures it rests on, saying where a figure is too small to show."""
    by_stream = {}
    for flag in alert.flag_list:
        if flag.stream not in ALERT_STREAMS:
            continue
        rule = flag.rule_definition
        read = [row for row in flag.evidence if row.get("role") != BESIDE]
        figures = []
        for row in read:
            label = row.get("label", row.get("indicator", ""))
            if label not in figures:
                figures.append(label)
        months = [row.get("month_label", "") for row in read]
        by_stream.setdefault(flag.stream, []).append(
            Basis(
                flag=flag,
                label=rule.label if rule else flag.rule,
                measure=indicator_text(rule.measure if rule else flag.rule)[0],
                figures=figures,
                months=f"{months[0]} to {months[-1]}" if months else "",
                withheld=any(_row_withheld(row) for row in read),
                look_at=rule.look_at if rule else "",
            )
        )
    return [
        (stream[:1].upper() + stream[1:], by_stream[stream])
        for stream in ALERT_STREAMS
        if stream in by_stream
    ]
