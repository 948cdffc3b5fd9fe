"""Visits as evidence for the ledger (cms.evidence): the visits board members and senior
leaders made to a service in a period, each with when it was, whether by night or at a
weekend, and whom they spoke with (by role). Visits are what leaders did, shown by name to the
same leaders on the visits pages, so their count is shown however small."""

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from cms.evidence import Evidence, EvidenceItem, register_evidence, register_latest_many

from .models import SENIOR, ServiceVisit, SpokeWith

VIEW_VISITS = "leadership.view_servicevisit"


def _line(visit):
    when = timezone.localtime(visit.started_at)
    spoke = ", ".join(str(SpokeWith(role).label).lower() for role in visit.spoke_with)
    hours = ", out of hours" if visit.is_out_of_hours else ""
    capacity = visit.get_capacity_display().split(" (")[0].lower()
    return f"{when.day} {when:%B %Y}, {capacity}{hours}: spoke with {spoke}"


@register_evidence(
    "leadership.visits",
    label="Visits by board members and senior leaders",
    description="Senior visits to the service in the period: when, and whom they spoke with.",
)
def visits(service, start, end, viewer):
    # A service has a few senior visits a month: read once, and counted here.
    senior = list(
        ServiceVisit.objects.filter(
            service=service, capacity__in=SENIOR, started_at__gte=start, started_at__lt=end
        ).order_by("-started_at")
    )
    listed = senior[:10]
    count = len(senior)
    out_of_hours = sum(1 for visit in senior if visit.is_out_of_hours)
    on = timezone.localdate(senior[0].started_at) if senior else None
    url = (
        reverse("leadership:service_visits", args=[service.pk])
        if viewer.has_perm(VIEW_VISITS, service)
        else ""
    )
    return Evidence(
        items=[
            EvidenceItem(
                "Senior visits",
                count,
                count,
                on,
                url,
                min_people=0,
                details=[_line(visit) for visit in listed],
            ),
            EvidenceItem(
                "Senior visits by night or at a weekend",
                out_of_hours,
                out_of_hours,
                on,
                url,
                min_people=0,
            ),
        ]
    )


@register_latest_many("leadership.visits")
def visits_latest(services, start, end, viewer):
    """{service pk: the local day of its latest senior visit in the period}: one grouped query
    (a visit is shown however small, so any visit is evidence)."""
    rows = (
        ServiceVisit.objects.filter(
            service__in=services, capacity__in=SENIOR, started_at__gte=start, started_at__lt=end
        )
        .order_by()
        .values("service_id")
        .annotate(latest=Max("started_at"))
    )
    return {row["service_id"]: timezone.localdate(row["latest"]) for row in rows}
