"""The certificate email is never lost: a worker killed while sending it leaves an email that
the next worker still sends, once."""

import contextlib

import pytest
from django.core import mail

from learning.enrolment import tasks
from learning.enrolment.models import Certificate
from tests.cms.crash import DiesMidSend, kill_the_next_sends, run_the_beat
from tests.learning.test_certificates import completed_enrolment

pytestmark = pytest.mark.django_db


def test_a_worker_killed_mid_send_does_not_lose_the_certificate_email(
    settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_LEASE_SECONDS = 0  # the dead worker's lease has run out by the next sweep
    enrolment = completed_enrolment()
    kill_the_next_sends(settings)

    with contextlib.suppress(SystemExit), django_capture_on_commit_callbacks(execute=True):
        tasks.issue_certificate(enrolment.pk)
    assert DiesMidSend.deaths_left == 0, "the worker did not reach the send"
    assert Certificate.objects.get(enrolment=enrolment).pdf
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        run_the_beat()
    [message] = mail.outbox
    assert message.to == [enrolment.user.email]
    assert Certificate.objects.get(enrolment=enrolment).code in message.body

    with django_capture_on_commit_callbacks(execute=True):
        run_the_beat()
        tasks.issue_certificate(enrolment.pk)
    assert len(mail.outbox) == 1
