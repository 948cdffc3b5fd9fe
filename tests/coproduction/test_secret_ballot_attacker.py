"""The attacker of a secret round: a database administrator with SQL access (superuser) tries to
link each closed secret ballot to the member who cast it.

Sixteen members vote through the real voting page (three change their mind, one vote is
submitted by the lead at a member's request); the round closes the way it does in life (the
lead closes it early on the close page, or its closing time passes and the scheduled tasks run,
twice). The attacker then tries every link: system columns (`xmin`, `cmin`), physical row order
(`ctid`), key order and key versions, sequences, timestamps, the ids and voter keys noted while
the round was open, log lines, and the dead row versions left in the table and index pages.
"""

import itertools
import logging
import random
import re
import time
import uuid
from collections import Counter
from datetime import timedelta

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from coproduction.rounds import selectors
from coproduction.rounds.models import BallotReceipt, PriorityRound, SecretBallot, SecretBallotEntry
from coproduction.spaces.models import SpaceRole
from tests.conftest import require_service
from tests.coproduction.factories import open_dot_round, space_with

pytestmark = pytest.mark.postgres

MEMBERS = 16
CHANGED_THEIR_MIND = 3
# An ordering that pairs 10 or more of the 16 members with their own ballot is a link: a random
# pairing does that about once in ten million tries (today's code pairs all 16).
LINKED = 10

TABLES = {
    "ballot": SecretBallot._meta.db_table,
    "entry": SecretBallotEntry._meta.db_table,
    "receipt": BallotReceipt._meta.db_table,
}


def _ballots(max_dots_per_item=3, dots=5):
    """Every distinct dot ballot over three items."""
    values = range(max_dots_per_item + 1)
    return [combo for combo in itertools.product(values, repeat=3) if 1 <= sum(combo) <= dots]


