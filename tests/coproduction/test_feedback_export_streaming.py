"""The feedback tracker's CSV export streams (issue 16): the same bytes as the export that
wrote every item into the response at once, read from the database a chunk at a time."""

import csv
from datetime import date, timedelta

import pytest
from django.db.models.signals import post_init
from django.http import HttpResponse
from django.urls import reverse

from cms.exports import csv_cell
from cms.organisations.models import Role
from coproduction.tracker import selectors
from coproduction.tracker.models import FeedbackItem, Theme
from coproduction.tracker.services import action_create_from_feedback
from tests.cms.factories import ServiceFactory, member

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def exported_before(organisation):
    """The export as it was written before it streamed, for the organisation, unfiltered."""
    items = selectors.feedback_filter(organisation)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    writer.writerow(["date", "channel", "role", "service", "themes", "text", "linked actions"])
    for item in items:
        writer.writerow(
            [
                item.received_iso,
                item.get_channel_display(),
                item.get_giver_role_display(),
                csv_cell(item.service.name),
                "; ".join(theme.label for theme in item.themes.all()),
                csv_cell(item.text),
                csv_cell("; ".join(action.title for action in item.actions.all())),
            ]
        )
    return response.content


@pytest.fixture
def feedback(service):
    """40 items over two services: themes, commas, quotes, new lines, a formula, actions."""
    other = ServiceFactory(organisation=service.organisation, name='Oak, "the annexe"')
    themes = list(Theme.objects.order_by("key")[:4])
    host = member(Role.FORUM_HOST, service=service)
    for number in range(40):
        item = FeedbackItem.objects.create(
            service=(service, other)[number % 2],
            channel=("forum", "survey", "complaint")[number % 3],
            received_on=TODAY - timedelta(days=number // 3),
            text=("=HYPERLINK(1)", 'She said "call me", twice', "Line one\nline two")[number % 3],
        )
        item.themes.set(themes[: number % 4])
        if number % 5 == 0:
            action_create_from_feedback(item, title=f"Call back, #{number}", owner=host)
    return host


def test_the_export_is_the_same_bytes_as_before(client, service, feedback):
    expected = exported_before(service.organisation)
    assert expected.count(b"\r\n") > 40
    client.force_login(feedback)
    response = client.get(reverse("coproduction:feedback_export"))
    assert response.streaming
    assert response.getvalue() == expected


def test_the_export_reads_the_items_a_chunk_at_a_time(client, service, feedback, monkeypatch):
    monkeypatch.setattr("coproduction.tracker.views.EXPORT_CHUNK", 5)
    read = []

    def count(sender, instance, **kwargs):
        read.append(instance)

    client.force_login(feedback)
    post_init.connect(count, sender=FeedbackItem)
    try:
        response = client.get(reverse("coproduction:feedback_export"))
        assert read == []  # nothing read before the body is asked for
        chunks = iter(response.streaming_content)
        assert next(chunks).startswith(b"date,channel,role")
        next(chunks)  # the first item's line
        assert 0 < len(read) <= 5 < FeedbackItem.objects.count()
        rest = b"".join(chunks)
    finally:
        post_init.disconnect(count, sender=FeedbackItem)
    assert len(read) == FeedbackItem.objects.count() == 40
    assert rest.count(b"=HYPERLINK") == rest.count(b"'=HYPERLINK") > 0
