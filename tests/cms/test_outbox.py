"""The email outbox: a row per message written in the caller's transaction, sent after the
commit under a Message-ID fixed when it was written, marked sent only once the mail server took
it, retried with growing gaps, claimed with a lease, and given up only after many tries."""

import datetime
import logging
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from cms.outbox import services, tasks
from cms.outbox.models import OutboxMessage
from tests.cms.factories import UserFactory

pytestmark = pytest.mark.django_db

Status = OutboxMessage.Status
TEMPLATE = "organisations/email/invitation"


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"no such person")})


def write(to=("a@example.org",), **fields):
    return services.outbox_write(
        kind="test", to=list(to), subject="Hello", text="A line of text.", **fields
    )


def test_one_row_per_recipient_sent_after_commit_with_its_message_id(
    django_capture_on_commit_callbacks,
):
    person = UserFactory(email="person@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        count = services.email_send(
            "coproduction/concerns/email/concern_outcome",
            {"reference": "C-ABC123", "service_name": "Oak House", "follow_url": "/x"},
            [person, "other@example.org", "", "OTHER@example.org"],
        )
        assert count == 2 and mail.outbox == []  # nothing leaves before the commit
    rows = list(OutboxMessage.objects.order_by("pk"))
    assert [row.to for row in rows] == ["person@example.org", "other@example.org"]
    assert len({row.message_id for row in rows}) == 2
    assert [m.to for m in mail.outbox] == [["person@example.org"], ["other@example.org"]]
    for row, message in zip(rows, mail.outbox, strict=True):
        assert message.message()["Message-ID"] == row.message_id
        assert row.message_id.endswith("@localhost>")
        assert row.status == Status.SENT and row.sent_at and row.attempts == 1
        assert "C-ABC123" in row.subject and row.kind.endswith("concern_outcome")


def test_rows_written_in_a_transaction_that_rolls_back_are_never_sent(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            write()
            raise RuntimeError("the event failed")
    assert not OutboxMessage.objects.exists() and mail.outbox == []


def test_a_refused_send_is_retried_later_with_growing_gaps_and_no_address_in_the_log(
    settings, caplog
):
    settings.EMAIL_BACKEND = "tests.cms.test_outbox.RefusingBackend"
    [row] = write(to=["private@example.org"])
    gaps = []
    for attempt in range(1, 4):
        OutboxMessage.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        before = timezone.now()
        with caplog.at_level(logging.WARNING, logger="cms.outbox"):
            assert services.outbox_send(row.pk) is False
        row.refresh_from_db()
        assert row.status == Status.PENDING and row.attempts == attempt
        assert row.lease_expires_at is None and row.last_error == "SMTPRecipientsRefused"
        gaps.append(row.next_attempt_at - before)
    assert [round(gap.total_seconds() / 60) for gap in gaps] == [1, 2, 4]
    assert "private@example.org" not in caplog.text and "not sent" in caplog.text
    # Not due yet: neither the task nor the sweeper tries it before its time.
    assert services.outbox_send(row.pk) is False
    assert services.outbox_sweep()["sent"] == 0
    assert OutboxMessage.objects.get(pk=row.pk).attempts == 3


def test_it_gives_up_only_after_the_last_attempt_with_an_error_logged(settings, caplog):
    settings.EMAIL_BACKEND = "tests.cms.test_outbox.RefusingBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 4
    [row] = write(to=["private@example.org"])
    for _attempt in range(4):
        OutboxMessage.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        with caplog.at_level(logging.WARNING, logger="cms.outbox"):
            services.outbox_send(row.pk)
    row.refresh_from_db()
    assert row.status == Status.FAILED and row.attempts == 4
    [error] = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert "given up after 4 attempts" in error.getMessage()
    assert "private@example.org" not in caplog.text


def test_a_claimed_row_is_not_sent_again_until_its_lease_runs_out(settings):
    [row] = write()
    lease_until = timezone.now() + datetime.timedelta(minutes=5)
    OutboxMessage.objects.filter(pk=row.pk).update(lease_expires_at=lease_until, attempts=1)
    # Another worker holds it: neither the task nor the sweeper sends it.
    assert tasks.send_outbox_message(row.pk) is False
    assert services.outbox_sweep()["sent"] == 0 and mail.outbox == []
    # That worker died: once the lease is over, the sweeper sends it, under the same Message-ID.
    later = lease_until + datetime.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert services.outbox_sweep()["sent"] == 1
    [message] = mail.outbox
    assert message.message()["Message-ID"] == row.message_id
    row.refresh_from_db()
    assert row.status == Status.SENT and row.attempts == 2 and row.lease_expires_at is None
    # A sent row is never sent again.
    assert tasks.send_outbox_message(row.pk) is False
    assert services.outbox_sweep()["sent"] == 0 and len(mail.outbox) == 1


def test_a_row_that_kills_every_worker_is_given_up(settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    [row] = write()
    OutboxMessage.objects.filter(pk=row.pk).update(attempts=2)
    assert services.outbox_sweep()["given_up"] == 1
    assert OutboxMessage.objects.get(pk=row.pk).status == Status.FAILED and mail.outbox == []


def test_the_sweeper_deletes_old_sent_rows_and_keeps_pending_ones(settings):
    settings.OUTBOX_KEEP_DAYS = 30
    old = timezone.now() - datetime.timedelta(days=31)
    sent, pending = write(to=["a@example.org", "b@example.org"])
    OutboxMessage.objects.filter(pk=sent.pk).update(status=Status.SENT, sent_at=old, created_at=old)
    OutboxMessage.objects.filter(pk=pending.pk).update(created_at=old)
    assert services.outbox_sweep() == {"sent": 1, "given_up": 0, "removed": 1}
    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [pending.pk]


def test_with_the_queue_down_the_rows_are_sent_from_this_process(
    django_capture_on_commit_callbacks, caplog
):
    down = OperationalError("Error 111 connecting. Connection refused.")
    with (
        mock.patch.object(tasks.send_outbox_message, "delay", side_effect=down) as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        write(to=["a@example.org", "b@example.org", "c@example.org"])
    assert delay.call_count == 1  # after the first refusal, the rest go straight out
    assert len(mail.outbox) == 3
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENT}
    assert "task queue unreachable" in caplog.text


def test_beat_sweeps_the_outbox_every_minute(settings):
    [entry] = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "cms.outbox.tasks.sweep_outbox"
    ]
    assert entry["schedule"].minute == set(range(60))


def test_allauths_emails_go_through_the_outbox_too(client, settings):
    """A password reset asked for while the mail server refuses is not lost: the row waits
    and the sweeper sends it, under the Message-ID it was written with."""
    UserFactory(email="forgetful@example.org")
    settings.EMAIL_BACKEND = "tests.cms.test_outbox.RefusingBackend"
    response = client.post("/accounts/password/reset/", {"email": "forgetful@example.org"})
    assert response.status_code == 302
    [row] = OutboxMessage.objects.all()
    assert row.kind == "account/email/password_reset_key"
    assert row.to == "forgetful@example.org" and row.status == Status.PENDING
    assert "/accounts/password/reset/key/" in row.text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.outbox_sweep(now=timezone.now() + datetime.timedelta(hours=1))
    [message] = mail.outbox
    assert message.to == ["forgetful@example.org"]
    assert message.message()["Message-ID"] == row.message_id
    assert "/accounts/password/reset/key/" in message.body
