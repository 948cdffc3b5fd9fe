"""The attacker of a staff pulse round: a database administrator with SQL access tries to tie
each answer to the member of staff who gave it, or to the moment it was given.

Fourteen members of staff answer through the real answer page, each in their own request. While
the round is open the attacker can pair answers with people through the database's bookkeeping
(an answer and its receipt are written in one transaction): the page says so, and the first part
of the test proves the attack is real, so the second part proves something. Then the round
closes the way it does in life (a leader closes it on the close page, or its closing time passes
and the scheduled task runs, twice), and the attacker tries again: system columns (`xmin`,
`cmin`), physical row order (`ctid`), key order and key versions, the keys noted while the round
was open, sequences and time columns.
"""

import re
import time
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from coproduction.pulse.models import PulseReceipt, PulseResponse, PulseRound
from tests.coproduction.factories_pulse import PulseRoundFactory, pulse_leader, pulse_staff

pytestmark = pytest.mark.postgres

STAFF = 14
# A pairing rule that matches 8 or more of the 14 people with their own answer is a link: a
# random pairing does that about once in a million tries.
LINKED = 8
TABLES = {"response": PulseResponse._meta.db_table, "receipt": PulseReceipt._meta.db_table}


def _fetch(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _position(ctid):
    page, item = ctid.strip("()").split(",")
    return int(page), int(item)


def _snapshot(pulse_round):
    responses = _fetch(
        f"SELECT id::text, anything_else, xmin::text, cmin::text, ctid::text "
        f"FROM {TABLES['response']} WHERE round_id = %s",
        [pulse_round.pk],
    )
    receipts = _fetch(
        f"SELECT id::text, user_id, xmin::text, cmin::text, ctid::text "
        f"FROM {TABLES['receipt']} WHERE round_id = %s",
        [pulse_round.pk],
    )
    return responses, receipts


def _links(truth, responses, receipts):
    """How many people each pairing rule ties to their own answer. `truth`: user id -> text."""
    scores = {}
    by_xmin = {}
    for _id, text, xmin, _cmin, _ctid in responses:
        by_xmin.setdefault(xmin, []).append(text)
    by_xmin = {xmin: texts[0] for xmin, texts in by_xmin.items() if len(texts) == 1}
    scores["same transaction (xmin)"] = sum(
        1 for _id, user_id, xmin, _c, _t in receipts if by_xmin.get(xmin) == truth[user_id]
    )
    orders = {
        "ctid": (lambda r: _position(r[4]), lambda r: _position(r[4])),
        "xmin then ctid": (
            lambda r: (int(r[2]), _position(r[4])),
            lambda r: (int(r[2]), _position(r[4])),
        ),
        "key": (lambda r: r[0], lambda r: r[0]),
        "receipt by person, answer by ctid": (lambda r: r[1], lambda r: _position(r[4])),
    }
    for name, (receipt_key, response_key) in orders.items():
        paired = zip(
            sorted(receipts, key=receipt_key), sorted(responses, key=response_key), strict=True
        )
        scores[name] = sum(1 for receipt, response in paired if truth[receipt[1]] == response[1])
    return scores


def _answer_through_the_page(client, pulse_round, person, number):
    client.force_login(person)
    page = client.get(pulse_round.get_absolute_url())
    assert page.status_code == 200 and 'name="safe_to_speak"' in page.text
    response = client.post(
        reverse("coproduction:pulse_respond", args=[pulse_round.pk]),
        {
            "staff_group": ("care", "night", "agency", "kitchen")[number % 4],
            "safe_to_speak": str(1 + number % 5),
            "acted_on": str(number % 6),
            "dignity_seen": "yes" if number % 3 == 0 else "no",
            "anything_else": f"Answer number {number}",
        },
    )
    assert response.status_code == 302


def _run_pulse_tasks():
    tasks = [
        entry["task"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"].startswith("coproduction.pulse.")
    ]
    assert tasks, "a scheduled task closes and seals pulse rounds"
    for name in tasks:
        import_string(name)()


def _close(close_by, client, pulse_round, leader):
    if close_by == "leader":
        client.force_login(leader)
        url = reverse("coproduction:pulse_round_close", args=[pulse_round.pk])
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 302
    else:
        now = timezone.now()
        PulseRound.objects.filter(pk=pulse_round.pk).update(
            opens_at=now - timedelta(days=14), closes_at=now - timedelta(minutes=1)
        )
    for _run in range(2):
        _run_pulse_tasks()
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        pulse_round.refresh_from_db()
        if pulse_round.sealed_at is not None:
            return
        time.sleep(0.5)
        _run_pulse_tasks()
    raise AssertionError("the round was never sealed")


@pytest.mark.parametrize("close_by", ["leader", "closing time"])
def test_a_closed_pulse_answer_cannot_be_tied_to_a_person_or_a_time(
    postgres_db, transactional_db, client, close_by
):
    pulse_round = PulseRoundFactory(title="Spring pulse")
    leader = pulse_leader(pulse_round.service)
    truth = {}
    for number in range(STAFF):
        person = pulse_staff(pulse_round.service)
        _answer_through_the_page(client, pulse_round, person, number)
        truth[person.pk] = f"Answer number {number}"

    # While the round is open the attack works (the page tells staff so) ...
    responses, receipts = _snapshot(pulse_round)
    assert _links(truth, responses, receipts)["same transaction (xmin)"] == STAFF
    noted_ids = {row[0] for row in responses} | {row[0] for row in receipts}

    _close(close_by, client, pulse_round, leader)
    responses, receipts = _snapshot(pulse_round)

    # ... and once it is closed nothing is lost ...
    assert sorted(row[1] for row in responses) == sorted(truth.values())
    assert sorted(row[1] for row in receipts) == sorted(truth)

    # ... but no rule pairs people with their answers any more.
    scores = _links(truth, responses, receipts)
    working = {name: f"{score} of {STAFF}" for name, score in scores.items() if score >= LINKED}
    assert not working, f"links that still work after the round closed: {working}"
    assert scores["same transaction (xmin)"] == 0
    # One transaction wrote all the answers, and one all the receipts: the system columns say
    # nothing about who answered which, nor who answered when.
    assert len({row[2] for row in responses}) == 1, "xmin tells answers apart"
    assert len({row[2] for row in receipts}) == 1, "receipt xmin still says who answered when"

    # Keys: new and random; what was noted while the round was open leads nowhere.
    live_ids = {row[0] for row in responses} | {row[0] for row in receipts}
    assert not live_ids & noted_ids, "keys noted while the round was open still name rows"
    assert all(uuid.UUID(value).version == 4 for value in live_ids)

    # No sequence and no time column in either table.
    columns = _fetch(
        "SELECT table_name, column_name, data_type, column_default, is_identity "
        "FROM information_schema.columns WHERE table_name = ANY(%s)",
        [list(TABLES.values())],
    )
    assert columns
    for table, column, data_type, default, identity in columns:
        assert not re.search(r"time|date|interval", data_type), (table, column)
        assert "nextval" not in (default or "") and identity != "YES", (table, column)

    # Sealed: VACUUM FULL reported no old row version kept (cms.sealing.vacuum_full).
    assert pulse_round.sealed_at is not None
