"""Secret ballots: nothing in the schema links a ballot's content to the person who cast it,
the member can still change it while the round is open, and the counts come out right."""

import hashlib
import hmac
from datetime import timedelta

import pytest
from django.db import models

from coproduction.rounds import selectors, services
from coproduction.rounds.models import (
    Ballot,
    BallotReceipt,
    PriorityRound,
    RoundItem,
    SecretBallot,
    SecretBallotEntry,
)
from coproduction.spaces.models import SpaceRole
from tests.coproduction.factories import open_dot_round, space_with

USER_MODEL = PriorityRound._meta.get_field("created_by").related_model


# The round and the item voted on are public to the space (the item names its proposer, not
# the voter), so the walk does not go through them.
PUBLIC = (PriorityRound, RoundItem)


def _points_at(model, target, seen=None):
    """True when `model` reaches `target` by following foreign keys (columns), other than
    through the round or the item voted on."""
    seen = seen if seen is not None else {model}
    for field in model._meta.concrete_fields:
        related = field.related_model if field.is_relation else None
        if related is None or related in seen:
            continue
        if related is target:
            return True
        if related in PUBLIC:
            continue
        seen.add(related)
        if _points_at(related, target, seen):
            return True
    return False


@pytest.mark.parametrize("model", [SecretBallot, SecretBallotEntry])
def test_a_secret_ballot_has_no_column_pointing_at_a_person(model):
    for field in model._meta.concrete_fields:
        if field.is_relation:
            assert field.related_model is not USER_MODEL, field.name
    assert not _points_at(model, USER_MODEL)


@pytest.mark.parametrize("model", [SecretBallot, SecretBallotEntry, BallotReceipt])
def test_no_time_is_stored(model):
    for field in model._meta.concrete_fields:
        assert not isinstance(field, models.DateTimeField | models.DateField | models.TimeField), (
            field.name
        )


@pytest.mark.parametrize("model", [SecretBallot, SecretBallotEntry, BallotReceipt])
def test_random_primary_keys_so_row_order_says_nothing(model):
    assert isinstance(model._meta.pk, models.UUIDField)


def test_a_receipt_has_no_link_to_a_ballot():
    related = {
        field.related_model for field in BallotReceipt._meta.concrete_fields if field.is_relation
    }
    assert related == {PriorityRound, USER_MODEL}
    assert not _points_at(SecretBallot, BallotReceipt)
    assert not _points_at(SecretBallotEntry, BallotReceipt)


def test_the_only_columns_are_the_round_the_key_and_the_choices():
    assert {field.name for field in SecretBallot._meta.concrete_fields} == {
        "id",
        "round",
        "voter_key",
    }
    assert {field.name for field in SecretBallotEntry._meta.concrete_fields} == {
        "id",
        "ballot",
        "round_item",
        "value",
    }


@pytest.fixture
def secret_round(db):
    return open_dot_round(secret=True, title="Secret round")


def _ids(priority_round):
    return list(priority_round.items.order_by("pk").values_list("pk", flat=True))


def test_the_voter_key_needs_the_secret_key(secret_round, settings):
    voter = space_with(SpaceRole.MEMBER, secret_round.space)
    key = secret_round.voter_key(voter)
    message = f"{secret_round.pk}:{voter.pk}".encode()
    assert key == hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    assert key != hashlib.sha256(message).hexdigest()  # not computable from ids alone
    assert key != PriorityRound(pk=secret_round.pk + 1).voter_key(voter)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789abcdef"
    assert secret_round.voter_key(voter) != key


def test_a_secret_vote_stores_a_receipt_and_no_open_ballot(secret_round):
    voter = space_with(SpaceRole.MEMBER, secret_round.space)
    first, second, _third = _ids(secret_round)
    assert services.ballot_submit(secret_round, voter, {first: 2, second: 1}) is True
    assert not Ballot.objects.exists()
    assert SecretBallot.objects.count() == 1
    assert list(BallotReceipt.objects.values_list("member", flat=True)) == [voter.pk]
    assert selectors.has_voted(secret_round, voter)
    assert selectors.ballot_of(secret_round, voter) == {first: 2, second: 1}


def test_changing_a_secret_ballot_replaces_it(secret_round):
    voter = space_with(SpaceRole.MEMBER, secret_round.space)
    first, second, third = _ids(secret_round)
    services.ballot_submit(secret_round, voter, {first: 3})
    old_id = SecretBallot.objects.get().pk
    assert services.ballot_submit(secret_round, voter, {second: 1, third: 1}) is False
    ballot = SecretBallot.objects.get()
    assert ballot.pk != old_id
    assert SecretBallotEntry.objects.count() == 2
    assert BallotReceipt.objects.count() == 1
    assert selectors.ballot_of(secret_round, voter) == {second: 1, third: 1}


