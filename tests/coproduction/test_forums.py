"""Family forums: opening a forum, families joining (by email, or by the home's code) and saying
whom they visit, events with RSVPs and access needs, cancelling, the reminder the day before,
notes, who came and actions, through the services and the pages, and who may do each."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Invitation, Role
from coproduction.forums import selectors, services, tasks
from coproduction.forums.models import EventRSVP, FamilyForum, ForumEvent, ForumFamily
from coproduction.forums.wagtail_hooks import family_forum_navigation
from coproduction.tracker.models import Action, FeedbackItem
from tests.cms.factories import ServiceFactory, member
from tests.coproduction.factories_forums import (
    EventRSVPFactory,
    FamilyForumFactory,
    ForumEventFactory,
    forum_family,
    forum_host,
)
from tests.navigation import label_and_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    return FamilyForumFactory(service__name="Willow House", name="Willow House family forum")


@pytest.fixture
def host(forum):
    return forum_host(forum, first_name="Hana", last_name="Host")


@pytest.fixture
def family(forum):
    return forum_family(forum, visits="Mary", first_name="Fay", last_name="Family")


@pytest.fixture
def other_forum(forum):
    """The forum of another service of the same organisation."""
    return FamilyForumFactory(service=ServiceFactory(organisation=forum.service.organisation))


@pytest.fixture
def event(forum, host):
    return ForumEventFactory(forum=forum, created_by=host, title="Spring forum")


def _signed_in(client, user):
    client.force_login(user)
    return client


def _event_post(**overrides):
    date = (timezone.localdate() + timedelta(days=10)).isoformat()
    data = {
        "title": "Summer forum",
        "date": date,
        "start_time": "14:00",
        "duration_minutes": "90",
        "place": "The lounge",
        "online_link": "",
        "guest_speaker": "A dementia nurse",
        "topic": "Good dementia care",
        "refreshments": "Tea and cake",
        "access_notes": "Step-free entrance",
    }
    return data | overrides


# --- Who is in a forum ------------------------------------------------------------------------


def test_forums_for_hosts_and_families_only(forum, other_forum, host, family, rf):
    assert list(selectors.forums_for(host)) == [forum]
    assert list(selectors.forums_for(family)) == [forum]
    staff = member(Role.STAFF, service=forum.service)
    assert not selectors.forums_for(staff).exists()
    request = rf.get("/")
    request.user = family
    assert label_and_url(family_forum_navigation(request)) == (
        "Family forum",
        reverse("coproduction:forum_list"),
    )
    request.user = staff
    assert family_forum_navigation(request) is None


def test_forum_list_shows_the_persons_forums_or_an_empty_state(client, forum, family):
    response = _signed_in(client, family).get(reverse("coproduction:forum_list"))
    assert forum.name in response.content.decode()
    client.force_login(member(Role.STAFF, service=forum.service))
    response = client.get(reverse("coproduction:forum_list"))
    assert "You are not in a family forum yet" in response.content.decode()


def test_forum_hidden_from_other_services_families_and_other_organisations(
    client, forum, other_forum
):
    outsiders = [
        forum_family(other_forum),
        forum_host(other_forum),
        member(Role.ORGANISATION_ADMIN),
        member(Role.FAMILY_MEMBER),
    ]
    for outsider in outsiders:
        client.force_login(outsider)
        assert client.get(forum.get_absolute_url()).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, forum, event):
    urls = [
        reverse("coproduction:forum_list"),
        forum.get_absolute_url(),
        reverse("coproduction:forum_families", args=[forum.pk]),
        event.get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    response = client.post(
        reverse("coproduction:forum_event_rsvp", args=[event.pk]), {"answer": "yes"}
    )
    assert response.status_code == 302
    assert not EventRSVP.objects.exists()


def test_past_events_are_paginated(client, forum, host):
    for days in range(1, 28):
        ForumEventFactory(
            forum=forum, created_by=host, starts_at=timezone.now() - timedelta(days=days)
        )
    client.force_login(host)
    response = client.get(forum.get_absolute_url())
    assert len(response.context["page_obj"]) == 25
    assert len(client.get(forum.get_absolute_url() + "?page=2").context["page_obj"]) == 2


# --- Opening a forum --------------------------------------------------------------------------


def test_organisation_admin_opens_a_forum_for_a_service_without_one(client, forum):
    admin = member(Role.ORGANISATION_ADMIN, organisation=forum.service.organisation)
    new_service = ServiceFactory(organisation=forum.service.organisation, name="Oak Lodge")
    client.force_login(admin)
    response = client.get(reverse("coproduction:forum_create"))
    choices = list(response.context["form"].fields["service"].queryset)
    assert choices == [new_service]
    response = client.post(
        reverse("coproduction:forum_create"),
        {"service": forum.service.pk, "name": "Second forum", "welcome": ""},
    )
    assert response.status_code == 400
    response = client.post(
        reverse("coproduction:forum_create"),
        {"service": new_service.pk, "name": "Oak Lodge family forum", "welcome": "Welcome"},
    )
    assert response.status_code == 302
    assert new_service.family_forum.name == "Oak Lodge family forum"


def test_other_organisations_admin_cannot_open_a_forum_for_its_service(client):
    service = ServiceFactory()
    client.force_login(member(Role.ORGANISATION_ADMIN))
    response = client.post(
        reverse("coproduction:forum_create"), {"service": service.pk, "name": "Mine"}
    )
    assert response.status_code == 400
    assert not FamilyForum.objects.filter(service=service).exists()


def test_staff_cannot_open_a_forum(client):
    service = ServiceFactory()
    client.force_login(member(Role.STAFF, service=service))
    assert client.get(reverse("coproduction:forum_create")).status_code == 403


def test_one_forum_a_service(forum):
    with pytest.raises(ValidationError):
        services.forum_create(forum.service, name="Again")


# --- Families ---------------------------------------------------------------------------------


def test_family_is_asked_whom_they_visit_first_and_can_change_it(client, forum):
    person = member(Role.FAMILY_MEMBER, service=forum.service)
    client.force_login(person)
    response = client.get(forum.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == reverse("coproduction:forum_welcome", args=[forum.pk])
    url = reverse("coproduction:forum_welcome", args=[forum.pk])
    response = client.post(url, {"visits": ""})
    assert response.status_code == 400
    assert not ForumFamily.objects.filter(user=person).exists()
    client.post(url, {"visits": "Mary"})
    assert client.get(forum.get_absolute_url()).status_code == 200
    client.post(url, {"visits": "Mum (Mary)"})
    place = ForumFamily.objects.get(user=person)
    assert place.visits == "Mum (Mary)"


def test_host_sees_families_and_the_join_code_families_do_not(client, forum, host, family):
    response = _signed_in(client, host).get(forum.get_absolute_url())
    assert forum.join_code in response.content.decode()
    response = client.get(reverse("coproduction:forum_families", args=[forum.pk]))
    assert "Fay Family" in response.content.decode()
    assert "Mary" in response.content.decode()
    client.force_login(family)
    assert forum.join_code not in client.get(forum.get_absolute_url()).content.decode()
    url = reverse("coproduction:forum_families", args=[forum.pk])
    assert client.get(url).status_code == 403


def test_host_invites_a_family_by_email(client, forum, host, django_capture_on_commit_callbacks):
    client.force_login(host)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("coproduction:forum_invite", args=[forum.pk]), {"email": "kin@example.org"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="kin@example.org")
    assert invitation.role == Role.FAMILY_MEMBER
    assert invitation.service == forum.service
    assert invitation.organisation == forum.service.organisation
    assert [message.to for message in mail.outbox] == [["kin@example.org"]]


def test_family_invite_refuses_anyone_but_a_host(forum, family):
    with pytest.raises(PermissionDenied):
        services.family_invite(forum, family, "kin@example.org")
    assert not Invitation.objects.exists()


def test_new_code_stops_the_old_one(client, forum, host):
    old = forum.join_code
    client.force_login(host)
    response = client.post(reverse("coproduction:forum_code_renew", args=[forum.pk]))
    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.join_code != old
    assert services.forum_for_code(old) is None
    assert services.forum_for_code(forum.join_code) == forum


# --- Joining with the home's code -------------------------------------------------------------


def test_join_with_the_right_code_emails_an_invitation(
    client, forum, django_capture_on_commit_callbacks
):
    typed = forum.join_code.lower()[:4] + " " + forum.join_code.lower()[4:]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("coproduction:forum_join"), {"code": typed, "email": "kin@example.org"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.service) == (
        "kin@example.org",
        Role.FAMILY_MEMBER,
        forum.service,
    )
    assert invitation.invited_by is None
    assert mail.outbox[0].to == ["kin@example.org"]
    assert "Check your email" in client.get(response["Location"]).content.decode()
    # Asking again does not send a second invitation.
    client.post(reverse("coproduction:forum_join"), {"code": typed, "email": "KIN@example.org"})
    assert Invitation.objects.count() == 1


def test_join_with_a_wrong_or_inactive_code_says_so_at_the_field(client, forum):
    response = client.post(
        reverse("coproduction:forum_join"), {"code": "WRONGCOD", "email": "kin@example.org"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["code"] == [
        "That code is not right. Check it with the home."
    ]
    forum.join_code_active = False
    forum.save()
    response = client.post(
        reverse("coproduction:forum_join"), {"code": forum.join_code, "email": "kin@example.org"}
    )
    assert response.status_code == 400
    assert "code" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_guessing_codes_is_limited(client, forum):
    url = reverse("coproduction:forum_join")
    for attempt in range(5):
        client.post(url, {"code": f"WRONG{attempt}AA", "email": "kin@example.org"})
    response = client.post(url, {"code": forum.join_code, "email": "kin@example.org"})
    assert response.status_code == 400
    assert "too many times" in response.context["form"].errors["code"][0]
    assert not Invitation.objects.exists()


# --- Events and RSVPs -------------------------------------------------------------------------


def test_host_plans_an_event_and_needs_a_place_or_link(client, forum, host):
    client.force_login(host)
    url = reverse("coproduction:forum_event_create", args=[forum.pk])
    response = client.post(url, _event_post(place=""))
    assert response.status_code == 400
    assert "place" in response.context["form"].errors
    assert response.context["form"]["title"].value() == "Summer forum"
    assert not ForumEvent.objects.exists()
    response = client.post(url, _event_post())
    event = ForumEvent.objects.get()
    assert response["Location"] == event.get_absolute_url()
    assert (event.guest_speaker, event.refreshments, event.created_by) == (
        "A dementia nurse",
        "Tea and cake",
        host,
    )
    response = client.post(
        reverse("coproduction:forum_event_edit", args=[event.pk]),
        _event_post(place="", online_link="https://meet.example.org/forum"),
    )
    event.refresh_from_db()
    assert (event.place, event.online_link) == ("", "https://meet.example.org/forum")


def test_families_and_other_hosts_cannot_plan_events(client, forum, family, other_forum):
    url = reverse("coproduction:forum_event_create", args=[forum.pk])
    client.force_login(family)
    assert client.post(url, _event_post()).status_code == 403
    client.force_login(forum_host(other_forum))
    assert client.post(url, _event_post()).status_code == 404
    assert not ForumEvent.objects.exists()


def test_family_rsvps_and_changes_the_answer_in_place(client, event, family, host):
    client.force_login(family)
    url = reverse("coproduction:forum_event_rsvp", args=[event.pk])
    client.post(url, {"answer": "maybe", "guests": "0", "access_needs": ""})
    client.post(url, {"answer": "yes", "guests": "1", "access_needs": "Wheelchair space"})
    rsvp = EventRSVP.objects.get()
    assert (rsvp.user, rsvp.answer, rsvp.guests, rsvp.access_needs) == (
        family,
        "yes",
        1,
        "Wheelchair space",
    )
    client.force_login(host)
    response = client.get(event.get_absolute_url())
    assert "Wheelchair space" in response.content.decode()
    assert response.context["counts"]["people"] == 2


def test_rsvp_refused_to_hosts_outsiders_and_on_a_cancelled_event(client, event, host, family):
    url = reverse("coproduction:forum_event_rsvp", args=[event.pk])
    client.force_login(host)
    assert client.post(url, {"answer": "yes"}).status_code == 403
    client.force_login(member(Role.FAMILY_MEMBER))
    assert client.post(url, {"answer": "yes"}).status_code == 404
    services.event_cancel(event, host)
    client.force_login(family)
    assert client.post(url, {"answer": "yes"}).status_code == 400
    assert not EventRSVP.objects.exists()


def test_cancelling_emails_the_families_who_were_coming(
    client, event, host, django_capture_on_commit_callbacks
):
    coming = EventRSVPFactory(event=event, answer="yes").user
    maybe = EventRSVPFactory(event=event, answer="maybe").user
    EventRSVPFactory(event=event, answer="no")
    client.force_login(host)
    url = reverse("coproduction:forum_event_cancel", args=[event.pk])
    assert "Yes, cancel the event" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    event.refresh_from_db()
    assert event.cancelled_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coming.email, maybe.email])
    assert "Cancelled" in mail.outbox[0].subject
    assert tasks.send_event_cancelled_emails(event.pk) == 0  # delivered twice: sent once
    assert len(mail.outbox) == 2
    with pytest.raises(ValidationError):
        services.event_cancel(event, host)


def test_reminder_the_day_before_goes_once(forum, host, django_capture_on_commit_callbacks):
    now = timezone.now()
    soon = ForumEventFactory(forum=forum, created_by=host, starts_at=now + timedelta(hours=24))
    later = ForumEventFactory(forum=forum, created_by=host, starts_at=now + timedelta(hours=48))
    off = ForumEventFactory(
        forum=forum, created_by=host, starts_at=now + timedelta(hours=20), cancelled_at=now
    )
    coming = EventRSVPFactory(event=soon, answer="yes").user
    EventRSVPFactory(event=soon, answer="no")
    EventRSVPFactory(event=later, answer="yes")
    EventRSVPFactory(event=off, answer="yes")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_event_reminders() == 1
    assert [m.to for m in mail.outbox] == [[coming.email]]
    assert "Reminder" in mail.outbox[0].subject
    assert tasks.send_event_reminders() == 0
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.reminder_sent_at is not None and later.reminder_sent_at is None


# --- After the event --------------------------------------------------------------------------


def test_notes_published_with_who_came(client, forum, host, family):
    event = ForumEventFactory(
        forum=forum, created_by=host, starts_at=timezone.now() - timedelta(days=2)
    )
    came = EventRSVPFactory(event=event, user=family, answer="yes")
    absent = EventRSVPFactory(event=event, answer="maybe")
    client.force_login(host)
    url = reverse("coproduction:forum_event_notes", args=[event.pk])
    response = client.post(url, {"notes": "", "publish": "1"})
    assert response.status_code == 400
    assert "notes" in response.context["form"].errors
    client.post(url, {"notes": "Draft thoughts", "save": "1", "attended": [str(came.pk)]})
    client.force_login(family)
    assert "Draft thoughts" not in client.get(event.get_absolute_url()).content.decode()
    client.force_login(host)
    client.post(url, {"notes": "We talked about food.", "publish": "1", "attended": [came.pk]})
    came.refresh_from_db()
    absent.refresh_from_db()
    assert (came.attended, absent.attended) == (True, False)
    client.force_login(family)
    assert "We talked about food." in client.get(event.get_absolute_url()).content.decode()


def test_something_families_raised_becomes_feedback_and_an_action(client, event, host, family):
    url = reverse("coproduction:forum_event_action", args=[event.pk])
    client.force_login(family)
    assert client.get(url).status_code == 403
    client.force_login(host)
    response = client.post(url, {"raised": "", "will_do": "Something"})
    assert response.status_code == 400
    response = client.post(
        url, {"raised": "Menus are not shown in large print.", "will_do": "Print large menus"}
    )
    assert response.status_code == 302
    item = FeedbackItem.objects.get()
    assert (item.channel, item.giver_role, item.service) == (
        FeedbackItem.Channel.FORUM,
        FeedbackItem.GiverRole.FAMILY,
        event.forum.service,
    )
    action = Action.objects.get()
    assert (action.feedback_item, action.title, action.service) == (
        item,
        "Print large menus",
        event.forum.service,
    )
