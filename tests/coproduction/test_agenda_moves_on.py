"""Issue 14, point 9: an agenda item moves on once what was done about it is published. It is
closed with the outcome (also on the proposer's home), cannot go into a new priority round, the
lead's confirmation does not read "Done: Done:", and a new round's voting times are filled in."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coproduction.rounds import services as rounds
from coproduction.rounds.forms import RoundForm
from coproduction.rounds.models import PriorityRound
from coproduction.spaces.models import AgendaItem, AgendaStatusChange, SpaceRole
from coproduction.tracker import services as tracker
from tests.cms.factories import ServiceFactory
from tests.coproduction.factories import AgendaItemFactory, SpaceFactory, space_with

pytestmark = pytest.mark.django_db

Status = AgendaItem.Status
OUTCOME = "Visiting is now 10am to 8pm at weekends."


@pytest.fixture
def space():
    service = ServiceFactory(name="Oak House")
    return SpaceFactory(organisation=service.organisation, service=service, name="Oak Voices")


@pytest.fixture
def lead(space):
    return space_with(SpaceRole.LEAD, space, user__first_name="Rosa")


@pytest.fixture
def item(space):
    return AgendaItemFactory(space=space, title="Weekend visiting", status=Status.SHORTLISTED)


def status_region(html):
    """The text of the layout's status region (Django messages that are not errors)."""
    match = re.search(r'<div class="messages" role="status">(.*?)</div>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()) if match else ""


def complete(client, lead, action, django_capture_on_commit_callbacks):
    client.force_login(lead)
    url = reverse("coproduction:action_complete", args=[action.pk])
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url, {"outcome": OUTCOME}, follow=True).content.decode()


def test_publishing_the_outcome_closes_the_item(
    client, lead, item, django_capture_on_commit_callbacks
):
    action = tracker.action_create_from_agenda_item(item, title="Longer visiting", by=lead)
    item.refresh_from_db()
    assert item.status == Status.SHORTLISTED  # not discussed at a meeting: agreeing leaves it

    page = complete(client, lead, action, django_capture_on_commit_callbacks)

    item.refresh_from_db()
    assert item.status == Status.CLOSED and item.status_reason == OUTCOME
    change = AgendaStatusChange.objects.get(item=item, to_status=Status.CLOSED)
    assert (change.from_status, change.changed_by, change.reason) == ("shortlisted", lead, OUTCOME)
    # One email to the proposer, the outcome's (it asks whether it addressed what they raised),
    # not a second one about the status.
    assert [message.to for message in mail.outbox] == [[item.proposed_by.email]]
    region = status_region(page)
    assert "Done: Done:" not in region
    assert region.startswith("Done: The outcome is published on “you said, we did”.")
    assert "The agenda item “Weekend visiting” is closed with it." in region


def test_the_proposers_home_shows_it_closed(client, lead, item, django_capture_on_commit_callbacks):
    action = tracker.action_create_from_agenda_item(item, title="Longer visiting", by=lead)
    complete(client, lead, action, django_capture_on_commit_callbacks)

    client.force_login(item.proposed_by)
    home = client.get("/").content.decode()
    assert "Weekend visiting: Closed with an outcome (Oak Voices)" in home
    assert "Weekend visiting: Shortlisted" not in home


def test_an_item_stays_open_while_another_of_its_actions_is_open(lead, item):
    first = tracker.action_create_from_agenda_item(item, title="Longer visiting", by=lead)
    tracker.action_create_from_agenda_item(item, title="Tell families", by=lead)

    tracker.action_complete(first, outcome=OUTCOME, by=lead)

    item.refresh_from_db()
    assert item.status == Status.SHORTLISTED


def test_a_closed_item_cannot_go_into_a_new_round(client, space, lead, item):
    other = AgendaItemFactory(space=space, title="Garden", status=Status.SHORTLISTED)
    third = AgendaItemFactory(space=space, title="Menus", status=Status.SHORTLISTED)
    action = tracker.action_create_from_agenda_item(item, title="Longer visiting", by=lead)
    tracker.action_complete(action, outcome=OUTCOME, by=lead)

    client.force_login(lead)
    form = client.get(reverse("coproduction:round_create", args=[space.pk])).content.decode()
    assert "Garden" in form and "Menus" in form
    assert "Weekend visiting" not in form
    item.refresh_from_db()
    now = timezone.now()
    with pytest.raises(ValidationError, match="not shortlisted"):
        rounds.round_open(
            space,
            lead,
            title="Autumn",
            method=PriorityRound.Method.APPROVAL,
            opens_at=now,
            closes_at=now + timedelta(days=14),
            agenda_items=[item, other, third],
        )


def test_without_a_recorder_the_item_is_left_for_the_caller(lead, item):
    """The demo's history moves its items itself, with the dates it tells."""
    action = tracker.action_create_from_agenda_item(item, title="Longer visiting", by=lead)
    tracker.action_complete(action, outcome=OUTCOME)
    item.refresh_from_db()
    assert item.status == Status.SHORTLISTED


def test_a_new_round_opens_now_and_closes_in_two_weeks(client, space, lead):
    AgendaItemFactory(space=space, status=Status.SHORTLISTED)
    form = RoundForm(items=AgendaItem.objects.all())
    opens, closes = form["opens_at"].value(), form["closes_at"].value()
    # The form shows times in the site's time zone, without one (a datetime-local input).
    assert abs(opens - timezone.localtime().replace(tzinfo=None)) < timedelta(minutes=2)
    assert closes - opens == timedelta(days=14)

    client.force_login(lead)
    page = client.get(reverse("coproduction:round_create", args=[space.pk])).content.decode()
    opens_input = re.search(r'<input[^>]*name="opens_at"[^>]*>', page).group(0)
    closes_input = re.search(r'<input[^>]*name="closes_at"[^>]*>', page).group(0)
    expected_close = (timezone.localtime() + timedelta(days=14)).strftime("%Y-%m-%d")
    assert 'value="' in opens_input
    assert f'value="{expected_close}T' in closes_input
