"""Snapshot runs as an attacker would press on them: two refreshes at once make one run (the
database says so), a redelivered task neither computes twice nor fails the run, a killed
worker's run is given up and a new one allowed, the refresh returns before the computation ends
(with no broker too) and shows its progress, the person who asked is emailed at the end, flags
are evaluated once the figures they read are complete, and every page that says how up to date
the figures are says the same words."""

import threading
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms import indicators
from cms.background import wait_for_background_tasks
from cms.indicators import Direction, IndicatorValue
from cms.organisations.models import Role
from cms.periods import Months
from leadership.snapshots import selectors, services, tasks
from leadership.snapshots.models import IndicatorSnapshot, SnapshotRun
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.leadership.factories_snapshots import IndicatorSnapshotFactory, SnapshotRunFactory

pytestmark = pytest.mark.django_db

Status = SnapshotRun.Status
TODAY = date(2026, 3, 15)


@pytest.fixture
def registry(monkeypatch):
    """One indicator, `visits`, that counts its calls and, while `state.hold` is set, waits
    for `state.go` (a computation that takes as long as the test wants)."""
    monkeypatch.setattr(indicators, "_registry", {})
    state = SimpleNamespace(calls=0, hold=False, go=threading.Event(), started=threading.Event())

    @indicators.register("visits", label="Visits", unit="count", good_direction=Direction.UP)
    def visits(service, start, end):
        state.calls += 1
        state.started.set()
        if state.hold:
            assert state.go.wait(20), "the test never let the computation go on"
        return IndicatorValue(float(service.beds), 7)

    return state


@pytest.fixture
def organisation():
    organisation = OrganisationFactory(name="Island Care", slug="island-care")
    ServiceFactory(organisation=organisation, name="Willow House", beds=30)
    ServiceFactory(organisation=organisation, name="Elm Court", beds=12)
    return organisation


@pytest.fixture
def leader(organisation):
    return member(Role.LEADER, organisation=organisation, email="leader@example.org")


@pytest.fixture
def flags_evaluated(monkeypatch):
    from leadership.flags import services as flag_services

    evaluated = []
    monkeypatch.setattr(
        flag_services,
        "flags_evaluate",
        lambda organisation=None, month=None: evaluated.append(organisation) or {},
    )
    return evaluated


# --- One open run per organisation, guaranteed by the database ------------------------------


def test_the_database_refuses_a_second_open_run_of_one_organisation(organisation):
    SnapshotRunFactory(organisation=organisation, status=Status.RUNNING)
    with pytest.raises(IntegrityError), transaction.atomic():
        SnapshotRunFactory(organisation=organisation, status=Status.QUEUED)
    # Finished runs do not count, nor another organisation's, nor the nightly run.
    SnapshotRunFactory(organisation=organisation, status=Status.DONE)
    SnapshotRunFactory(organisation=organisation, status=Status.FAILED)
    SnapshotRunFactory(status=Status.QUEUED)
    SnapshotRunFactory(organisation=None, status=Status.RUNNING)
    with pytest.raises(IntegrityError), transaction.atomic():
        SnapshotRunFactory(organisation=None, status=Status.QUEUED)


@pytest.mark.django_db(transaction=True)
def test_two_refreshes_at_once_make_one_run(postgres_db, organisation, leader, registry):
    """Two browsers press the button at the same moment, each on its own connection."""
    registry.hold = True  # the first run stays open while the second request arrives
    barrier = threading.Barrier(2)
    statuses = []

    def press():
        client = Client()
        client.force_login(leader)
        barrier.wait(5)
        response = client.post(reverse("leadership:figures_refresh"))
        statuses.append(response.status_code)
        from django.db import connection

        connection.close()

    presses = [threading.Thread(target=press) for _ in range(2)]
    for thread in presses:
        thread.start()
    for thread in presses:
        thread.join(20)
    registry.go.set()
    assert wait_for_background_tasks(30)

    assert statuses == [302, 302]  # neither sees an error page
    assert SnapshotRun.objects.filter(organisation=organisation).count() == 1
    assert SnapshotRun.objects.get().status == Status.DONE


def test_asking_while_the_nightly_run_is_open_shows_the_nightly_run(organisation, leader):
    nightly = SnapshotRunFactory(organisation=None, status=Status.RUNNING, services_total=9)
    SnapshotRun.objects.filter(pk=nightly.pk).update(services_done=4)

    run, created = services.run_request(organisation, leader)

    assert (run.pk, created) == (nightly.pk, False)
    as_of = selectors.figures_as_of(organisation)
    assert as_of.progress_text == (
        "They are being brought up to date now by the nightly run: 4 of 9 services done."
    )


# --- A task delivered twice -------------------------------------------------------------------


