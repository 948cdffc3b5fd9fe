"""The visits behind the leader presence indicators (indicators.py), read for many services at
once: one query each, grouped by service (or organisation), whatever the number of services.
Each reader returns {service pk (or organisation id): figure}, with no entry for one that has
nothing. They are `shared_many`, so in a snapshot run the three indicators read them once per
batch and period; the indicators call them with every service of the batch and skip a read that
cannot change a figure, as the per-service reads did, so one service costs what it cost before.

Indexes (EXPLAIN ANALYZE on the bench_sab dataset, 6,000 visits; 50 services, one month):
the batch's senior visits are read through the service index, well under a millisecond; the
organisations' first visits scan the visits (a small table: about 1 ms). No index is added.
"""

from django.db.models import Max, Min

from cms.indicators import shared_many

from .models import SENIOR, ServiceVisit


def _pks(services):
    return [service.pk for service in services]


@shared_many
def latest_senior_visits(services, start, end):
    """{service pk: when its latest senior visit before `end` began}."""
    return dict(
        ServiceVisit.objects.filter(
            service_id__in=_pks(services), capacity__in=SENIOR, started_at__lt=end
        )
        .values("service_id")
        .annotate(latest=Max("started_at"))
        .values_list("service_id", "latest")
        .order_by()
    )


@shared_many
def first_visits(services, start, end):
    """{organisation id: when the organisation recorded its first visit (to any service, by
    anyone) before `end`}, for the organisations of `services`: from then on it keeps a visit
    log, so a service with none has gone unvisited."""
    organisations = {service.organisation_id for service in services}
    return dict(
        ServiceVisit.objects.filter(service__organisation_id__in=organisations, started_at__lt=end)
        .values("service__organisation_id")
        .annotate(first=Min("started_at"))
        .values_list("service__organisation_id", "first")
        .order_by()
    )


@shared_many
def senior_visits_between(services, start, end):
    """{service pk: [(started_at, visitor id, announced), ...]} of its senior visits in
    [start, end)."""
    found = {}
    rows = ServiceVisit.objects.filter(
        service_id__in=_pks(services),
        capacity__in=SENIOR,
        started_at__gte=start,
        started_at__lt=end,
    ).values_list("service_id", "started_at", "visitor_id", "announced")
    for service_id, *visit in rows.order_by():
        found.setdefault(service_id, []).append(tuple(visit))
    return found
