"""Email preferences: the page where a person chooses their co-production emails, and the four
emails that respect those choices (a round opens, results are published, an item you raised
moves on, an action on what you raised is done)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduction.preferences import selectors
from coproduction.preferences.models import EmailPreferences
from coproduction.preferences.services import preferences_save
from coproduction.rounds import services as round_services
from coproduction.rounds import tasks as round_tasks
from coproduction.spaces import services as space_services
from coproduction.spaces.models import AgendaItem, AgendaStatusChange, SpaceRole
from coproduction.tracker import services as tracker_services
from tests.cms.factories import UserFactory
from tests.coproduction.factories import AgendaItemFactory, space_with

pytestmark = pytest.mark.django_db

PREFERENCES_LINE = (
    "To choose which co-production emails you get: http://testserver/together/emails/"
)
KINDS = ("round_opened", "results_published", "item_status_changed", "action_outcome")


def _turn_off(user, kind):
    preferences_save(user, **{kind: False})


def _open_round(space, lead, count=2):
    items = [
        AgendaItemFactory(space=space, status=AgendaItem.Status.SHORTLISTED) for _ in range(count)
    ]
    now = timezone.now()
    return round_services.round_open(
        space,
        lead,
        title="What first?",
        method="approval",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=7),
        agenda_items=items,
    )


def _to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


# --- The selector ---------------------------------------------------------------------------


def test_no_row_means_every_email_is_on():
    person = UserFactory()
    assert all(selectors.wants_email(person, kind) for kind in KINDS)
    assert not EmailPreferences.objects.exists()


def test_a_turned_off_kind_is_off_and_the_others_stay_on():
    person = UserFactory()
    _turn_off(person, "results_published")
    assert selectors.wants_email(person, "results_published") is False
    assert selectors.wants_email(person, "round_opened") is True
    # Someone else's choice does not change theirs.
    assert selectors.wants_email(UserFactory(), "results_published") is True


def test_an_unknown_kind_is_an_error_not_a_yes():
    with pytest.raises(ValueError):
        selectors.wants_email(UserFactory(), "newsletter")


def test_who_want_email_filters_in_one_query():
    on, off, never_chose = UserFactory(), UserFactory(), UserFactory()
    preferences_save(on, round_opened=True)
    _turn_off(off, "round_opened")
    people = type(on).objects.filter(pk__in=[on.pk, off.pk, never_chose.pk])
    with CaptureQueriesContext(connection) as queries:
        wanted = set(selectors.who_want_email(people, "round_opened"))
    assert wanted == {on, never_chose}
    assert len(queries) == 1


# --- The page -------------------------------------------------------------------------------


def test_the_page_shows_the_four_ticks_with_their_help(client):
    person = UserFactory()
    client.force_login(person)
    response = client.get(reverse("coproduction:email_preferences"))
    assert response.status_code == 200
    content = response.content.decode()
    for kind in KINDS:
        field = EmailPreferences._meta.get_field(kind)
        assert f'name="{kind}"' in content
        assert str(field.verbose_name) in content and str(field.help_text) in content
    # No row yet: every box starts ticked.
    assert sorted(
        re.findall(r'<input type="checkbox" name="(\w+)"[^>]*checked', content)
    ) == sorted(KINDS)


def test_saving_the_choices(client):
    person = UserFactory()
    client.force_login(person)
    url = reverse("coproduction:email_preferences")
    response = client.post(url, {"round_opened": "on", "action_outcome": "on"}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "Your email choices are saved." in response.content.decode()
    saved = EmailPreferences.objects.get(user=person)
    assert (
        saved.round_opened,
        saved.results_published,
        saved.item_status_changed,
        saved.action_outcome,
    ) == (True, False, False, True)
    # Every box unticked posts no field at all: that is still a choice, and it is saved.
    client.post(url, {})
    saved.refresh_from_db()
    assert not any(getattr(saved, kind) for kind in KINDS)
    assert EmailPreferences.objects.filter(user=person).count() == 1


def test_the_page_changes_only_ones_own_choices(client):
    person, other = UserFactory(), UserFactory()
    client.force_login(person)
    client.post(reverse("coproduction:email_preferences"), {"user": other.pk})
    assert not EmailPreferences.objects.filter(user=other).exists()
    assert EmailPreferences.objects.get(user=person).round_opened is False


def test_the_page_needs_signing_in(client):
    response = client.get(reverse("coproduction:email_preferences"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_space_list_links_to_the_page(client):
    client.force_login(UserFactory())
    response = client.get(reverse("coproduction:space_list"))
    assert reverse("coproduction:email_preferences") in response.content.decode()


# --- The four emails ------------------------------------------------------------------------


def test_round_opened_email_respects_the_choice(space, lead, django_capture_on_commit_callbacks):
    keen, quiet = (space_with(SpaceRole.MEMBER, space) for _ in range(2))
    _turn_off(quiet, "round_opened")
    _turn_off(keen, "results_published")  # another kind: no effect on this email
    with django_capture_on_commit_callbacks(execute=True):
        _open_round(space, lead)
    assert len(_to(keen)) == 1 and _to(quiet) == []
    assert PREFERENCES_LINE in _to(keen)[0].body


def test_results_email_respects_the_choice(space, lead, django_capture_on_commit_callbacks):
    keen, quiet = (space_with(SpaceRole.MEMBER, space) for _ in range(2))
    priority_round = _open_round(space, lead)
    _turn_off(quiet, "results_published")
    _turn_off(keen, "round_opened")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        round_services.round_close_and_publish(priority_round, lead, early=True)
    assert len(_to(keen)) == 1 and "Results" in _to(keen)[0].subject
    assert _to(quiet) == []
    assert PREFERENCES_LINE in _to(keen)[0].body


def test_round_emails_cost_the_same_queries_for_more_voters(space, lead):
    """The choices are read with the voters, not one query per voter."""

    def queries_for(voters):
        for _ in range(voters):
            _turn_off(space_with(SpaceRole.MEMBER, space), "round_opened")
            space_with(SpaceRole.MEMBER, space)
        priority_round = _open_round(space, lead)
        with CaptureQueriesContext(connection) as queries:
            round_tasks.send_round_opened_emails(priority_round.pk)
        return len(queries)

    assert queries_for(2) == queries_for(6)


def test_status_email_respects_the_choice_and_is_not_retried(
    space, lead, mailoutbox, django_capture_on_commit_callbacks
):
    item = AgendaItemFactory(space=space, title="Weekend visiting")
    _turn_off(item.proposed_by, "item_status_changed")
    with django_capture_on_commit_callbacks(execute=True):
        space_services.status_set(item, AgendaItem.Status.SHORTLISTED, lead)
    change = AgendaStatusChange.objects.get(item=item)
    assert mailoutbox == []
    # Marked as told, so it is not sent later either (say, after turning emails back on).
    assert change.proposer_told_at is not None
    preferences_save(item.proposed_by, item_status_changed=True)
    assert space_services.status_change_email_send(change.pk) is False
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        space_services.status_set(item, AgendaItem.Status.ON_AGENDA, lead)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [item.proposed_by.email]
    assert PREFERENCES_LINE in mailoutbox[0].body


def test_outcome_email_respects_the_choice(
    space, lead, mailoutbox, django_capture_on_commit_callbacks
):
    quiet_item, keen_item = (AgendaItemFactory(space=space) for _ in range(2))
    _turn_off(quiet_item.proposed_by, "action_outcome")
    for item in (quiet_item, keen_item):
        action = tracker_services.action_create_from_agenda_item(item, title="Longer visits")
        with django_capture_on_commit_callbacks(execute=True):
            tracker_services.action_complete(action, outcome="Visiting is longer now.")
    assert [message.to for message in mailoutbox] == [[keen_item.proposed_by.email]]
    assert PREFERENCES_LINE in mailoutbox[0].body
    quiet_action = quiet_item.actions.get()
    assert quiet_action.outcome_email_sent_at is not None  # decided: never retried
