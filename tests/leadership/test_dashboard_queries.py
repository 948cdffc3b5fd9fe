"""The number of database queries of every dashboard page and CSV file is the same with one
month of snapshots as with two years of them (DESIGN.md: dashboards read snapshots only, so
their cost does not grow with history)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.organisations.models import Role
from cms.periods import add_months
from leadership.dashboards import panels
from leadership.flags.models import RedFlag
from leadership.snapshots.models import IndicatorSnapshot
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.leadership.factories_dashboards import IndicatorSnapshotFactory, months_ago

pytestmark = pytest.mark.django_db

KEYS = sorted(
    {
        *panels.KEY_INDICATORS,
        *panels.TIMELINE,
        *panels.LEARNING_INDICATORS,
        *(key for *_text, keys in panels.LISTENING_GROUPS for key in keys),
        "harmful_choice_rate:dignity",
        "harmful_choice_rate:mca_1",
        "retired_plugin_figure",
    }
)


def snapshots(services, offsets):
    # Every third month from too few people, so withheld cells are drawn as well.
    IndicatorSnapshot.objects.bulk_create(
        IndicatorSnapshotFactory.build(
            service=service,
            indicator=key,
            start=months_ago(offset),
            value=50 + offset,
            people=3 if offset % 3 == 2 else 20,
        )
        for service in services
        for key in KEYS
        for offset in offsets
    )


@pytest.fixture
def organisation():
    organisation = OrganisationFactory(name="Willow Care", slug="willow-care")
    for name in ("Alder House", "Birch House", "Cedar House"):
        service = ServiceFactory(organisation=organisation, name=name)
        RedFlag.objects.create(
            service=service,
            rule="turnover_rising",
            start=months_ago(0),
            end=add_months(months_ago(0), 1),
            stream="workforce",
            summary="Staff turnover is rising.",
        )
    return organisation


def _pages(organisation):
    service = organisation.services.order_by("name").first()
    slug = organisation.slug
    by_service = f"?period=24&service={service.pk}"
    pages = []
    for kind in ("overview", "learning", "listening"):
        for suffix in ("", "_csv"):
            url = reverse(f"leadership:dashboard_{kind}{suffix}", args=[slug])
            pages += [url + "?period=24", url + by_service]
    for suffix in ("", "_csv"):
        url = reverse(f"leadership:dashboard_service{suffix}", args=[slug, service.pk])
        pages.append(url + "?period=24")
    return pages


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        response.getvalue()  # a CSV streams: its queries are made as it is read
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def test_every_dashboard_costs_the_same_queries_with_one_month_as_with_two_years(
    client, organisation
):
    client.force_login(member(Role.LEADER, organisation=organisation))
    services = list(organisation.services.all())
    pages = _pages(organisation)
    assert len(pages) == 14  # three views and the service view, each with its CSV

    snapshots(services, [0])
    for url in pages:
        client.get(url)  # anything cached once per process is cached before counting
    one_month = {url: _queries(client, url) for url in pages}

    snapshots(services, range(1, 24))
    for url in pages:
        client.get(url)  # new figures: a dashboard cached before is built again, then cached
    two_years = {url: _queries(client, url) for url in pages}

    assert two_years == one_month
    assert all(count > 0 for count in one_month.values())


def test_two_years_of_history_are_actually_read(client, organisation):
    """The counts above compare pages that show the history, not pages that ignore it."""
    client.force_login(member(Role.LEADER, organisation=organisation))
    service = organisation.services.order_by("name").first()
    snapshots([service], range(24))
    url = reverse("leadership:dashboard_service", args=[organisation.slug, service.pk])
    response = client.get(url + "?period=24")
    sections = response.context["dashboard"].sections
    timeline = next(s for s in sections if s.section_id == "timeline").tables[0]
    assert len(timeline.rows) == 24
    concerns = [row.cells[0].text for row in timeline.rows]  # the first column: concerns
    assert concerns[:3] == ["fewer than 5", "72", "71"]  # 23, 22 and 21 months back
