"""A concern alert is never lost: a worker killed after routing is recorded but before the
email reaches the mail server leaves an alert that the next worker still sends; with the task
queue down, the web process sends a safeguarding alert at once."""

import contextlib
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from kombu.exceptions import OperationalError

from cms.organisations.models import Role
from coproduction.concerns import tasks
from coproduction.concerns.models import Concern
from tests.cms.crash import DiesMidSend, kill_the_next_sends, run_the_beat
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.coproduction.factories_concerns import ConcernFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    service = ServiceFactory(name="Ash House", organisation=OrganisationFactory(name="Ash Care"))
    member(Role.SAFEGUARDING_LEAD, organisation=service.organisation, email="sl@example.org")
    member(Role.FORUM_HOST, service=service, email="host@example.org")
    return service


def test_a_worker_killed_mid_send_does_not_lose_the_safeguarding_alert(
    service, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_LEASE_SECONDS = 0  # the dead worker's lease has run out by the next sweep
    concern = ConcernFactory(service=service, possible_safeguarding=True)
    kill_the_next_sends(settings)

    with contextlib.suppress(SystemExit), django_capture_on_commit_callbacks(execute=True):
        tasks.route_concern(concern.pk)
    assert DiesMidSend.deaths_left == 0, "the worker did not reach the send"
    concern.refresh_from_db()
    assert concern.routed_at is not None and mail.outbox == []

    # A new worker starts and beat runs its sweepers.
    with django_capture_on_commit_callbacks(execute=True):
        run_the_beat()
    assert [m.to for m in mail.outbox] == [["sl@example.org"]]
    assert concern.reference in mail.outbox[0].subject

    # And once only, however often the sweepers run again.
    with django_capture_on_commit_callbacks(execute=True):
        run_the_beat()
        tasks.route_concern(concern.pk)
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_with_the_queue_down_the_web_process_sends_the_alert_at_once(client, service):
    # Committed for real, so work queued "on commit" is tried when the request commits.
    down = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with mock.patch("celery.app.task.Task.apply_async", side_effect=down):
        response = client.post(
            reverse("coproduction:concern_raise"),
            {
                "step": "details",
                "service": str(service.pk),
                "at_risk_now": "yes",
                "raiser_role": Concern.RaiserRole.VISITOR,
                "what_happened": "A resident was pushed in the corridor.",
                "possible_safeguarding": "yes",
                "anonymous": "on",
            },
        )
    assert response.status_code == 200
    assert "Your concern is sent" in response.content.decode()
    concern = Concern.objects.get()
    assert concern.routed_at is not None
    [alert] = mail.outbox
    assert alert.to == ["sl@example.org"] and concern.reference in alert.subject
    assert "pushed" not in alert.body
