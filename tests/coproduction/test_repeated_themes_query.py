"""`repeated_themes` reads only the window's feedback of the service (or organisation) asked
about: the filter is in WHERE, not only inside COUNT(...) FILTER, and the themes it finds are
those the old query found on a generated dataset (issue 16)."""

import random
from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from coproduction.tracker import selectors
from coproduction.tracker.models import FeedbackItem, Theme
from tests.cms.factories import OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def old_repeated_themes(*, organisation=None, service=None, today=None):
    """The query as it was before issue 16: every theme, every item counted under a filter."""
    window = Q(
        feedback_items__received_on__gte=today - timedelta(days=selectors.REPEAT_WINDOW_DAYS),
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
        .filter(
            item_count__gte=selectors.REPEAT_MIN_ITEMS,
            channel_count__gte=selectors.REPEAT_MIN_CHANNELS,
        )
        .order_by("-item_count", "group", "rank")
    )


def found(themes):
    return [(theme.key, theme.item_count, theme.channel_count) for theme in themes]


@pytest.fixture
def dataset():
    """Two organisations of three services each; 600 items over a year, each with 0-3 themes
    from a handful, on one of three channels, so some themes repeat and some do not."""
    chooser = random.Random(16)
    organisations = [OrganisationFactory(), OrganisationFactory()]
    services = [ServiceFactory(organisation=org) for org in organisations for _ in range(3)]
    themes = list(Theme.objects.order_by("key")[:8])
    channels = ["forum", "survey", "concern"]
    items = FeedbackItem.objects.bulk_create(
        FeedbackItem(
            service=chooser.choice(services),
            channel=chooser.choice(channels),
            received_on=TODAY - timedelta(days=chooser.randrange(365)),
            text="Said at the forum.",
        )
        for _ in range(600)
    )
    Link = FeedbackItem.themes.through
    Link.objects.bulk_create(
        Link(feedbackitem=item, theme=theme)
        for item in items
        for theme in chooser.sample(themes, chooser.randrange(4))
    )
    return organisations, services


def test_the_same_themes_and_counts_as_the_old_query(dataset):
    organisations, services = dataset
    seen = 0
    for today in (TODAY, TODAY - timedelta(days=100), TODAY - timedelta(days=300)):
        for scope in (
            *({"service": service} for service in services),
            *({"organisation": organisation} for organisation in organisations),
            {},
        ):
            new = selectors.repeated_themes(today=today, **scope)
            assert found(new) == found(old_repeated_themes(today=today, **scope))
            seen += bool(new)
    # The dataset is one where themes do repeat, in most scopes.
    assert seen > 10


def test_the_service_and_the_window_are_in_where(dataset):
    _organisations, services = dataset
    with CaptureQueriesContext(connection) as queries:
        selectors.repeated_themes(service=services[0], today=TODAY)
    [sql] = [query["sql"] for query in queries.captured_queries]
    where = sql.split(" WHERE ", 1)[1].split(" GROUP BY ", 1)[0]
    assert '"received_on" >= ' in where and '"received_on" <= ' in where
    assert f'"service_id" = {services[0].pk}' in where
    assert "FILTER" not in sql


def test_the_organisation_is_in_where(dataset):
    organisations, _services = dataset
    with CaptureQueriesContext(connection) as queries:
        selectors.repeated_themes(organisation=organisations[1], today=TODAY)
    [sql] = [query["sql"] for query in queries.captured_queries]
    where = sql.split(" WHERE ", 1)[1].split(" GROUP BY ", 1)[0]
    assert f'"organisation_id" = {organisations[1].pk}' in where
    assert '"received_on" >= ' in where
