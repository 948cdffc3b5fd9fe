"""Snapshots on real parts: a leader's "Bring the figures up to date" is queued while no worker
is listening (and a second press shows that run); once a real Celery worker on Redis is back, it
carries the run from queued to done, once, though its task is delivered twice, and the imported
figures reach the snapshots."""

import time
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.indicators import all_indicators
from cms.organisations.models import Role
from leadership.imports.models import DataImport
from leadership.snapshots.models import IndicatorSnapshot, SnapshotRun
from leadership.snapshots.tasks import compute_snapshots_for
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.leadership.factories import DataImportFactory, HRMonthFactory

pytestmark = pytest.mark.worker


def wait_for_run(run, worker, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status in (SnapshotRun.Status.DONE, SnapshotRun.Status.FAILED):
            return run
        time.sleep(0.5)
    raise AssertionError(f"the run is still {run.status}:\n{worker.log()}")


def test_an_on_demand_run_is_carried_out_by_a_real_worker(celery_worker, client):
    organisation = OrganisationFactory(name="Worker Care", slug="worker-care")
    service = ServiceFactory(organisation=organisation, name="Worker House", beds=20)
    last_month = (timezone.localdate().replace(day=1) - date.resolution).replace(day=1)
    data_import = DataImportFactory(
        organisation=organisation, kind=DataImport.Kind.HR, period_start=last_month
    )
    HRMonthFactory(data_import=data_import, service=service, headcount=40, leavers=2)
    client.force_login(member(Role.LEADER, organisation=organisation))
    celery_worker.stop()

    response = client.post(reverse("leadership:figures_refresh"), follow=True)

    page = response.content.decode()
    assert "Bringing the figures for Worker Care up to date" in page
    run = SnapshotRun.objects.get()
    assert run.status == SnapshotRun.Status.QUEUED
    time.sleep(1)
    again = client.post(reverse("leadership:figures_refresh"), follow=True)
    assert "already being brought up to date" in again.content.decode()
    assert SnapshotRun.objects.count() == 1 and not IndicatorSnapshot.objects.exists()
    # The same run's task a second time, as the broker redelivers a message whose visibility
    # timeout passed: whichever worker gets it second finds the run claimed and leaves it.
    compute_snapshots_for.delay(run.pk)

    celery_worker.start()
    run = wait_for_run(run, celery_worker)
    time.sleep(3)  # time for the second message to be taken too

    run.refresh_from_db()
    assert run.status == SnapshotRun.Status.DONE, run.error
    assert run.error == ""
    # Computed once: nothing was written after the run finished.
    assert not IndicatorSnapshot.objects.filter(computed_at__gt=run.finished_at).exists()
    assert run.snapshots_written == len(all_indicators()) * 25
    assert IndicatorSnapshot.objects.filter(service=service).count() == run.snapshots_written
    turnover = IndicatorSnapshot.objects.get(
        service=service, indicator="staff_turnover", period="month", start=last_month
    )
    assert (turnover.value, turnover.people) == (60.0, 40)
    page = client.get(reverse("leadership:figures")).content.decode()
    assert "The figures were last brought up to date on" in page
    assert "Bring the figures up to date" in page
