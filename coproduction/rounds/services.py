"""Writes about priority rounds: open a round, submit or change a ballot, close it and publish
its results, seal a closed secret round. Each refuses with a message a person can act on
(a ValidationError, keyed by the form field it is about when there is one)."""

import logging
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from cms.sanitise import sanitise_plain
from cms.sealing import vacuum_full
from coproduction.rounds.models import (
    Ballot,
    BallotEntry,
    BallotReceipt,
    PriorityRound,
    RoundItem,
    SecretBallot,
    SecretBallotEntry,
)
from coproduction.spaces.models import AgendaItem, SpaceRole

from . import selectors

Method = PriorityRound.Method
ATTEMPTS = 5
BATCH = 500

logger = logging.getLogger(__name__)


def _is_lead(space, user):
    return user.is_authenticated and space.members.filter(user=user, role=SpaceRole.LEAD).exists()


def _require_lead(space, user):
    if not _is_lead(space, user):
        raise ValidationError("Only a lived-experience lead of this space can do this.")


# --- Opening a round ------------------------------------------------------------------------


def round_open(
    space,
    user,
    *,
    title,
    method,
    opens_at,
    closes_at,
    agenda_items,
    secret=False,
    dots_per_voter=5,
    max_dots_per_item=3,
    now=None,
):
    """Create a round over shortlisted items of `space`; members are emailed that it opens."""
    _require_lead(space, user)
    now = now or timezone.now()
    # One line of plain text: it is shown on pages and is the subject of members' emails.
    title = " ".join(sanitise_plain(title).split())
    if not title:
        raise ValidationError({"title": "Give the round a name."})
    if method not in Method.values:
        raise ValidationError({"method": "Choose how people vote."})
    if method == Method.DOT:
        if dots_per_voter is None or dots_per_voter < 1:
            raise ValidationError({"dots_per_voter": "Give each person at least 1 dot."})
        if max_dots_per_item is None or max_dots_per_item < 1:
            raise ValidationError({"max_dots_per_item": "Allow at least 1 dot on an item."})
        if max_dots_per_item > dots_per_voter:
            raise ValidationError(
                {
                    "max_dots_per_item": "The most dots on one item cannot be more than the dots "
                    "each person has."
                }
            )
    if opens_at is None:
        raise ValidationError({"opens_at": "Say when voting opens."})
    if closes_at is None:
        raise ValidationError({"closes_at": "Say when voting closes."})
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": "Voting must close after it opens."})
    if closes_at <= now:
        raise ValidationError({"closes_at": "Voting must close in the future."})
    items = list({item.pk: item for item in agenda_items}.values())
    for item in items:
        if item.space_id != space.pk or item.status != AgendaItem.Status.SHORTLISTED:
            raise ValidationError(
                {
                    "agenda_items": f"“{item.title}” is not shortlisted in this space, so it "
                    "cannot be voted on."
                }
            )
    if len(items) < 2:
        raise ValidationError({"agenda_items": "Choose at least 2 shortlisted items to vote on."})
    with transaction.atomic():
        priority_round = PriorityRound.objects.create(
            space=space,
            title=title,
            method=method,
            dots_per_voter=dots_per_voter if method == Method.DOT else 0,
            max_dots_per_item=max_dots_per_item if method == Method.DOT else 0,
            opens_at=opens_at,
            closes_at=closes_at,
            secret=secret,
            created_by=user,
        )
        RoundItem.objects.bulk_create(
            RoundItem(round=priority_round, agenda_item=item) for item in items
        )
        from .tasks import send_round_opened_emails

        send_round_opened_emails.delay_on_commit(priority_round.pk)
    return priority_round


# --- Ballots --------------------------------------------------------------------------------


