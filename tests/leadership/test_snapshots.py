"""Snapshots: computing every registered indicator for every service and period (one row each,
recomputing replaces), an indicator that fails does not stop the others and is recorded without
personal data, small numbers withheld through `shown_value`, the dashboards' selector in one
query however long the history, and the Figures page (queues a run, refuses a second, refuses
people who may not)."""

import logging
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cms import indicators
from cms.indicators import Direction, IndicatorValue, all_indicators
from cms.organisations.models import Role
from leadership.snapshots import selectors, services, tasks
from leadership.snapshots.models import IndicatorSnapshot, SnapshotRun
from leadership.snapshots.services import snapshot_periods, snapshots_compute
from leadership.snapshots.wagtail_hooks import figures_navigation
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.leadership.factories import DataImportFactory, HRMonthFactory
from tests.leadership.factories_snapshots import IndicatorSnapshotFactory, SnapshotRunFactory
from tests.navigation import label_and_url

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 15)
Period = IndicatorSnapshot.Period


@pytest.fixture
def registry(monkeypatch):
    """A registry of two indicators: `visits` (its value is the service's beds, 7 people) and
    the staff-voice `voices` (7 people, floor 10). `calls` records what `visits` was asked."""
    monkeypatch.setattr(indicators, "_registry", {})
    state = SimpleNamespace(calls=[], visits_people=7)

    @indicators.register("visits", label="Visits", unit="count", good_direction=Direction.UP)
    def visits(service, start, end):
        state.calls.append((service.pk, start, end))
        return IndicatorValue(float(service.beds), state.visits_people)

    @indicators.register(
        "voices", label="Voices", unit="%", good_direction=Direction.UP, min_people=10
    )
    def voices(service, start, end):
        return IndicatorValue(50.0, 7)

    return state


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Island Care", slug="island-care")


@pytest.fixture
def services_of(organisation):
    return [
        ServiceFactory(organisation=organisation, name="Willow House", beds=30),
        ServiceFactory(organisation=organisation, name="Elm Court", beds=12),
    ]


@pytest.fixture
def elsewhere():
    return ServiceFactory(
        organisation=OrganisationFactory(name="Elsewhere", slug="elsewhere"), beds=8
    )


def broken_indicator(message="cannot divide Jane Doe's hours"):
    @indicators.register("broken", label="Broken", unit="%", good_direction=Direction.UP)
    def broken(service, start, end):
        raise ZeroDivisionError(message)


# --- Periods ----------------------------------------------------------------------------------


def test_the_periods_are_the_whole_months_before_this_one_and_the_last_90_days():
    periods = snapshot_periods(TODAY, months=3)
    assert [(p.kind, p.start, p.end) for p in periods] == [
        (Period.MONTH, date(2025, 12, 1), date(2026, 1, 1)),
        (Period.MONTH, date(2026, 1, 1), date(2026, 2, 1)),
        (Period.MONTH, date(2026, 2, 1), date(2026, 3, 1)),
        (Period.ROLLING_90, date(2025, 12, 15), date(2026, 3, 15)),
    ]
    assert len(snapshot_periods(TODAY)) == 25  # 24 months and the rolling 90 days


# --- Computing --------------------------------------------------------------------------------


def test_compute_writes_one_snapshot_per_service_indicator_and_period(
    registry, organisation, services_of, elsewhere
):
    result = snapshots_compute(organisation=organisation, today=TODAY, months=3)

    assert result.written == 2 * 2 * 4 and result.failures == {}
    snapshots = IndicatorSnapshot.objects.all()
    assert snapshots.count() == 16
    assert not snapshots.filter(service=elsewhere).exists()
    willow = snapshots.get(
        service=services_of[0], indicator="visits", period=Period.MONTH, start=date(2026, 2, 1)
    )
    assert (willow.end, willow.value, willow.people, willow.min_people) == (
        date(2026, 3, 1),
        30.0,
        7,
        5,
    )
    assert snapshots.filter(indicator="voices").first().min_people == 10
    # The current month, under way, has no monthly snapshot.
    assert not snapshots.filter(period=Period.MONTH, start=date(2026, 3, 1)).exists()
    # Indicators are asked about [midnight, midnight), UK time.
    _service, start, end = registry.calls[0]
    assert start == timezone.make_aware(datetime(2025, 12, 1))
    assert end == timezone.make_aware(datetime(2026, 1, 1))


def test_compute_without_an_organisation_covers_every_organisation(
    registry, services_of, elsewhere
):
    snapshots_compute(today=TODAY, months=1)
    assert IndicatorSnapshot.objects.filter(service=elsewhere).count() == 2 * 2


