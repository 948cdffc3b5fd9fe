"""The co-production demo: what it shows (every agenda status, a closed round with a tie, an open
round the demo member can vote in, a meeting, payments, a repeated theme, actions with outcomes),
that it emails demo accounts only, and that loading it twice changes nothing."""

import io
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cms.indicators import get_indicator
from cms.organisations import demo as organisations_demo
from cms.organisations.models import Membership
from coproduction.demo import spaces
from coproduction.meetings.models import Attendance, Meeting
from coproduction.payments.models import InvolvementRecord
from coproduction.rounds import selectors as round_selectors
from coproduction.rounds import services as round_services
from coproduction.rounds.models import Ballot, PriorityRound
from coproduction.spaces.models import AgendaItem, CoproductionSpace, SpaceRole
from coproduction.tracker.models import Action, OutcomeResponse
from coproduction.tracker.selectors import repeated_themes, you_said_we_did_for_service

pytestmark = pytest.mark.django_db

Status = AgendaItem.Status


def load_all(stdout=None):
    stdout = stdout or io.StringIO()
    organisations_demo.load(stdout)
    spaces.load(stdout)
    return stdout


def counts():
    models = [*apps.get_app_config("coproduction").get_models(), get_user_model(), Membership]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def loaded(django_capture_on_commit_callbacks):
    # As `load_demo` commits: the emails the services send go out on commit.
    with django_capture_on_commit_callbacks(execute=True):
        load_all()


@pytest.fixture
def space(loaded):
    return CoproductionSpace.objects.get(organisation__slug="riverside", name="Willow House Voices")


def person(email):
    return get_user_model().objects.get(email=email)


def test_the_space_has_members_of_every_role(space):
    assert space.service.name == "Willow House"
    roles = list(space.members.values_list("role", flat=True))
    assert set(roles) == set(SpaceRole.values)
    assert roles.count(SpaceRole.MEMBER) == 5
    assert space.members.get(user=person(spaces.MEMBER)).role == SpaceRole.MEMBER
    assert space.members.get(user=person(spaces.LEAD)).role == SpaceRole.LEAD


def test_agenda_items_in_every_status(space):
    items = AgendaItem.objects.filter(space=space)
    assert set(items.values_list("status", flat=True)) == set(Status.values)
    merged = items.get(merged_into__isnull=False)
    assert merged.status == Status.NOT_TAKEN_FORWARD
    assert merged.merged_into.status == Status.SHORTLISTED
    # The supports of the duplicate carried over to the item it was merged into.
    assert set(merged.supports.values_list("user_id", flat=True)) <= set(
        merged.merged_into.supports.values_list("user_id", flat=True)
    )
    refused = items.get(status=Status.NOT_TAKEN_FORWARD, merged_into__isnull=True)
    assert "fire safety officer" in refused.status_reason
    closed = items.get(status=Status.CLOSED)
    assert closed.status_reason
    assert items.filter(submitted_with_support_from__isnull=False).exclude(consent_note="").exists()


def test_the_status_history_reads_in_order(space):
    closed = AgendaItem.objects.get(space=space, status=Status.CLOSED)
    history = list(closed.status_changes.order_by("changed_at"))
    assert [change.to_status for change in history] == [
        Status.SHORTLISTED,
        Status.ON_AGENDA,
        Status.DISCUSSED,
        Status.ACTION_AGREED,
        Status.CLOSED,
    ]
    assert history[0].changed_at > closed.created_at
    assert history[-1].changed_at < timezone.now()


def test_the_closed_round_has_published_results_with_a_tie(space):
    spring = PriorityRound.objects.get(space=space, title="Spring priorities")
    assert spring.is_published and spring.is_closed() and spring.opens_at < spring.closed_at
    results = round_selectors.round_results(spring)
    assert [row.rank for row in results.rows] == [1, 2, 2, 4]
    assert [row.score for row in results.rows] == [9, 6, 6, 3]
    assert (results.turnout.voted, results.turnout.eligible) == (5, 6)
    # One member asked a staff ally to vote for them.
    supported = Ballot.objects.get(round=spring, submitted_with_support_from__isnull=False)
    assert supported.consent_note


def test_the_demo_member_can_still_vote_in_the_open_round(space):
    summer = PriorityRound.objects.get(space=space, title="Summer priorities")
    member = person(spaces.MEMBER)
    assert summer.is_open() and not summer.is_published
    assert round_selectors.is_eligible_voter(space, member)
    assert not round_selectors.has_voted(summer, member)
    assert round_selectors.round_turnout(summer).voted == 3
    first = summer.items.first()
    assert round_services.ballot_submit(summer, member, {first.pk: 1}) is True


