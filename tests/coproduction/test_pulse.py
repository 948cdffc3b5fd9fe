"""The staff pulse survey: its figures and when they are shown (never while a round is open,
never under 10 answers), a staff-group breakdown that never shows a group under 5 nor lets one
be worked out, one answer a person, a response that nothing links to a person or a time,
closing (rows rewritten, comments to the tracker only from 10 answers) and the pages."""

import itertools
import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.pulse import selectors, services
from coproduction.pulse.models import PulseReceipt, PulseResponse, PulseRound, StaffGroup
from coproduction.tracker.models import FeedbackItem
from tests.cms.factories import member
from tests.coproduction.factories_pulse import (
    PulseRoundFactory,
    pulse_answer,
    pulse_leader,
    pulse_staff,
)

USER_MODEL = PulseRound._meta.get_field("created_by").related_model


@pytest.fixture
def pulse_round(db):
    return PulseRoundFactory(service__name="Willow House", title="Spring pulse")


# --- The figures ----------------------------------------------------------------------------


def test_shares_count_agreeing_and_leave_out_those_who_raised_nothing():
    figures = selectors.shares([(5, 4, True), (4, 0, False), (3, 2, False), (1, 0, True)])
    assert figures.answers == 4
    assert figures.safe_to_speak == 50.0  # 5 and 4 agree; 3 and 1 do not
    assert figures.raised == 2  # 0 is "I have not raised anything"
    assert figures.acted_on == 50.0
    assert figures.dignity_seen == 50.0
    assert selectors.shares([(4, 0, False)]).acted_on is None


def test_nine_answers_show_nothing_even_once_closed(pulse_round):
    for number in range(9):
        pulse_answer(pulse_round, safe=5, text=f"Comment {number}")
    services.round_close(pulse_round)
    results = selectors.round_results(pulse_round)
    assert (results.answers, results.shown) == (9, False)
    assert results.figures is None and results.groups == [] and results.comments == []
    assert results.still_needed == 1
    # Nor do its comments reach the tracker, where others would read them.
    assert not FeedbackItem.objects.exists()


def test_ten_answers_show_figures_and_comments_once_closed(pulse_round):
    for number in range(10):
        pulse_answer(pulse_round, safe=5 if number < 7 else 2, seen=number < 3, text=f"C{number}")
    open_results = selectors.round_results(pulse_round)
    assert (open_results.answers, open_results.shown) == (10, False), "nothing while open"
    items = services.round_close(pulse_round)
    results = selectors.round_results(pulse_round)
    assert results.shown is True
    assert results.figures.safe_to_speak == 70.0
    assert results.figures.dignity_seen == 30.0
    assert sorted(results.comments) == sorted(f"C{number}" for number in range(10))
    assert len(items) == 10
    for item in items:
        assert item.channel == FeedbackItem.Channel.SURVEY
        assert item.giver_role == FeedbackItem.GiverRole.STAFF
        assert item.recorded_by is None
        assert item.service == pulse_round.service
        assert item.text.startswith("Staff pulse survey: C")


# --- The staff-group breakdown --------------------------------------------------------------


def _rows(counts):
    return [(group, 4, 4, False) for group, count in counts.items() for _answer in range(count)]


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ({"care": 12}, []),  # one group alone is the round's own figure
        ({"care": 8, "night": 4}, []),  # night staff would be the total minus care staff
        ({"care": 8, "night": 6}, ["care", "night"]),
        ({"care": 8, "night": 6, "agency": 2}, ["care", "Other staff groups together"]),
        (
            {"care": 8, "night": 6, "agency": 3, "kitchen": 2},
            ["care", "night", "Other staff groups together"],
        ),
    ],
)
def test_the_breakdown_hides_small_groups_and_what_would_reveal_them(counts, shown):
    labels = dict(StaffGroup.choices)
    table = selectors.group_breakdown(_rows(counts))
    assert [row.label for row in table] == [labels.get(label, label) for label in shown]


