"""Reminders: one a week before the due date and one when overdue, never twice; the beat
schedule names tasks that exist."""

from datetime import UTC, date, datetime, timedelta

import pytest
from celery import current_app

from cms.organisations.models import Role
from learning.enrolment import services, tasks
from learning.enrolment.models import Enrolment, ReminderSent
from learning.enrolment.services import reminder_send
from tests.cms.factories import OrganisationFactory, member
from tests.learning.test_enrolment import make_path

pytestmark = pytest.mark.django_db

# The entries the lead adds to CELERY_BEAT_SCHEDULE in cms/settings/base.py.
BEAT_ENTRIES = {
    "learning-apply-enrolment-rules": "learning.enrolment.tasks.apply_rules",
    "learning-reopen-recertifications": "learning.enrolment.tasks.reopen_recertifications",
    "learning-send-due-reminders": "learning.enrolment.tasks.send_due_reminders",
}


def at(day):
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=9)


@pytest.fixture
def world():
    organisation = OrganisationFactory()
    path = make_path(organisation, title="Legal literacy")
    soon, late, later = (member(Role.STAFF, organisation=organisation) for _ in range(3))
    services.assign_path(path, users=[soon], assigned_by=None, due_on=date(2027, 3, 10))
    services.assign_path(path, users=[late], assigned_by=None, due_on=date(2027, 2, 20))
    services.assign_path(path, users=[later], assigned_by=None, due_on=date(2027, 6, 1))
    return soon, late, later


def test_reminders_go_once_each_however_often_the_task_runs(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    soon, late, later = world
    now = at(date(2027, 3, 5))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders(now=now) == 2
        assert services.send_due_reminders(now=now) == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted([soon.email, late.email])
    [to_soon] = [m for m in mailoutbox if m.to == [soon.email]]
    assert "Reminder" in to_soon.subject and "10 March 2027" in to_soon.subject
    [to_late] = [m for m in mailoutbox if m.to == [late.email]]
    assert to_late.subject.startswith("Overdue")
    # An already-overdue enrolment never gets the week-before email too.
    assert not ReminderSent.objects.filter(enrolment__user=late, kind="week_before").exists()

    # Later, the first becomes overdue: one more email, once.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders(now=at(date(2027, 3, 11))) == 1
        assert services.send_due_reminders(now=at(date(2027, 3, 12))) == 0
    assert len(mailoutbox) == 3 and mailoutbox[-1].to == [soon.email]


def test_the_task_run_twice_sends_one_email_each(
    world, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    Enrolment.objects.update(due_on=date.today() + timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_due_reminders.delay()
        tasks.send_due_reminders.delay()
    assert len(mailoutbox) == 3
    assert len({m.to[0] for m in mailoutbox}) == 3


def test_completed_enrolments_get_no_reminders(world, mailoutbox):
    Enrolment.objects.update(completed_at=at(date(2027, 1, 1)))
    assert services.send_due_reminders(now=at(date(2027, 3, 5))) == 0
    assert mailoutbox == []


def test_a_claimed_reminder_is_not_sent_again(world, mailoutbox):
    soon, *_ = world
    enrolment = Enrolment.objects.get(user=soon)
    ReminderSent.objects.create(enrolment=enrolment, kind=ReminderSent.Kind.WEEK_BEFORE)
    assert reminder_send(enrolment, ReminderSent.Kind.WEEK_BEFORE) is False
    assert mailoutbox == []


def test_a_failed_send_releases_the_claim(world, monkeypatch, mailoutbox):
    soon, *_ = world
    enrolment = Enrolment.objects.get(user=soon)

    def broken(*args, **kwargs):
        raise OSError("SMTP is down")

    monkeypatch.setattr(services, "_send", broken)
    assert services.send_due_reminders(now=at(date(2027, 3, 5))) == 0
    assert not ReminderSent.objects.filter(enrolment=enrolment).exists()
    monkeypatch.undo()
    assert services.send_due_reminders(now=at(date(2027, 3, 5))) == 2


def test_the_beat_schedule_entries_name_tasks_that_exist(settings):
    registered = current_app.tasks
    for name in BEAT_ENTRIES.values():
        assert name in registered, name
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        if entry["task"].startswith("learning."):
            assert entry["task"] in registered
