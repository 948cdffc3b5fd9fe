"""The bench's nightly job (leadership/snapshots/bench.py): the whole area recomputed, then a
usual night, each timed on workers. Here the workers are the eager Celery of the tests, so the
run is finished when it is sent; what is checked is what each night computes."""

import pytest

from cms import indicators
from cms.bench import workers
from cms.indicators import IndicatorValue
from leadership.snapshots import bench
from leadership.snapshots.models import IndicatorSnapshot, SnapshotRun
from leadership.snapshots.services import DEFAULT_MONTHS
from tests.cms.factories import OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_indicator(monkeypatch):
    monkeypatch.setattr(indicators, "_registry", {})
    monkeypatch.setattr(indicators, "_families", {})

    @indicators.register("beds", label="Beds", unit="beds", good_direction="either")
    def beds(service, start, end):
        return IndicatorValue(1, 10)


def test_the_nightly_job_recomputes_everything_then_only_what_a_day_changed(
    one_indicator, monkeypatch
):
    def timed_here(counts, start, finished):
        handle = start()
        return {"workers": {str(count): {"seconds": 1.0, **finished(handle)} for count in counts}}

    monkeypatch.setattr(workers, "timed_on_workers", timed_here)
    for organisation in OrganisationFactory.create_batch(2):
        ServiceFactory.create_batch(10, organisation=organisation)

    report = bench.nightly_on_workers()

    every_period = DEFAULT_MONTHS + 1
    assert report["full"]["services"] == 20
    assert report["full"]["snapshots_written"] == 20 * every_period
    # A usual night: the rolling 90 days and the month just ended for every service, and the
    # two months whose data changed for one service in ten.
    assert report["late_services"] == 2
    assert report["nightly"]["snapshots_written"] == 20 * 2 + 2 * len(bench.LATE_MONTHS)
    assert IndicatorSnapshot.objects.count() == 20 * every_period
    assert [run.status for run in SnapshotRun.objects.order_by("pk")] == [
        SnapshotRun.Status.DONE
    ] * 2
    assert "whole area on 2 workers" in report["summary"]


def test_the_in_process_recompute_is_recorded_as_a_run(one_indicator):
    from types import SimpleNamespace

    from leadership.bench.pages import snapshot_recompute
    from leadership.snapshots.selectors import figures_as_of

    organisation = OrganisationFactory()
    ServiceFactory.create_batch(3, organisation=organisation)

    details = snapshot_recompute(SimpleNamespace(organisation=organisation))

    assert details["snapshots_written"] == 3 * (DEFAULT_MONTHS + 1)
    run = SnapshotRun.objects.get()
    assert run.status == SnapshotRun.Status.DONE and run.organisation == organisation
    # The pages then answer "how up to date?" from the run, as they do in use.
    assert figures_as_of(organisation).at == run.finished_at
