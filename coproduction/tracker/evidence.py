"""The tracker's evidence for the ledger (cms.evidence): the "you said, we did" outcomes
published for a service in a period, with what was done, and people's own words where they
agreed they may be quoted without their name. Published outcomes are already public to the
organisation's members, and are about what the organisation did, not about people, so their
count is shown however small. A quote carries its source, the giver's role where recorded and
the month: nothing that leads back to the person."""

from django.db.models import Count, Max, Q
from django.urls import reverse

from cms.evidence import Evidence, EvidenceItem, Quote, register_evidence

from .models import FeedbackItem, Theme
from .selectors import quotable_words, you_said_we_did_for_service

VIEW_YOU_SAID_WE_DID = "coproduction.view_service_you_said_we_did"
MOST_QUOTES = 12
VIEW_FEEDBACK = "coproduction.view_feedbackitem"


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


@register_evidence(
    "coproduction.quotes",
    label="In people's own words",
    description="Words people gave at the service in the period and agreed may be quoted "
    "in reports without their name.",
)
def quotes(service, start, end, viewer):
    # The latest months' words, a page's worth: the tracker holds the rest.
    given = quotable_words(service, start, end)[-MOST_QUOTES:]
    return Evidence(
        quotes=[
            Quote(
                text=words.text,
                source=words.source_label,
                month=words.month,
                role=words.giver_role,
            )
            for words in reversed(given)
        ]
    )


@register_evidence(
    "coproduction.feedback_themes",
    label="Feedback by theme",
    description="Pieces of feedback given at the service in the period that were tagged with "
    "these themes (speak-up apart: it has its own evidence).",
    params={"themes": 'the theme keys to count, e.g. ["hm_not_listening"]'},
)
def feedback_themes(service, start, end, viewer, themes=()):
    wanted = list(Theme.objects.filter(key__in=list(themes)).order_by("rank", "label"))
    given = FeedbackItem.objects.filter(
        service=service, received_on__gte=start.date(), received_on__lt=end.date()
    ).exclude(channel=FeedbackItem.Channel.SPEAK_UP)
    counts = given.aggregate(
        **{
            f"count_{theme.pk}": Count("id", filter=Q(themes=theme), distinct=True)
            for theme in wanted
        },
        **{f"latest_{theme.pk}": Max("received_on", filter=Q(themes=theme)) for theme in wanted},
    )
    url = (
        reverse("coproduction:feedback_list")
        if viewer.has_perm(VIEW_FEEDBACK, service.organisation)
        else ""
    )
    # Each piece of feedback is one person's: the count is the people it rests on.
    return Evidence(
        items=[
            EvidenceItem(
                f"Tagged “{theme.label}”",
                counts[f"count_{theme.pk}"],
                counts[f"count_{theme.pk}"],
                counts[f"latest_{theme.pk}"],
                url,
            )
            for theme in wanted
        ]
    )
