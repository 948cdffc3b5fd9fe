"""The tracker's evidence for the ledger (cms.evidence): the "you said, we did" outcomes
published for a service in a period, with what was done, and people's own words where they
agreed they may be quoted without their name. Published outcomes are already public to the
organisation's members, and are about what the organisation did, not about people, so their
count is shown however small. A quote carries its source, the giver's role where recorded and
the month: nothing that leads back to the person."""

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone

from cms.evidence import (
    Evidence,
    EvidenceItem,
    Quote,
    register_collect_each,
    register_evidence,
    register_latest_each,
    register_latest_many,
)
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
    actions = list(published.prefetch_related(None).order_by("-outcome_published_at")[:10])
    summary = published.aggregate(count=Count("pk"), latest=Max("outcome_published_at"))
    count, latest = summary["count"], summary["latest"]
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
    return feedback_themes_each(service, start, end, viewer, [{"themes": themes}])[0]


def _tagged(start, end, each, **where):
    """The theme links of feedback given in [start, end) (speak-up apart) whose theme is one of
    those `each` asks about, filtered by `where`."""
    keys = {key for params in each for key in params.get("themes", ())}
    return (
        FeedbackItem.themes.through.objects.filter(
            theme__key__in=keys,
            feedbackitem__received_on__gte=start.date(),
            feedbackitem__received_on__lt=end.date(),
            **where,
        )
        .exclude(feedbackitem__channel=FeedbackItem.Channel.SPEAK_UP)
        .order_by()
    )


@register_collect_each("coproduction.feedback_themes")
def feedback_themes_each(service, start, end, viewer, each):
    """`feedback_themes` for each set of themes in `each`: the map asks about a few themes for
    each of many statements, and this counts every theme asked for in one query."""
    keys = {key for params in each for key in params.get("themes", ())}
    themes = list(Theme.objects.filter(key__in=keys).order_by("rank", "label"))
    tallies = {
        row["theme_id"]: row
        for row in _tagged(start, end, each, feedbackitem__service=service)
        .values("theme_id")
        .annotate(
            count=Count("feedbackitem_id", distinct=True), latest=Max("feedbackitem__received_on")
        )
    }
    url = (
        reverse("coproduction:feedback_list")
        if viewer.has_perm(VIEW_FEEDBACK, service.organisation)
        else ""
    )
    found = []
    for params in each:
        wanted = set(params.get("themes", ()))
        items = []
        for theme in themes:
            if theme.key not in wanted:
                continue
            tally = tallies.get(theme.pk, {"count": 0, "latest": None})
            # Each piece of feedback is one person's: the count is the people it rests on.
            items.append(
                EvidenceItem(
                    f"Tagged “{theme.label}”",
                    tally["count"],
                    tally["count"],
                    tally["latest"],
                    url,
                )
            )
        found.append(Evidence(items=items))
    return found


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


@register_latest_each("coproduction.feedback_themes")
def feedback_themes_latest_each(services, start, end, viewer, each):
    """What `feedback_themes(...).latest` gives each service for each set of themes in `each`:
    the latest day of a theme whose pieces of feedback in the period reach the floor. One grouped
    query over every theme asked for."""
    tallies = (
        _tagged(start, end, each, feedbackitem__service__in=services)
        .values("feedbackitem__service_id", "theme__key")
        .annotate(
            count=Count("feedbackitem_id", distinct=True), latest=Max("feedbackitem__received_on")
        )
    )
    shown = [row for row in tallies if row["count"] >= MIN_PEOPLE]
    found = []
    for params in each:
        wanted, dates = set(params.get("themes", ())), {}
        for row in shown:
            service_id = row["feedbackitem__service_id"]
            if row["theme__key"] in wanted and (
                dates.get(service_id) is None or row["latest"] > dates[service_id]
            ):
                dates[service_id] = row["latest"]
        found.append(dates)
    return found
