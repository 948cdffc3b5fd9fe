"""The attacker of a round's title: a lead (or anyone who can write a title, through the page,
a service or the ORM) puts markup or a line break into it, hoping it reaches members' inboxes
as an email subject or header. The title is sanitised where it is stored, kept to one line, and
no email subject ever carries a line break or a tag from it."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from coproduction.rounds import services
from coproduction.rounds.models import PriorityRound
from coproduction.spaces.models import AgendaItem, SpaceRole
from tests.coproduction.factories import AgendaItemFactory, space_with

pytestmark = pytest.mark.django_db

TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")
ATTACKS = [
    "Spring<script>alert('x')</script> priorities",
    'Spring <img src=x onerror="alert(1)"> priorities',
    "Spring\r\nBcc: everyone@example.com\r\n\r\n<b>Spring</b> priorities",
    "Spring<!-- hidden -->\n\n<a href='https://evil.example'>priorities</a>",
]


def _items(space):
    return [AgendaItemFactory(space=space, status=AgendaItem.Status.SHORTLISTED) for _ in range(2)]


def _form(space, title):
    now = timezone.localtime()
    return {
        "title": title,
        "agenda_items": [item.pk for item in _items(space)],
        "method": "approval",
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
    }


def _assert_clean(text):
    assert not TAG.search(text), text
    assert "\n" not in text and "\r" not in text, text
    assert "alert" not in text and "evil.example" not in text, text


@pytest.mark.parametrize("title", ATTACKS)
def test_a_title_typed_on_the_page_reaches_no_subject_with_markup_or_a_line_break(
    client, space, lead, title, django_capture_on_commit_callbacks
):
    voter = space_with(SpaceRole.MEMBER, space)
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("coproduction:round_create", args=[space.pk]), _form(space, title)
        )
    assert response.status_code == 302
    priority_round = PriorityRound.objects.get()
    opened = [message for message in mail.outbox if voter.email in message.to]
    assert opened
    _assert_clean(opened[0].subject)
    _assert_clean(priority_round.title)
    assert priority_round.title.startswith("Spring") and "priorities" in priority_round.title

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.round_close_and_publish(priority_round, lead, early=True)
    published = [message for message in mail.outbox if voter.email in message.to]
    assert published
    for message in opened + published:
        _assert_clean(message.subject)
        assert priority_round.title in message.subject
        assert message.message()["Bcc"] is None


def test_a_title_of_nothing_but_markup_is_refused_at_its_field(client, space, lead):
    client.force_login(lead)
    response = client.post(
        reverse("coproduction:round_create", args=[space.pk]),
        _form(space, "<script>alert(1)</script><img src=x>"),
    )
    assert response.status_code == 400
    assert "This only contained code or formatting that cannot be kept" in response.text
    assert not PriorityRound.objects.exists()


@pytest.mark.parametrize("title", ATTACKS)
def test_a_title_stored_without_the_page_is_sanitised_too(space, lead, title):
    now = timezone.now()
    priority_round = services.round_open(
        space,
        lead,
        title=title,
        method=PriorityRound.Method.APPROVAL,
        opens_at=now,
        closes_at=now + timedelta(days=1),
        agenda_items=_items(space),
    )
    priority_round.refresh_from_db()
    _assert_clean(priority_round.title)
    PriorityRound.objects.filter(pk=priority_round.pk).update(title=title)
    priority_round.refresh_from_db()
    assert not TAG.search(priority_round.title)
    assert "alert" not in priority_round.title
