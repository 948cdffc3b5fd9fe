"""Writes about priority rounds: open a round, submit or change a ballot, close it and publish
its results. Each refuses with a message a person can act on (`RoundRefused`)."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from ..models import (
    AgendaItem,
    Ballot,
    BallotEntry,
    BallotReceipt,
    PriorityRound,
    RoundItem,
    SecretBallot,
    SecretBallotEntry,
    SpaceRole,
)
from . import selectors

Method = PriorityRound.Method
ATTEMPTS = 5


class RoundRefused(Exception):
    """A refusal with a plain message; `field` names the form field it is about, if any."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def _is_lead(space, user):
    return user.is_authenticated and space.members.filter(user=user, role=SpaceRole.LEAD).exists()


def _require_lead(space, user):
    if not _is_lead(space, user):
        raise RoundRefused("Only a lived-experience lead of this space can do this.")


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
    title = (title or "").strip()
    if not title:
        raise RoundRefused("Give the round a name.", "title")
    if method not in Method.values:
        raise RoundRefused("Choose how people vote.", "method")
    if method == Method.DOT:
        if dots_per_voter is None or dots_per_voter < 1:
            raise RoundRefused("Give each person at least 1 dot.", "dots_per_voter")
        if max_dots_per_item is None or max_dots_per_item < 1:
            raise RoundRefused("Allow at least 1 dot on an item.", "max_dots_per_item")
        if max_dots_per_item > dots_per_voter:
            raise RoundRefused(
                "The most dots on one item cannot be more than the dots each person has.",
                "max_dots_per_item",
            )
    if opens_at is None:
        raise RoundRefused("Say when voting opens.", "opens_at")
    if closes_at is None:
        raise RoundRefused("Say when voting closes.", "closes_at")
    if closes_at <= opens_at:
        raise RoundRefused("Voting must close after it opens.", "closes_at")
    if closes_at <= now:
        raise RoundRefused("Voting must close in the future.", "closes_at")
    items = list({item.pk: item for item in agenda_items}.values())
    for item in items:
        if item.space_id != space.pk or item.status != AgendaItem.Status.SHORTLISTED:
            raise RoundRefused(
                f"“{item.title}” is not shortlisted in this space, so it cannot be voted on.",
                "agenda_items",
            )
    if len(items) < 2:
        raise RoundRefused("Choose at least 2 shortlisted items to vote on.", "agenda_items")
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
        raise RoundRefused("The ballot names an item that is not in this round.")
    chosen = {}
    for item_id, value in entries.items():
        field = f"item_{item_id}"
        if value in (None, ""):
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise RoundRefused("Enter a whole number.", field)
        if value < 0:
            raise RoundRefused("Enter 0 or more.", field)
        if value:
            chosen[item_id] = value
    method = priority_round.method
    if method == Method.DOT:
        for item_id, value in chosen.items():
            if value > priority_round.max_dots_per_item:
                raise RoundRefused(
                    f"You can put at most {priority_round.max_dots_per_item} dots on one item.",
                    f"item_{item_id}",
                )
        used = sum(chosen.values())
        if used > priority_round.dots_per_voter:
            raise RoundRefused(
                f"You used {used} dots but have {priority_round.dots_per_voter}. "
                f"Take {used - priority_round.dots_per_voter} off."
            )
        if not chosen:
            raise RoundRefused("Put at least 1 dot on an item.")
    elif method == Method.APPROVAL:
        for item_id, value in chosen.items():
            if value != 1:
                raise RoundRefused("An item is either approved or not.", f"item_{item_id}")
        if not chosen:
            raise RoundRefused("Tick at least 1 item you approve of.")
    else:
        count = len(item_ids)
        seen = {}
        for item_id, value in sorted(chosen.items()):
            if value > count:
                raise RoundRefused(f"Ranks go from 1 to {count}.", f"item_{item_id}")
            if value in seen:
                raise RoundRefused(
                    f"You gave rank {value} to two items. Give each item its own rank.",
                    f"item_{item_id}",
                )
            seen[value] = item_id
        if not chosen:
            raise RoundRefused("Give rank 1 to the item that matters most to you.")
        missing = [rank for rank in range(1, len(chosen) + 1) if rank not in seen]
        if missing:
            raise RoundRefused(
                f"Use ranks 1 to {len(chosen)} without gaps: rank {missing[0]} is missing."
            )
    return chosen


