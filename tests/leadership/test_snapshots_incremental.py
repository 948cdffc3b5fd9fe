"""The nightly run recomputes only what can have changed (leadership.snapshots.incremental):
per service, the current periods and the months marked since the last run; the first run and
a leader's run recompute everything; the figures equal those of a full recompute; a mark made
while a run is at work survives it, and so do the marks of a run that did not finish well."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from cms import indicators
from cms.figures.models import EVERY_MONTH, FiguresTouched
from cms.figures.services import touched
from cms.indicators import Direction, IndicatorValue
from cms.periods import add_months, month_start
from coproduction.concerns.models import Concern
from leadership.imports.models import HRMonth
from leadership.snapshots import services
from leadership.snapshots.incremental import periods_to_compute
from leadership.snapshots.models import IndicatorSnapshot, SnapshotRun
from tests.cms.factories import OrganisationFactory, ServiceFactory
from tests.coproduction.factories_concerns import ConcernFactory
from tests.leadership.factories import HRMonthFactory
from tests.leadership.factories_snapshots import IndicatorSnapshotFactory, SnapshotRunFactory

pytestmark = pytest.mark.django_db

MONTHS = 6
Period = IndicatorSnapshot.Period


def today():
    return timezone.localdate()


def month(back):
    """The first day of the month `back` months before this one."""
    return add_months(month_start(today()), -back)


def moment(day):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(days=9))


class Calls:
    def __init__(self):
        self.one = []  # (service pk, period kind, start) per call of `leavers`
        self.many = []  # (service pks, start) per set-based call of `concerns`
        self.during = None  # called once at the first computation, then forgotten
        self.fail_for = None  # a service pk whose `leavers` raises

    def reset(self):
        self.one.clear()
        self.many.clear()


def _kind(start, end):
    return Period.MONTH if start.day == 1 and end.day == 1 else Period.ROLLING_90


@pytest.fixture
def calls(monkeypatch):
    """Two indicators reading real data: concerns raised (set-based) and leavers (one service at
    a time), both recording what they were asked. A run is one part here, so the set-based one
    is asked about every service at once."""
    monkeypatch.setattr(services, "PARTS_AT_LEAST", 1)
    monkeypatch.setattr(indicators, "_registry", {})
    monkeypatch.setattr(indicators, "_families", {})
    calls = Calls()

    def concerns_of(service_ids, start, end):
        rows = Concern.objects.filter(
            service_id__in=service_ids, created_at__gte=start, created_at__lt=end
        ).values_list("service_id", flat=True)
        counts = dict.fromkeys(service_ids, 0)
        for service_id in rows:
            counts[service_id] += 1
        return {pk: IndicatorValue(float(count), 10) for pk, count in counts.items()}

    @indicators.register("concerns", label="Concerns", unit="n", good_direction=Direction.EITHER)
    def concerns(service, start, end):
        return concerns_of([service.pk], start, end)[service.pk]

    @indicators.register_many("concerns")
    def concerns_many(many, start, end):
        calls.many.append((tuple(sorted(s.pk for s in many)), timezone.localdate(start)))
        return concerns_of([s.pk for s in many], start, end)

    @indicators.register("leavers", label="Leavers", unit="n", good_direction=Direction.DOWN)
    def leavers(service, start, end):
        if calls.during is not None:
            during, calls.during = calls.during, None
            during()
        if calls.fail_for == service.pk:
            raise RuntimeError("broken")
        first, last = timezone.localdate(start), timezone.localdate(end)
        calls.one.append((service.pk, _kind(first, last), first))
        rows = HRMonth.objects.filter(service=service, month__gte=first, month__lt=last)
        return IndicatorValue(float(sum(row.leavers for row in rows)), 10)

    return calls


@pytest.fixture
def world():
    organisation = OrganisationFactory()
    oak, elm, ash = (
        ServiceFactory(organisation=organisation, name=name) for name in ("Oak", "Elm", "Ash")
    )
    for service, back in ((oak, 2), (oak, 3), (elm, 5), (ash, 1)):
        concern = ConcernFactory(service=service)
        Concern.objects.filter(pk=concern.pk).update(created_at=moment(month(back)))
    row = HRMonthFactory(
        data_import__organisation=organisation,
        data_import__period_start=month(4),
        service=elm,
        leavers=3,
    )
    return organisation, oak, elm, ash, row


def past_marks():
    """The marks of months that have ended."""
    return set(FiguresTouched.objects.filter(month__lt=month(0)).values_list("service_id", "month"))


def figures():
    return {
        (snap.service_id, snap.indicator, snap.period, snap.start): (snap.value, snap.people)
        for snap in IndicatorSnapshot.objects.all()
    }


def computed_since(moment_):
    return {
        (snap.service_id, snap.period, snap.start)
        for snap in IndicatorSnapshot.objects.filter(computed_at__gte=moment_, indicator="leavers")
    }


def current(service):
    return {(service.pk, Period.MONTH, month(1)), (service.pk, Period.ROLLING_90, None)}


def asked(calls):
    """What `leavers` was asked, the rolling period's start left out (it moves daily)."""
    return {(pk, kind, start if kind == Period.MONTH else None) for pk, kind, start in calls.one}


def the_month(service, back):
    return (service.pk, Period.MONTH, month(back))


def test_the_first_nightly_run_recomputes_everything(calls, world):
    FiguresTouched.objects.all().delete()

    run = services.nightly_run(months=MONTHS)

    assert run.status == SnapshotRun.Status.DONE
    assert len(calls.one) == 3 * (MONTHS + 1)
    assert len(calls.many) == MONTHS + 1


