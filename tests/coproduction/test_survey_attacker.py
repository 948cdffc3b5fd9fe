"""The attacker of a family survey: a database administrator with SQL access tries to tie each
family's answers to the person who gave them, or to the moment they were given.

Fourteen family members answer through the real answer page, each in their own request. While
the survey is open the attacker can pair answers with people through the database's bookkeeping
(an answer and its receipt are written in one transaction): the first part of the test proves
the attack is real, so the second part proves something. Then the survey closes the way it does
in life (its host closes it on the close page, or its closing time passes and the scheduled
tasks run, twice), and the attacker tries again: system columns (`xmin`, `cmin`), physical row
order (`ctid`), key order and key versions, the keys noted while it was open, sequences and time
columns. The pairing rules are the staff pulse attacker's (tests/coproduction/
test_pulse_attacker.py), which this survey shares its sealing with (cms.sealing).
"""

import re
import time
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from coproduction.surveys.models import FamilySurvey, SurveyReceipt, SurveyResponse
from tests.coproduction.factories_forums import forum_family, forum_host
from tests.coproduction.factories_surveys import FamilySurveyFactory
from tests.coproduction.test_pulse_attacker import LINKED, _fetch, _links

pytestmark = pytest.mark.postgres

FAMILIES = 14
TABLES = {"response": SurveyResponse._meta.db_table, "receipt": SurveyReceipt._meta.db_table}


def _snapshot(survey):
    responses = _fetch(
        f"SELECT id::text, what_is_good, xmin::text, cmin::text, ctid::text "
        f"FROM {TABLES['response']} WHERE survey_id = %s",
        [survey.pk],
    )
    receipts = _fetch(
        f"SELECT id::text, user_id, xmin::text, cmin::text, ctid::text "
        f"FROM {TABLES['receipt']} WHERE survey_id = %s",
        [survey.pk],
    )
    return responses, receipts


def _answer_through_the_page(client, survey, person, number):
    client.force_login(person)
    response = client.post(
        reverse("coproduction:survey_respond", args=[survey.pk]),
        {"recommend": str(number % 11), "what_is_good": f"Answer number {number}"},
    )
    assert response.status_code == 302, response.content.decode()[:500]


def _run_survey_tasks():
    tasks = [
        entry["task"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"].startswith("coproduction.surveys.")
    ]
    assert tasks, "a scheduled task closes and seals family surveys"
    for name in tasks:
        import_string(name)()


def _close(close_by, client, survey, host):
    if close_by == "host":
        client.force_login(host)
        url = reverse("coproduction:survey_close", args=[survey.pk])
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 302
    else:
        now = timezone.now()
        FamilySurvey.objects.filter(pk=survey.pk).update(
            opens_at=now - timedelta(days=14), closes_at=now - timedelta(minutes=1)
        )
    for _run in range(2):
        _run_survey_tasks()
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        survey.refresh_from_db()
        if survey.sealed_at is not None:
            return
        time.sleep(0.5)
        _run_survey_tasks()
    raise AssertionError("the survey was never sealed")


@pytest.mark.parametrize("close_by", ["host", "closing time"])
def test_a_closed_survey_answer_cannot_be_tied_to_a_person_or_a_time(
    postgres_db, transactional_db, client, close_by
):
    survey = FamilySurveyFactory(title="Spring survey")
    host = forum_host(survey.forum)
    truth = {}
    for number in range(FAMILIES):
        person = forum_family(survey.forum, visits=f"Resident {number}")
        _answer_through_the_page(client, survey, person, number)
        truth[person.pk] = f"Answer number {number}"

    # While the survey is open the attack works ...
    responses, receipts = _snapshot(survey)
    assert _links(truth, responses, receipts)["same transaction (xmin)"] == FAMILIES
    noted_ids = {row[0] for row in responses} | {row[0] for row in receipts}

    _close(close_by, client, survey, host)
    responses, receipts = _snapshot(survey)

    # ... and once it is closed nothing is lost ...
    assert sorted(row[1] for row in responses) == sorted(truth.values())
    assert sorted(row[1] for row in receipts) == sorted(truth)

    # ... but no rule pairs people with their answers any more.
    scores = _links(truth, responses, receipts)
    working = {name: f"{score} of {FAMILIES}" for name, score in scores.items() if score >= LINKED}
    assert not working, f"links that still work after the survey closed: {working}"
    assert scores["same transaction (xmin)"] == 0
    assert len({row[2] for row in responses}) == 1, "xmin tells answers apart"
    assert len({row[2] for row in receipts}) == 1, "receipt xmin still says who answered when"

    # Keys: new and random; what was noted while the survey was open leads nowhere.
    live_ids = {row[0] for row in responses} | {row[0] for row in receipts}
    assert not live_ids & noted_ids, "keys noted while the survey was open still name rows"
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

    assert survey.sealed_at is not None
