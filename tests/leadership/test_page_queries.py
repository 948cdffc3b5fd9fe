"""Issue 16: a leadership page makes the same number of database queries for an organisation
of 2 services as for one of 6 (and so at the benchmark's `small` and `sab` scales): a page that
asks the database once per service (an N+1) fails here, before a Safeguarding Adults Board area
of 100 services makes it slow."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from cms.periods import add_months
from leadership.dashboards import panels
from leadership.flags.models import RedFlag
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.leadership.factories_dashboards import months_ago
from tests.leadership.factories_visits import ServiceVisitFactory
from tests.leadership.test_dashboard_queries import snapshots

pytestmark = pytest.mark.django_db


def organisation_of(size, number, figures=range(24)):
    """An organisation of `size` services, each with every dashboard's figures for the months
    `figures` ago (two years unless told), an active and a cleared red flag, and a senior
    leader's visit."""
    organisation = OrganisationFactory(name=f"Care {number}", slug=f"care-{number}")
    services = [
        ServiceFactory(organisation=organisation, name=f"House {index:02d}")
        for index in range(size)
    ]
    snapshots(services, figures)
    for service in services:
        for start, cleared_at in ((months_ago(0), None), (months_ago(3), timezone.now())):
            RedFlag.objects.create(
                service=service,
                rule="turnover_rising",
                start=start,
                end=add_months(start, 1),
                stream="workforce",
                summary="Staff turnover is rising.",
                cleared_at=cleared_at,
            )
        ServiceVisitFactory(service=service)
    return organisation, services


def pages(organisation, services):
    slug = organisation.slug
    big = services[0].pk
    by_role = {
        Role.LEADER: [
            reverse("leadership:dashboard_overview", args=[slug]),
            reverse("leadership:dashboard_learning", args=[slug]),
            reverse("leadership:dashboard_listening", args=[slug]),
            reverse("leadership:dashboard_service", args=[slug, big]),
            reverse("leadership:dashboard_service", args=[slug, big])
            + f"?{panels.SHOW}={panels.SHOW_ALL}",
            reverse("leadership:flags_overview", args=[slug]),
            reverse("leadership:board_reports"),
            reverse("leadership:figures"),
            reverse("leadership:visits_index"),
            reverse("leadership:service_visits", args=[big]),
        ],
        Role.HR: [reverse("leadership:import_list", args=[slug])],
    }
    return by_role


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def counts(client, organisation, services):
    """{(role, the page's place in the list, warm or cold): its queries}: with the cache
    filled by a first request (a dashboard then comes from the cache), and with it empty (the
    dashboard is built)."""
    found = {}
    for role, urls in pages(organisation, services).items():
        client.force_login(member(role, organisation=organisation))
        for position, url in enumerate(urls):
            client.get(url)
            found[(role, position, "warm")] = _queries(client, url)
            cache.clear()
            found[(role, position, "cold")] = _queries(client, url)
    return found


def test_no_leadership_page_asks_the_database_once_per_service(client):
    small = counts(client, *organisation_of(2, 1))
    large = counts(client, *organisation_of(6, 2))

    assert large == small
    assert all(count > 0 for count in small.values())


def test_a_cached_dashboard_is_never_shown_to_someone_who_may_see_other_services(client):
    """The organisation's leader fills the cache; a leader of one of its services asking for
    the same page sees their own service only."""
    organisation, services = organisation_of(3, 3)
    url = reverse("leadership:dashboard_learning", args=[organisation.slug])
    client.force_login(member(Role.LEADER, organisation=organisation))
    everyone = client.get(url).content.decode()
    assert all(service.name in everyone for service in services)

    client.force_login(member(Role.LEADER, organisation=organisation, service=services[1]))
    own = client.get(url).content.decode()

    assert services[1].name in own
    assert services[0].name not in own and services[2].name not in own


