"""Reads of the feedback tracker and "you said, we did", and the words people agreed may be
quoted in reports (`quotable_words`, read by the evidence ledger)."""

import datetime
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from cms.periods import month_label, month_start
from coproduction.forums.models import ForumFamily
from coproduction.questions.models import ForumPost
from coproduction.spaces.models import AgendaComment, AgendaItem, SpaceMembership, SpaceRole
from coproduction.tracker.models import Action, FeedbackItem, Theme

REPEAT_WINDOW_DAYS = 90
REPEAT_MIN_ITEMS = 3
REPEAT_MIN_CHANNELS = 2

ORDERS = {
    "-date": ("-received_on", "-pk"),
    "date": ("received_on", "pk"),
    "channel": ("channel", "-received_on", "-pk"),
}


def feedback_filter(
    organisation,
    *,
    theme=None,
    role=None,
    channel=None,
    service=None,
    date_from=None,
    date_to=None,
    order="-date",
):
    """An organisation's feedback items, filtered and sorted (newest first by default)."""
    items = FeedbackItem.objects.filter(service__organisation=organisation)
    if theme:
        items = items.filter(themes=theme)
    if role:
        items = items.filter(giver_role=role)
    if channel:
        items = items.filter(channel=channel)
    if service:
        items = items.filter(service=service)
    if date_from:
        items = items.filter(received_on__gte=date_from)
    if date_to:
        items = items.filter(received_on__lte=date_to)
    return (
        items.select_related("service")
        .prefetch_related(
            "themes", Prefetch("actions", queryset=Action.objects.order_by("created_at"))
        )
        .order_by(*ORDERS.get(order, ORDERS["-date"]))
    )


def repeated_themes(*, organisation=None, service=None, today=None):
    """Themes on 3 or more feedback items received in the last 90 days (today and the 90 days
    before it), from 2 or more channels. Each theme carries `item_count` and `channel_count`.

    The window and the service (or organisation) are in WHERE, before the counts, so only the
    window's items of that service are read, by the index on (service, received_on); counting
    inside `COUNT(...) FILTER` instead read every item of every organisation (issue 16)."""
    today = today or timezone.localdate()
    window = Q(
        feedback_items__received_on__gte=today - timedelta(days=REPEAT_WINDOW_DAYS),
        feedback_items__received_on__lte=today,
    )
    if service is not None:
        window &= Q(feedback_items__service=service)
    elif organisation is not None:
        window &= Q(feedback_items__service__organisation=organisation)
    # filter() before annotate() on the same relation: the counts use the filtered join.
    return list(
        Theme.objects.filter(window)
        .annotate(
            item_count=Count("feedback_items", distinct=True),
            channel_count=Count("feedback_items__channel", distinct=True),
        )
        .filter(item_count__gte=REPEAT_MIN_ITEMS, channel_count__gte=REPEAT_MIN_CHANNELS)
        .order_by("-item_count", "group", "rank")
    )


def repeated_theme_counts(services, today=None):
    """The set-based form of `repeated_themes(service=..., today=...)` for many services at
    once: {service id: (how many themes are repeated, how many pieces of feedback the window
    holds)}, for every one of `services`, in two queries grouped by service. The same window,
    counts and thresholds; the window and the services are in WHERE, so only the window's items
    of those services are read (the index on (service, received_on), as issue 16 asked)."""
    today = today or timezone.localdate()
    pks = [service.pk for service in services]
    since = today - timedelta(days=REPEAT_WINDOW_DAYS)
    feedback = dict(
        FeedbackItem.objects.filter(service__in=pks, received_on__gte=since, received_on__lte=today)
        .order_by()
        .values("service_id")
        .annotate(count=Count("pk"))
        .values_list("service_id", "count")
    )
    tagged = FeedbackItem.themes.through.objects.filter(
        feedbackitem__service__in=pks,
        feedbackitem__received_on__gte=since,
        feedbackitem__received_on__lte=today,
    )
    repeated = Counter(
        service_id
        for service_id, _theme in tagged.order_by()
        .values("feedbackitem__service_id", "theme_id")
        .annotate(
            item_count=Count("feedbackitem_id", distinct=True),
            channel_count=Count("feedbackitem__channel", distinct=True),
        )
        .filter(item_count__gte=REPEAT_MIN_ITEMS, channel_count__gte=REPEAT_MIN_CHANNELS)
        .values_list("feedbackitem__service_id", "theme_id")
    )
    return {pk: (repeated[pk], feedback.get(pk, 0)) for pk in pks}


def _published(actions):
    return (
        actions.filter(status=Action.Status.DONE, outcome_published_at__isnull=False)
        .select_related("agenda_item", "feedback_item", "priority_round", "response")
        .prefetch_related("recommendation_themes")
        .order_by("-outcome_published_at")
    )


def you_said_we_did_for_space(space):
    return _published(Action.objects.filter(space=space))


def you_said_we_did_for_service(service):
    """Done actions about one service: its own, and those of spaces of that service."""
    return _published(Action.objects.filter(Q(service=service) | Q(space__service=service)))


def open_actions_for_space(space):
    return (
        Action.objects.filter(space=space)
        .exclude(status=Action.Status.DONE)
        .select_related("owner", "agenda_item", "priority_round")
        .order_by("due_on", "created_at")
    )


# --- Consent for quotes ---------------------------------------------------------------------


class QuoteSource:
    """Where quoted words were written."""

    SURVEY = "survey"
    FORUM = "forum"
    QUESTION = "question"
    TRACKER = "tracker"
    COPRODUCTION = "coproduction"
    CONCERN = "concern"

    LABELS = {
        SURVEY: "Family survey",
        FORUM: "Family forum discussion",
        QUESTION: "Question to the family forum",
        TRACKER: "Feedback tracker",
        COPRODUCTION: "Co-production",
        CONCERN: "Concern",
    }


