"""What the dashboards read: the monthly snapshots and the active red flags (when the figures
were last brought up to date is the snapshots part's `figures_as_of`); never another plugin's
tables. Each read is one query whatever
the length of the period, so a page costs the same with one month of history as with two years.
"""

from collections import defaultdict

from django.db.models import Count, ExpressionWrapper, F, FloatField, Max, Q
from django.db.models.lookups import GreaterThanOrEqual

from cms import access

from ..flags.models import RedFlag
from ..snapshots.models import IndicatorSnapshot
from .suppression import Raw, count_scale
from .tables import indicator_info

VIEW_DASHBOARDS = "leadership.view_dashboards"
VIEW_LISTENING = "leadership.view_listening_dashboard"
# A family of indicators shares a key before this: `harmful_choice_rate:<principle>`.
FAMILY_SEPARATOR = ":"


def dashboard_organisations(user, perm=VIEW_DASHBOARDS):
    """The organisations whose dashboards `user` may open with `perm`."""
    return access.organisations_with(user, perm)


def visible_services(user, organisation, perm=VIEW_DASHBOARDS):
    """The organisation's services `user` may see with `perm`."""
    return access.services_with(user, organisation, perm)


class SnapshotIndex:
    """Monthly snapshots by service and indicator: `series(service_id, key)` is a dict of
    {first day of the month: Raw}."""

    def __init__(self, rows):
        self._series = defaultdict(dict)
        scales = {}
        for service_id, key, start, value, people, min_people in rows:
            if key not in scales:
                scales[key] = count_scale(indicator_info(key).unit)
            self._series[(service_id, key)][start] = Raw(value, people, min_people, scales[key])

    def series(self, service_id, key):
        return self._series.get((service_id, key), {})

    @property
    def keys(self):
        return {key for _service_id, key in self._series}

    def keys_of(self, service_id):
        return {key for sid, key in self._series if sid == service_id}

    def __bool__(self):
        return bool(self._series)


def monthly_snapshots(service_ids, months, *, keys=(), prefixes=(), every_key=False):
    """One query: the monthly snapshots of `service_ids` in `months` for the indicators `keys`,
    those whose key starts with one of `prefixes`, or (`every_key`) every indicator that is not
    one of a family (`harmful_choice_rate:<principle>`, ...)."""
    snapshots = IndicatorSnapshot.objects.filter(
        period=IndicatorSnapshot.Period.MONTH,
        service_id__in=list(service_ids),
        start__gte=months.first,
        start__lt=months.end,
    )
    if every_key:
        snapshots = snapshots.exclude(indicator__contains=FAMILY_SEPARATOR)
    else:
        wanted = Q(indicator__in=list(keys))
        for prefix in prefixes:
            wanted |= Q(indicator__startswith=prefix)
        snapshots = snapshots.filter(wanted)
    return SnapshotIndex(
        snapshots.order_by().values_list(
            "service_id", "indicator", "start", "value", "people", "min_people"
        )
    )


def latest_shown_months(service_ids, months, keys):
    """{(service id, indicator key): the latest month in `months` whose monthly figure may be
    shown} for the indicators `keys`; a figure never shown in the period has no entry.

    What `suppression.figure(raw).shown` decides month by month (change both together), asked
    of the database: a value, at least `min_people` people, and for a rate that stands for a
    count (`count_scale`) a count, value × people / scale, of at least `min_people`, worked out
    with the same double-precision multiplication then division as `Raw.count`, so a count on
    the floor reads alike in both (tested). One row per figure rather than one per month: the
    ledger's summary of 25 services of a Board's area reads 875 rows instead of 10,500."""
    by_scale = defaultdict(list)
    for key in keys:
        by_scale[count_scale(indicator_info(key).unit)].append(key)
    counted = Q(indicator__in=by_scale.pop(None, []))
    for scale, scaled in by_scale.items():
        count = ExpressionWrapper(F("value") * F("people") / scale, output_field=FloatField())
        counted |= Q(indicator__in=scaled) & GreaterThanOrEqual(count, F("min_people"))
    shown = Q(value__isnull=False, people__gte=F("min_people")) & counted
    rows = (
        IndicatorSnapshot.objects.filter(
            period=IndicatorSnapshot.Period.MONTH,
            service_id__in=list(service_ids),
            start__gte=months.first,
            start__lt=months.end,
            indicator__in=list(keys),
        )
        .filter(shown)
        .order_by()
        .values("service_id", "indicator")
        .annotate(latest=Max("start"))
        .values_list("service_id", "indicator", "latest")
    )
    return {(service_id, key): latest for service_id, key, latest in rows}


def active_flag_counts(service_ids):
    """{service id: number of active red flags} (a flag stands until it is cleared)."""
    return dict(
        RedFlag.objects.filter(service_id__in=list(service_ids), cleared_at__isnull=True)
        .order_by()
        .values("service_id")
        .annotate(count=Count("id"))
        .values_list("service_id", "count")
    )


def active_flags(service):
    return list(
        RedFlag.objects.filter(service=service, cleared_at__isnull=True).order_by("-start", "rule")
    )
