"""The tracker's evidence for the ledger (cms.evidence): the "you said, we did" outcomes
published for a service in a period, with what was done, and people's own words where they
agreed they may be quoted without their name. Published outcomes are already public to the
organisation's members, and are about what the organisation did, not about people, so their
count is shown however small. A quote carries its source, the giver's role where recorded and
the month: nothing that leads back to the person."""

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from cms.evidence import Evidence, EvidenceItem, Quote, register_evidence, register_latest_many
from cms.indicators import MIN_PEOPLE
from cms.periods import month_start

from ..questions.models import ForumPost
from ..spaces.models import AgendaComment, AgendaItem
from .models import Action, FeedbackItem, Theme
from .selectors import _day, _local_midnight, quotable_words, you_said_we_did_for_service

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


# --- Set-based latest dates, for the ledger's summary of many services (cms.evidence) -------


def _latest_by(rows, key, latest, found, day):
    """Fold grouped rows ({key: service pk, latest: moment}) into `found`, keeping the latest
    `day(moment)` of each service."""
    for row in rows.order_by().values(key).annotate(latest=Max(latest)):
        if row[key] is None or row["latest"] is None:
            continue
        on = day(row["latest"])
        if found.get(row[key]) is None or on > found[row[key]]:
            found[row[key]] = on
    return found


@register_latest_many("coproduction.you_said_we_did")
def you_said_we_did_latest(services, start, end, viewer):
    """What `you_said_we_did(...).latest` gives each service: the day of its latest outcome
    published in the period (shown however few), by the action's service or its space's."""
    published = Action.objects.filter(
        status=Action.Status.DONE,
        outcome_published_at__isnull=False,
        outcome_published_at__gte=start,
        outcome_published_at__lt=end,
    )
    found = {}
    for key in ("service_id", "space__service_id"):
        rows = published.filter(**{f"{key.removesuffix('_id')}__in": services})
        _latest_by(rows, key, "outcome_published_at", found, lambda moment: moment.date())
    return found


@register_latest_many("coproduction.quotes")
def quotes_latest(services, start, end, viewer):
    """What `quotes(...).latest` gives each service: the month of the latest words given with
    consent in the period, from the same sources and with the same exclusions as
    `selectors.quotable_words` (a month is all a quote says of its time)."""
    first, last = _day(start), _day(end)
    since, until = _local_midnight(first), _local_midnight(last)
    feedback = (
        FeedbackItem.objects.filter(
            service__in=services, may_quote=True, received_on__gte=first, received_on__lt=last
        )
        .exclude(channel=FeedbackItem.Channel.SPEAK_UP)
        .exclude(concern__speak_up__isnull=False)
        .exclude(concern__possible_safeguarding=True)
        .exclude(concern__may_quote=False)
        .exclude(question__may_quote=False)
    )
    found = _latest_by(feedback, "service_id", "received_on", {}, month_start)

    def local_month(moment):
        return month_start(timezone.localdate(moment))

    posts = ForumPost.objects.filter(
        thread__forum__service__in=services,
        may_quote=True,
        hidden_at__isnull=True,
        created_at__gte=since,
        created_at__lt=until,
    )
    _latest_by(posts, "thread__forum__service_id", "created_at", found, local_month)
    items = AgendaItem.objects.filter(
        space__service__in=services, may_quote=True, created_at__gte=since, created_at__lt=until
    )
    _latest_by(items, "space__service_id", "created_at", found, local_month)
    comments = AgendaComment.objects.filter(
        item__space__service__in=services,
        may_quote=True,
        created_at__gte=since,
        created_at__lt=until,
    )
    _latest_by(comments, "item__space__service_id", "created_at", found, local_month)
    return found


@register_latest_many("coproduction.feedback_themes")
def feedback_themes_latest(services, start, end, viewer, themes=()):
    """What `feedback_themes(...).latest` gives each service: the latest day of a theme whose
    pieces of feedback in the period reach the floor. One grouped query over the themes."""
    tagged = (
        FeedbackItem.themes.through.objects.filter(
            theme__key__in=list(themes),
            feedbackitem__service__in=services,
            feedbackitem__received_on__gte=start.date(),
            feedbackitem__received_on__lt=end.date(),
        )
        .exclude(feedbackitem__channel=FeedbackItem.Channel.SPEAK_UP)
        .order_by()
        .values("feedbackitem__service_id", "theme_id")
        .annotate(
            count=Count("feedbackitem_id", distinct=True), latest=Max("feedbackitem__received_on")
        )
    )
    found = {}
    for row in tagged:
        service_id = row["feedbackitem__service_id"]
        if row["count"] >= MIN_PEOPLE and (
            found.get(service_id) is None or row["latest"] > found[service_id]
        ):
            found[service_id] = row["latest"]
    return found
