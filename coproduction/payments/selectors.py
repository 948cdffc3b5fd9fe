"""Reads of the payments part: rates, who may be paid, what a meeting's attendance would
record, and the records seen by a space's lead, by finance and by the member themselves."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q, Sum
from django.utils import timezone

from cms.access import organisations_where
from cms.organisations.models import Role
from coproduction.meetings.models import Attendance
from coproduction.payments.models import InvolvementRate, InvolvementRecord
from coproduction.spaces.models import SpaceRole

Status = InvolvementRecord.Status

# Lived-experience leads and members are paid for their time; staff allies and observers are
# staff (or there to watch) and are not.
PAID_SPACE_ROLES = (SpaceRole.LEAD, SpaceRole.MEMBER)

PENNY = Decimal("0.01")


def amount_for(hourly_rate, minutes):
    """What `minutes` are worth at `hourly_rate`, rounded half-up to the penny."""
    return (Decimal(hourly_rate) * Decimal(minutes) / Decimal(60)).quantize(
        PENNY, rounding=ROUND_HALF_UP
    )


def hours_for(minutes):
    """`minutes` as hours with two decimals (90 -> Decimal("1.50")), for finance."""
    return (Decimal(minutes) / Decimal(60)).quantize(PENNY, rounding=ROUND_HALF_UP)


def duration_text(minutes):
    """`minutes` in plain words: "1 hour 30 minutes", "45 minutes", "2 hours"."""
    minutes = minutes or 0
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def with_durations(records):
    """The records, each with `time_given` (its minutes in words) for display."""
    records = list(records)
    for record in records:
        record.time_given = duration_text(record.minutes)
    return records


# --- Rates ------------------------------------------------------------------------------------


def current_rate(organisation):
    """The organisation's InvolvementRate, or None when no admin has set one yet."""
    return (
        InvolvementRate.objects.select_related("updated_by")
        .filter(organisation_id=getattr(organisation, "pk", organisation))
        .first()
    )


def administered_organisations(user):
    """The organisations whose involvement payments `user` runs: those they are an organisation
    admin of (every organisation for a site superuser)."""
    return organisations_where(user, Role.ORGANISATION_ADMIN)


def organisations_with_rates(organisations):
    """The organisations, each with `rate` (its InvolvementRate or None), by name."""
    organisations = list(organisations.order_by("name"))
    rates = {
        rate.organisation_id: rate
        for rate in InvolvementRate.objects.select_related("updated_by").filter(
            organisation__in=organisations
        )
    }
    for organisation in organisations:
        organisation.rate = rates.get(organisation.pk)
    return organisations


# --- Who may be paid --------------------------------------------------------------------------


def payable_members(space):
    """The space's lived-experience leads and members: the people whose time is paid."""
    return (
        get_user_model()
        .objects.filter(
            space_memberships__space=space, space_memberships__role__in=PAID_SPACE_ROLES
        )
        .order_by("first_name", "last_name", "email")
    )


# --- What a meeting's attendance records ------------------------------------------------------

CREATE, UPDATE, UNCHANGED, SETTLED, REMOVE = "create", "update", "unchanged", "settled", "remove"

PLAN_LABELS = {
    CREATE: "Will be recorded",
    UPDATE: "Will be updated to the time in the attendance",
    UNCHANGED: "Already recorded",
    SETTLED: "Already settled: it stays as it is",
    REMOVE: "Will be removed: the attendance no longer shows time given",
}


@dataclass
class PlanLine:
    """One person's part in recording a meeting: their time, its worth, what will happen."""

    member: object
    minutes: int
    hourly_rate: Decimal | None
    amount: Decimal | None
    action: str
    record: InvolvementRecord | None = None

    @property
    def action_label(self):
        return PLAN_LABELS[self.action]

    @property
    def time_given(self):
        return duration_text(self.minutes)


def _line_for(record, action):
    """A PlanLine for an existing record, as it stands."""
    return PlanLine(
        record.member, record.minutes, record.hourly_rate, record.amount, action, record
    )


def meeting_date(meeting):
    return timezone.localdate(meeting.starts_at)


