"""Writes of the payments part: the organisation's rate, records made from a meeting's
attendance or entered by a space's lead, and finance marking records paid or declined.

Views check permissions (coproduction/payments/rules.py) before calling these; the services
enforce what must hold whoever calls them: only lived-experience leads and members are paid, a
record keeps the rate it was made at, a paid or declined record never changes, and nothing is
recorded before the organisation has a rate.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cms.outbox.services import email_send
from coproduction.meetings.models import Meeting
from coproduction.payments.models import InvolvementRate, InvolvementRecord

from . import selectors

Kind = InvolvementRecord.Kind
Status = InvolvementRecord.Status

NO_RATE_MESSAGE = (
    "{organisation} has not set an hourly rate for involvement yet, so nothing can be "
    "recorded. Ask an organisation admin of {organisation} to set the rate, then try again."
)


def _rate_or_refuse(organisation):
    rate = selectors.current_rate(organisation)
    if rate is None:
        raise ValidationError(NO_RATE_MESSAGE.format(organisation=organisation.name))
    return rate


# --- The rate ---------------------------------------------------------------------------------


def rate_set(organisation, hourly_rate, by):
    """Set the organisation's hourly rate. Records already made keep the rate they were made at."""
    if hourly_rate is None or hourly_rate < 0:
        raise ValidationError("The hourly rate must be £0.00 or more.")
    rate, _created = InvolvementRate.objects.update_or_create(
        organisation=organisation, defaults={"hourly_rate": hourly_rate, "updated_by": by}
    )
    return rate


# --- Records from a meeting -------------------------------------------------------------------


@dataclass
class MeetingRecording:
    """What recording a meeting's involvement did, person by person."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    settled: list = field(default_factory=list)
    removed: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.created or self.updated or self.removed)


def records_from_meeting(meeting, by):
    """Record the time lived-experience leads and members gave at `meeting`, from its
    attendance, at the organisation's current rate. Safe to run again: a due record follows a
    corrected attendance (at the rate it was made at), a paid or declined record is never
    touched, and a due record of someone the attendance no longer shows is removed."""
    space = meeting.space
    organisation = space.organisation
    if meeting.cancelled_at is not None:
        raise ValidationError("This meeting was cancelled, so there is no time to record.")
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            "This meeting has not happened yet. Record involvement after the meeting, once "
            "the attendance is filled in."
        )
    rate = _rate_or_refuse(organisation)
    result = MeetingRecording()
    with transaction.atomic():
        # One recording of a meeting at a time: a second click waits, then finds the records.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        for line in selectors.meeting_involvement_plan(meeting, rate=rate):
            if line.action == selectors.CREATE:
                result.created.append(
                    InvolvementRecord.objects.create(
                        organisation=organisation,
                        space=space,
                        member=line.member,
                        kind=Kind.MEETING,
                        meeting=meeting,
                        description=meeting.title,
                        occurred_on=selectors.meeting_date(meeting),
                        minutes=line.minutes,
                        hourly_rate=line.hourly_rate,
                        amount=line.amount,
                        recorded_by=by,
                    )
                )
            elif line.action == selectors.UPDATE:
                updated = InvolvementRecord.objects.filter(
                    pk=line.record.pk, status=Status.DUE
                ).update(minutes=line.minutes, amount=line.amount, updated_at=timezone.now())
                if updated:
                    line.record.refresh_from_db()
                    result.updated.append(line.record)
                else:  # finance settled it in the meantime
                    result.settled.append(line.record)
            elif line.action == selectors.REMOVE:
                deleted, _ = InvolvementRecord.objects.filter(
                    pk=line.record.pk, status=Status.DUE
                ).delete()
                (result.removed if deleted else result.settled).append(line.record)
            elif line.action == selectors.UNCHANGED:
                result.unchanged.append(line.record)
            else:
                result.settled.append(line.record)
    return result


# --- Records entered by a lead ----------------------------------------------------------------

ENTERED_KINDS = (Kind.CONTENT_REVIEW, Kind.OTHER)


def record_add(space, *, member, kind, description, occurred_on, minutes, by):
    """Record time a lived-experience lead or member of `space` gave on a content review or
    other agreed work, at the organisation's current rate."""
    organisation = space.organisation
    if kind not in ENTERED_KINDS:
        raise ValidationError("Choose a content review or other agreed work.")
    if not selectors.payable_members(space).filter(pk=member.pk).exists():
        raise ValidationError(
            "Only lived-experience leads and members of the space are paid for their time."
        )
    if minutes is None or minutes < 1:
        raise ValidationError("Enter the time given, in minutes (1 or more).")
    if occurred_on > timezone.localdate():
        raise ValidationError("The date cannot be in the future.")
    if not (description or "").strip():
        raise ValidationError("Say what the work was.")
    rate = _rate_or_refuse(organisation)
    return InvolvementRecord.objects.create(
        organisation=organisation,
        space=space,
        member=member,
        kind=kind,
        description=description,
        occurred_on=occurred_on,
        minutes=minutes,
        hourly_rate=rate.hourly_rate,
        amount=selectors.amount_for(rate.hourly_rate, minutes),
        recorded_by=by,
    )


# --- Finance ----------------------------------------------------------------------------------


def records_mark_paid(records, paid_on):
    """Mark the due records among `records` (a queryset) paid on `paid_on`; records already
    paid or declined are left as they are. Returns how many were marked."""
    if paid_on is None:
        raise ValidationError({"paid_on": "Enter the date the payment was made."})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": "The payment date cannot be in the future."})
    from .tasks import send_paid_email

    with transaction.atomic():
        ids = list(
            records.filter(status=Status.DUE).select_for_update().values_list("pk", flat=True)
        )
        marked = InvolvementRecord.objects.filter(pk__in=ids, status=Status.DUE).update(
            status=Status.PAID, paid_on=paid_on, updated_at=timezone.now()
        )
        for record_id in ids:
            send_paid_email.delay_on_commit(record_id)
    return marked


def record_mark_declined(record):
    """Record that the member declined payment for a due record (for example, because of how
    it would affect their benefits)."""
    updated = InvolvementRecord.objects.filter(pk=record.pk, status=Status.DUE).update(
        status=Status.DECLINED, updated_at=timezone.now()
    )
    if not updated:
        raise ValidationError("Only a record that is still due can be marked declined.")
    record.refresh_from_db()
    return record


def paid_email_send(record_id):
    """Tell the member a record was paid, once: a conditional update claims the record, and the
    claim and the email (a row in the host's outbox) are one transaction."""
    with transaction.atomic():
        claimed = InvolvementRecord.objects.filter(
            pk=record_id, status=Status.PAID, paid_email_sent_at__isnull=True
        ).update(paid_email_sent_at=timezone.now())
        if not claimed:
            return False
        record = InvolvementRecord.objects.select_related("member", "organisation").get(
            pk=record_id
        )
        if not record.member.email:
            return False
        context = {
            "record": record,
            "user": record.member,
            "record_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("coproduction:my_involvement"),
        }
        email_send("coproduction/payments/email/paid", context, [record.member])
    return True