def _fetch(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _position(ctid):
    page, item = ctid.strip("()").split(",")
    return int(page), int(item)


def _vote_through_the_page(client, priority_round, member, combo, *, supporter=None):
    """Open the round page as the voter (or their supporter), read the ballot form's fields
    from it and post them as the browser would."""
    client.force_login(supporter or member)
    url = priority_round.get_absolute_url()
    if supporter is not None:
        url += f"?for={member.pk}"
    page = client.get(url)
    assert page.status_code == 200
    action = reverse("coproduction:ballot_submit", args=[priority_round.pk])
    form = re.search(rf'<form[^>]*action="{re.escape(action)}".*?</form>', page.text, re.S)
    assert form, "the round page shows a ballot form"
    fields = [int(pk) for pk in re.findall(r'name="item_(\d+)"', form.group(0))]
    item_ids = list(priority_round.items.order_by("pk").values_list("pk", flat=True))
    assert fields == item_ids
    data = {f"item_{item_id}": str(value) for item_id, value in zip(item_ids, combo, strict=True)}
    if supporter is not None:
        data |= {"for": str(member.pk), "consent_note": "Asked me at Tuesday's meeting."}
    response = client.post(action, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return {item_id: value for item_id, value in zip(item_ids, combo, strict=True) if value}


def _snapshot(priority_round):
    """What the attacker reads: ballots, entries and receipts of the round with their system
    columns."""
    ballots = _fetch(
        f"SELECT id, xmin::text, cmin::text, ctid::text, voter_key FROM {TABLES['ballot']} "
        "WHERE round_id = %s",
        [priority_round.pk],
    )
    entries = _fetch(
        f"SELECT e.id, e.ballot_id, e.round_item_id, e.value, e.xmin::text, e.cmin::text, "
        f"e.ctid::text FROM {TABLES['entry']} e JOIN {TABLES['ballot']} b ON b.id = e.ballot_id "
        "WHERE b.round_id = %s",
        [priority_round.pk],
    )
    receipts = _fetch(
        f"SELECT id, member_id, xmin::text, cmin::text, ctid::text FROM {TABLES['receipt']} "
        "WHERE round_id = %s",
        [priority_round.pk],
    )
    return ballots, entries, receipts


def _contents(entries):
    contents = {}
    for _id, ballot_id, item_id, value, *_ in entries:
        contents.setdefault(ballot_id, {})[item_id] = value
    return contents


def _links(truth, ballots, entries, receipts):
    """How many members each attack pairs with their own ballot."""
    contents = _contents(entries)
    entries_of = {}
    for entry in entries:
        entries_of.setdefault(entry[1], []).append(entry)
    scores = {}

    # 1. Written in the same transaction: the receipt's xmin is the ballot's (or, when the
    # receipt was written in a savepoint, the subtransaction id handed out just after it).
    xids = {}
    for ballot in ballots:
        xids.setdefault(ballot[0], set()).add(int(ballot[1]))
    for entry in entries:
        xids.setdefault(entry[1], set()).add(int(entry[4]))
    correct = 0
    for _id, member_id, xmin, _cmin, _ctid in receipts:
        before = {
            ballot_id: max(xid for xid in ballot_xids if xid <= int(xmin))
            for ballot_id, ballot_xids in xids.items()
            if min(ballot_xids) <= int(xmin)
        }
        if not before:
            continue
        nearest = max(before.values())
        found = [ballot_id for ballot_id, xid in before.items() if xid == nearest]
        if len(found) == 1 and contents.get(found[0]) == truth[member_id]:
            correct += 1
    scores["written in the receipt's transaction (xmin)"] = correct

    # 2. Orderings: line the ballots up by one property and the receipts by another.
    ballot_orders = {
        "ballot ctid": lambda b: _position(b[3]),
        "ballot xmin": lambda b: (int(b[1]), _position(b[3])),
        "ballot cmin": lambda b: (int(b[1]), int(b[2]), _position(b[3])),
        "ballot id": lambda b: str(b[0]),
        "first entry ctid": lambda b: min(_position(e[6]) for e in entries_of.get(b[0], [])),
        "first entry xmin": lambda b: min(int(e[4]) for e in entries_of.get(b[0], [])),
        "first entry id": lambda b: min(str(e[0]) for e in entries_of.get(b[0], [])),
    }
    receipt_orders = {
        "receipt ctid": lambda r: _position(r[4]),
        "receipt xmin (when they voted)": lambda r: (int(r[2]), _position(r[4])),
        "receipt id": lambda r: str(r[0]),
        "member id": lambda r: r[1],
    }
    for (ballot_name, ballot_key), (receipt_name, receipt_key) in itertools.product(
        ballot_orders.items(), receipt_orders.items()
    ):
        lined_ballots = sorted((b for b in ballots if b[0] in entries_of), key=ballot_key)
        lined_receipts = sorted(receipts, key=receipt_key)
        scores[f"{ballot_name} ~ {receipt_name}"] = sum(
            contents[ballot[0]] == truth[receipt[1]]
            for ballot, receipt in zip(lined_ballots, lined_receipts, strict=False)
        )
    return scores


def _sweep_until_sealed(priority_round, timeout=300):
    """The sweep (every 15 minutes in life) vacuums again until no transaction that began
    before the rewrite is still open anywhere on the server (here: other test runs and
    autovacuum); a transaction holding a transaction id, in any database, keeps old row
    versions alive."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        priority_round.refresh_from_db()
        if priority_round.secret_ballots_sealed_at is not None:
            return
        time.sleep(0.5)
        _run_round_tasks()
    raise AssertionError("the round was never sealed")


def _run_round_tasks():
    tasks = [
        entry["task"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"].startswith("coproduction.rounds.")
    ]
    assert tasks, "a scheduled task looks after closed rounds"
    for name in tasks:
        import_string(name)()


def _close(close_by, client, priority_round, lead, *, runs=2):
    """Close the round as it closes in life, then let the scheduled round tasks run twice (a
    task may run twice), and again until the round is sealed."""
    if close_by == "lead":
        client.force_login(lead)
        url = reverse("coproduction:round_close", args=[priority_round.pk])
        assert client.get(url).status_code == 200
        response = client.post(url, {"confirm": "yes"})
        assert response.status_code == 302
    else:
        now = timezone.now()
        PriorityRound.objects.filter(pk=priority_round.pk).update(
            opens_at=now - timedelta(days=2), closes_at=now - timedelta(minutes=1)
        )
    for _run in range(runs):
        _run_round_tasks()
    rewritten_at = PriorityRound.objects.get(pk=priority_round.pk).secret_ballots_rewritten_at
    _sweep_until_sealed(priority_round)
    assert priority_round.is_closed()
    # Rewritten once: a later run only vacuums.
    assert priority_round.secret_ballots_rewritten_at == rewritten_at is not None


def _cast(client, caplog):
    """A secret round with 16 members' ballots cast through the voting page. Returns the round,
    its lead, each member's ballot, the supported member and the attacker's notes."""
    priority_round = open_dot_round(secret=True, title="What should we change first?")
    space = priority_round.space
    lead = space.members.get(role=SpaceRole.LEAD).user
    members = [space_with(SpaceRole.MEMBER, space) for _ in range(MEMBERS)]
    chance = random.Random(11)
    combos = chance.sample(_ballots(), MEMBERS + CHANGED_THEIR_MIND)
    order = chance.sample(members, MEMBERS)  # not the order of their ids
    truth = {}
    caplog.set_level(logging.DEBUG)
    for number, member in enumerate(order):
        supporter = lead if number == 5 else None
        truth[member.pk] = _vote_through_the_page(
            client, priority_round, member, combos[number], supporter=supporter
        )
    for number, member in enumerate(order[:CHANGED_THEIR_MIND]):
        truth[member.pk] = _vote_through_the_page(
            client, priority_round, member, combos[MEMBERS + number]
        )
    supported = order[5]
    notes = _snapshot(priority_round)
    return priority_round, lead, truth, supported, notes


def _noted_secrets(notes):
    ballots, entries, receipts = notes
    ids = {row[0] for row in ballots} | {row[0] for row in entries} | {row[0] for row in receipts}
    keys = {row[4] for row in ballots if row[4]}
    return ids, keys


@pytest.mark.parametrize("close_by", ["lead", "closing time"])
def test_a_closed_secret_ballot_cannot_be_linked_to_its_member(
    postgres_db, transactional_db, client, caplog, close_by
):
    priority_round, lead, truth, supported, notes = _cast(client, caplog)
    # While the round is open the attacker notes every id and voter key.
    noted_ids, noted_keys = _noted_secrets(notes)
    assert len(notes[0]) == MEMBERS and len(noted_keys) == MEMBERS

    _close(close_by, client, priority_round, lead)
    ballots, entries, receipts = _snapshot(priority_round)

    # Nothing was lost: every ballot and receipt is still counted, the results add up.
    assert len(ballots) == MEMBERS and len(receipts) == MEMBERS
    assert sorted(map(sorted, (c.items() for c in _contents(entries).values()))) == sorted(
        map(sorted, (c.items() for c in truth.values()))
    )
    totals = Counter()
    for content in truth.values():
        totals.update(content)
    results = selectors.round_results(priority_round)
    assert {row.item.pk: row.score for row in results.rows} == {
        item_id: totals[item_id] for item_id in priority_round.items.values_list("pk", flat=True)
    }
    assert results.turnout.voted == MEMBERS
    assert {r[1] for r in receipts} == set(truth)
    assert selectors.support_of(priority_round, supported) == lead

    # The attack.
    scores = _links(truth, ballots, entries, receipts)
    working = {name: f"{score} of {MEMBERS}" for name, score in scores.items() if score >= LINKED}
    assert not working, f"links that still work after the round closed: {working}"
    assert scores["written in the receipt's transaction (xmin)"] == 0

    # System columns say nothing about any one ballot: one transaction wrote them all.
    assert len({b[1] for b in ballots} | {e[4] for e in entries}) == 1, "xmin tells ballots apart"
    assert len({r[2] for r in receipts}) == 1, "receipt xmin still says who voted when"

    # Keys: new and random. What the attacker noted while the round was open leads nowhere.
    live_ids = {row[0] for row in ballots} | {row[0] for row in entries}
    live_ids |= {row[0] for row in receipts}
    assert not live_ids & noted_ids, "ids noted while the round was open still name ballots"
    assert all(uuid.UUID(str(value)).version == 4 for value in live_ids)
    assert all(row[4] is None for row in ballots), "a voter key survived the close"

    # No sequence and no time in any of the three tables.
    columns = _fetch(
        "SELECT table_name, column_name, data_type, column_default, is_identity "
        "FROM information_schema.columns WHERE table_name = ANY(%s)",
        [list(TABLES.values())],
    )
    assert columns
    for table, column, data_type, default, identity in columns:
        assert not re.search(r"time|date|interval", data_type), (table, column)
        assert "nextval" not in (default or "") and identity != "YES", (table, column)

    # No log line written while voting or closing names a ballot or a voter key.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in {str(value) for value in noted_ids | live_ids} | noted_keys:
        assert secret not in logged


def _pages(relation):
    blocks = _fetch(
        "SELECT pg_relation_size(%s::regclass) / current_setting('block_size')::int", [relation]
    )[0][0]
    return [
        bytes(_fetch("SELECT get_raw_page(%s, %s)", [relation, block])[0][0])
        for block in range(blocks)
    ]


def _relations():
    """The three tables and every index on them."""
    names = list(TABLES.values())
    indexes = _fetch(
        "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid::regclass::text = ANY(%s)",
        [names],
    )
    return names + [row[0] for row in indexes]


def _inspect_pages():
    """As superuser: pageinspect reads pages byte by byte, pgstattuple counts dead versions."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        available = True
    except Exception:  # noqa: BLE001 (reported by require_service)
        available = False
    require_service(available, "this test needs PostgreSQL's pageinspect and a superuser")


def _dead_row_versions():
    return {
        table: _fetch("SELECT dead_tuple_count FROM pgstattuple(%s)", [table])[0][0]
        for table in TABLES.values()
    }


@pytest.mark.parametrize("close_by", ["lead", "closing time"])
def test_no_old_row_version_is_left_in_the_pages_after_close(
    postgres_db, transactional_db, client, caplog, close_by
):
    """As superuser 'postgres': pageinspect reads every page byte by byte, including dead row
    versions and the free space a plain VACUUM leaves them in."""
    _inspect_pages()
    priority_round, lead, _truth, _supported, notes = _cast(client, caplog)
    noted_ids, noted_keys = _noted_secrets(notes)

    _close(close_by, client, priority_round, lead)

    assert _dead_row_versions() == dict.fromkeys(TABLES.values(), 0)
    for table in TABLES.values():
        items = _fetch(
            "SELECT p.lp_flags, p.t_xmax::text FROM generate_series(0, "
            "(pg_relation_size(%s::regclass) / current_setting('block_size')::int)::int - 1) b, "
            "heap_page_items(get_raw_page(%s, b::int)) p",
            [table, table],
        )
        assert all(flags == 1 and xmax == "0" for flags, xmax in items), table
    needles = {uuid.UUID(str(value)).bytes for value in noted_ids}
    needles |= {key.encode() for key in noted_keys}
    for relation in _relations():
        for number, page in enumerate(_pages(relation)):
            found = [needle for needle in needles if needle in page]
            assert not found, f"page {number} of {relation} still holds {len(found)} old values"


def test_a_round_is_sealed_only_once_no_open_transaction_keeps_old_rows(
    postgres_db, transactional_db, client, caplog
):
    """A transaction open elsewhere when the round closes (a long report) keeps the old row
    versions alive, so VACUUM FULL must copy them: the round is not marked sealed, and the next
    sweep after that transaction ends seals it. (One holding a lock on the tables, as a backup
    does, makes VACUUM give up after its lock timeout, with the same outcome.)"""
    _inspect_pages()
    priority_round, lead, _truth, _supported, _notes = _cast(client, caplog)
    db = connection.settings_dict
    backup = psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=db["NAME"],
    )
    try:
        backup.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        # A report on another table: it holds a snapshot, not a lock on the ballot tables.
        backup.execute(f"SELECT count(*) FROM {PriorityRound._meta.db_table}")
        client.force_login(lead)
        url = reverse("coproduction:round_close", args=[priority_round.pk])
        assert client.post(url, {"confirm": "yes"}).status_code == 302
        _run_round_tasks()
        priority_round.refresh_from_db()
        assert priority_round.secret_ballots_sealed_at is None
        assert sum(_dead_row_versions().values()) > 0
    finally:
        backup.rollback()
        backup.close()
    _sweep_until_sealed(priority_round)
    assert _dead_row_versions() == dict.fromkeys(TABLES.values(), 0)