def test_a_learning_path_an_organisation_writes_gets_snapshots_of_its_own(organisation, elsewhere):
    """The registry's families are asked per organisation: completion on a path an
    organisation wrote itself is computed for its services, and only theirs."""
    from tests.learning.test_enrolment import make_path

    willow = ServiceFactory(organisation=organisation, name="Willow House")
    ours = make_path(organisation, title="Safe handovers at night")
    theirs = make_path(elsewhere.organisation, title="Their own path")

    result = snapshots_compute(today=TODAY, months=1)

    assert result.failures == {}
    ours_key = f"learning_completion_rate:path:{ours.pk}"
    theirs_key = f"learning_completion_rate:path:{theirs.pk}"
    assert IndicatorSnapshot.objects.filter(service=willow, indicator=ours_key).count() == 2
    assert IndicatorSnapshot.objects.filter(service=elsewhere, indicator=theirs_key).count() == 2
    assert not IndicatorSnapshot.objects.filter(service=willow, indicator=theirs_key).exists()
    assert not IndicatorSnapshot.objects.filter(service=elsewhere, indicator=ours_key).exists()


def test_recomputing_replaces_the_snapshots(registry, organisation, services_of):
    snapshots_compute(organisation=organisation, today=TODAY, months=3)
    first = IndicatorSnapshot.objects.get(
        service=services_of[0], indicator="visits", period=Period.MONTH, start=date(2026, 1, 1)
    )
    registry.visits_people = 3
    services_of[0].beds = 31
    services_of[0].save()

    snapshots_compute(organisation=organisation, today=TODAY, months=3)

    assert IndicatorSnapshot.objects.count() == 16
    again = IndicatorSnapshot.objects.get(pk=first.pk)
    assert (again.value, again.people) == (31.0, 3)
    assert again.computed_at >= first.computed_at


def test_a_failing_indicator_does_not_stop_the_others_and_is_logged_without_data(
    registry, organisation, services_of, caplog
):
    broken_indicator()
    with caplog.at_level(logging.WARNING, logger="leadership.snapshots.services"):
        result = snapshots_compute(organisation=organisation, today=TODAY, months=3)

    assert result.written == 16
    assert not IndicatorSnapshot.objects.filter(indicator="broken").exists()
    assert dict(result.failures["broken"]) == {"ZeroDivisionError": 2 * 4}
    assert "broken (ZeroDivisionError x 8)" in result.problems()
    assert "Indicator broken failed for service" in caplog.text
    assert "ZeroDivisionError" in caplog.text
    assert "Jane Doe" not in caplog.text and "Jane Doe" not in result.problems()


def test_a_database_error_in_one_indicator_leaves_the_others_working(
    registry, organisation, services_of
):
    @indicators.register("bad_sql", label="Bad SQL", unit="%", good_direction=Direction.UP)
    def bad_sql(service, start, end):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_at_all")

    result = snapshots_compute(organisation=organisation, today=TODAY, months=1)

    assert result.written == 2 * 2 * 2
    assert set(result.failures) == {"bad_sql"}


def test_a_figure_that_is_not_a_figure_is_a_failure(registry, organisation, services_of):
    @indicators.register("no_value", label="No value", unit="%", good_direction=Direction.UP)
    def no_value(service, start, end):
        return 12.5

    @indicators.register("negative", label="Negative", unit="%", good_direction=Direction.UP)
    def negative(service, start, end):
        return IndicatorValue(1.0, -1)

    result = snapshots_compute(organisation=organisation, today=TODAY, months=1)
    assert dict(result.failures["no_value"]) == {"TypeError": 4}
    assert dict(result.failures["negative"]) == {"ValueError": 4}


def test_every_registered_indicator_computes_on_a_service_with_imported_data():
    """The real registry, end to end: no indicator fails on a service, and the imported HR
    figures reach the snapshots."""
    service = ServiceFactory(name="Real House", beds=20)
    data_import = DataImportFactory(
        organisation=service.organisation, kind="hr", period_start=date(2026, 2, 1)
    )
    HRMonthFactory(data_import=data_import, service=service, headcount=40, leavers=2)

    result = snapshots_compute(organisation=service.organisation, today=TODAY, months=1)

    assert result.failures == {}
    assert result.written == len(all_indicators()) * 2
    turnover = IndicatorSnapshot.objects.get(
        service=service, indicator="staff_turnover", period=Period.MONTH
    )
    # 2 leavers in a month is 24 a year, over 40 staff.
    assert (turnover.start, turnover.value, turnover.people) == (date(2026, 2, 1), 60.0, 40)