def test_a_task_redelivered_while_its_run_is_computing_does_nothing(
    organisation, registry, flags_evaluated, monkeypatch
):
    """The broker hands the same message to a second worker (its visibility timeout passed)
    while the first is still at work: the second finds the run claimed and leaves it alone."""
    run = SnapshotRunFactory(organisation=organisation)
    redelivered = []
    compute = services.snapshots_compute

    def compute_and_meanwhile_redeliver(**kwargs):
        redelivered.append(tasks.compute_snapshots_for(run.pk))
        assert SnapshotRun.objects.get(pk=run.pk).status == Status.RUNNING
        return compute(**kwargs)

    monkeypatch.setattr(services, "snapshots_compute", compute_and_meanwhile_redeliver)

    tasks.compute_snapshots_for(run.pk)

    run.refresh_from_db()
    # Once for each of its two parts (one service each), while the part was computing.
    assert redelivered == [None, None]
    assert run.status == Status.DONE and run.error == ""
    assert registry.calls == 2 * 25  # two services, 25 periods, computed once
    assert flags_evaluated == [organisation]  # flags once, by the worker that computed
    # Delivered a third time after it finished: still nothing.
    assert tasks.compute_snapshots_for(run.pk) is None
    assert registry.calls == 2 * 25


# --- A killed worker --------------------------------------------------------------------------


def test_a_killed_workers_run_is_given_up_and_a_new_one_allowed(client, organisation, leader):
    killed = SnapshotRunFactory(organisation=organisation, status=Status.RUNNING)
    SnapshotRun.objects.filter(pk=killed.pk).update(
        requested_at=timezone.now() - timedelta(hours=1),
        progressed_at=timezone.now() - services.STALLED_AFTER - timedelta(minutes=1),
        services_done=3,
        services_total=10,
    )
    client.force_login(leader)

    response = client.post(reverse("leadership:figures_refresh"), follow=True)

    killed.refresh_from_db()
    assert killed.status == Status.FAILED and "given up" in killed.error
    assert killed.finished_at is not None
    assert SnapshotRun.objects.filter(status=Status.QUEUED).count() == 1
    assert "Bringing the figures for Island Care up to date" in response.content.decode()
    # If its message turns up after all, it does nothing.
    assert services.run_execute(killed.pk) is None


def test_a_long_run_that_is_still_moving_is_not_given_up(organisation, leader):
    slow = SnapshotRunFactory(organisation=organisation, status=Status.RUNNING)
    SnapshotRun.objects.filter(pk=slow.pk).update(
        requested_at=timezone.now() - timedelta(hours=3),
        progressed_at=timezone.now() - timedelta(minutes=2),
    )

    run, created = services.run_request(organisation, leader)

    assert (run.pk, created) == (slow.pk, False)
    slow.refresh_from_db()
    assert slow.status == Status.RUNNING


def test_the_nightly_run_gives_up_a_stalled_run(organisation, registry, flags_evaluated):
    stalled = SnapshotRunFactory(organisation=organisation, status=Status.QUEUED)
    SnapshotRun.objects.filter(pk=stalled.pk).update(
        requested_at=timezone.now() - services.STALLED_AFTER * 2
    )

    tasks.compute_snapshots()

    stalled.refresh_from_db()
    assert stalled.status == Status.FAILED


# --- In the background, with progress and an email ------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_with_no_broker_the_refresh_returns_before_the_figures_are_worked_out(
    client, organisation, leader, registry, flags_evaluated
):
    """The embedded defaults (CELERY_TASK_ALWAYS_EAGER, as `make run`): the request must not
    wait for the computation, which here waits until the test lets it go on."""
    assert settings.CELERY_TASK_ALWAYS_EAGER
    registry.hold = True
    client.force_login(leader)

    response = client.post(reverse("leadership:figures_refresh"), follow=True)

    assert registry.started.wait(10)
    run = SnapshotRun.objects.get()
    assert run.status in (Status.QUEUED, Status.RUNNING)  # the page came back first
    assert "Bringing the figures for Island Care up to date" in response.content.decode()
    progress = client.get(reverse("leadership:figures_progress")).json()["organisations"]
    assert progress[0]["open"] is True
    assert progress[0]["progress"].startswith("They are being brought up to date now")

    registry.go.set()
    assert wait_for_background_tasks(30)

    run.refresh_from_db()
    assert run.status == Status.DONE
    assert (run.services_done, run.services_total) == (2, 2)
    assert run.snapshots_written == IndicatorSnapshot.objects.count() == 2 * 25
    assert flags_evaluated == [organisation]  # the organisation's flags, after its figures
    progress = client.get(reverse("leadership:figures_progress")).json()["organisations"]
    assert progress[0]["open"] is False
    assert progress[0]["text"].startswith("The figures were last brought up to date on")
    [email] = mail.outbox
    assert email.to == ["leader@example.org"]
    assert email.subject == "The figures for Island Care are up to date"
    page = client.get(reverse("leadership:figures")).content.decode()
    assert progress[0]["text"] in page and "Bring the figures up to date</button>" in page


