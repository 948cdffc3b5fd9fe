"""Service visits (leadership/visits): when a visit is out of hours (UK time, across the clock
changes), the two leader-presence indicators, the record-a-visit form and its messages at the
field, follow-ups marked done, who sees what (a leader of one service, of another service, of
another organisation), and the red-flag rule "no senior visit for months"."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from cms.indicators import get_indicator
from cms.organisations.models import Role
from leadership.flags.detectors import get_detector
from leadership.flags.evidence import STAFF_VOICE, measure_of
from leadership.flags.models import RedFlag
from leadership.flags.services import flags_evaluate
from leadership.snapshots.models import IndicatorSnapshot
from leadership.snapshots.services import snapshots_compute
from leadership.visits import services
from leadership.visits.models import Capacity, ServiceVisit, SpokeWith, is_out_of_hours
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.leadership.factories_flags import MONTH, readings, series
from tests.leadership.factories_visits import ServiceVisitFactory, VisitFollowUpFactory

pytestmark = pytest.mark.django_db


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def london(*args):
    return timezone.make_aware(datetime(*args))


# --- Out of hours ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "out"),
    [
        (london(2026, 1, 14, 19, 59), False),  # a Wednesday evening, before the night shift
        (london(2026, 1, 14, 20, 0), True),
        (london(2026, 1, 15, 6, 59), True),
        (london(2026, 1, 15, 7, 0), False),
        (london(2026, 1, 16, 23, 30), True),  # Friday night
        (london(2026, 1, 17, 12, 0), True),  # Saturday
        (london(2026, 1, 18, 15, 0), True),  # Sunday
        (london(2026, 1, 19, 0, 0), True),  # Monday, midnight
        (london(2026, 1, 19, 9, 0), False),
    ],
)
def test_out_of_hours_is_night_or_weekend(moment, out):
    assert is_out_of_hours(moment) is out


@pytest.mark.parametrize(
    ("moment", "out"),
    [
        # Clocks go forward on Sunday 29 March 2026. 06:30 UTC is 06:30 GMT on the Friday
        # before (night) but 07:30 BST on the Monday after (day).
        (utc(2026, 3, 27, 6, 30), True),
        (utc(2026, 3, 30, 6, 30), False),
        # Clocks go back on Sunday 25 October 2026. 19:30 UTC is 20:30 BST on the Friday
        # before (night) but 19:30 GMT on the Monday after (day).
        (utc(2026, 10, 23, 19, 30), True),
        (utc(2026, 10, 26, 19, 30), False),
        # The night the clocks go back: 01:30 happens twice, both out of hours.
        (utc(2026, 10, 25, 0, 30), True),
        (utc(2026, 10, 25, 1, 30), True),
    ],
)
def test_out_of_hours_reads_the_uk_clock_across_the_clock_changes(moment, out):
    # Whatever the time zone a request or a worker runs in.
    with timezone.override("UTC"):
        assert is_out_of_hours(moment) is out
    with timezone.override("Asia/Tokyo"):
        assert ServiceVisitFactory.build(started_at=moment).is_out_of_hours is out


# --- Indicators -----------------------------------------------------------------------------

JANUARY = (london(2026, 1, 1), london(2026, 2, 1))


def test_the_indicators_are_registered_with_their_labels():
    days = get_indicator("days_since_senior_visit")
    nights = get_indicator("senior_visits_out_of_hours")
    unannounced = get_indicator("senior_visits_unannounced")
    for indicator in (days, nights, unannounced):
        assert indicator.labels["stream"] == STAFF_VOICE
        assert indicator.labels["pel"] == "Accountability"
        assert indicator.labels["cqc_statements"] == (
            "Capable, compassionate and inclusive leaders",
            "Shared direction and culture",
        )
        # Figures about what leaders did, not about people: never withheld.
        assert indicator.min_people == 0
        assert measure_of(indicator.key) == "leader_presence"
    assert days.good_direction == "down" and nights.good_direction == "up"
    assert unannounced.good_direction == "up"


def test_days_since_the_latest_senior_visit_at_the_end_of_the_period(service):
    ServiceVisitFactory(service=service, started_at=london(2025, 12, 2, 10))
    latest = ServiceVisitFactory(service=service, started_at=london(2026, 1, 21, 10))
    # Not counted: another manager's visit, a later visit, another service's.
    ServiceVisitFactory(
        service=service, capacity=Capacity.OTHER_MANAGER, started_at=london(2026, 1, 30, 10)
    )
    ServiceVisitFactory(service=service, started_at=london(2026, 2, 3, 10))
    ServiceVisitFactory(
        service=ServiceFactory(organisation=service.organisation),
        started_at=london(2026, 1, 31, 10),
    )
    figure = get_indicator("days_since_senior_visit")(service, *JANUARY)
    assert figure.value == 10  # 21 January 10:00 to 1 February 00:00: 10 whole days
    assert figure.people == 1
    # A board member's visit counts as much as a senior leader's.
    ServiceVisitFactory(
        service=service,
        visitor=latest.visitor,
        capacity=Capacity.BOARD_MEMBER,
        started_at=london(2026, 1, 29, 10),
    )
    assert get_indicator("days_since_senior_visit")(service, *JANUARY).value == 2


def test_a_service_never_visited_shows_a_long_gap_not_no_figure(service):
    days = get_indicator("days_since_senior_visit")
    nights = get_indicator("senior_visits_out_of_hours")
    # Nobody in the organisation records visits: no figure.
    assert days(service, *JANUARY).value is None
    assert nights(service, *JANUARY).value is None
    # The organisation began its visit log in March 2025, at another service.
    ServiceVisitFactory(
        service=ServiceFactory(organisation=service.organisation),
        started_at=london(2025, 3, 1, 12),
    )
    figure = days(service, *JANUARY)
    assert figure.value == 336 and figure.people == 0
    assert nights(service, *JANUARY).value == 0
    # Another organisation's log says nothing about this one.
    other = ServiceFactory(organisation=OrganisationFactory())
    assert days(other, *JANUARY).value is None


def test_senior_visits_out_of_hours_are_counted_in_the_period(service):
    visitor = member(Role.LEADER, organisation=service.organisation)
    ServiceVisitFactory(service=service, visitor=visitor, started_at=london(2026, 1, 13, 11))
    ServiceVisitFactory(service=service, visitor=visitor, started_at=london(2026, 1, 14, 22))
    ServiceVisitFactory(service=service, started_at=london(2026, 1, 20, 6, 30))
    ServiceVisitFactory(
        service=service, capacity=Capacity.OTHER_MANAGER, started_at=london(2026, 1, 21, 23)
    )
    ServiceVisitFactory(service=service, started_at=london(2026, 2, 1, 0, 30))  # February
    figure = get_indicator("senior_visits_out_of_hours")(service, *JANUARY)
    assert figure.value == 2
    assert figure.people == 2  # two senior leaders visited in January


def test_unannounced_senior_visits_are_counted_and_unrecorded_ones_are_not(service):
    for announced in (False, False, True, None):
        ServiceVisitFactory(
            service=service, started_at=london(2026, 1, 13, 11), announced=announced
        )
    ServiceVisitFactory(
        service=service,
        capacity=Capacity.OTHER_MANAGER,
        started_at=london(2026, 1, 14, 11),
        announced=False,
    )
    ServiceVisitFactory(service=service, started_at=london(2026, 2, 3, 11), announced=False)
    figure = get_indicator("senior_visits_unannounced")(service, *JANUARY)
    assert figure.value == 2
    assert figure.people == 4


def test_snapshots_show_the_figures_resting_on_no_one(service):
    ServiceVisitFactory(service=service, started_at=timezone.now() - timedelta(days=200))
    snapshots_compute(organisation=service.organisation, today=timezone.localdate(), months=2)
    latest = IndicatorSnapshot.objects.filter(
        service=service, indicator="days_since_senior_visit", period=IndicatorSnapshot.Period.MONTH
    ).latest("start")
    assert latest.people == 0 and latest.min_people == 0
    assert latest.shown_value == latest.value > 100


# --- The red-flag rule ------------------------------------------------------------------------


def test_no_senior_visit_for_ninety_days_is_flagged():
    rule = get_detector("senior_visit_overdue")
    assert rule.stream == STAFF_VOICE and rule.measure == "leader_presence"
    assert rule.check(readings(), 90) is None  # no visit log: nothing to say
    quiet = readings(
        days_since_senior_visit=series([40, 71, 102], people=0, min_people=0),
        senior_visits_out_of_hours=series([0, 0, 0], people=0, min_people=0),
    )
    finding = rule.find(quiet, 90)
    assert finding.flagged and not finding.withheld
    assert "no board member or senior leader had visited for 102 days" in finding.summary
    assert "at or over 90 days" in finding.summary
    shown = {(row["indicator"], row["month"]): row["shown"] for row in finding.evidence}
    assert shown[("days_since_senior_visit", MONTH.isoformat())] == "102 days"
    assert shown[("senior_visits_out_of_hours", MONTH.isoformat())] == "0 visits"
    assert not rule.check(quiet, 120).flagged  # the organisation's own threshold
    visited = readings(days_since_senior_visit=series([40, 71, 12], people=1, min_people=0))
    assert not rule.check(visited, 90).flagged


def test_the_rule_raises_a_flag_from_the_visit_log(service):
    ServiceVisitFactory(service=service, started_at=london(2025, 10, 6, 11))
    today = date(2026, 4, 2)
    snapshots_compute(organisation=service.organisation, today=today, months=6)
    flags_evaluate(organisation=service.organisation, month=date(2026, 3, 1))
    flag = RedFlag.objects.get(service=service, rule="senior_visit_overdue")
    assert flag.stream == STAFF_VOICE
    assert "visited for 176 days" in flag.summary


# --- The form -------------------------------------------------------------------------------


@pytest.fixture
def record_url(service):
    return reverse("leadership:service_visit_create", args=[service.pk])


def visit_post(**overrides):
    data = {
        "capacity": Capacity.BOARD_MEMBER,
        "date": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "start_time": "21:30",
        "spoke_with": [SpokeWith.NIGHT_STAFF, SpokeWith.PEOPLE],
        "seen_and_heard": "Quiet night.<script>alert(1)</script> Two staff on for 30 people.",
        "announced": "no",
        "follow_ups-TOTAL_FORMS": "3",
        "follow_ups-INITIAL_FORMS": "0",
        "follow_ups-MIN_NUM_FORMS": "0",
        "follow_ups-MAX_NUM_FORMS": "3",
    }
    data.update(overrides)
    return data


def test_a_leader_records_a_visit_with_follow_ups(client, service, leader, record_url):
    client.force_login(leader)
    due = (timezone.localdate() + timedelta(days=14)).isoformat()
    response = client.post(
        record_url,
        visit_post(
            **{
                "follow_ups-0-action": "Check night staffing against the rota",
                "follow_ups-0-owner": "Area manager",
                "follow_ups-0-due_on": due,
            }
        ),
        follow=True,
    )
    assert response.status_code == 200
    visit = ServiceVisit.objects.get(service=service)
    assert visit.visitor == leader and visit.capacity == Capacity.BOARD_MEMBER
    assert visit.is_out_of_hours
    assert timezone.localtime(visit.started_at).hour == 21
    assert "<script>" not in visit.seen_and_heard and "alert" not in visit.seen_and_heard
    assert visit.spoke_with == [SpokeWith.PEOPLE, SpokeWith.NIGHT_STAFF]
    assert visit.announced is False
    assert [f.action for f in visit.follow_ups.all()] == ["Check night staffing against the rota"]
    page = response.content.decode()
    assert "Your visit is recorded." in page
    assert "Check night staffing against the rota" in page and "Out of hours" not in page
    assert "out of hours: night or weekend" in page


def test_a_visit_in_the_future_is_refused_at_the_field(client, service, leader, record_url):
    client.force_login(leader)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(record_url, visit_post(date=tomorrow))
    assert response.status_code == 400
    assert response.context["form"].errors["date"] == [
        "The date is in the future. Record a visit once it has happened."
    ]
    later_today = (timezone.localtime() + timedelta(hours=1)).strftime("%H:%M")
    if timezone.localtime().hour < 22:  # an hour from now is still today
        response = client.post(
            record_url, visit_post(date=timezone.localdate().isoformat(), start_time=later_today)
        )
        assert response.status_code == 400
        assert "later than now" in response.context["form"].errors["start_time"][0]
    assert not ServiceVisit.objects.exists()


def test_the_form_asks_for_whom_they_spoke_with_and_finished_follow_ups(
    client, service, leader, record_url
):
    client.force_login(leader)
    response = client.post(
        record_url,
        visit_post(
            spoke_with=[],
            seen_and_heard="",
            **{"follow_ups-1-action": "Ring the advocate", "follow_ups-2-due_on": "2001-01-01"},
        ),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["spoke_with"] == ["Choose at least one group you spoke with."]
    assert form.errors["seen_and_heard"] == ["Say what you saw and heard."]
    rows = response.context["follow_ups"]
    assert not rows.forms[0].errors  # left empty: ignored
    assert rows.forms[1].errors["owner"] == ["Say who will do it: a role or a leader’s name."]
    assert rows.forms[1].errors["due_on"] == ["Give the date it is due."]
    assert rows.forms[2].errors["action"] == ["Say what is to be done."]
    page = response.content.decode()
    assert "<title>Error: " in page
    assert 'aria-invalid="true"' in page
    assert not ServiceVisit.objects.exists()


def test_a_follow_up_due_before_the_visit_is_refused(client, service, leader, record_url):
    client.force_login(leader)
    response = client.post(
        record_url,
        visit_post(
            **{
                "follow_ups-0-action": "Ring the advocate",
                "follow_ups-0-owner": "Registered manager",
                "follow_ups-0-due_on": "2001-01-01",
            }
        ),
    )
    assert response.status_code == 400
    assert response.context["follow_ups"].forms[0].errors["due_on"] == [
        "This date is before the visit. Give a later date."
    ]
    assert not ServiceVisit.objects.exists()


def test_the_service_refuses_what_the_form_would(service, leader):
    with pytest.raises(Exception) as refused:
        services.visit_record(
            service,
            leader,
            capacity="ceo",
            started_at=timezone.now() + timedelta(days=1),
            seen_and_heard=" ",
            spoke_with=["Mrs Smith"],
            announced=None,
        )
    assert set(refused.value.message_dict) == {
        "started_at",
        "spoke_with",
        "capacity",
        "seen_and_heard",
        "announced",
    }
    assert not ServiceVisit.objects.exists()


# --- The pages ------------------------------------------------------------------------------


def test_the_list_is_newest_first_and_paginated(client, service, leader):
    for days in range(22):
        ServiceVisitFactory(
            service=service,
            started_at=london(2026, 1, 1, 10) + timedelta(days=days),
            seen_and_heard=f"Visit {days}",
        )
    client.force_login(leader)
    url = reverse("leadership:service_visits", args=[service.pk])
    first = client.get(url)
    visits = list(first.context["page_obj"])
    assert len(visits) == 20
    assert visits[0].started_at > visits[-1].started_at
    assert first.context["latest"] == visits[0]
    assert "Record a visit" in first.content.decode()
    second = client.get(url + "?page=2")
    assert [v.started_at.day for v in second.context["page_obj"]] == [2, 1]


def test_the_empty_list_says_why_visits_matter_and_names_the_source(client, service, leader):
    client.force_login(leader)
    page = client.get(reverse("leadership:service_visits", args=[service.pk])).content.decode()
    assert "No visits to Willow House have been recorded yet." in page
    assert "Edenfield Centre" in page and "NHS England" in page
    assert "walk the patch" in page and "are we visible enough" in page


def test_a_follow_up_is_marked_done_once(client, service, leader):
    follow_up = VisitFollowUpFactory(visit=ServiceVisitFactory(service=service))
    visit = follow_up.visit
    client.force_login(leader)
    page = client.get(visit.get_absolute_url()).content.decode()
    assert "Mark done" in page and "Ask the night team about handovers" in page
    url = reverse("leadership:visit_follow_up_done", args=[visit.pk, follow_up.pk])
    response = client.post(url, follow=True)
    assert "“Ask the night team about handovers” is marked done." in response.content.decode()
    follow_up.refresh_from_db()
    first_done = follow_up.done_at
    assert first_done and follow_up.done_by == leader
    again = client.post(url, follow=True)
    assert "was already marked done" in again.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.done_at == first_done
    # A follow-up is reached only through its own visit.
    other_visit = ServiceVisitFactory(service=service)
    wrong = reverse("leadership:visit_follow_up_done", args=[other_visit.pk, follow_up.pk])
    assert client.post(wrong).status_code == 404
    assert client.get(url).status_code == 405


# --- Correcting and deleting a visit ----------------------------------------------------------


def test_the_visitor_corrects_their_visit_and_its_follow_ups_stay(client, service, leader):
    visit = ServiceVisitFactory(service=service, visitor=leader, announced=None)
    VisitFollowUpFactory(visit=visit)
    url = reverse("leadership:service_visit_edit", args=[visit.pk])
    client.force_login(leader)
    form = client.get(url).content.decode()
    assert "People were up and about" in form and "Follow-up 1" not in form
    day = timezone.localtime(visit.started_at).date().isoformat()
    response = client.post(
        url,
        {
            "capacity": Capacity.BOARD_MEMBER,
            "date": day,
            "start_time": "22:15",
            "announced": "no",
            "spoke_with": [SpokeWith.NIGHT_STAFF],
            "seen_and_heard": "Two on nights; call bells answered quickly.",
        },
        follow=True,
    )
    assert "Your changes to the visit are saved." in response.content.decode()
    visit.refresh_from_db()
    assert visit.capacity == Capacity.BOARD_MEMBER and visit.announced is False
    assert timezone.localtime(visit.started_at).hour == 22 and visit.is_out_of_hours
    assert visit.seen_and_heard == "Two on nights; call bells answered quickly."
    assert visit.changed_at is not None and visit.follow_ups.count() == 1
    assert "No: unannounced" in response.content.decode()


def test_a_correction_is_checked_as_a_new_visit_is_and_keeps_the_visit(client, service, leader):
    visit = ServiceVisitFactory(service=service, visitor=leader)
    before = (visit.seen_and_heard, visit.started_at)
    client.force_login(leader)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("leadership:service_visit_edit", args=[visit.pk]),
        {"capacity": Capacity.SENIOR_LEADER, "date": tomorrow, "start_time": "10:00"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The date is in the future" in page
    assert "Say whether the service knew you were coming." in page
    visit.refresh_from_db()
    assert (visit.seen_and_heard, visit.started_at) == before and visit.changed_at is None


def test_only_the_visitor_changes_or_deletes_a_visit(client, service, leader):
    """Another leader of the organisation reads the visit but cannot rewrite or remove it, by
    the page or by posting straight to it; the service refuses the same."""
    visit = ServiceVisitFactory(service=service, visitor=leader)
    other = member(Role.LEADER, organisation=service.organisation, email="other@example.org")
    client.force_login(other)
    page = client.get(visit.get_absolute_url()).content.decode()
    assert "Change this visit" not in page and "Delete this visit" not in page
    edit = reverse("leadership:service_visit_edit", args=[visit.pk])
    delete = reverse("leadership:service_visit_delete", args=[visit.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, visit_post()).status_code == 403
    assert client.post(delete).status_code == 403
    with pytest.raises(PermissionDenied):
        services.visit_delete(visit, other)
    assert ServiceVisit.objects.filter(pk=visit.pk).exists()
    client.force_login(leader)
    page = client.get(visit.get_absolute_url()).content.decode()
    assert "Change this visit" in page and "Delete this visit" in page


def test_the_visitor_deletes_a_visit_after_confirming(client, service, leader):
    visit = ServiceVisitFactory(service=service, visitor=leader)
    VisitFollowUpFactory(visit=visit)
    url = reverse("leadership:service_visit_delete", args=[visit.pk])
    client.force_login(leader)
    confirm = client.get(url).content.decode()
    assert "Delete your visit to Willow House?" in confirm and "1 follow-up, deleted" in confirm
    assert ServiceVisit.objects.filter(pk=visit.pk).exists()
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("leadership:service_visits", args=[service.pk])
    assert "is deleted." in response.content.decode()
    assert not ServiceVisit.objects.filter(pk=visit.pk).exists()
    assert client.post(url).status_code == 404


def test_a_leader_of_one_service_sees_its_visits_and_no_other(client, service):
    organisation = service.organisation
    elm = ServiceFactory(organisation=organisation, name="Elm Court")
    manager = member(Role.LEADER, service=service)
    follow_up = VisitFollowUpFactory(visit=ServiceVisitFactory(service=service))
    elm_visit = ServiceVisitFactory(service=elm)
    client.force_login(manager)
    assert client.get(reverse("leadership:service_visits", args=[service.pk])).status_code == 200
    assert client.get(follow_up.visit.get_absolute_url()).status_code == 200
    # Follow-ups are often theirs to do.
    done_url = reverse("leadership:visit_follow_up_done", args=[follow_up.visit.pk, follow_up.pk])
    assert client.post(done_url).status_code == 302
    # Visits are recorded by the organisation's leaders, not the service's own.
    record = reverse("leadership:service_visit_create", args=[service.pk])
    assert client.get(record).status_code == 403
    assert (
        "Record a visit"
        not in client.get(reverse("leadership:service_visits", args=[service.pk])).content.decode()
    )
    # Another service of the organisation: refused, not hidden.
    assert client.get(reverse("leadership:service_visits", args=[elm.pk])).status_code == 403
    assert client.get(elm_visit.get_absolute_url()).status_code == 403
    index = client.get(reverse("leadership:visits_index"))
    assert [row["service"] for row in index.context["organisations"][0]["services"]] == [service]


def test_another_organisations_leader_finds_nothing(client, service):
    follow_up = VisitFollowUpFactory(visit=ServiceVisitFactory(service=service))
    visit = follow_up.visit
    stranger = member(Role.LEADER, organisation=OrganisationFactory())
    client.force_login(stranger)
    for url in (
        reverse("leadership:service_visits", args=[service.pk]),
        reverse("leadership:service_visit_create", args=[service.pk]),
        visit.get_absolute_url(),
    ):
        assert client.get(url).status_code == 404, url
    done_url = reverse("leadership:visit_follow_up_done", args=[visit.pk, follow_up.pk])
    assert client.post(done_url).status_code == 404
    assert (
        client.post(
            reverse("leadership:service_visit_create", args=[service.pk]), visit_post()
        ).status_code
        == 404
    )
    follow_up.refresh_from_db()
    assert follow_up.done_at is None and ServiceVisit.objects.count() == 1


def test_leaders_find_visits_in_the_navigation_and_on_the_service_dashboard(
    client, service, leader
):
    staff = member(Role.STAFF, service=service)
    client.force_login(leader)
    home = client.get("/").content.decode()
    assert reverse("leadership:visits_index") in home and "Service visits" in home
    dashboard = client.get(
        reverse("leadership:dashboard_service", args=[service.organisation.slug, service.pk])
    ).content.decode()
    assert reverse("leadership:service_visits", args=[service.pk]) in dashboard
    client.force_login(staff)
    assert "Service visits" not in client.get("/").content.decode()
    assert client.get(reverse("leadership:visits_index")).status_code == 403
