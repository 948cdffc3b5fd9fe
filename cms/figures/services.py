"""Recording which months of which services' figures their data has touched.

The nightly snapshot run recomputes a service's current periods plus the months marked here,
not its whole history. So every write to data an indicator reads must leave a mark in the same
transaction as the write: a mark is lost only if the write is.

- Most data is written through the ORM one row at a time: the plugin says once, in its own
  `figures.py`, how to find a row's service(s) and date(s) (`register_source`), and the marks
  follow from the model's signals. An edit that moves a row from one month (or service) to
  another touches both: the row as it was is read before it is saved.
- Writes that send no signals (`bulk_create`, `QuerySet.update`, COPY) call `touched`
  themselves with what they wrote.

A month is the first day of a calendar month, local time. `EVERY_MONTH` marks all of a
service's months (who works there changed, say, which every period's figures read).
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet
from django.db.models.signals import post_save, pre_delete, pre_save
from django.utils import timezone

from cms.periods import add_months, month_start

from .models import EVERY_MONTH, FiguresTouched

__all__ = [
    "EVERY_MONTH",
    "marks_consume",
    "marks_read",
    "months_between",
    "register_source",
    "touched",
]


def _month(moment):
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    return month_start(moment)


def _many(things):
    """`things` as a list: one thing, None (nothing) or an iterable of them."""
    if things is None:
        return []
    if isinstance(things, (str, bytes, date)) or not isinstance(things, Iterable):
        return [things]
    return list(things)


def _service_ids(services):
    if isinstance(services, QuerySet) and services.model is not None and not services._fields:
        return set(services.values_list("pk", flat=True))
    return {getattr(service, "pk", service) for service in _many(services) if service is not None}


def months_between(start, end=None):
    """Every month from `start`'s to `end`'s, both included (today's when `end` is None): for a
    row that counts in each month it spans (an enrolment open from one date to another)."""
    if start is None:
        return []
    first = _month(start)
    last = _month(end if end is not None else timezone.localdate())
    months = []
    while first <= last:
        months.append(first)
        first = add_months(first, 1)
    return months


def _months_to_mark(moments):
    """The months of `moments` that have ended (and EVERY_MONTH). The month under way, and any
    later one, is left out: it has no snapshot until it ends, and then it is "the month just
    ended", which the nightly run recomputes whether marked or not. So the everyday writes
    (a choice made, a concern raised now) write no mark, and writers at one service do not
    queue behind one another's mark of the current month."""
    current = month_start(timezone.localdate())
    months = set()
    for moment in _many(moments):
        if moment is None:
            continue
        month = EVERY_MONTH if moment == EVERY_MONTH else _month(moment)
        if month < current:
            months.add(month)
    return months


def touched(services, moments):
    """Mark the months of `moments` (dates or datetimes, one or many; EVERY_MONTH for all) as
    touched for `services` (Services or their ids, one or many, or a queryset); months not yet
    ended are left out (`_months_to_mark`). A month marked already is marked again with a
    later time, so a run that read the earlier mark keeps this one (`marks_consume`). Returns
    how many marks were written."""
    months = _months_to_mark(moments)
    if not months:
        return 0
    ids = _service_ids(services)
    if not ids:
        return 0
    now = timezone.now()
    marks = [
        FiguresTouched(service_id=service_id, month=month, touched_at=now)
        for service_id in sorted(ids)
        for month in sorted(months)
    ]
    FiguresTouched.objects.bulk_create(
        marks,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["service", "month"],
        update_fields=["touched_at"],
    )
    return len(marks)


def register_source(model, *, services, when, uid=None, deletes=True, fields=None):
    """Mark figures whenever a row of `model` is saved or deleted: `services(row)` gives the
    service(s) whose figures read it (Services, ids or a queryset), `when(row)` the moment(s)
    it counts at (dates, datetimes, `months_between(...)`, EVERY_MONTH). An edit marks the row
    as it was before (read from the database) and as it is after, so a move between months or
    services touches both. Several plugins may register the same model under their own `uid`
    (default: the `services` function's name). `deletes=False` leaves deletions out, for rows
    only ever deleted with a parent that marks them itself: a delete signal would make Django
    load and mark every row of a cascade one by one (an import's thousands of rows). With
    `fields` (the names the figures read), an edit that changes none of them marks nothing (a
    welcome email's time saved on a membership)."""
    uid = f"figures:{model._meta.label}:{uid or f'{services.__module__}.{services.__qualname__}'}"
    fields = None if fields is None else frozenset(fields)
    # update_fields names a foreign key by its name ("space"), `fields` may give its column
    # ("space_id"): compare names.
    names = None if fields is None else {model._meta.get_field(f).name for f in fields}

    def mark(row):
        try:
            months = _months_to_mark(when(row))
            if months:  # the services are looked up only when there is a month to mark
                touched(services(row), months)
        except ObjectDoesNotExist:
            # The row's service went with it (a cascade from above): nothing left to recompute.
            pass

    unchanged = f"_{uid}:unchanged"

    def before_save(sender, instance, raw=False, update_fields=None, **kwargs):
        instance.__dict__.pop(unchanged, None)
        if raw or instance.pk is None or instance._state.adding:
            return
        if names is not None and update_fields is not None and not set(update_fields) & names:
            instance.__dict__[unchanged] = True
            return
        earlier = sender._base_manager.filter(pk=instance.pk).first()
        if earlier is None:
            return
        if fields is not None and all(
            getattr(earlier, name) == getattr(instance, name) for name in fields
        ):
            instance.__dict__[unchanged] = True
            return
        mark(earlier)

    def after_save(sender, instance, raw=False, **kwargs):
        if not instance.__dict__.pop(unchanged, False):
            mark(instance)

    def before_delete(sender, instance, **kwargs):
        mark(instance)

    pre_save.connect(before_save, sender=model, weak=False, dispatch_uid=f"{uid}:pre_save")
    post_save.connect(after_save, sender=model, weak=False, dispatch_uid=f"{uid}:post_save")
    if deletes:
        pre_delete.connect(
            before_delete, sender=model, weak=False, dispatch_uid=f"{uid}:pre_delete"
        )


# --- For the snapshot run --------------------------------------------------------------------


def marks_read(service_ids=None):
    """The marks as they stand, as (id, service id, month, touched_at), for a run to compute
    and then consume; only those of `service_ids` when given."""
    marks = FiguresTouched.objects.order_by()
    if service_ids is not None:
        marks = marks.filter(service_id__in=list(service_ids))
    return list(marks.values_list("pk", "service_id", "month", "touched_at"))


def marks_consume(marks):
    """Delete the marks a run read (`marks_read`) and computed, each only if it was not touched
    again since it was read: data written during the run, or in a transaction the run could not
    see yet, keeps its mark for the next run. Returns how many were deleted."""
    deleted = 0
    marks = list(marks)
    for first in range(0, len(marks), 200):
        condition = Q()
        for pk, _service_id, _month_of, touched_at in marks[first : first + 200]:
            condition |= Q(pk=pk, touched_at=touched_at)
        deleted += FiguresTouched.objects.filter(condition).delete()[0]
    return deleted