def test_a_second_run_sees_choices_made_since_the_first(organisation, services_of):
    """The choice tallies every per-principle indicator shares are read once per run and
    service (cms.indicators.computing), never carried into the next run."""
    from learning.learner.services import attempt_choose, attempt_start
    from tests.learning.factories import ScenarioPageFactory
    from tests.learning.test_enrolment import make_path

    service = services_of[0]
    scenario = ScenarioPageFactory(parent=make_path(organisation, modules=0))
    people = [member(Role.STAFF, service=service) for _ in range(2)]
    today = timezone.localdate() + timedelta(days=1)

    def harmful_listening():
        snapshots_compute(organisation=organisation, today=today, months=1)
        snapshot = IndicatorSnapshot.objects.get(
            service=service, indicator="harmful_choice_rate:listening", period=Period.ROLLING_90
        )
        return snapshot.value, snapshot.people

    attempt = attempt_start(people[0], scenario)
    for choice in ("listen", "wait", "leave"):
        attempt_choose(attempt, choice)
    assert harmful_listening() == (33.3, 1)

    attempt = attempt_start(people[1], scenario)
    for choice in ("listen", "record"):
        attempt_choose(attempt, choice)
    assert harmful_listening() == (25.0, 2)


# --- A family whose members cannot be listed (issue 13) -----------------------------------------


@pytest.fixture
def paths_family(monkeypatch):
    """A family `paths:` whose members function raises while `state.broken` (for the
    organisations in `state.broken_for`, every one when that is empty), and otherwise lists one
    member, `paths:induction` (4.0 from 6 people)."""
    monkeypatch.setattr(indicators, "_families", {})
    state = SimpleNamespace(broken=True, broken_for=set())
    induction = indicators.Indicator(
        key="paths:induction",
        label="Induction",
        unit="%",
        good_direction=Direction.UP,
        compute=lambda service, start, end: IndicatorValue(4.0, 6),
    )

    def members(organisation):
        if state.broken and (not state.broken_for or organisation.slug in state.broken_for):
            raise LookupError(f"no path for Jane Doe of {organisation.name}")
        return [induction]

    indicators.register_family("paths:", members=members, member=lambda key: None)
    return state


def test_a_family_that_cannot_list_its_members_does_not_stop_the_run(
    registry, paths_family, organisation, services_of, caplog
):
    """The run a leader asks for, as the worker carries it out: the other indicators are
    computed, and the run says which family failed, without the error's message."""
    run = SnapshotRunFactory(organisation=organisation)
    with caplog.at_level(logging.WARNING):
        tasks.compute_snapshots_for(run.pk)

    run.refresh_from_db()
    assert run.status == SnapshotRun.Status.DONE
    assert run.snapshots_written == 2 * 2 * 25
    assert IndicatorSnapshot.objects.filter(indicator="visits").count() == 2 * 25
    assert not IndicatorSnapshot.objects.filter(indicator__startswith="paths:").exists()
    assert "paths:" in run.error and "LookupError" in run.error
    assert "paths:" in caplog.text and "LookupError" in caplog.text
    assert "Jane Doe" not in run.error and "Jane Doe" not in caplog.text


def test_the_next_run_asks_the_family_again(registry, paths_family, organisation, services_of):
    first = services.snapshots_compute(organisation=organisation, today=TODAY, months=1)
    assert "paths:" in first.problems()

    paths_family.broken = False
    second = services.snapshots_compute(organisation=organisation, today=TODAY, months=1)

    assert second.problems() == ""
    assert IndicatorSnapshot.objects.filter(indicator="paths:induction").count() == 2 * 2


def test_a_database_error_listing_a_family_leaves_the_run_working(
    registry, organisation, services_of, monkeypatch
):
    """On PostgreSQL a failed query spoils the transaction it ran in, unless it had a
    savepoint of its own."""
    monkeypatch.setattr(indicators, "_families", {})

    def members(organisation):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_at_all")

    indicators.register_family("paths:", members=members, member=lambda key: None)

    result = snapshots_compute(organisation=organisation, today=TODAY, months=1)

    assert result.written == 2 * 2 * 2
    assert "paths:" in result.problems()


def test_the_nightly_run_computes_the_organisations_whose_family_works(
    registry, paths_family, organisation, services_of, elsewhere
):
    paths_family.broken_for = {organisation.slug}

    run = SnapshotRun.objects.get(pk=tasks.compute_snapshots())

    assert run.status == SnapshotRun.Status.DONE
    assert IndicatorSnapshot.objects.filter(service=elsewhere, indicator="paths:induction").exists()
    assert IndicatorSnapshot.objects.filter(service=services_of[0], indicator="visits").exists()
    assert "paths:" in run.error