def test_counts_are_right_and_ballots_are_rewritten_without_keys_at_close(secret_round):
    space = secret_round.space
    first, second, third = _ids(secret_round)
    voters = [space_with(SpaceRole.MEMBER, space) for _ in range(3)]
    services.ballot_submit(secret_round, voters[0], {first: 3, second: 2})
    services.ballot_submit(secret_round, voters[1], {first: 1})
    services.ballot_submit(secret_round, voters[1], {first: 3})  # changed
    services.ballot_submit(secret_round, voters[2], {second: 3, third: 2})
    ballot_ids = set(SecretBallot.objects.values_list("pk", flat=True))
    entry_ids = set(SecretBallotEntry.objects.values_list("pk", flat=True))
    receipt_ids = set(BallotReceipt.objects.values_list("pk", flat=True))
    lead = space.members.get(role=SpaceRole.LEAD).user
    services.round_close_and_publish(secret_round, lead, early=True)
    assert not SecretBallot.objects.filter(voter_key__isnull=False).exists()
    assert not set(SecretBallot.objects.values_list("pk", flat=True)) & ballot_ids
    assert not set(SecretBallotEntry.objects.values_list("pk", flat=True)) & entry_ids
    assert not set(BallotReceipt.objects.values_list("pk", flat=True)) & receipt_ids
    assert selectors.ballot_of(secret_round, voters[0]) is None
    assert all(selectors.has_voted(secret_round, voter) for voter in voters)
    results = selectors.round_results(secret_round)
    rows = {row.item.pk: (row.score, row.voters, row.rank) for row in results.rows}
    assert rows == {first: (6, 2, 1), second: (5, 2, 2), third: (2, 1, 3)}
    assert results.turnout.voted == 3
    assert BallotReceipt.objects.count() == 3
    assert SecretBallotEntry.objects.count() == 5


def test_a_supported_vote_keeps_its_note_through_the_rewrite(secret_round):
    space = secret_round.space
    lead = space.members.get(role=SpaceRole.LEAD).user
    member = space_with(SpaceRole.MEMBER, space)
    services.ballot_submit(
        secret_round, member, {_ids(secret_round)[0]: 2}, supporter=lead, consent_note="Asked me."
    )
    services.round_close(secret_round, lead, early=True)
    receipt = BallotReceipt.objects.get(member=member)
    assert (receipt.submitted_with_support_from, receipt.consent_note) == (lead, "Asked me.")


def test_the_sweep_seals_rounds_once_voting_time_is_over(secret_round):
    voter = space_with(SpaceRole.MEMBER, secret_round.space)
    services.ballot_submit(secret_round, voter, {_ids(secret_round)[0]: 1})
    old_id = SecretBallot.objects.get().pk
    assert services.secret_rounds_seal() == 0  # still open: the voter may change it
    assert selectors.ballot_of(secret_round, voter) == {_ids(secret_round)[0]: 1}
    later = secret_round.closes_at + timedelta(minutes=1)
    assert services.secret_rounds_seal(now=later) == 1
    ballot = SecretBallot.objects.get()
    assert ballot.pk != old_id and ballot.voter_key is None
    assert selectors.ballot_of(secret_round, voter) is None
    assert selectors.has_voted(secret_round, voter)
    assert SecretBallotEntry.objects.get().value == 1


def test_open_rounds_and_open_ballot_rounds_are_not_sealed(db):
    open_round = open_dot_round(secret=False, title="Open ballot")
    voter = space_with(SpaceRole.MEMBER, open_round.space)
    services.ballot_submit(open_round, voter, {_ids(open_round)[0]: 1})
    later = open_round.closes_at + timedelta(minutes=1)
    assert services.secret_rounds_seal(now=later) == 0
    assert Ballot.objects.get().voter == voter


def test_sealing_rewrites_once_and_is_harmless_twice(
    secret_round, django_capture_on_commit_callbacks
):
    """Inside the test's transaction no VACUUM can run: on SQLite there is none to run, so the
    round is marked sealed; on PostgreSQL it stays due, to be vacuumed (not rewritten) again by
    the next sweep (the PostgreSQL side is in test_secret_ballot_attacker.py)."""
    from django.db import connection

    voter = space_with(SpaceRole.MEMBER, secret_round.space)
    services.ballot_submit(secret_round, voter, {_ids(secret_round)[1]: 2})
    later = secret_round.closes_at + timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.secret_rounds_seal(now=later) == 1
    secret_round.refresh_from_db()
    rewritten_at = secret_round.secret_ballots_rewritten_at
    ballot_id = SecretBallot.objects.get().pk
    sealed = connection.vendor != "postgresql"
    assert rewritten_at is not None
    assert (secret_round.secret_ballots_sealed_at is not None) is sealed
    with django_capture_on_commit_callbacks(execute=True):
        assert services.secret_rounds_seal(now=later) == (0 if sealed else 1)
    secret_round.refresh_from_db()
    assert secret_round.secret_ballots_rewritten_at == rewritten_at
    assert SecretBallot.objects.get().pk == ballot_id
    assert dict(SecretBallotEntry.objects.values_list("round_item_id", "value")) == {
        _ids(secret_round)[1]: 2
    }


def test_the_voting_page_says_plainly_what_the_database_shows_while_voting_is_open(
    client, secret_round
):
    voter = space_with(SpaceRole.MEMBER, secret_round.space)
    client.force_login(voter)
    page = client.get(secret_round.get_absolute_url()).text
    assert "How secret is your vote?" in page
    assert "could work out how you voted" in page
    assert "nobody can tell which vote was yours" in page
    lead = secret_round.space.members.get(role=SpaceRole.LEAD).user
    services.round_close(secret_round, lead, early=True)
    assert "How secret is your vote?" not in client.get(secret_round.get_absolute_url()).text


def test_an_open_ballot_round_has_no_secret_ballot_note(client, db):
    open_round = open_dot_round(secret=False)
    client.force_login(space_with(SpaceRole.MEMBER, open_round.space))
    assert "How secret is your vote?" not in client.get(open_round.get_absolute_url()).text