def test_no_breakdown_ever_shows_under_five_or_lets_a_small_group_be_worked_out():
    """Every split of up to 30 answers across four groups: each row shown rests on 5 or more,
    the rows add up to the round (so nothing is left over to subtract), and a group under 5 is
    never a row of its own."""
    groups = ["care", "nurse", "night", "agency"]
    for counts in itertools.product(range(0, 9), repeat=4):
        total = sum(counts)
        if total < selectors.MIN_ANSWERS_SHOWN:
            continue
        by_group = dict(zip(groups, counts, strict=True))
        table = selectors.group_breakdown(_rows(by_group))
        if not table:
            continue
        assert all(row.figures.answers >= selectors.MIN_GROUP_SHOWN for row in table), counts
        assert sum(row.figures.answers for row in table) == total, counts
        assert len(table) >= 2, counts


# --- One answer a person --------------------------------------------------------------------


def test_a_member_of_staff_answers_once(pulse_round):
    person = pulse_answer(pulse_round, safe=5, text=" First ")
    with pytest.raises(ValidationError) as refused:
        pulse_answer(pulse_round, safe=1, text="Second", user=person)
    assert refused.value.code == "already_answered"
    response = PulseResponse.objects.get(round=pulse_round)
    assert (response.safe_to_speak, response.anything_else) == (5, "First")
    assert PulseReceipt.objects.filter(round=pulse_round, user=person).count() == 1


def test_no_answer_outside_the_open_dates(pulse_round):
    person = pulse_staff(pulse_round.service)
    PulseRound.objects.filter(pk=pulse_round.pk).update(
        opens_at=timezone.now() + timedelta(days=1), closes_at=timezone.now() + timedelta(days=2)
    )
    pulse_round.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        pulse_answer(pulse_round, user=person)
    assert refused.value.code == "not_open"
    services.round_close(pulse_round)
    with pytest.raises(ValidationError) as refused:
        pulse_answer(pulse_round, user=person)
    assert refused.value.code == "not_open"
    assert not PulseReceipt.objects.exists() and not PulseResponse.objects.exists()


# --- Anonymity in the schema (the database attacker: test_pulse_attacker.py) ---------------


def test_a_response_has_no_column_pointing_at_a_person_or_a_receipt():
    assert {field.name for field in PulseResponse._meta.concrete_fields} == {
        "id",
        "round",
        "staff_group",
        "safe_to_speak",
        "acted_on",
        "dignity_seen",
        "anything_else",
    }
    related = {f.related_model for f in PulseReceipt._meta.concrete_fields if f.is_relation}
    assert related == {PulseRound, USER_MODEL}


@pytest.mark.parametrize("model", [PulseResponse, PulseReceipt])
def test_no_time_and_no_sequence_in_a_response_or_a_receipt(model):
    for field in model._meta.concrete_fields:
        assert not isinstance(field, models.DateTimeField | models.DateField | models.TimeField)
    assert isinstance(model._meta.pk, models.UUIDField)


def test_closing_writes_every_row_again_under_new_keys(pulse_round):
    people = [pulse_answer(pulse_round, safe=1 + n % 5, text=f"T{n}") for n in range(6)]
    before = set(PulseResponse.objects.values_list("pk", flat=True)) | set(
        PulseReceipt.objects.values_list("pk", flat=True)
    )
    services.round_close(pulse_round)
    after_responses = list(PulseResponse.objects.filter(round=pulse_round))
    after_receipts = list(PulseReceipt.objects.filter(round=pulse_round))
    assert sorted(r.anything_else for r in after_responses) == [f"T{n}" for n in range(6)]
    assert {r.user_id for r in after_receipts} == {person.pk for person in people}
    after = {r.pk for r in after_responses} | {r.pk for r in after_receipts}
    assert not before & after
    assert all(isinstance(pk, uuid.UUID) and pk.version == 4 for pk in after)
    pulse_round.refresh_from_db()
    assert pulse_round.rewritten_at is not None
    assert services.round_close(pulse_round) == []  # once