def test_the_next_run_recomputes_only_current_periods_and_marked_months(calls, world):
    organisation, oak, elm, ash, row = world
    services.nightly_run(months=MONTHS)
    calls.reset()
    # A concern raised in a month three back (recorded today, dated then: an edit moves it);
    # an imported row moved from one old month to another.
    concern = ConcernFactory(service=oak)
    concern.created_at = moment(month(3))
    concern.save()
    row.month = month(5)
    row.save()
    started = timezone.now()

    run = services.nightly_run(months=MONTHS)

    assert run.status == SnapshotRun.Status.DONE and not run.error
    expected = (
        current(oak)
        | current(elm)
        | current(ash)
        | {the_month(oak, 3), the_month(elm, 4), the_month(elm, 5)}
    )
    assert asked(calls) == expected
    assert len(calls.one) == len(expected)
    assert {
        (pk, kind, start if kind == Period.MONTH else None)
        for pk, kind, start in computed_since(started)
    } == expected
    # The set-based indicator is asked once per period for every service that needs it (a
    # period only one service needs is asked of that service alone: _compute_many).
    everyone = tuple(sorted((oak.pk, elm.pk, ash.pk)))
    assert sorted(calls.many, key=lambda call: call[1]) == [
        (everyone, today() - timedelta(days=90)),
        (everyone, month(1)),
    ]
    # The marks computed are consumed.
    assert not FiguresTouched.objects.exists()

    # The oracle: the same figures as everything worked out afresh.
    incremental = figures()
    IndicatorSnapshot.objects.all().delete()
    services.snapshots_compute(months=MONTHS)
    assert figures() == incremental
    assert incremental[(oak.pk, "concerns", Period.MONTH, month(3))] == (2.0, 10)
    assert incremental[(elm.pk, "leavers", Period.MONTH, month(4))] == (0.0, 10)
    assert incremental[(elm.pk, "leavers", Period.MONTH, month(5))] == (3.0, 10)


def test_a_mark_made_while_a_run_is_at_work_survives_it(calls, world):
    organisation, oak, elm, ash, row = world
    services.nightly_run(months=MONTHS)
    touched(oak, month(3))
    touched(elm, month(4))
    calls.reset()

    def meanwhile():
        touched(oak, month(3))  # read by the run, then touched again
        touched(ash, month(2))  # new

    calls.during = meanwhile

    services.nightly_run(months=MONTHS)

    assert the_month(oak, 3) in asked(calls)
    assert past_marks() == {(oak.pk, month(3)), (ash.pk, month(2))}
    calls.reset()
    services.nightly_run(months=MONTHS)
    assert asked(calls) == (
        current(oak) | current(elm) | current(ash) | {the_month(oak, 3), the_month(ash, 2)}
    )
    assert past_marks() == set()


def test_a_run_cut_into_parts_keeps_each_parts_plan_and_consumes_their_marks(
    calls, world, monkeypatch
):
    """Parts are taken by workers in any order: each keeps the plan made when the run was cut,
    and the marks of every part are consumed once the whole run is done."""
    monkeypatch.setattr(services, "PARTS_AT_LEAST", 3)
    organisation, oak, elm, ash, row = world
    services.nightly_run(months=MONTHS)
    touched(oak, month(3))
    touched(elm, month(4))
    calls.reset()

    run = services.nightly_run(months=MONTHS)

    assert run.parts.count() == 3
    assert asked(calls) == (
        current(oak) | current(elm) | current(ash) | {the_month(oak, 3), the_month(elm, 4)}
    )
    assert past_marks() == set()


def test_a_run_with_a_failed_figure_keeps_its_marks_for_the_next(calls, world):
    organisation, oak, elm, ash, row = world
    services.nightly_run(months=MONTHS)
    touched(elm, month(4))
    calls.fail_for = elm.pk

    run = services.nightly_run(months=MONTHS)

    assert run.status == SnapshotRun.Status.DONE and run.error
    assert past_marks() == {(elm.pk, month(4))}


def test_a_leaders_run_recomputes_everything(calls, world):
    organisation, *_rest = world
    services.nightly_run(months=MONTHS)
    calls.reset()
    run = SnapshotRunFactory(organisation=organisation)

    services.run_execute(run.pk, months=MONTHS)

    assert len(calls.one) == 3 * (MONTHS + 1)


def test_a_service_marked_every_month_or_never_computed_gets_every_period():
    oak, elm, ash = ServiceFactory.create_batch(3)
    FiguresTouched.objects.all().delete()
    for service in (oak, elm):
        IndicatorSnapshotFactory(service=service, start=month(2))
    touched(oak, EVERY_MONTH)
    every = services.snapshot_periods(today(), MONTHS)

    plan = periods_to_compute([oak, elm, ash], today(), MONTHS, full=False)

    assert plan[oak.pk] == every
    assert plan[ash.pk] == every  # no snapshot yet: a new service
    assert [(p.kind, p.start) for p in plan[elm.pk]] == [
        (Period.MONTH, month(1)),
        (Period.ROLLING_90, today() - timedelta(days=90)),
    ]
    assert periods_to_compute([elm], today(), MONTHS, full=True)[elm.pk] == every


def test_months_that_ended_since_the_last_good_run_are_current():
    oak = ServiceFactory()
    FiguresTouched.objects.all().delete()
    IndicatorSnapshotFactory(service=oak, start=month(2))
    since = timezone.make_aware(
        datetime.combine(month(2) + timedelta(days=20), datetime.min.time())
    )

    plan = periods_to_compute([oak], today(), MONTHS, full=False, since=since)

    assert [p.start for p in plan[oak.pk] if p.kind == Period.MONTH] == [month(2), month(1)]
