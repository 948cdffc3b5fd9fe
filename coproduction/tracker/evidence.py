"""The tracker's evidence for the ledger (cms.evidence): the "you said, we did" outcomes
published for a service in a period, with what was done. Published outcomes are already public
to the organisation's members, and are about what the organisation did, not about people, so
their count is shown however small."""

from django.db.models import Max
from django.urls import reverse

from cms.evidence import Evidence, EvidenceItem, register_evidence

from .selectors import you_said_we_did_for_service

VIEW_YOU_SAID_WE_DID = "coproduction.view_service_you_said_we_did"


@register_evidence(
    "coproduction.you_said_we_did",
    label="You said, we did",
    description="What was done about what people said: outcomes published in the period.",
)
def you_said_we_did(service, start, end, viewer):
    published = you_said_we_did_for_service(service).filter(
        outcome_published_at__gte=start, outcome_published_at__lt=end
    )
    actions = list(published.order_by("-outcome_published_at")[:10])
    count = published.count()
    latest = published.aggregate(latest=Max("outcome_published_at"))["latest"]
    url = (
        reverse("coproduction:service_you_said_we_did", args=[service.pk])
        if viewer.has_perm(VIEW_YOU_SAID_WE_DID, service)
        else ""
    )
    return Evidence(
        items=[
            EvidenceItem(
                "Outcomes published",
                count,
                count,
                latest.date() if latest else None,
                url,
                min_people=0,
                details=[f"{action.title}: {action.outcome}" for action in actions],
            )
        ]
    )