def ballot_validate(priority_round, entries):
    """Check `entries` ({round item id: whole number or None}) against the round's method and
    return the choices to store, without the zeros and blanks. Refuses with a message tied to
    the item's field (`item_<id>`) or to the whole ballot (field None)."""
    item_ids = set(priority_round.items.values_list("pk", flat=True))
    unknown = set(entries) - item_ids
    if unknown:
        raise ValidationError("The ballot names an item that is not in this round.")
    chosen = {}
    for item_id, value in entries.items():
        field = f"item_{item_id}"
        if value in (None, ""):
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError({field: "Enter a whole number."})
        if value < 0:
            raise ValidationError({field: "Enter 0 or more."})
        if value:
            chosen[item_id] = value
    method = priority_round.method
    if method == Method.DOT:
        for item_id, value in chosen.items():
            if value > priority_round.max_dots_per_item:
                raise _too_many_on_one(priority_round, item_id)
        used = sum(chosen.values())
        if used > priority_round.dots_per_voter:
            raise ValidationError(
                f"You used {used} dots but have {priority_round.dots_per_voter}. "
                f"Take {used - priority_round.dots_per_voter} off."
            )
        if not chosen:
            raise ValidationError("Put at least 1 dot on an item.")
    elif method == Method.APPROVAL:
        for item_id, value in chosen.items():
            if value != 1:
                raise ValidationError({f"item_{item_id}": "An item is either approved or not."})
        if not chosen:
            raise ValidationError("Tick at least 1 item you approve of.")
    else:
        count = len(item_ids)
        seen = {}
        for item_id, value in sorted(chosen.items()):
            if value > count:
                raise ValidationError({f"item_{item_id}": f"Ranks go from 1 to {count}."})
            if value in seen:
                raise ValidationError(
                    {
                        f"item_{item_id}": f"You gave rank {value} to two items. Give each "
                        "item its own rank."
                    }
                )
            seen[value] = item_id
        if not chosen:
            raise ValidationError("Give rank 1 to the item that matters most to you.")
        missing = [rank for rank in range(1, len(chosen) + 1) if rank not in seen]
        if missing:
            raise ValidationError(
                f"Use ranks 1 to {len(chosen)} without gaps: rank {missing[0]} is missing."
            )
    return chosen


def _too_many_on_one(priority_round, item_id):
    return ValidationError(
        {
            f"item_{item_id}": "You can put at most "
            f"{priority_round.max_dots_per_item} dots on one item."
        }
    )


def ballot_dots_check(priority_round, entries, item_id):
    """Dot voting one item at a time (the easy-read ballot): refuse at the item `item_id` as
    soon as the dots given so far (`entries`, as for `ballot_validate`) pass the person's dots,
    saying how many they have left for it. The whole ballot is checked again when it is sent."""
    if priority_round.method != Method.DOT:
        return
    if (entries.get(item_id) or 0) > priority_round.max_dots_per_item:
        raise _too_many_on_one(priority_round, item_id)
    used = sum(value for value in entries.values() if isinstance(value, int) and value > 0)
    if used <= priority_round.dots_per_voter:
        return
    left = max(priority_round.dots_per_voter - (used - (entries.get(item_id) or 0)), 0)
    raise ValidationError(
        {
            f"item_{item_id}": f"You only have {left} dot{'s' if left != 1 else ''} left. "
            f"You have {priority_round.dots_per_voter} dots in all."
        }
    )


def ballot_submit(priority_round, user, entries, now=None, *, supporter=None, consent_note=""):
    """Store or replace the voter's ballot. Returns True when it was their first ballot in
    this round. One ballot per voter, however many submissions arrive at once: the database
    holds one (round, voter) row (or, in a secret round, one (round, voter key) row).

    Assisted participation: `supporter` (a lead or staff ally of the space) submits it for
    `user`, who asked them to; `consent_note` records how."""
    if not selectors.is_eligible_voter(priority_round.space, user):
        raise ValidationError("Only lived-experience members of this space can vote in its rounds.")
    support = {"submitted_with_support_from": None, "consent_note": ""}
    if supporter is not None and supporter.pk != user.pk:
        if not selectors.may_support_voters(priority_round.space, supporter):
            raise ValidationError("Only a lead or staff ally of this space can vote for a member.")
        consent_note = (consent_note or "").strip()
        if not consent_note:
            raise ValidationError(
                {"consent_note": "Say how the member asked you to vote for them."}
            )
        support = {"submitted_with_support_from": supporter, "consent_note": consent_note}
    chosen = ballot_validate(priority_round, entries)
    write = _secret_ballot_write if priority_round.secret else _ballot_write
    for attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                # The round row is locked so closing it and voting in it cannot interleave.
                current = PriorityRound.objects.select_for_update().get(pk=priority_round.pk)
                if not current.is_open(now):
                    if not current.has_started(now):
                        raise ValidationError(
                            "Voting has not opened yet. It opens on "
                            f"{timezone.localtime(current.opens_at):%-d %B %Y at %H:%M}."
                        )
                    raise ValidationError("Voting has closed, so your ballot was not saved.")
                return write(current, user, chosen, support)
        except IntegrityError:
            # Another submission of the same voter stored their ballot first; replace it.
            if attempt == ATTEMPTS - 1:
                raise
    return False  # pragma: no cover


