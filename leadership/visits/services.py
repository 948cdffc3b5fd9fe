"""What changes visits: recording one (with its follow-ups) and marking a follow-up done. The
rules that must hold whoever calls are here; the form says the same at the field first."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Capacity, ServiceVisit, SpokeWith, VisitFollowUp

# A visit written up on a phone a minute after the time it was said to start is not "in the
# future": allow the clocks of the person's device and the server to differ a little.
CLOCK_SLACK_SECONDS = 300


def _checked(now, *, capacity, started_at, seen_and_heard, spoke_with, announced):
    """The visit's fields as stored, or ValidationError with what is wrong with each."""
    errors = {}
    if (started_at - now).total_seconds() > CLOCK_SLACK_SECONDS:
        errors["started_at"] = "A visit cannot be recorded before it has happened."
    roles = [role for role in SpokeWith.values if role in set(spoke_with)]
    if not roles or len(roles) != len(set(spoke_with)):
        errors["spoke_with"] = "Choose at least one group you spoke with."
    if capacity not in Capacity.values:
        errors["capacity"] = "Choose the capacity you visited in."
    if not (seen_and_heard or "").strip():
        errors["seen_and_heard"] = "Say what you saw and heard."
    if announced not in (True, False):
        errors["announced"] = "Say whether the service knew you were coming."
    if errors:
        raise ValidationError(errors)
    return {
        "capacity": capacity,
        "started_at": started_at,
        "seen_and_heard": seen_and_heard,
        "spoke_with": roles,
        "announced": announced,
    }


def visit_record(service, visitor, *, follow_ups=(), now=None, **fields):
    """Record `visitor`'s visit to `service` (capacity, started_at, seen_and_heard, spoke_with,
    announced) and its follow-ups ({"action", "owner", "due_on"} each). Refuses a visit in the
    future, or one where nobody was spoken with."""
    checked = _checked(now or timezone.now(), **fields)
    with transaction.atomic():
        visit = ServiceVisit.objects.create(service=service, visitor=visitor, **checked)
        VisitFollowUp.objects.bulk_create(
            VisitFollowUp(visit=visit, **follow_up) for follow_up in follow_ups
        )
    return visit


def _own(visit, by):
    # A visit note is its visitor's own account: nobody else rewrites or removes it.
    if visit.visitor_id != by.pk:
        raise PermissionDenied("Only the leader who made a visit can change or delete it.")


def visit_change(visit, by, *, now=None, **fields):
    """Correct `visit` as its visitor `by` now tells it, under the same rules as recording it.
    Its follow-ups stay as they are."""
    _own(visit, by)
    now = now or timezone.now()
    checked = _checked(now, **fields)
    ServiceVisit.objects.filter(pk=visit.pk).update(**checked, changed_at=now)
    visit.refresh_from_db()
    return visit


def visit_delete(visit, by):
    """Remove `visit` and its follow-ups: its visitor `by` recorded it by mistake. The figures
    drawn from it change at the next snapshot run."""
    _own(visit, by)
    visit.delete()


def follow_up_done(follow_up, user, now=None):
    """Mark `follow_up` done by `user`; returns False when it already was (a second click, two
    tabs), leaving the first record as it is."""
    updated = VisitFollowUp.objects.filter(pk=follow_up.pk, done_at__isnull=True).update(
        done_at=now or timezone.now(), done_by=user
    )
    follow_up.refresh_from_db()
    return bool(updated)
