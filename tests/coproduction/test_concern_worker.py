"""Concerns on real parts: with the Celery worker stopped, a concern is still stored and
confirmed; once the worker is back the safeguarding lead's alert goes out exactly once, however
often routing is asked for (the queued task, a redelivery, the sweeper)."""

import re
import time

import pytest
from django.urls import reverse

from cms.organisations.models import Role
from coproduction.concerns.tasks import route_concern, sweep_concerns
from coproduction.models import Concern, ConcernEvent
from tests.cms.factories import OrganisationFactory, ServiceFactory, member

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
    wait_for_succeeded_tasks(celery_worker, 3)
    assert len(celery_worker.emails()) == 1
    concern.refresh_from_db()
    assert concern.route == Concern.Route.SAFEGUARDING and concern.alerts_sent == 1
    assert concern.events.filter(kind=ConcernEvent.Kind.ROUTED).count() == 1