def _ballot_write(priority_round, user, chosen, support):
    ballot, created = Ballot.objects.select_for_update().get_or_create(
        round=priority_round, voter=user, defaults=support
    )
    BallotEntry.objects.filter(ballot=ballot).delete()
    BallotEntry.objects.bulk_create(
        BallotEntry(ballot=ballot, round_item_id=item_id, value=value)
        for item_id, value in chosen.items()
    )
    if not created:
        for name, value in support.items():
            setattr(ballot, name, value)
        ballot.save(update_fields=["updated_at", *support])
    return created


def _secret_ballot_write(priority_round, user, chosen, support):
    key = priority_round.voter_key(user)
    # A changed ballot is replaced, not updated, so it gets a new random id.
    SecretBallot.objects.filter(round=priority_round, voter_key=key).delete()
    ballot = SecretBallot.objects.create(round=priority_round, voter_key=key)
    SecretBallotEntry.objects.bulk_create(
        SecretBallotEntry(ballot=ballot, round_item_id=item_id, value=value)
        for item_id, value in chosen.items()
    )
    _receipt, created = BallotReceipt.objects.update_or_create(
        round=priority_round, member=user, defaults=support
    )
    return created


# --- Closing and publishing -----------------------------------------------------------------


def round_close(priority_round, user, *, early=False, now=None):
    """Close the round. Before its closing time only with `early=True` (the lead confirmed).
    A secret round is sealed as it closes (`_secret_ballots_rewrite`), so no ballot can be
    found again from a person."""
    _require_lead(priority_round.space, user)
    now = now or timezone.now()
    with transaction.atomic():
        current = PriorityRound.objects.select_for_update().get(pk=priority_round.pk)
        if current.closed_at is None:
            if now < current.closes_at and not early:
                raise ValidationError(
                    "Voting is still open. Confirm that you want to close it early."
                )
            current.closed_at = now
            current.save(update_fields=["closed_at"])
            _seal_as_it_closes(current)
    priority_round.closed_at = current.closed_at
    return priority_round


def results_publish(priority_round, user, now=None):
    """Publish the results of a closed round to the space; members are emailed once."""
    _require_lead(priority_round.space, user)
    now = now or timezone.now()
    with transaction.atomic():
        current = PriorityRound.objects.select_for_update().get(pk=priority_round.pk)
        if current.closed_at is None and now < current.closes_at:
            raise ValidationError("Close the round before publishing its results.")
        if current.results_published_at is None:
            if current.closed_at is None:
                current.closed_at = now
                _seal_as_it_closes(current)
            current.results_published_at = now
            current.save(update_fields=["closed_at", "results_published_at"])
            from .tasks import send_round_results_emails

            send_round_results_emails.delay_on_commit(current.pk)
    priority_round.closed_at = current.closed_at
    priority_round.results_published_at = current.results_published_at
    return priority_round


def round_close_and_publish(priority_round, user, *, early=False, now=None):
    with transaction.atomic():
        round_close(priority_round, user, early=early, now=now)
        return results_publish(priority_round, user, now=now)


# --- Sealing a closed secret round ----------------------------------------------------------


def _seal_as_it_closes(current):
    """In the transaction that closes a secret round (its row locked): rewrite its ballots at
    once, and have the worker vacuum the old copies away once this commits."""
    if not current.secret or current.secret_ballots_rewritten_at is not None:
        return
    _secret_ballots_rewrite(current)
    from .tasks import seal_secret_round

    seal_secret_round.delay_on_commit(current.pk)


