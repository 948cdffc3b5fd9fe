"""Concerns' evidence for the ledger (cms.evidence): how many concerns were raised at a service
in a period, how many were acknowledged on time and how many closed with the outcome fed back.
Speak-up cases are left out: they go outside the line, and their figures are the speak-up
indicators'. Each concern is one person's, so each count is the people it rests on and a count
under the floor is never shown."""

from django.db.models import Count, F, Max, Q
from django.urls import reverse

from cms.evidence import Evidence, EvidenceItem, register_evidence

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
