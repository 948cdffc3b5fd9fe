"""Writes and rules of the pulse part: opening a round, answering it once, closing and sealing it.

The family survey's receipt pattern (coproduction.surveys.services): the receipt (that a person
answered) and the response (what was answered) are separate rows with no link between them,
written in one transaction; a second answer fails on the receipt's unique constraint. While a
round is open, a person with SQL access could still pair the two rows by the database's own
bookkeeping (they share a transaction), and the answer page says so. Closing ends that: in the
closing transaction every response and receipt of the round is written again in a random order
under new random keys, then the tables are vacuumed (`cms.sealing`); a sweep finishes what a
busy database put off. Comments reach the feedback tracker only then, all at once and in a
random order, and only from rounds with enough answers to show."""

import random

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from cms.sealing import rewrite_in_random_order, vacuum_full
from coproduction.pulse.models import PulseReceipt, PulseResponse, PulseRound, StaffGroup
from coproduction.tracker.models import FeedbackItem

from ..tracker.services import feedback_record
from .selectors import MIN_ANSWERS_SHOWN

__all__ = [
    "has_answered",
    "is_open",
    "pulse_respond",
    "pulse_rounds_seal",
    "round_close",
    "round_open",
]

RESPONSE_FIELDS = ("round_id", "staff_group", "safe_to_speak", "acted_on", "dignity_seen")


def is_open(pulse_round, now=None):
    now = now or timezone.now()
    return pulse_round.closed_at is None and pulse_round.opens_at <= now < pulse_round.closes_at


def round_open(service, by, *, title, opens_at, closes_at):
    """Set up a pulse round for the service's staff."""
    if closes_at <= opens_at:
        raise ValidationError({"closes_on": "The closing date must be after the opening date."})
    if closes_at <= timezone.now():
        raise ValidationError({"closes_on": "The closing date must be in the future."})
    return PulseRound.objects.create(
        service=service, title=title, opens_at=opens_at, closes_at=closes_at, created_by=by
    )


def pulse_respond(
    pulse_round, user, *, staff_group, safe_to_speak, acted_on, dignity_seen, anything_else=""
):
    """Record one person's answers: the receipt first, so a second answer by the same person (a
    double click, two tabs at once) fails on its unique constraint and the whole transaction,
    response included, is rolled back. A refusal is a ValidationError whose code says which:
    "not_open" or "already_answered"."""
    if not is_open(pulse_round):
        raise ValidationError("This pulse survey is not open for answers.", code="not_open")
    if staff_group not in StaffGroup.values:
        raise ValidationError({"staff_group": "Choose the group you work in."})
    if not 1 <= int(safe_to_speak) <= 5:
        raise ValidationError({"safe_to_speak": "Choose how much you agree."})
    if not 0 <= int(acted_on) <= 5:
        raise ValidationError({"acted_on": "Choose how much you agree."})
    try:
        with transaction.atomic():
            PulseReceipt.objects.create(round=pulse_round, user=user)
            PulseResponse.objects.create(
                round=pulse_round,
                staff_group=staff_group,
                safe_to_speak=int(safe_to_speak),
                acted_on=int(acted_on),
                dignity_seen=bool(dignity_seen),
                anything_else=anything_else.strip(),
            )
    except IntegrityError as error:
        raise ValidationError(
            "You have already answered this pulse survey. Thank you.", code="already_answered"
        ) from error


def has_answered(pulse_round, user):
    return PulseReceipt.objects.filter(round=pulse_round, user=user).exists()


def _rewrite(pulse_round, now):
    """Write the round's responses and receipts again in a random order under new keys (in the
    caller's transaction)."""
    rewrite_in_random_order(
        PulseResponse.objects.filter(round=pulse_round), (*RESPONSE_FIELDS, "anything_else")
    )
    rewrite_in_random_order(PulseReceipt.objects.filter(round=pulse_round), ("round_id", "user_id"))
    PulseRound.objects.filter(pk=pulse_round.pk).update(rewritten_at=now)
    pulse_round.rewritten_at = now


def _comments_to_tracker(pulse_round, now):
    """Each non-empty comment as anonymous staff feedback, in a random order, when the round
    has enough answers to show (fewer, and its comments are never shown to anyone)."""
    rows = list(
        PulseResponse.objects.filter(round=pulse_round).values_list("anything_else", flat=True)
    )
    if len(rows) < MIN_ANSWERS_SHOWN:
        return []
    texts = [text.strip() for text in rows if text.strip()]
    random.SystemRandom().shuffle(texts)
    received_on = timezone.localdate(now)
    return [
        feedback_record(
            channel=FeedbackItem.Channel.SURVEY,
            giver_role=FeedbackItem.GiverRole.STAFF,
            service=pulse_round.service,
            text=f"Staff pulse survey: {text}",
            received_on=received_on,
            recorded_by=None,
        )
        for text in texts
    ]


def round_close(pulse_round, now=None):
    """Close the round (once: the run that claims `closed_at` does the rest): rewrite its rows
    in a random order, send its comments to the tracker, and have the worker vacuum the tables
    once this commits. Returns the feedback items made."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = PulseRound.objects.filter(pk=pulse_round.pk, closed_at__isnull=True).update(
            closed_at=now
        )
        if not claimed:
            return []
        pulse_round.closed_at = now
        _rewrite(pulse_round, now)
        items = _comments_to_tracker(pulse_round, now)
        from .tasks import seal_pulse_round

        seal_pulse_round.delay_on_commit(pulse_round.pk)
    return items


def _due_for_sealing(now):
    return PulseRound.objects.filter(sealed_at__isnull=True).filter(
        Q(closed_at__isnull=False) | Q(closes_at__lte=now)
    )


def pulse_rounds_seal(round_id=None, now=None):
    """Close every round past its closing time, and seal every closed round not yet sealed (or
    only round `round_id`): vacuum the tables, outside any transaction, so no old row version is
    left, then mark them sealed. Safe to run twice or at once. Returns how many were due."""
    now = now or timezone.now()
    for pulse_round in PulseRound.objects.filter(closed_at__isnull=True, closes_at__lte=now):
        round_close(pulse_round, now=min(now, pulse_round.closes_at))
    due = _due_for_sealing(now).filter(closed_at__isnull=False)
    if round_id is not None:
        due = due.filter(pk=round_id)
    due_ids = list(due.values_list("pk", flat=True))
    if not due_ids:
        return 0

    def vacuum_then_mark():
        if vacuum_full((PulseResponse, PulseReceipt), "staff pulse"):
            PulseRound.objects.filter(
                pk__in=due_ids, rewritten_at__isnull=False, sealed_at__isnull=True
            ).update(sealed_at=now)

    # VACUUM cannot run in a transaction: called inside one, it waits for the commit.
    transaction.on_commit(vacuum_then_mark)
    return len(due_ids)