def test_the_service_page_shows_latest_figures_and_a_group_month_by_month_when_asked(client):
    organisation, services = organisation_of(1, 4)
    service = services[0]
    client.force_login(member(Role.LEADER, organisation=organisation))
    url = reverse("leadership:dashboard_service", args=[organisation.slug, service.pk])
    group = panels.group_id("occupancy")

    summary = client.get(url + "?period=24").content.decode()
    opened = client.get(url + f"?period=24&{panels.SHOW}={group}").content.decode()
    every = client.get(url + f"?period=24&{panels.SHOW}={panels.SHOW_ALL}").content.decode()

    chart = f'id="chart-{service.pk}-occupancy"'
    assert "<svg" not in summary and chart not in summary
    assert f'id="{group}-latest"' in summary  # its latest figures, in a table
    assert f"?period=24&amp;{panels.SHOW}={group}" in summary  # the link that opens it
    assert chart in opened and '<details class="dashboard-more" open>' in opened
    assert opened.count("<svg") < every.count("<svg")
    assert len(summary) < len(every) / 2


def test_the_flags_standing_come_a_page_of_services_at_a_time(client):
    organisation, services = organisation_of(12, 5, figures=())
    client.force_login(member(Role.LEADER, organisation=organisation))
    url = reverse("leadership:flags_overview", args=[organisation.slug])

    first = client.get(url)
    second = client.get(url + "?services_page=2")

    names = [group.service.name for group in first.context["standing"]["page_obj"]]
    later = [group.service.name for group in second.context["standing"]["page_obj"]]
    assert names == [service.name for service in services[:10]]
    assert later == [service.name for service in services[10:]]
    assert "12 services with flags standing: services 1 to 10" in first.content.decode()
    assert "?services_page=2#flags-heading" in first.content.decode()
    # The other lists keep their own pages: the cleared flags are all on the first.
    assert second.context["cleared"]["page_obj"].paginator.count == 12


def test_the_red_flags_page_reads_a_page_of_flags_however_many_services_have_flags(client):
    """Not only the same queries: the same rows. A page that loads every standing flag of a
    Board's area to show ten services grows with the area."""
    from django.db.models.signals import post_init

    def flags_read(size, number):
        organisation, _services = organisation_of(size, number, figures=())
        client.force_login(member(Role.LEADER, organisation=organisation))
        read = []

        def count(sender, instance, **kwargs):
            read.append(instance)

        post_init.connect(count, sender=RedFlag)
        try:
            response = client.get(reverse("leadership:flags_overview", args=[organisation.slug]))
        finally:
            post_init.disconnect(count, sender=RedFlag)
        assert response.status_code == 200
        return len(read)

    # More services than a page of standing flags (10) and of cleared ones (20) hold.
    assert flags_read(24, 6) == flags_read(36, 7) > 0


def test_the_overview_comes_25_services_a_page_with_the_total_of_every_service(client):
    organisation, services = organisation_of(27, 6, figures=[0])
    client.force_login(member(Role.LEADER, organisation=organisation))
    url = reverse("leadership:dashboard_overview", args=[organisation.slug])

    def table(response):
        return response.context["dashboard"].sections[0].tables[0]

    first, second = client.get(url), client.get(url + "?page=2")

    assert [row.header for row in table(first).rows] == [s.name for s in services[:25]]
    assert [row.header for row in table(second).rows] == [s.name for s in services[25:]]
    # The total is of all 27 services on every page: one active flag each.
    totals = [[cell.text for cell in table(page).total.cells] for page in (first, second)]
    assert totals[0] == totals[1] and totals[0][-1] == "27"
    assert "Services 1 to 25 of 27" in first.content.decode()
    assert "?page=2" in first.content.decode()
    # The CSV file has every service.
    csv_url = reverse("leadership:dashboard_overview_csv", args=[organisation.slug])
    assert all(s.name in client.get(csv_url).getvalue().decode() for s in services)
