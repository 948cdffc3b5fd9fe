"""Concerns on real parts: with the Celery worker stopped, a concern is still stored and
confirmed; once the worker is back the safeguarding lead's alert goes out exactly once, however
often routing is asked for (the queued task, a redelivery, the sweeper). A worker killed with
SIGKILL while the mail server holds an alert loses no alert and sends none twice."""

import re
import signal
import time

import pytest
from django.conf import settings
from django.urls import reverse

from cms.organisations.models import Role
from coproduction.concerns.models import Concern, ConcernEvent
from coproduction.concerns.tasks import route_concern, sweep_concerns
from tests.cms.crash import runs_at_least_every_quarter_hour
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.cms.smtp import StallingSMTPServer

pytestmark = pytest.mark.worker


def wait_for_succeeded_tasks(worker, count, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(re.findall(r"Task \S+\[[^\]]+\] succeeded", worker.log())) >= count:
            return
        time.sleep(0.2)
    raise AssertionError(f"the worker did not finish {count} tasks:\n{worker.log()}")


def test_a_concern_raised_while_the_worker_is_down_alerts_once_when_it_is_back(
    celery_worker, client
):
    service = ServiceFactory(name="Queue House", organisation=OrganisationFactory(name="Q Care"))
    member(Role.SAFEGUARDING_LEAD, organisation=service.organisation, email="sl@example.org")
    member(Role.FORUM_HOST, service=service, email="host@example.org")
    celery_worker.stop()

    response = client.post(
        reverse("coproduction:concern_raise"),
        {
            "step": "details",
            "service": str(service.pk),
            "at_risk_now": "no",
            "raiser_role": Concern.RaiserRole.VISITOR,
            "what_happened": "A resident was pushed in the corridor.",
            "possible_safeguarding": "yes",
        },
    )
    assert response.status_code == 200
    assert "Your concern is sent" in response.content.decode()
    concern = Concern.objects.get()
    assert concern.reference in response.content.decode()
    time.sleep(1)
    assert celery_worker.emails() == []
    assert Concern.objects.get().routed_at is None

    celery_worker.start()
    [message] = celery_worker.wait_for_emails(1)
    assert message["To"] == "sl@example.org"
    assert concern.reference in message["Subject"]
    assert "pushed" not in message.get_content()

    # Asked again (a redelivery, the sweeper): still one alert.
    route_concern.delay(concern.pk)
    sweep_concerns.delay()
    wait_for_succeeded_tasks(celery_worker, 4)  # the first task, its email's send, these two
    assert len(celery_worker.emails()) == 1
    concern.refresh_from_db()
    assert concern.route == Concern.Route.SAFEGUARDING and concern.alerts_sent == 1
    assert concern.events.filter(kind=ConcernEvent.Kind.ROUTED).count() == 1


def raise_safeguarding_concern(client, service, what):
    response = client.post(
        reverse("coproduction:concern_raise"),
        {
            "step": "details",
            "service": str(service.pk),
            "at_risk_now": "no",
            "raiser_role": Concern.RaiserRole.VISITOR,
            "what_happened": what,
            "possible_safeguarding": "yes",
            "anonymous": "on",
        },
    )
    assert response.status_code == 200 and "Your concern is sent" in response.content.decode()


def test_a_worker_killed_mid_send_loses_no_alert_and_sends_none_twice(celery_worker, client):
    service = ServiceFactory(name="Kill House", organisation=OrganisationFactory(name="K Care"))
    leads = [
        member(
            Role.SAFEGUARDING_LEAD, organisation=service.organisation, email=f"sl{n}@example.org"
        )
        for n in (1, 2)
    ]
    smtp = StallingSMTPServer(stall_first=True)
    celery_worker.stop()
    celery_worker.env.update(EMAIL_URL=smtp.url, OUTBOX_LEASE_SECONDS="6")
    celery_worker.start()

    for n in range(3):
        raise_safeguarding_concern(client, service, f"Resident {n} was pushed in the corridor.")
    # The mail server hangs on the first alert; the worker is killed while it waits.
    assert smtp.stalled.wait(30), celery_worker.log()
    celery_worker.process.send_signal(signal.SIGKILL)
    celery_worker.process.wait()
    celery_worker.process = None
    assert smtp.stalled_message["Message-ID"] not in smtp.message_ids()

    # A new worker; beat starts the periodic sweepers (every minute or so) until all is sent.
    celery_worker.start()
    from cms.celery import app

    frequent = [
        entry["task"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if runs_at_least_every_quarter_hour(entry["schedule"])
    ]
    expected = {
        (concern.reference, lead.email) for concern in Concern.objects.all() for lead in leads
    }
    deadline = time.monotonic() + 60
    while len(smtp.message_ids()) < len(expected) and time.monotonic() < deadline:
        for name in frequent:
            app.send_task(name)
        time.sleep(2)
    time.sleep(2)  # anything sent twice would arrive by now
    smtp.close()

    references = {reference for reference, _to in expected}
    delivered = {
        (next(ref for ref in references if ref in message["Subject"]), message["To"])
        for message in smtp.accepted
    }
    assert delivered == expected, celery_worker.log()
    ids = smtp.message_ids()
    assert len(ids) == len(set(ids)) == len(expected), "an alert was sent twice"
    # The alert the dead worker was sending went out again under the same Message-ID.
    assert smtp.stalled_message["Message-ID"] in ids

    from cms.outbox.models import OutboxMessage

    rows = OutboxMessage.objects.filter(kind__endswith="concern_alert")
    assert sorted(rows.values_list("message_id", flat=True)) == sorted(ids)
    assert all(row.status == OutboxMessage.Status.SENT and row.sent_at for row in rows)
