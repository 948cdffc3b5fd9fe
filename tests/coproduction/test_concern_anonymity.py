"""Anonymous means anonymous: a signed-in person raises an anonymous concern, and nothing the
app stores, logs, emails, lists or exports about it links it to them: not their account, email
or name, nor the IP address or user agent of the request."""

import logging

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import models
from django.urls import reverse

from cms.organisations.models import Role
from cms.outbox.models import OutboxMessage
from coproduction.concerns import services
from coproduction.concerns.models import Concern
from coproduction.tracker.models import FeedbackItem
from tests.cms.factories import member

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
AGENT = "Quietfox/9.9 (anonymity test)"


@pytest.fixture
def staff(service):
    organisation = service.organisation
    return {
        "lead": member(Role.SAFEGUARDING_LEAD, organisation=organisation),
        "host": member(Role.FORUM_HOST, service=service),
        "leader": member(Role.LEADER, organisation=organisation),
        "admin": member(Role.ORGANISATION_ADMIN, organisation=organisation),
    }


@pytest.fixture
def raiser(service):
    return member(
        Role.FAMILY_MEMBER,
        service=service,
        email="hidden.raiser@example.org",
        first_name="Philippa",
        last_name="Quorndon",
    )


def identifying(user):
    return [user.email, user.first_name, user.last_name, ADDRESS, AGENT]


def assert_row_names_nobody(instance, user):
    """Every column of a row: no link to a user, and no text naming the person or device."""
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(field, models.ForeignKey) and field.related_model is type(user):
            assert value is None, f"{instance._meta.label}.{field.name} names a user"
        for text in identifying(user):
            assert text not in str(value), f"{instance._meta.label}.{field.name} has {text!r}"


def raise_anonymously(client, service, raiser, capture, possible_safeguarding="no"):
    client.force_login(raiser)
    data = {
        "step": "details",
        "service": str(service.pk),
        "at_risk_now": "no",
        "raiser_role": Concern.RaiserRole.FAMILY,
        "what_happened": "Night staff sleep on shift and the call bells go unanswered.",
        "who_is_affected": "Several people on the first floor",
        "possible_safeguarding": possible_safeguarding,
        "anonymous": "on",
    }
    with capture(execute=True):
        response = client.post(
            reverse("coproduction:concern_raise"),
            data,
            REMOTE_ADDR=ADDRESS,
            HTTP_USER_AGENT=AGENT,
        )
    assert response.status_code == 200
    return Concern.objects.get(), response


@pytest.mark.parametrize("possible_safeguarding", ["yes", "no"])
def test_no_column_links_an_anonymous_concern_to_anyone(
    client, service, staff, raiser, django_capture_on_commit_callbacks, possible_safeguarding
):
    concern, response = raise_anonymously(
        client, service, raiser, django_capture_on_commit_callbacks, possible_safeguarding
    )
    assert concern.anonymous and concern.raised_by is None
    assert concern.contact_name == "" and concern.contact_email == ""
    # They follow it by tracking code, as anyone without an account would.
    assert response.context["tracking_code"]
    assert_row_names_nobody(concern, raiser)
    events = list(concern.events.all())
    assert events, "the concern has an audit trail"
    for event in events:
        assert_row_names_nobody(event, raiser)
    assert_row_names_nobody(FeedbackItem.objects.get(pk=concern.feedback_item_id), raiser)
    # Nothing beside their sign-in (the session row) mentions the concern.
    for session in Session.objects.all():
        assert concern.reference not in str(session.get_decoded())


def test_no_log_record_during_the_request_names_the_raiser(
    client, service, staff, raiser, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        caplog.set_level(logging.DEBUG, logger=name)
    raise_anonymously(client, service, raiser, django_capture_on_commit_callbacks)
    assert caplog.records is not None
    for record in caplog.records:
        text = f"{record.name} {record.getMessage()} {record.args!r} {record.__dict__!r}"
        for value in identifying(raiser):
            assert value not in text, f"log record of {record.name} names the raiser"


def test_no_email_names_the_raiser(
    client, service, staff, raiser, django_capture_on_commit_callbacks
):
    concern, _ = raise_anonymously(client, service, raiser, django_capture_on_commit_callbacks)
    # The alert, a re-alert and the escalation all go out.
    Concern.objects.filter(pk=concern.pk).update(
        acknowledge_by=concern.acknowledge_by.replace(year=concern.acknowledge_by.year - 1),
        last_alerted_at=None,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.concerns_sweep()
    assert len(mail.outbox) >= 2
    for message in mail.outbox:
        text = f"{message.subject} {message.body} {message.to} {message.extra_headers}"
        assert raiser.email not in message.to
        for value in identifying(raiser):
            assert value not in text
    # Nor does the outbox keep anything that names them.
    rows = list(OutboxMessage.objects.values_list("to", "subject", "text", "html", "kind"))
    assert len(rows) == len(mail.outbox)
    for row in rows:
        for value in identifying(raiser):
            assert value not in " ".join(row)


@pytest.mark.parametrize("who", ["lead", "host", "leader", "admin"])
def test_no_page_or_export_names_the_raiser(
    client, service, staff, raiser, django_capture_on_commit_callbacks, who
):
    concern, _ = raise_anonymously(client, service, raiser, django_capture_on_commit_callbacks)
    client.force_login(staff[who])
    urls = [
        reverse("coproduction:concern_list"),
        concern.get_absolute_url(),
        reverse("coproduction:feedback_list"),
        reverse("coproduction:feedback_export"),
    ]
    seen = 0
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            seen += 1
            content = b"".join(response) if response.streaming else response.content
            for value in identifying(raiser):
                assert value not in content.decode(), f"{url} shows {value!r}"
    assert seen >= 2
    if who in ("lead", "host", "leader"):
        assert "Anonymous" in client.get(concern.get_absolute_url()).content.decode()


def test_the_raiser_does_not_find_it_on_my_concerns(
    client, service, staff, raiser, django_capture_on_commit_callbacks
):
    concern, _ = raise_anonymously(client, service, raiser, django_capture_on_commit_callbacks)
    mine = client.get(reverse("coproduction:concern_mine")).content.decode()
    assert concern.reference not in mine


def test_the_database_refuses_an_anonymous_concern_that_names_someone(service, raiser):
    from django.db import IntegrityError, transaction

    from tests.coproduction.factories_concerns import ConcernFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        ConcernFactory(service=service, anonymous=True, raised_by=raiser)


def test_staff_pages_show_only_the_day_of_an_anonymous_concern(
    client, service, staff, raiser, django_capture_on_commit_callbacks
):
    """The minute a concern was raised (and the deadlines and audit entries that follow from it)
    could point to who was on the premises; a named concern keeps its times."""
    from django.utils.dateformat import format as format_date
    from django.utils.timezone import localtime

    concern, _ = raise_anonymously(client, service, raiser, django_capture_on_commit_callbacks)
    concern.refresh_from_db()
    raised = localtime(concern.created_at)
    routed = localtime(concern.routed_at)
    client.force_login(staff["lead"])
    for url in (concern.get_absolute_url(), reverse("coproduction:concern_list")):
        page = client.get(url).content.decode()
        assert format_date(raised, "j F Y") in page
        for moment in (raised, routed, localtime(concern.acknowledge_by)):
            assert format_date(moment, "j F Y, H:i") not in page, url

    Concern.objects.filter(pk=concern.pk).update(anonymous=False)
    page = client.get(concern.get_absolute_url()).content.decode()
    assert format_date(raised, "j F Y, H:i") in page
