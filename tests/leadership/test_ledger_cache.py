"""Ledgers kept for a few minutes (leadership/ledger/caching.py): a second look does not gather
the evidence again, the page says when it was gathered and gathers it again on request, and
nothing one person's ledger held reaches another, another period, a renamed service or figures
worked out since."""

import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from cms.periods import add_months
from leadership.ledger import caching
from leadership.snapshots.models import SnapshotRun
from tests.cms.factories import ServiceFactory, member
from tests.coproduction.factories_concerns import ConcernFactory
from tests.leadership.factories_flags import MONTH

pytestmark = pytest.mark.django_db

FIRST = add_months(MONTH, -5)
PERIOD = {"from_month": f"{FIRST:%Y-%m}", "to_month": f"{MONTH:%Y-%m}"}
CONCERNS_TABLE = '"coproduction_concern"'


@pytest.fixture
def figures_done(organisation):
    """A finished run of the figures: the ledger is kept only once figures were worked out."""
    now = timezone.now()
    return SnapshotRun.objects.create(
        organisation=organisation,
        status=SnapshotRun.Status.DONE,
        requested_at=now,
        finished_at=now,
    )


def concerns(service, count):
    within = timezone.make_aware(timezone.datetime(MONTH.year, MONTH.month, 10))
    for _ in range(count):
        concern = ConcernFactory(service=service)
        type(concern).objects.filter(pk=concern.pk).update(created_at=within)


def service_url(service, name="leadership:ledger_service"):
    return reverse(name, args=[service.organisation.slug, service.pk])


def summary_url():
    return reverse("leadership:ledger_summary", args=["willow-care"])


def look(client, url, params=PERIOD):
    """(the page, the SQL it ran)."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
        assert response.status_code == 200, response.status_code
        body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode(), [query["sql"] for query in context.captured_queries]


def raised(page):
    """The count on the "Concerns raised" line of a ledger page."""
    return re.search(r"Concerns raised(?:</a>)?: ([^<\n]+)", page).group(1).strip()


def table(page):
    return page[page.index("<table") : page.index("</table>")]


@pytest.mark.usefixtures("figures_done")
@pytest.mark.parametrize("name", ["leadership:ledger_service", "leadership:ledger_service_csv"])
def test_a_second_look_at_a_service_ledger_does_not_gather_the_evidence_again(
    client, service, leader, name
):
    concerns(service, 5)
    client.force_login(leader)
    _page, first = look(client, service_url(service, name))
    concerns(service, 1)

    page, second = look(client, service_url(service, name))

    assert any(CONCERNS_TABLE in sql for sql in first)
    assert not any(CONCERNS_TABLE in sql for sql in second)
    assert len(second) < len(first)
    if name == "leadership:ledger_service":
        assert raised(page) == "5"
        assert "The evidence was gathered at" in page and "Gather the evidence again now" in page


@pytest.mark.usefixtures("figures_done")
def test_gathering_again_now_shows_new_evidence_and_returns_to_the_page_asked_for(
    client, service, leader
):
    concerns(service, 5)
    client.force_login(leader)
    look(client, service_url(service))
    concerns(service, 1)

    response = client.get(service_url(service), {**PERIOD, "fresh": "1"})

    # Back to the address without `fresh`, the period kept, which now reads the new ledger.
    assert response.status_code == 302
    back = response["Location"]
    assert "fresh" not in back and f"from_month={FIRST:%Y-%m}" in back
    page, sql = look(client, back, {})
    assert raised(page) == "6"
    assert not any(CONCERNS_TABLE in query for query in sql)


@pytest.mark.usefixtures("figures_done")
def test_the_evidence_is_gathered_again_once_the_kept_ledger_is_five_minutes_old(
    client, service, leader, monkeypatch
):
    assert caching.SECONDS == 5 * 60 and caching.MINUTES == 5
    monkeypatch.setattr(caching, "SECONDS", 1)
    concerns(service, 5)
    client.force_login(leader)
    look(client, service_url(service))
    concerns(service, 1)
    time.sleep(1.5)

    page, _sql = look(client, service_url(service))

    assert raised(page) == "6"


@pytest.mark.usefixtures("figures_done")
def test_one_persons_kept_ledger_never_reaches_another(client, organisation, service, leader):
    """A service's ledger links only to what its reader may open: another leader gets a ledger
    gathered for them, not the one kept for the first."""
    concerns(service, 5)
    client.force_login(leader)
    look(client, service_url(service))
    concerns(service, 1)
    other = member(Role.LEADER, organisation=organisation, first_name="Omar")
    client.force_login(other)

    page, sql = look(client, service_url(service))

    assert raised(page) == "6"
    assert any(CONCERNS_TABLE in query for query in sql)


@pytest.mark.usefixtures("figures_done")
def test_another_period_is_gathered_for_itself(client, service, leader):
    concerns(service, 5)
    client.force_login(leader)
    look(client, service_url(service))
    concerns(service, 1)

    page, _sql = look(client, service_url(service), {**PERIOD, "from_month": f"{MONTH:%Y-%m}"})

    assert raised(page) == "6"


@pytest.mark.usefixtures("figures_done")
def test_a_renamed_service_shows_its_new_name_at_once(client, organisation, service, leader):
    ServiceFactory(organisation=organisation, name="Oak Lodge")
    client.force_login(leader)
    look(client, summary_url())
    look(client, service_url(service))
    service.name = "Willow House North"
    service.save()

    summary, _ = look(client, summary_url())
    page, _ = look(client, service_url(service))

    assert "Willow House North" in summary and "Willow House North: evidence ledger" in page


def test_figures_worked_out_since_show_at_once(client, organisation, service, leader, figures_done):
    concerns(service, 5)
    client.force_login(leader)
    look(client, service_url(service))
    concerns(service, 1)
    later = figures_done.finished_at + timezone.timedelta(minutes=1)
    SnapshotRun.objects.create(
        organisation=organisation,
        status=SnapshotRun.Status.DONE,
        requested_at=later,
        finished_at=later,
    )

    page, _ = look(client, service_url(service))

    assert raised(page) == "6"


def test_nothing_is_kept_while_the_figures_are_being_brought_up_to_date(
    client, organisation, service, leader, figures_done
):
    SnapshotRun.objects.create(
        organisation=organisation, status=SnapshotRun.Status.RUNNING, requested_at=timezone.now()
    )
    concerns(service, 5)
    client.force_login(leader)
    look(client, service_url(service))
    concerns(service, 1)

    page, _ = look(client, service_url(service))

    assert raised(page) == "6"


@pytest.mark.usefixtures("figures_done")
def test_the_summary_is_kept_and_gathered_again_on_request(client, organisation, service, leader):
    ServiceFactory(organisation=organisation, name="Oak Lodge")
    client.force_login(leader)
    first, first_sql = look(client, summary_url())
    concerns(service, 5)

    kept, kept_sql = look(client, summary_url())
    response = client.get(summary_url(), {**PERIOD, "fresh": "1"})
    fresh, _ = look(client, response["Location"], {})

    assert any(CONCERNS_TABLE in sql for sql in first_sql)
    assert not any(CONCERNS_TABLE in sql for sql in kept_sql)
    assert table(kept) == table(first)
    assert "The evidence was gathered at" in kept and "Gather the evidence again now" in kept
    assert response.status_code == 302 and "fresh" not in response["Location"]
    # Five concerns at Willow House now evidence the statements concerns are mapped to.
    assert first.count(">Evidence<") == 0 and fresh.count(">Evidence<") >= 1
