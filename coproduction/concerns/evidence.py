"""Concerns' evidence for the ledger (cms.evidence): how many concerns were raised at a service
in a period, how many were acknowledged on time and how many closed with the outcome fed back.
Speak-up cases are left out: they go outside the line, and their figures are the speak-up
indicators'. Each concern is one person's, so each count is the people it rests on and a count
under the floor is never shown."""

from django.db.models import Count, F, Max, Q
from django.urls import reverse

from cms.evidence import Evidence, EvidenceItem, register_evidence, register_latest_many
from cms.indicators import MIN_PEOPLE

from .models import Concern

LIST_CONCERNS = "coproduction.list_concern"


@register_evidence(
    "coproduction.concerns",
    label="Concerns raised and answered",
    description="Concerns raised at the service in the period (speak-up cases apart), those "
    "acknowledged on time and those closed with the outcome fed back to the person.",
)
def concerns(service, start, end, viewer):
    raised = Concern.objects.filter(
        service=service, created_at__gte=start, created_at__lt=end, speak_up__isnull=True
    )
    totals = raised.order_by().aggregate(
        raised=Count("id"),
        on_time=Count("id", filter=Q(acknowledged_at__lte=F("acknowledge_by"))),
        fed_back=Count("id", filter=Q(outcome_shared_at__isnull=False)),
        latest=Max("created_at"),
    )
    url = (
        reverse("coproduction:concern_list")
        if viewer.has_perm(LIST_CONCERNS, service.organisation)
        else ""
    )
    on = totals["latest"].date() if totals["latest"] else None
    return Evidence(
        items=[
            EvidenceItem("Concerns raised", totals["raised"], totals["raised"], on, url),
            EvidenceItem("Acknowledged on time", totals["on_time"], totals["on_time"], on, url),
            EvidenceItem(
                "Closed with the outcome fed back", totals["fed_back"], totals["fed_back"], on, url
            ),
        ]
    )


@register_latest_many("coproduction.concerns")
def concerns_latest(services, start, end, viewer):
    """{service pk: the day of its latest concern in the period}, for the services whose
    concerns raised reach the floor (the other counts are parts of it): one grouped query."""
    rows = (
        Concern.objects.filter(
            service__in=services, created_at__gte=start, created_at__lt=end, speak_up__isnull=True
        )
        .order_by()
        .values("service_id")
        .annotate(raised=Count("id"), latest=Max("created_at"))
    )
    return {row["service_id"]: row["latest"].date() for row in rows if row["raised"] >= MIN_PEOPLE}
