"""On PostgreSQL, 20 simultaneous submissions of one member's ballot leave exactly one ballot:
the database holds one (round, voter) row, however the submissions interleave."""

import threading

import pytest
from django.db import close_old_connections, connection

from coproduction.rounds import selectors, services
from coproduction.rounds.models import (
    Ballot,
    BallotEntry,
    BallotReceipt,
    SecretBallot,
    SecretBallotEntry,
)
from coproduction.spaces.models import SpaceRole
from tests.coproduction.factories import open_dot_round, space_with

THREADS = 20


def _round(secret):
    return open_dot_round(secret=secret, title="At once")


def _submit_at_once(priority_round, voter):
    """Each thread has its own database connection; all wait at a barrier, then submit a
    different ballot. Returns the errors raised."""
    item_ids = list(priority_round.items.order_by("pk").values_list("pk", flat=True))
    barrier = threading.Barrier(THREADS)
    errors = []

    def submit(number):
        try:
            barrier.wait(timeout=30)
            entries = {item_ids[number % 3]: 1 + number % 3}
            services.ballot_submit(priority_round, voter, entries)
        except Exception as error:  # noqa: BLE001 (reported by the test)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()
    return errors


@pytest.mark.parametrize("secret", [False, True], ids=["open", "secret"])
def test_twenty_simultaneous_submissions_leave_one_ballot(postgres_db, transactional_db, secret):
    priority_round = _round(secret)
    voter = space_with(SpaceRole.MEMBER, priority_round.space)

    errors = _submit_at_once(priority_round, voter)

    assert errors == []
    if secret:
        assert SecretBallot.objects.filter(round=priority_round).count() == 1
        assert BallotReceipt.objects.filter(round=priority_round, member=voter).count() == 1
        assert SecretBallotEntry.objects.filter(ballot__round=priority_round).count() == 1
        assert not Ballot.objects.exists()
    else:
        assert Ballot.objects.filter(round=priority_round, voter=voter).count() == 1
        assert BallotEntry.objects.filter(ballot__round=priority_round).count() == 1
    # The one ballot is one of the submitted ones, whole.
    item_ids = list(priority_round.items.order_by("pk").values_list("pk", flat=True))
    ((item_id, value),) = selectors.ballot_of(priority_round, voter).items()
    assert value == 1 + item_ids.index(item_id)
    assert selectors.round_turnout(priority_round).voted == 1