@dataclass(frozen=True)
class QuotableWords:
    """Words a person agreed may be quoted in reports, with nothing that leads back to them:
    no name, no user or account, no row id, and the month rather than the day or time."""

    text: str
    source: str  # a QuoteSource value
    giver_role: str  # e.g. "Family member"; "" where no role is recorded
    month: datetime.date  # the first day of the month the words were given
    themes: tuple[str, ...] = ()  # theme labels
    theme_keys: tuple[str, ...] = ()

    @property
    def source_label(self):
        return QuoteSource.LABELS[self.source]

    @property
    def month_label(self):
        return month_label(self.month)


def _day(value):
    """A date, from a date or an aware datetime (its local day)."""
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value)
    return value


def _local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _feedback_words(service, start, end):
    """Tracker items with consent: questions and concerns copied there, survey comments
    (copied when the survey closes), and feedback staff entered for someone who agreed. The
    item's consent and its source's must both say yes (a withdrawal on the source counts even
    if the item were somehow left behind); speak-up and possible safeguarding concerns never."""
    items = (
        FeedbackItem.objects.filter(
            service=service,
            may_quote=True,
            received_on__gte=start,
            received_on__lt=end,
        )
        .exclude(channel=FeedbackItem.Channel.SPEAK_UP)
        .exclude(concern__speak_up__isnull=False)
        .exclude(concern__possible_safeguarding=True)
        .exclude(concern__may_quote=False)
        .exclude(question__may_quote=False)
        .annotate(question_pk=F("question__pk"), concern_pk=F("concern__pk"))
        .only("text", "channel", "giver_role", "received_on")
        .prefetch_related("themes")
    )
    for item in items:
        if item.question_pk is not None:
            source = QuoteSource.QUESTION
        elif item.concern_pk is not None:
            source = QuoteSource.CONCERN
        elif item.channel == FeedbackItem.Channel.SURVEY:
            source = QuoteSource.SURVEY
        else:
            source = QuoteSource.TRACKER
        themes = list(item.themes.all())  # in the taxonomy's order (Theme.Meta)
        recorded = item.giver_role != FeedbackItem.GiverRole.OTHER
        role = item.get_giver_role_display() if recorded else ""
        yield QuotableWords(
            text=item.text,
            source=source,
            giver_role=role,
            month=month_start(item.received_on),
            themes=tuple(theme.label for theme in themes),
            theme_keys=tuple(theme.key for theme in themes),
        )


def _forum_words(service, start, end):
    """Forum posts with consent, unless the hosts hid them."""
    family = ForumFamily.objects.filter(forum=OuterRef("thread__forum"), user=OuterRef("author"))
    posts = (
        ForumPost.objects.filter(
            thread__forum__service=service,
            may_quote=True,
            hidden_at__isnull=True,
            created_at__gte=_local_midnight(start),
            created_at__lt=_local_midnight(end),
        )
        .annotate(by_family=Exists(family))
        .values_list("body", "created_at", "by_family")
    )
    for body, created_at, by_family in posts:
        yield QuotableWords(
            text=body,
            source=QuoteSource.FORUM,
            giver_role=FeedbackItem.GiverRole.FAMILY.label if by_family else "",
            month=month_start(timezone.localdate(created_at)),
        )


def _coproduction_words(service, start, end):
    """Agenda items and comments with consent, in co-production spaces of the service; the
    role is the person's role in the space."""
    roles = dict(SpaceRole.choices)
    since, until = _local_midnight(start), _local_midnight(end)
    proposer_role = SpaceMembership.objects.filter(
        space=OuterRef("space"), user=OuterRef("proposed_by")
    ).values("role")[:1]
    items = (
        AgendaItem.objects.filter(
            space__service=service,
            may_quote=True,
            created_at__gte=since,
            created_at__lt=until,
        )
        .annotate(role=Subquery(proposer_role))
        .values_list("title", "about", "why_it_matters", "created_at", "role")
    )
    for title, about, why, created_at, role in items:
        yield QuotableWords(
            text=f"{title}\n{about}\nWhy it matters: {why}",
            source=QuoteSource.COPRODUCTION,
            giver_role=roles.get(role, ""),
            month=month_start(timezone.localdate(created_at)),
        )
    author_role = SpaceMembership.objects.filter(
        space=OuterRef("item__space"), user=OuterRef("author")
    ).values("role")[:1]
    comments = (
        AgendaComment.objects.filter(
            item__space__service=service,
            may_quote=True,
            created_at__gte=since,
            created_at__lt=until,
        )
        .annotate(role=Subquery(author_role))
        .values_list("body", "created_at", "role")
    )
    for body, created_at, role in comments:
        yield QuotableWords(
            text=body,
            source=QuoteSource.COPRODUCTION,
            giver_role=roles.get(role, ""),
            month=month_start(timezone.localdate(created_at)),
        )


def quotable_words(service, start, end):
    """The words given at `service` in [start, end) (dates, or aware datetimes taken as their
    local day) that the person agreed may be quoted in reports, without their name: survey
    comments, forum posts, questions, tracker feedback, co-production items and comments, and
    concerns. Withdrawn consent, posts hidden by the hosts, speak-up cases and possible
    safeguarding concerns are left out.

    Each is a `QuotableWords`: the text, its source, the giver's role where recorded, the
    month and the themes. They are sorted by month, source and text, so their order says
    nothing about who wrote first."""
    start, end = _day(start), _day(end)
    words = [
        *_feedback_words(service, start, end),
        *_forum_words(service, start, end),
        *_coproduction_words(service, start, end),
    ]
    return sorted(words, key=lambda quote: (quote.month, quote.source, quote.text))