def test_a_meeting_with_agenda_attendance_minutes_and_payments(space):
    meeting = Meeting.objects.get(space=space, minutes_published_at__isnull=False)
    assert meeting.starts_at < timezone.now() and meeting.minutes
    assert meeting.agenda_entries.count() == 3
    statuses = set(meeting.attendance.values_list("status", flat=True))
    assert statuses == set(Attendance.Status.values)
    records = InvolvementRecord.objects.filter(meeting=meeting)
    attended = meeting.attendance.filter(
        status=Attendance.Status.ATTENDED,
        user__space_memberships__space=space,
        user__space_memberships__role__in=[SpaceRole.LEAD, SpaceRole.MEMBER],
    )
    assert set(records.values_list("member_id", flat=True)) == set(
        attended.values_list("user_id", flat=True)
    )
    for record in records:
        assert record.amount == record.hourly_rate * record.minutes / 60
    assert set(records.values_list("status", flat=True)) == set(InvolvementRecord.Status.values)
    assert space.organisation.involvement_rate.hourly_rate == spaces.HOURLY_RATE
    upcoming = Meeting.objects.get(space=space, starts_at__gt=timezone.now())
    assert upcoming.agenda_entries.get().item.status == Status.ON_AGENDA


def test_feedback_shows_a_repeated_theme_and_actions_have_outcomes(space):
    willow = space.service
    assert [theme.key for theme in repeated_themes(service=willow)] == ["hm_not_listening"]
    done = you_said_we_did_for_service(willow)
    assert done.filter(agenda_item__isnull=False).exists()
    assert done.filter(feedback_item__isnull=False).exists()
    answer = OutcomeResponse.objects.get(action__space=space)
    assert answer.addressed == OutcomeResponse.Addressed.PARTLY and answer.comment
    assert answer.action.raised_by == answer.action.agenda_item.proposed_by == person(spaces.MEMBER)
    assert Action.objects.filter(space=space).exclude(status=Action.Status.DONE).exists()
    assert Action.objects.filter(priority_round__title="Spring priorities").count() == 2


def test_the_indicators_show_figures_for_willow_house(space):
    now = timezone.now()
    start, end = now - timedelta(days=120), now
    shown = {
        key: get_indicator(key)(space.service, start, end).shown()
        for key in ("agenda_lived_experience_share", "round_turnout", "repeated_themes")
    }
    # Every item was raised by a lived-experience lead or member (6 people); 5 of 6 voted in
    # the closed round; one theme is repeated, from 6 pieces of feedback in 90 days.
    assert shown == {
        "agenda_lived_experience_share": 100.0,
        "round_turnout": 83.3,
        "repeated_themes": 1,
    }


def test_the_demo_member_sees_it_on_the_pages(space, client):
    client.force_login(person(spaces.MEMBER))
    spring = PriorityRound.objects.get(space=space, title="Spring priorities")
    summer = PriorityRound.objects.get(space=space, title="Summer priorities")
    closed = AgendaItem.objects.get(space=space, status=Status.CLOSED)
    pages = {
        "space": space.get_absolute_url(),
        "spring": spring.get_absolute_url(),
        "summer": summer.get_absolute_url(),
        "item": closed.get_absolute_url(),
        "you said": reverse("coproduction:space_you_said_we_did", kwargs={"space_id": space.pk}),
    }
    html = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        html[name] = response.content.decode()
    assert closed.title in html["spring"]
    assert spaces.ROUTINES_OUTCOME[:40] in html["you said"]
    assert "Summer priorities" in html["space"]


def test_northfield_has_a_smaller_panel_for_the_whole_trust(loaded):
    panel = CoproductionSpace.objects.get(organisation__slug="northfield")
    assert panel.service is None
    assert panel.members.filter(role=SpaceRole.LEAD).exists()
    statuses = set(panel.agenda_items.values_list("status", flat=True))
    assert {Status.PROPOSED, Status.SHORTLISTED, Status.NOT_TAKEN_FORWARD} <= statuses


def test_emails_go_to_demo_accounts_only(loaded):
    assert mail.outbox  # the services told people, as they always do
    recipients = {address for message in mail.outbox for address in message.to}
    assert all(address.endswith(".example.org") for address in recipients)


def test_loading_twice_changes_nothing(loaded, django_capture_on_commit_callbacks):
    before = counts()
    statuses = sorted(AgendaItem.objects.values_list("status", flat=True))
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        stdout = load_all()
    assert counts() == before
    assert sorted(AgendaItem.objects.values_list("status", flat=True)) == statuses
    assert len(mail.outbox) == sent
    assert "already there" in stdout.getvalue()
    assert before["AgendaItem"] >= 14 and before["FeedbackItem"] >= 9