def _secret_ballots_rewrite(priority_round):
    """Delete every secret ballot, entry and receipt of the round and write them again in a
    random order, under new random keys, without voter keys: each table in one statement, all
    in the caller's transaction. Afterwards their system columns (`xmin`, `cmin`), physical
    order (`ctid`) and keys are the same for every ballot or random, so they say nothing about
    who cast which ballot, nor (for receipts) who voted when. The content is kept whole."""
    shuffle = secrets.SystemRandom().shuffle
    entries = list(
        SecretBallotEntry.objects.filter(ballot__round=priority_round).values_list(
            "ballot_id", "round_item_id", "value"
        )
    )
    old_ids = list(SecretBallot.objects.filter(round=priority_round).values_list("pk", flat=True))
    receipts = list(
        BallotReceipt.objects.filter(round=priority_round).values_list(
            "member_id", "submitted_with_support_from_id", "consent_note"
        )
    )
    SecretBallotEntry.objects.filter(ballot__round=priority_round).delete()
    SecretBallot.objects.filter(round=priority_round).delete()
    BallotReceipt.objects.filter(round=priority_round).delete()

    shuffle(old_ids)
    new_ballot = {old_id: SecretBallot(round=priority_round, voter_key=None) for old_id in old_ids}
    SecretBallot.objects.bulk_create([new_ballot[old_id] for old_id in old_ids], batch_size=BATCH)
    shuffle(entries)
    SecretBallotEntry.objects.bulk_create(
        [
            SecretBallotEntry(ballot=new_ballot[ballot_id], round_item_id=item_id, value=value)
            for ballot_id, item_id, value in entries
        ],
        batch_size=BATCH,
    )
    shuffle(receipts)
    BallotReceipt.objects.bulk_create(
        [
            BallotReceipt(
                round=priority_round,
                member_id=member_id,
                submitted_with_support_from_id=supporter_id,
                consent_note=consent_note,
            )
            for member_id, supporter_id, consent_note in receipts
        ],
        batch_size=BATCH,
    )
    priority_round.secret_ballots_rewritten_at = timezone.now()
    priority_round.save(update_fields=["secret_ballots_rewritten_at"])


def _due_for_sealing(now):
    return PriorityRound.objects.filter(secret=True, secret_ballots_sealed_at__isnull=True).filter(
        Q(closed_at__isnull=False) | Q(results_published_at__isnull=False) | Q(closes_at__lte=now)
    )


def secret_rounds_seal(round_id=None, now=None):
    """Seal every secret round whose voting is over (or only round `round_id`): rewrite its
    ballots (`_secret_ballots_rewrite`) unless that was done as it closed; then, outside any
    transaction, rewrite the tables with VACUUM FULL so no old row version is left (a plain
    VACUUM leaves their bytes in the pages' free space); then mark the round sealed. A round
    whose vacuum could not clear everything (a transaction that began before the rewrite is
    still open) is only vacuumed again by the next run. Safe to run twice or at once. Returns
    how many rounds were due."""
    now = now or timezone.now()
    due = _due_for_sealing(now)
    if round_id is not None:
        due = due.filter(pk=round_id)
    due_ids = list(due.values_list("pk", flat=True))
    if not due_ids:
        return 0
    for pk in due_ids:
        with transaction.atomic():
            current = _due_for_sealing(now).select_for_update().filter(pk=pk).first()
            if current is not None and current.secret_ballots_rewritten_at is None:
                _secret_ballots_rewrite(current)

    def vacuum_then_mark():
        if _secret_ballot_tables_vacuum():
            PriorityRound.objects.filter(
                pk__in=due_ids,
                secret_ballots_rewritten_at__isnull=False,
                secret_ballots_sealed_at__isnull=True,
            ).update(secret_ballots_sealed_at=now)

    # VACUUM cannot run in a transaction: called inside one, it waits for the commit.
    transaction.on_commit(vacuum_then_mark)
    return len(due_ids)


def _secret_ballot_tables_vacuum():
    """VACUUM FULL the secret ballot, entry and receipt tables (cms.sealing.vacuum_full): True
    only when no old row version is left."""
    return vacuum_full((SecretBallot, SecretBallotEntry, BallotReceipt), "secret ballot")
