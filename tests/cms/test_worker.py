"""Celery on real parts: a worker process on Redis sends the invitation email, once."""

import re
import time

import pytest
from django.db import transaction

from cms.organisations.models import Invitation, Role
from cms.organisations.services import invitation_create
from cms.organisations.tasks import send_invitation_email
from tests.cms.factories import OrganisationFactory, member

pytestmark = pytest.mark.worker


def wait_for_succeeded_tasks(worker, count, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(re.findall(r"Task \S+\[[^\]]+\] succeeded", worker.log())) >= count:
            return
        time.sleep(0.2)
    raise AssertionError(f"the worker did not finish {count} tasks:\n{worker.log()}")


def test_invitation_email_goes_out_through_the_worker_exactly_once(celery_worker):
    organisation = OrganisationFactory(name="Queue Care")
    admin = member(Role.ORGANISATION_ADMIN, organisation=organisation)

    with transaction.atomic():
        invitation = invitation_create(
            invited_by=admin, organisation=organisation, email="new@example.org", role=Role.STAFF
        )
        # Enqueued on commit: nothing reaches the worker while the row is uncommitted.
        time.sleep(1)
        assert celery_worker.emails() == []

    [message] = celery_worker.wait_for_emails(1)
    assert message["To"] == "new@example.org"
    assert invitation.get_absolute_url() in message.get_content()

    # The task may be delivered again (a retry, a redelivery): still one email.
    send_invitation_email.delay(invitation.pk)
    send_invitation_email.delay(invitation.pk)
    wait_for_succeeded_tasks(celery_worker, 4)  # the first task, its email's send, these two
    assert len(celery_worker.emails()) == 1
    assert Invitation.objects.get(pk=invitation.pk).email_sent_at is not None


def test_a_task_enqueued_while_the_worker_is_down_runs_when_it_comes_back(celery_worker):
    organisation = OrganisationFactory(name="Queue Care")
    admin = member(Role.ORGANISATION_ADMIN, organisation=organisation)
    celery_worker.stop()

    invitation_create(
        invited_by=admin, organisation=organisation, email="later@example.org", role=Role.STAFF
    )
    time.sleep(1)
    assert celery_worker.emails() == []

    celery_worker.start()
    [message] = celery_worker.wait_for_emails(1)
    assert message["To"] == "later@example.org"