# --- Runs -------------------------------------------------------------------------------------


def test_a_run_goes_from_queued_to_done_and_records_what_it_wrote(
    registry, organisation, services_of
):
    broken_indicator()
    run = SnapshotRunFactory(organisation=organisation)

    services.run_execute(run.pk, today=TODAY, months=3)

    run.refresh_from_db()
    assert run.status == SnapshotRun.Status.DONE
    assert run.snapshots_written == 16 and run.finished_at is not None
    assert "broken (ZeroDivisionError x 8)" in run.error
    assert "Jane Doe" not in run.error
    # Delivered again: nothing more is done.
    assert services.run_execute(run.pk, today=TODAY, months=3) is None


def test_a_run_that_stops_is_marked_failed(registry, organisation, services_of, monkeypatch):
    def stop(**kwargs):
        raise RuntimeError("the database went away while reading Jane Doe")

    monkeypatch.setattr(services, "snapshots_compute", stop)
    run = SnapshotRunFactory(organisation=organisation)

    services.run_execute(run.pk)

    run.refresh_from_db()
    assert run.status == SnapshotRun.Status.FAILED
    assert run.error == "The run stopped with an error (RuntimeError)."


def test_the_nightly_task_computes_every_organisation(registry, services_of, elsewhere):
    run_id = tasks.compute_snapshots()

    run = SnapshotRun.objects.get(pk=run_id)
    assert run.organisation is None and run.status == SnapshotRun.Status.DONE
    assert IndicatorSnapshot.objects.filter(service=elsewhere).exists()
    assert run.snapshots_written == IndicatorSnapshot.objects.count() == 3 * 2 * 25


def test_the_nightly_task_does_not_start_while_another_nightly_run_is_running(registry):
    SnapshotRunFactory(organisation=None, status=SnapshotRun.Status.RUNNING)
    assert tasks.compute_snapshots() is None
    assert SnapshotRun.objects.count() == 1


# --- Suppression and the dashboards' selector -------------------------------------------------


def test_shown_value_withholds_figures_from_too_few_people():
    service = ServiceFactory()
    IndicatorSnapshotFactory(service=service, indicator="staff_turnover", value=20.0, people=5)
    IndicatorSnapshotFactory(service=service, indicator="occupancy", value=90.0, people=4)
    IndicatorSnapshotFactory(
        service=service, indicator="hr_bullying", value=7.5, people=9, min_people=10
    )
    rows = selectors.snapshots_for(
        [service.pk],
        ["staff_turnover", "occupancy", "hr_bullying"],
        Period.MONTH,
        date(2026, 1, 1),
        date(2026, 2, 1),
    )
    shown = {row.indicator: row.shown_value for row in rows}
    assert shown == {"staff_turnover": 20.0, "occupancy": None, "hr_bullying": None}