def meeting_involvement_plan(meeting, rate=None):
    """What recording `meeting`'s involvement would do, one PlanLine per person: new records at
    `rate` (the organisation's current InvolvementRate, looked up when not given), due records
    brought in line with the attendance at the rate they were made at, paid or declined records
    left alone, and due records of people who no longer attended removed."""
    if rate is None:
        rate = current_rate(meeting.space.organisation_id)
    hourly_rate = rate.hourly_rate if rate is not None else None
    paid_members = set(payable_members(meeting.space).values_list("pk", flat=True))
    attended = {
        attendance.user_id: attendance
        for attendance in Attendance.objects.filter(
            meeting=meeting, status=Attendance.Status.ATTENDED, minutes_attended__gt=0
        ).select_related("user")
        if attendance.user_id in paid_members
    }
    records = {
        record.member_id: record
        for record in InvolvementRecord.objects.filter(meeting=meeting).select_related("member")
    }
    lines = []
    for user_id, attendance in attended.items():
        record = records.get(user_id)
        minutes = attendance.minutes_attended
        if record is None:
            amount = amount_for(hourly_rate, minutes) if hourly_rate is not None else None
            lines.append(PlanLine(attendance.user, minutes, hourly_rate, amount, CREATE))
        elif record.status != Status.DUE:
            lines.append(_line_for(record, SETTLED))
        elif record.minutes != minutes:
            amount = amount_for(record.hourly_rate, minutes)
            lines.append(
                PlanLine(record.member, minutes, record.hourly_rate, amount, UPDATE, record)
            )
        else:
            lines.append(_line_for(record, UNCHANGED))
    for user_id, record in records.items():
        if user_id not in attended:
            lines.append(_line_for(record, REMOVE if record.status == Status.DUE else SETTLED))
    return sorted(
        lines,
        key=lambda line: (
            line.member.first_name.lower(),
            line.member.last_name.lower(),
            line.member.email,
        ),
    )


def records_of_meeting(meeting):
    return with_durations(
        InvolvementRecord.objects.filter(meeting=meeting)
        .select_related("member")
        .order_by("member__first_name", "member__last_name", "member__email")
    )


# --- Lists of records -------------------------------------------------------------------------


def records_of_space(space):
    """Every record of the space, newest first."""
    return InvolvementRecord.objects.filter(space=space).select_related("member", "meeting")


def records_for_finance(
    organisations, *, organisation=None, status=None, date_from=None, date_to=None
):
    """The records of `organisations` (narrowed to `organisation` when given), filtered by
    status and by the date the time was given, newest first."""
    records = InvolvementRecord.objects.filter(organisation__in=organisations)
    if organisation is not None:
        records = records.filter(organisation=organisation)
    if status:
        records = records.filter(status=status)
    if date_from:
        records = records.filter(occurred_on__gte=date_from)
    if date_to:
        records = records.filter(occurred_on__lte=date_to)
    return records.select_related("member", "organisation", "space")


def due_records_for_finance(organisations):
    """The records finance may still mark paid or declined."""
    return InvolvementRecord.objects.filter(organisation__in=organisations, status=Status.DUE)


def records_of_member(user):
    """The person's own records, newest first."""
    if not user.is_authenticated:
        return InvolvementRecord.objects.none()
    return InvolvementRecord.objects.filter(member=user).select_related(
        "organisation", "space", "meeting"
    )


@dataclass(frozen=True)
class Totals:
    minutes: int
    due: Decimal
    paid: Decimal
    count: int

    @property
    def time_given(self):
        return duration_text(self.minutes)


def totals_of(records):
    """Time given on `records` (declined ones included: the time was given), and the amounts
    still due and already paid."""
    zero = Decimal("0.00")
    sums = records.aggregate(
        minutes=Sum("minutes"),
        due=Sum("amount", filter=Q(status=Status.DUE)),
        paid=Sum("amount", filter=Q(status=Status.PAID)),
    )
    return Totals(
        minutes=sums["minutes"] or 0,
        due=(sums["due"] or zero).quantize(PENNY),
        paid=(sums["paid"] or zero).quantize(PENNY),
        count=records.count(),
    )
