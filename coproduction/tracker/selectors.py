"""Reads of the feedback tracker and "you said, we did"."""

from datetime import timedelta

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

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
    before it), from 2 or more channels. Each theme carries `item_count` and `channel_count`."""
    today = today or timezone.localdate()
    window = Q(
        feedback_items__received_on__gte=today - timedelta(days=REPEAT_WINDOW_DAYS),
        feedback_items__received_on__lte=today,
    )
    if service is not None:
        window &= Q(feedback_items__service=service)
    elif organisation is not None:
        window &= Q(feedback_items__service__organisation=organisation)
    return list(
        Theme.objects.annotate(
            item_count=Count("feedback_items", filter=window, distinct=True),
            channel_count=Count("feedback_items__channel", filter=window, distinct=True),
        )
        .filter(item_count__gte=REPEAT_MIN_ITEMS, channel_count__gte=REPEAT_MIN_CHANNELS)
        .order_by("-item_count", "group", "rank")
    )


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