def _months(count):
    return [date(2024 + m // 12, m % 12 + 1, 1) for m in range(count)]


def test_snapshots_for_takes_one_query_for_one_month_or_24(django_assert_num_queries):
    service, other = ServiceFactory(), ServiceFactory()
    keys = ["staff_turnover", "occupancy"]
    for month in _months(24):
        for key in keys:
            IndicatorSnapshotFactory(service=service, indicator=key, start=month)
        IndicatorSnapshotFactory(service=other, indicator="staff_turnover", start=month)
    IndicatorSnapshotFactory(
        service=service,
        indicator="staff_turnover",
        period=Period.ROLLING_90,
        start=date(2024, 1, 5),
    )

    with django_assert_num_queries(1):
        one = selectors.snapshots_for(
            [service.pk], keys, Period.MONTH, date(2025, 12, 1), date(2026, 1, 1)
        )
        [row.shown_value for row in one]
    with django_assert_num_queries(1):
        all_24 = selectors.snapshots_for(
            [service.pk], keys, Period.MONTH, date(2024, 1, 1), date(2026, 1, 1)
        )
        [row.shown_value for row in all_24]

    assert len(one) == 2 and len(all_24) == 48
    assert [row.start for row in all_24[:24]] == _months(24)
    assert {row.service_id for row in all_24} == {service.pk}


# --- The Figures page -------------------------------------------------------------------------


@pytest.fixture
def leader(organisation):
    return member(Role.LEADER, organisation=organisation, email="leader@example.org")


def test_the_figures_page_shows_when_the_figures_were_last_brought_up_to_date(
    client, leader, organisation, services_of
):
    IndicatorSnapshotFactory(service=services_of[0])
    finished = timezone.now() - timedelta(hours=5)
    SnapshotRunFactory(
        organisation=organisation,
        status=SnapshotRun.Status.DONE,
        requested_by=leader,
        snapshots_written=1234,
        finished_at=finished,
    )
    SnapshotRunFactory(organisation=None, status=SnapshotRun.Status.DONE, snapshots_written=99999)
    client.force_login(leader)

    page = client.get(reverse("leadership:figures")).content.decode()

    # The end of the last run that finished, not the time a snapshot was written.
    moment = timezone.localtime(finished)
    assert f"last brought up to date on {moment:%-d %B %Y} at {moment:%H:%M}" in page
    assert "1234" in page and "The nightly run" in page
    # The nightly run covers other organisations: its total is not shown here.
    assert "99999" not in page
    assert "Bring the figures up to date" in page


def test_the_button_queues_a_run_and_a_second_press_shows_the_open_run(
    client, leader, organisation, services_of
):
    client.force_login(leader)
    url = reverse("leadership:figures_refresh")

    response = client.post(url, {"organisation": organisation.pk}, follow=True)

    run = SnapshotRun.objects.get()
    assert (run.organisation, run.requested_by, run.status) == (
        organisation,
        leader,
        SnapshotRun.Status.QUEUED,
    )
    page = response.content.decode()
    assert "Bringing the figures for Island Care up to date" in page
    assert "They are being brought up to date now: waiting to start" in page
    assert "Bring the figures up to date</button>" not in page
    assert "figures-progress.js" in page  # the page follows the run as it goes

    second = client.post(url, {"organisation": organisation.pk}, follow=True)
    assert second.status_code == 200 and second.redirect_chain  # no error page
    assert "already being brought up to date. This is how far it has got" in (
        second.content.decode()
    )
    assert SnapshotRun.objects.count() == 1


def test_another_organisations_leader_cannot_refresh_its_figures(client, organisation, elsewhere):
    other_leader = member(Role.LEADER, organisation=elsewhere.organisation)
    client.force_login(other_leader)

    response = client.post(reverse("leadership:figures_refresh"), {"organisation": organisation.pk})

    assert response.status_code == 403
    assert not SnapshotRun.objects.exists()
    page = client.get(reverse("leadership:figures")).content.decode()
    assert "Island Care" not in page


@pytest.mark.parametrize("role", [Role.HR, Role.SAFEGUARDING_LEAD, Role.STAFF])
def test_people_who_do_not_run_the_dashboards_are_refused(client, organisation, role):
    client.force_login(member(role, organisation=organisation))
    assert client.get(reverse("leadership:figures")).status_code == 403
    assert client.post(reverse("leadership:figures_refresh")).status_code == 403
    assert not SnapshotRun.objects.exists()


def test_an_organisation_admin_may_refresh(client, organisation):
    client.force_login(member(Role.ORGANISATION_ADMIN, organisation=organisation))
    assert client.post(reverse("leadership:figures_refresh")).status_code == 302
    assert SnapshotRun.objects.get().organisation == organisation


def test_someone_with_two_organisations_chooses_one(client, organisation, elsewhere):
    person = member(Role.LEADER, organisation=organisation)
    member_of_both = person
    from tests.cms.factories import MembershipFactory

    MembershipFactory(user=member_of_both, organisation=elsewhere.organisation, role=Role.LEADER)
    client.force_login(member_of_both)
    url = reverse("leadership:figures_refresh")

    assert client.post(url).status_code == 400
    assert client.post(url, {"organisation": elsewhere.organisation.pk}).status_code == 302
    assert SnapshotRun.objects.get().organisation == elsewhere.organisation
    page = client.get(reverse("leadership:figures")).content.decode()
    assert "Island Care" in page and "Elsewhere" in page


def test_the_navigation_shows_figures_to_leaders_only(rf, organisation):
    request = rf.get("/")
    request.user = member(Role.LEADER, organisation=organisation)
    assert label_and_url(figures_navigation(request)) == ("Figures", reverse("leadership:figures"))
    request.user = member(Role.HR, organisation=organisation)
    assert figures_navigation(request) is None


def test_a_run_asked_for_brings_its_organisations_flags_up_to_date(
    registry, organisation, services_of, monkeypatch
):
    from leadership.flags import services as flag_services

    evaluated = []
    monkeypatch.setattr(
        flag_services,
        "flags_evaluate",
        lambda organisation=None, month=None: evaluated.append(organisation) or {},
    )
    run = SnapshotRunFactory(organisation=organisation)

    tasks.compute_snapshots_for(run.pk)

    assert evaluated == [organisation]
    # Delivered again: nothing is computed, nothing evaluated.
    tasks.compute_snapshots_for(run.pk)
    assert evaluated == [organisation]