def test_progress_is_recorded_part_by_part(organisation, registry, monkeypatch):
    """Each part adds its services to the run's progress as it ends (the run is cut into parts
    as it is claimed, so the total is known before the first service)."""
    run = SnapshotRunFactory(organisation=organisation)
    seen = []
    real = services.part_execute

    def watching(part_id, worker=""):
        saved = SnapshotRun.objects.get(pk=run.pk)
        seen.append((saved.status, saved.services_done, saved.services_total))
        return real(part_id, worker)

    monkeypatch.setattr(services, "part_execute", watching)

    services.run_execute(run.pk, today=TODAY, months=1)

    run.refresh_from_db()
    seen.append((run.status, run.services_done, run.services_total))
    assert seen == [(Status.RUNNING, 0, 2), (Status.RUNNING, 1, 2), (Status.DONE, 2, 2)]


def test_a_failed_run_emails_what_to_do(
    organisation, leader, monkeypatch, django_capture_on_commit_callbacks
):
    def stop(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "snapshots_compute", stop)
    run = SnapshotRunFactory(organisation=organisation, requested_by=leader)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.compute_snapshots_for(run.pk)

    [email] = mail.outbox
    assert email.subject == "The figures for Island Care could not be brought up to date"
    assert "What to do: open the Figures page" in email.body
    assert "Nothing you uploaded has been lost" in email.body
    assert "/leadership/figures/" in email.body or reverse("leadership:figures") in email.body


# --- Flags after the figures ------------------------------------------------------------------


def test_the_nightly_run_evaluates_flags_once_its_figures_are_complete(
    organisation, registry, flags_evaluated
):
    assert "leadership-evaluate-flags" not in settings.CELERY_BEAT_SCHEDULE  # no fixed time
    tasks.compute_snapshots()
    assert flags_evaluated == [None]  # every organisation, after the run
    # Skipped while another nightly run is open: no flags either.
    SnapshotRunFactory(organisation=None, status=Status.RUNNING)
    assert tasks.compute_snapshots() is None
    assert flags_evaluated == [None]


# --- One "figures as of" on every page --------------------------------------------------------


def _pages(client, organisation):
    service = organisation.services.order_by("pk").first()
    urls = [
        reverse("leadership:dashboard_overview", args=[organisation.slug]),
        reverse("leadership:dashboard_service", args=[organisation.slug, service.pk]),
        reverse("leadership:figures"),
        reverse("leadership:board_reports"),
        reverse("leadership:ledger_service", args=[organisation.slug, service.pk]),
        reverse("leadership:ledger_summary", args=[organisation.slug]),
    ]
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


def test_every_page_says_the_same_time(client, organisation, leader):
    service = organisation.services.first()
    IndicatorSnapshotFactory(service=service, start=date(2026, 1, 1))
    finished = timezone.now() - timedelta(days=1, hours=2)
    SnapshotRunFactory(organisation=organisation, status=Status.DONE, finished_at=finished)
    # An older nightly run and another organisation's newer run do not count.
    SnapshotRunFactory(
        organisation=None, status=Status.DONE, finished_at=finished - timedelta(days=1)
    )
    SnapshotRunFactory(status=Status.DONE, finished_at=timezone.now())
    client.force_login(leader)
    moment = timezone.localtime(finished)
    said = f"The figures were last brought up to date on {moment:%-d %B %Y} at {moment:%H:%M}."

    for url, page in _pages(client, organisation).items():
        assert said in page, url
        assert "not yet" not in page.lower() and "worked out yet" not in page, url

    from leadership.reports.sections import _how_would_we_know
    from leadership.reports.selectors import report_data

    data = report_data(organisation, Months(date(2026, 1, 1), date(2026, 2, 1)))
    assert data.figures_as_of.text == said
    assert said in str(_how_would_we_know(data))


def test_figures_worked_out_without_a_recorded_run_never_read_not_yet(client, organisation, leader):
    """The demo writes snapshots without a run: the pages say when, not "not yet"."""
    snapshot = IndicatorSnapshotFactory(service=organisation.services.first())
    client.force_login(leader)
    moment = timezone.localtime(snapshot.computed_at)

    for url, page in _pages(client, organisation).items():
        assert f"last brought up to date on {moment:%-d %B %Y} at {moment:%H:%M}" in page, url
        assert "not been worked out yet" not in page, url


def test_with_no_figures_every_page_says_so(client, organisation, leader):
    client.force_login(leader)
    for url, page in _pages(client, organisation).items():
        assert "The figures have not been worked out yet." in page, url