def ballot_submit(priority_round, user, entries, now=None, *, supporter=None, consent_note=""):
    """Store or replace the voter's ballot. Returns True when it was their first ballot in
    this round. One ballot per voter, however many submissions arrive at once: the database
    holds one (round, voter) row (or, in a secret round, one (round, voter key) row).

    Assisted participation: `supporter` (a lead or staff ally of the space) submits it for
    `user`, who asked them to; `consent_note` records how."""
    if not selectors.is_eligible_voter(priority_round.space, user):
        raise RoundRefused("Only lived-experience members of this space can vote in its rounds.")
    support = {"submitted_with_support_from": None, "consent_note": ""}
    if supporter is not None and supporter.pk != user.pk:
        if not selectors.may_support_voters(priority_round.space, supporter):
            raise RoundRefused("Only a lead or staff ally of this space can vote for a member.")
        consent_note = (consent_note or "").strip()
        if not consent_note:
            raise RoundRefused("Say how the member asked you to vote for them.", "consent_note")
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
                        raise RoundRefused(
                            "Voting has not opened yet. It opens on "
                            f"{timezone.localtime(current.opens_at):%-d %B %Y at %H:%M}."
                        )
                    raise RoundRefused("Voting has closed, so your ballot was not saved.")
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
    In a secret round every voter key is erased, so no ballot can be found again from a
    person."""
    _require_lead(priority_round.space, user)
    now = now or timezone.now()
    with transaction.atomic():
        current = PriorityRound.objects.select_for_update().get(pk=priority_round.pk)
        if current.closed_at is None:
            if now < current.closes_at and not early:
                raise RoundRefused("Voting is still open. Confirm that you want to close it early.")
            current.closed_at = now
            current.save(update_fields=["closed_at"])
        SecretBallot.objects.filter(round=current).update(voter_key=None)
    priority_round.closed_at = current.closed_at
    return priority_round


def results_publish(priority_round, user, now=None):
    """Publish the results of a closed round to the space; members are emailed once."""
    _require_lead(priority_round.space, user)
    now = now or timezone.now()
    with transaction.atomic():
        current = PriorityRound.objects.select_for_update().get(pk=priority_round.pk)
        if current.closed_at is None and now < current.closes_at:
            raise RoundRefused("Close the round before publishing its results.")
        if current.results_published_at is None:
            if current.closed_at is None:
                current.closed_at = now
            SecretBallot.objects.filter(round=current).update(voter_key=None)
            current.results_published_at = now
            current.save(update_fields=["closed_at", "results_published_at"])
            from .tasks import send_round_results_emails

            send_round_results_emails.delay_on_commit(current.pk)
    priority_round.closed_at = current.closed_at
    priority_round.results_published_at = current.results_published_at
    return priority_round


def secret_voter_keys_erase(now=None):
    """Erase the voter keys of every secret round whose voting time is over, whether or not the
    lead has closed it. Returns how many ballots were unlinked."""
    now = now or timezone.now()
    return (
        SecretBallot.objects.filter(voter_key__isnull=False)
        .filter(Q(round__closes_at__lte=now) | Q(round__closed_at__isnull=False))
        .update(voter_key=None)
    )


def round_close_and_publish(priority_round, user, *, early=False, now=None):
    with transaction.atomic():
        round_close(priority_round, user, early=early, now=now)
        return results_publish(priority_round, user, now=now)
