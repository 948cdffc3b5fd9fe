"""Priority rounds: opening one, ballots and their rules, closing, publishing, results and the
emails, through the services and through the pages."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from coproduction.rounds import selectors, services, tasks
from coproduction.rounds.models import (
    Ballot,
    BallotEntry,
    BallotReceipt,
    PriorityRound,
    SecretBallot,
)
from coproduction.spaces.models import AgendaItem, SpaceRole
from tests.coproduction.factories import (
    AgendaItemFactory,
    SpaceFactory,
    space_with,
)

pytestmark = pytest.mark.django_db

Method = PriorityRound.Method


@pytest.fixture
def voter(space):
    return space_with(SpaceRole.MEMBER, space)


def shortlisted(space, count=2, **kwargs):
    return [
        AgendaItemFactory(space=space, status=AgendaItem.Status.SHORTLISTED, **kwargs)
        for _ in range(count)
    ]


def open_round(space, lead, method=Method.DOT, items=2, secret=False, **kwargs):
    now = timezone.now()
    options = {
        "title": "What first?",
        "method": method,
        "opens_at": now - timedelta(hours=1),
        "closes_at": now + timedelta(days=7),
        "agenda_items": shortlisted(space, items),
        "secret": secret,
        "dots_per_voter": 5,
        "max_dots_per_item": 3,
        **kwargs,
    }
    return services.round_open(space, lead, **options)


def ids(priority_round):
    return list(priority_round.items.order_by("pk").values_list("pk", flat=True))


# --- Opening --------------------------------------------------------------------------------


def test_the_lead_opens_a_round_over_shortlisted_items(space, lead):
    priority_round = open_round(space, lead, items=3)
    assert priority_round.items.count() == 3
    assert priority_round.created_by == lead
    assert priority_round.is_open()


@pytest.mark.parametrize("role", [SpaceRole.MEMBER, SpaceRole.STAFF_ALLY, SpaceRole.OBSERVER])
def test_only_the_lead_opens_a_round(space, role):
    with pytest.raises(ValidationError, match="Only a lived-experience lead"):
        open_round(space, space_with(role, space))


def test_a_lead_of_another_space_cannot_open_a_round_here(space):
    other_lead = space_with(SpaceRole.LEAD)
    with pytest.raises(ValidationError):
        open_round(space, other_lead)


def test_items_must_be_shortlisted(space, lead):
    proposed = AgendaItemFactory(space=space, status=AgendaItem.Status.PROPOSED)
    with pytest.raises(ValidationError, match="not shortlisted") as refused:
        open_round(space, lead, agenda_items=[*shortlisted(space), proposed])
    assert list(refused.value.error_dict) == ["agenda_items"]


def test_items_must_be_of_this_space(space, lead):
    elsewhere = shortlisted(SpaceFactory(), 1)
    with pytest.raises(ValidationError, match="not shortlisted"):
        open_round(space, lead, agenda_items=[*shortlisted(space), *elsewhere])


def test_a_round_needs_two_items(space, lead):
    with pytest.raises(ValidationError, match="at least 2"):
        open_round(space, lead, agenda_items=shortlisted(space, 1))


def test_dates_must_make_sense(space, lead):
    now = timezone.now()
    with pytest.raises(ValidationError, match="close after it opens"):
        open_round(space, lead, opens_at=now, closes_at=now - timedelta(hours=1))
    with pytest.raises(ValidationError, match="in the future"):
        open_round(space, lead, opens_at=now - timedelta(days=2), closes_at=now - timedelta(days=1))


def test_dot_settings_must_make_sense(space, lead):
    with pytest.raises(ValidationError, match="at least 1 dot"):
        open_round(space, lead, dots_per_voter=0)
    with pytest.raises(ValidationError, match="cannot be more"):
        open_round(space, lead, dots_per_voter=2, max_dots_per_item=3)


def test_members_are_emailed_once_when_a_round_opens(
    space, lead, voter, django_capture_on_commit_callbacks
):
    observer = space_with(SpaceRole.OBSERVER, space)
    with django_capture_on_commit_callbacks(execute=True):
        priority_round = open_round(space, lead)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(
        [lead.email, voter.email]
        + [item.proposed_by.email for item in AgendaItem.objects.filter(space=space)]
    )
    assert observer.email not in recipients
    assert "What first?" in mail.outbox[0].subject
    assert priority_round.get_absolute_url() in mail.outbox[0].body
    assert tasks.send_round_opened_emails(priority_round.pk) == 0  # a second run sends nothing
    assert len(mail.outbox) == len(recipients)


# --- Ballots --------------------------------------------------------------------------------


def test_dots_are_saved_and_the_counter_shows_what_is_left(space, lead, voter):
    priority_round = open_round(space, lead, items=3)
    first, second, _third = ids(priority_round)
    assert services.ballot_submit(priority_round, voter, {first: 3, second: 1}) is True
    assert selectors.ballot_of(priority_round, voter) == {first: 3, second: 1}


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({0: 3, 1: 3}, "You used 6 dots but have 5"),
        ({0: 4}, "at most 3 dots on one item"),
        ({0: -1}, "0 or more"),
        ({0: "2"}, "whole number"),
        ({0: 1.5}, "whole number"),
        ({0: 0, 1: 0}, "at least 1 dot"),
    ],
)
def test_dot_ballots_are_checked(space, lead, voter, entries, message):
    priority_round = open_round(space, lead)
    item_ids = ids(priority_round)
    with pytest.raises(ValidationError, match=message):
        services.ballot_submit(
            priority_round, voter, {item_ids[key]: value for key, value in entries.items()}
        )
    assert not Ballot.objects.exists()


def test_a_ballot_cannot_name_an_item_of_another_round(space, lead, voter):
    priority_round = open_round(space, lead)
    other = open_round(space, lead)
    with pytest.raises(ValidationError, match="not in this round"):
        services.ballot_submit(priority_round, voter, {ids(other)[0]: 1})


def test_approval_is_yes_or_no(space, lead, voter):
    priority_round = open_round(space, lead, method=Method.APPROVAL)
    first, second = ids(priority_round)
    with pytest.raises(ValidationError, match="approved or not"):
        services.ballot_submit(priority_round, voter, {first: 2})
    services.ballot_submit(priority_round, voter, {first: 1, second: 0})
    assert selectors.ballot_of(priority_round, voter) == {first: 1}


@pytest.mark.parametrize(
    ("ranks", "message"),
    [
        ([1, 1, None], "gave rank 1 to two items"),
        ([1, 3, None], "rank 2 is missing"),
        ([2, None, None], "rank 1 is missing"),
        ([4, 1, 2], "Ranks go from 1 to 3"),
        ([None, None, None], "Give rank 1"),
    ],
)
def test_ranks_are_a_permutation_or_a_prefix(space, lead, voter, ranks, message):
    priority_round = open_round(space, lead, method=Method.RANKING, items=3)
    with pytest.raises(ValidationError, match=message):
        services.ballot_submit(
            priority_round, voter, dict(zip(ids(priority_round), ranks, strict=True))
        )


def test_a_prefix_of_ranks_is_enough(space, lead, voter):
    priority_round = open_round(space, lead, method=Method.RANKING, items=3)
    first, second, third = ids(priority_round)
    services.ballot_submit(priority_round, voter, {first: 2, second: None, third: 1})
    assert selectors.ballot_of(priority_round, voter) == {first: 2, third: 1}


def test_changing_a_ballot_replaces_it(space, lead, voter):
    priority_round = open_round(space, lead)
    first, second = ids(priority_round)
    services.ballot_submit(priority_round, voter, {first: 3})
    assert services.ballot_submit(priority_round, voter, {second: 2}) is False
    assert Ballot.objects.count() == 1
    assert selectors.ballot_of(priority_round, voter) == {second: 2}
    assert BallotEntry.objects.count() == 1


def test_the_database_refuses_a_second_ballot_of_one_voter(space, lead, voter):
    priority_round = open_round(space, lead)
    Ballot.objects.create(round=priority_round, voter=voter)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(round=priority_round, voter=voter)
    key = priority_round.voter_key(voter)
    SecretBallot.objects.create(round=priority_round, voter_key=key)
    with pytest.raises(IntegrityError), transaction.atomic():
        SecretBallot.objects.create(round=priority_round, voter_key=key)
    BallotReceipt.objects.create(round=priority_round, member=voter)
    with pytest.raises(IntegrityError), transaction.atomic():
        BallotReceipt.objects.create(round=priority_round, member=voter)


@pytest.mark.parametrize("role", [SpaceRole.OBSERVER, SpaceRole.STAFF_ALLY])
def test_observers_and_allies_do_not_vote(space, lead, role):
    priority_round = open_round(space, lead)
    with pytest.raises(ValidationError, match="Only lived-experience members"):
        services.ballot_submit(priority_round, space_with(role, space), {ids(priority_round)[0]: 1})


def test_allies_vote_when_the_lead_allows_it(space, lead):
    space.allies_may_propose_and_vote = True
    space.save()
    priority_round = open_round(space, lead)
    ally = space_with(SpaceRole.STAFF_ALLY, space)
    services.ballot_submit(priority_round, ally, {ids(priority_round)[0]: 1})
    assert Ballot.objects.filter(voter=ally).exists()


def test_people_outside_the_space_do_not_vote(space, lead):
    priority_round = open_round(space, lead)
    outsider = space_with(SpaceRole.MEMBER)
    with pytest.raises(ValidationError):
        services.ballot_submit(priority_round, outsider, {ids(priority_round)[0]: 1})


def test_no_voting_before_the_round_opens(space, lead, voter):
    now = timezone.now()
    priority_round = open_round(
        space, lead, opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=2)
    )
    with pytest.raises(ValidationError, match="has not opened yet"):
        services.ballot_submit(priority_round, voter, {ids(priority_round)[0]: 1})


def test_no_voting_after_the_round_closes(space, lead, voter):
    priority_round = open_round(space, lead)
    later = priority_round.closes_at + timedelta(minutes=1)
    with pytest.raises(ValidationError, match="Voting has closed"):
        services.ballot_submit(priority_round, voter, {ids(priority_round)[0]: 1}, now=later)


def test_no_voting_once_closed_early(space, lead, voter):
    priority_round = open_round(space, lead)
    services.round_close_and_publish(priority_round, lead, early=True)
    with pytest.raises(ValidationError, match="Voting has closed"):
        services.ballot_submit(priority_round, voter, {ids(priority_round)[0]: 1})


# --- Closing, publishing, results -----------------------------------------------------------


def test_closing_early_needs_confirmation(space, lead):
    priority_round = open_round(space, lead)
    with pytest.raises(ValidationError, match="close it early"):
        services.round_close(priority_round, lead)
    with pytest.raises(ValidationError, match="Close the round before"):
        services.results_publish(priority_round, lead)
    services.round_close(priority_round, lead, early=True)
    services.results_publish(priority_round, lead)
    priority_round.refresh_from_db()
    assert priority_round.closed_at and priority_round.results_published_at


def test_after_closing_time_no_confirmation_is_needed(space, lead):
    priority_round = open_round(space, lead)
    later = priority_round.closes_at + timedelta(hours=1)
    services.round_close_and_publish(priority_round, lead, now=later)
    assert priority_round.is_published


def test_only_the_lead_closes(space, lead, voter):
    priority_round = open_round(space, lead)
    with pytest.raises(ValidationError):
        services.round_close_and_publish(priority_round, voter, early=True)


def test_results_are_emailed_once(space, lead, voter, django_capture_on_commit_callbacks):
    priority_round = open_round(space, lead)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.round_close_and_publish(priority_round, lead, early=True)
    sent = len(mail.outbox)
    assert sent >= 2 and "Results" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.results_publish(priority_round, lead)
    assert tasks.send_round_results_emails(priority_round.pk) == 0
    assert len(mail.outbox) == sent


def _voters(space, count):
    return [space_with(SpaceRole.MEMBER, space) for _ in range(count)]


def test_dot_results_share_ranks_on_a_tie(space, lead):
    priority_round = open_round(space, lead, items=4)
    a, b, c, d = ids(priority_round)
    one, two, three = _voters(space, 3)
    services.ballot_submit(priority_round, one, {a: 3, b: 2})
    services.ballot_submit(priority_round, two, {a: 3, c: 2})
    services.ballot_submit(priority_round, three, {b: 1, c: 1, d: 1})
    results = selectors.round_results(priority_round)
    rows = [(row.item.pk, row.score, row.voters, row.rank) for row in results.rows]
    assert rows[0] == (a, 6, 2, 1)
    assert sorted(rows[1:3]) == sorted([(b, 3, 2, 2), (c, 3, 2, 2)])
    assert rows[3] == (d, 1, 1, 4)
    assert results.turnout.voted == 3


def test_approval_results_count_approvals(space, lead):
    priority_round = open_round(space, lead, method=Method.APPROVAL, items=3)
    a, b, c = ids(priority_round)
    one, two = _voters(space, 2)
    services.ballot_submit(priority_round, one, {a: 1, b: 1})
    services.ballot_submit(priority_round, two, {a: 1})
    rows = selectors.round_results(priority_round).rows
    assert [(row.item.pk, row.score, row.rank) for row in rows] == [(a, 2, 1), (b, 1, 2), (c, 0, 3)]


def test_ranking_results_use_the_mean_rank(space, lead):
    priority_round = open_round(space, lead, method=Method.RANKING, items=4)
    a, b, c, d = ids(priority_round)
    one, two = _voters(space, 2)
    services.ballot_submit(priority_round, one, {a: 1, b: 2, c: 3})
    services.ballot_submit(priority_round, two, {b: 1, a: 2, c: 3})
    rows = selectors.round_results(priority_round).rows
    by_item = {row.item.pk: row for row in rows}
    assert by_item[a].rank == by_item[b].rank == 1
    assert by_item[a].score_display == "1.5"
    assert by_item[c].rank == 3 and by_item[c].score_display == "3"
    assert by_item[d].rank == 4 and by_item[d].score is None and by_item[d].voters == 0


def test_turnout_counts_eligible_voters(space, lead, voter):
    priority_round = open_round(space, lead)
    space_with(SpaceRole.OBSERVER, space)
    services.ballot_submit(priority_round, voter, {ids(priority_round)[0]: 1})
    turnout = selectors.round_turnout(priority_round)
    # The lead, the voter and the two proposers of the items can vote.
    assert (turnout.voted, turnout.eligible, turnout.percent) == (1, 4, 25)


# --- Pages ----------------------------------------------------------------------------------


def test_the_lead_starts_a_round_from_the_page(client, space, lead):
    items = shortlisted(space, 2)
    AgendaItemFactory(space=space, status=AgendaItem.Status.PROPOSED, title="Not yet")
    client.force_login(lead)
    url = reverse("coproduction:round_create", args=[space.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert items[0].title in page.text and "Not yet" not in page.text
    now = timezone.localtime()
    response = client.post(
        url,
        {
            "title": "Spring priorities",
            "agenda_items": [item.pk for item in items],
            "method": "dot",
            "dots_per_voter": 4,
            "max_dots_per_item": 2,
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    priority_round = PriorityRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == priority_round.get_absolute_url()
    assert (priority_round.dots_per_voter, priority_round.max_dots_per_item) == (4, 2)


def test_a_round_form_error_is_shown_at_its_field(client, space, lead):
    items = shortlisted(space, 1)
    client.force_login(lead)
    now = timezone.localtime()
    response = client.post(
        reverse("coproduction:round_create", args=[space.pk]),
        {
            "title": "Spring priorities",
            "agenda_items": [item.pk for item in items],
            "method": "approval",
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 400
    assert "Choose at least 2 shortlisted items" in response.text
    assert not PriorityRound.objects.exists()


def test_a_voter_sees_the_dots_left_and_can_change_the_ballot(client, space, lead, voter):
    priority_round = open_round(space, lead)
    first, second = ids(priority_round)
    client.force_login(voter)
    page = client.get(priority_round.get_absolute_url())
    assert "You have 5 dots left" in page.text
    response = client.post(
        reverse("coproduction:ballot_submit", args=[priority_round.pk]),
        {f"item_{first}": "3", f"item_{second}": "1"},
        follow=True,
    )
    assert "Your vote is recorded." in response.text
    assert "You have 1 dot left" in response.text
    assert "Change your vote" in response.text
    response = client.post(
        reverse("coproduction:ballot_submit", args=[priority_round.pk]),
        {f"item_{first}": "1", f"item_{second}": ""},
        follow=True,
    )
    assert "Your changed vote is recorded." in response.text
    assert "You have 4 dots left" in response.text


def test_a_wrong_ballot_keeps_what_was_typed_and_says_why(client, space, lead, voter):
    priority_round = open_round(space, lead)
    first, second = ids(priority_round)
    client.force_login(voter)
    response = client.post(
        reverse("coproduction:ballot_submit", args=[priority_round.pk]),
        {f"item_{first}": "3", f"item_{second}": "3"},
    )
    assert response.status_code == 400
    assert "You used 6 dots but have 5. Take 1 off." in response.text
    assert 'value="3"' in response.text
    assert not Ballot.objects.exists()


def test_a_secret_round_says_who_cannot_see_the_vote(client, space, lead, voter):
    priority_round = open_round(space, lead, method=Method.APPROVAL, secret=True)
    client.force_login(voter)
    response = client.post(
        reverse("coproduction:ballot_submit", args=[priority_round.pk]),
        {f"item_{ids(priority_round)[0]}": "on"},
        follow=True,
    )
    assert (
        "Your vote is recorded. The lead and the other members cannot see how you voted."
        in response.text
    )


def test_results_are_hidden_until_published(client, space, lead, voter):
    priority_round = open_round(space, lead, method=Method.APPROVAL)
    services.ballot_submit(priority_round, voter, {ids(priority_round)[0]: 1})
    client.force_login(voter)
    assert "results-heading" not in client.get(priority_round.get_absolute_url()).text
    client.force_login(lead)
    page = client.get(priority_round.get_absolute_url()).text
    assert "results-heading" not in page
    assert "1 of 4 people who can vote have voted" in page  # the lead sees turnout only
    services.round_close_and_publish(priority_round, lead, early=True)
    client.force_login(voter)
    page = client.get(priority_round.get_absolute_url()).text
    assert "results-heading" in page and "1 of 4 people who could vote took part" in page


def test_an_observer_reads_the_round_but_cannot_vote(client, space, lead):
    priority_round = open_round(space, lead)
    client.force_login(space_with(SpaceRole.OBSERVER, space))
    page = client.get(priority_round.get_absolute_url())
    assert page.status_code == 200 and "ballot-heading" not in page.text
    response = client.post(
        reverse("coproduction:ballot_submit", args=[priority_round.pk]),
        {f"item_{ids(priority_round)[0]}": "1"},
    )
    assert response.status_code == 403


def test_voting_on_a_closed_round_is_refused_with_a_message(client, space, lead, voter):
    priority_round = open_round(space, lead)
    services.round_close_and_publish(priority_round, lead, early=True)
    client.force_login(voter)
    response = client.post(
        reverse("coproduction:ballot_submit", args=[priority_round.pk]),
        {f"item_{ids(priority_round)[0]}": "1"},
        follow=True,
    )
    assert "Voting is not open" in response.text
    assert not Ballot.objects.exists()


def test_closing_early_asks_for_confirmation(client, space, lead):
    priority_round = open_round(space, lead)
    client.force_login(lead)
    url = reverse("coproduction:round_close", args=[priority_round.pk])
    assert "Voting is still open" in client.get(url).text
    response = client.post(url, {})
    assert response.status_code == 400 and "Tick the box" in response.text
    priority_round.refresh_from_db()
    assert not priority_round.is_published
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    priority_round.refresh_from_db()
    assert priority_round.is_published and priority_round.closed_at


def test_a_round_of_another_space_is_not_found(client, space, lead):
    priority_round = open_round(space, lead)
    client.force_login(space_with(SpaceRole.LEAD))
    assert client.get(priority_round.get_absolute_url()).status_code == 404
    close_url = reverse("coproduction:round_close", args=[priority_round.pk])
    assert client.post(close_url, {"confirm": "yes"}).status_code == 404


def test_the_space_page_section_lists_rounds(rf, space, lead, voter):
    from django.template.loader import render_to_string

    priority_round = open_round(space, lead)
    request = rf.get("/")
    request.user = lead
    html = render_to_string(
        "coproduction/rounds/_space_rounds.html", {"space": space, "request": request}
    )
    assert priority_round.get_absolute_url() in html and "voting is open" in html
    assert reverse("coproduction:round_create", args=[space.pk]) in html
    request.user = voter
    html = render_to_string(
        "coproduction/rounds/_space_rounds.html", {"space": space, "request": request}
    )
    assert "Start a priority round" not in html


# --- Assisted participation -----------------------------------------------------------------


def test_an_ally_votes_for_a_member_who_asked(client, space, lead, voter):
    priority_round = open_round(space, lead, method=Method.APPROVAL)
    first, second = ids(priority_round)
    services.ballot_submit(priority_round, voter, {second: 1})
    ally = space_with(SpaceRole.STAFF_ALLY, space)
    client.force_login(ally)
    page = client.get(priority_round.get_absolute_url() + f"?for={voter.pk}")
    assert "You are voting for" in page.text
    assert "checked" not in page.text  # the supporter does not see the member's choices
    url = reverse("coproduction:ballot_submit", args=[priority_round.pk])
    refused = client.post(url, {"for": voter.pk, f"item_{first}": "on"})
    assert refused.status_code == 400 and "This field is required" in refused.text
    response = client.post(
        url, {"for": voter.pk, f"item_{first}": "on", "consent_note": "Asked me <b>today</b>."}
    )
    assert response.status_code == 302
    ballot = Ballot.objects.get(voter=voter)
    assert ballot.submitted_with_support_from == ally
    assert ballot.consent_note == "Asked me today."
    assert selectors.ballot_of(priority_round, voter) == {first: 1}
    assert not Ballot.objects.filter(voter=ally).exists()
    client.force_login(voter)
    page = client.get(priority_round.get_absolute_url()).text
    assert "submitted with support from" in page
    services.ballot_submit(priority_round, voter, {second: 1})  # their own vote again
    assert Ballot.objects.get(voter=voter).submitted_with_support_from is None


def test_a_secret_receipt_records_the_support(space, lead, voter):
    priority_round = open_round(space, lead, method=Method.APPROVAL, secret=True)
    ally = space_with(SpaceRole.STAFF_ALLY, space)
    services.ballot_submit(
        priority_round, voter, {ids(priority_round)[0]: 1}, supporter=ally, consent_note="Asked"
    )
    receipt = BallotReceipt.objects.get(member=voter)
    assert receipt.submitted_with_support_from == ally
    assert selectors.support_of(priority_round, voter) == ally


def test_support_needs_a_consent_note_and_a_supporter_role(space, lead, voter):
    priority_round = open_round(space, lead, method=Method.APPROVAL)
    entries = {ids(priority_round)[0]: 1}
    ally = space_with(SpaceRole.STAFF_ALLY, space)
    with pytest.raises(ValidationError, match="Say how the member asked"):
        services.ballot_submit(priority_round, voter, entries, supporter=ally)
    other_member = space_with(SpaceRole.MEMBER, space)
    with pytest.raises(ValidationError, match="Only a lead or staff ally"):
        services.ballot_submit(
            priority_round, voter, entries, supporter=other_member, consent_note="Asked"
        )
    assert not Ballot.objects.exists()


def test_only_supporters_vote_for_others_and_only_for_voters(client, space, lead, voter):
    priority_round = open_round(space, lead, method=Method.APPROVAL)
    url = reverse("coproduction:ballot_submit", args=[priority_round.pk])
    data = {f"item_{ids(priority_round)[0]}": "on", "consent_note": "Asked"}
    client.force_login(space_with(SpaceRole.OBSERVER, space))
    assert client.post(url, {**data, "for": voter.pk}).status_code == 403
    client.force_login(space_with(SpaceRole.STAFF_ALLY, space))
    outsider = space_with(SpaceRole.MEMBER)
    observer = space_with(SpaceRole.OBSERVER, space)
    assert client.post(url, {**data, "for": outsider.pk}).status_code == 404
    assert client.post(url, {**data, "for": observer.pk}).status_code == 404
    assert not Ballot.objects.exists()