def test_the_sweep_closes_rounds_past_their_date(pulse_round):
    for number in range(10):
        pulse_answer(pulse_round, text=f"Sweep {number}")
    PulseRound.objects.filter(pk=pulse_round.pk).update(
        opens_at=timezone.now() - timedelta(days=20), closes_at=timezone.now() - timedelta(days=1)
    )
    services.pulse_rounds_seal()
    pulse_round.refresh_from_db()
    assert pulse_round.closed_at == pulse_round.closes_at
    assert pulse_round.rewritten_at is not None
    assert FeedbackItem.objects.filter(text__startswith="Staff pulse survey: Sweep").count() == 10


# --- Pages ----------------------------------------------------------------------------------


def _post_answer(client, pulse_round, **changes):
    data = {
        "staff_group": "porter",
        "safe_to_speak": "4",
        "acted_on": "0",
        "dignity_seen": "no",
        "anything_else": "<b>More hands</b> at night",
        **changes,
    }
    return client.post(reverse("coproduction:pulse_respond", args=[pulse_round.pk]), data)


def test_staff_find_the_round_answer_it_once_and_their_text_is_sanitised(client, pulse_round):
    person = pulse_staff(pulse_round.service)
    client.force_login(person)
    home = client.get("/")
    assert pulse_round.get_absolute_url() in home.text
    assert reverse("coproduction:pulse_index") in home.text  # in the navigation
    page = client.get(pulse_round.get_absolute_url())
    assert "Porter" in page.text and "Agency or bank staff" in page.text
    assert _post_answer(client, pulse_round).status_code == 302
    assert PulseResponse.objects.get().anything_else == "More hands at night"
    again = _post_answer(client, pulse_round, safe_to_speak="1")
    assert again.status_code == 302
    assert PulseResponse.objects.count() == 1
    page = client.get(pulse_round.get_absolute_url())
    assert "You have answered this pulse survey" in page.text
    assert 'name="safe_to_speak"' not in page.text
    assert pulse_round.get_absolute_url() not in client.get("/").text


def test_a_missing_answer_is_shown_at_its_field(client, pulse_round):
    client.force_login(pulse_staff(pulse_round.service))
    response = _post_answer(client, pulse_round, dignity_seen="")
    assert response.status_code == 400
    assert "Choose yes or no." in response.text
    assert not PulseResponse.objects.exists()


def test_the_leader_sees_withheld_then_shown_figures(client, pulse_round):
    leader = pulse_leader(pulse_round.service)
    client.force_login(leader)
    for number in range(10):
        pulse_answer(pulse_round, safe=5, text=f"Said {number}")
    page = client.get(pulse_round.get_absolute_url())
    assert "shown once the round has closed" in page.text
    assert "Said 3" not in page.text and "100.0%" not in page.text
    close = reverse("coproduction:pulse_round_close", args=[pulse_round.pk])
    assert client.post(close).status_code == 302
    page = client.get(pulse_round.get_absolute_url())
    assert "100.0%" in page.text and "Said 3" in page.text


def test_a_leader_of_another_service_and_a_supervisor_cannot_open_rounds(client, pulse_round):
    service = pulse_round.service
    other = PulseRoundFactory()
    client.force_login(pulse_leader(other.service))
    assert client.get(pulse_round.get_absolute_url()).status_code == 404
    client.force_login(member(Role.SUPERVISOR, service=service))
    url = reverse("coproduction:pulse_round_create", args=[service.pk])
    assert client.get(url).status_code == 403


def test_a_leader_opens_a_round(db, client, service):
    client.force_login(pulse_leader(service))
    today = timezone.localdate()
    response = client.post(
        reverse("coproduction:pulse_round_create", args=[service.pk]),
        {
            "title": "Summer pulse",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=14)).isoformat(),
        },
    )
    assert response.status_code == 302
    pulse_round = PulseRound.objects.get(service=service)
    assert services.is_open(pulse_round)
    assert client.get(reverse("coproduction:pulse_index")).status_code == 200
