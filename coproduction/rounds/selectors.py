"""Reads about priority rounds: who may vote, a voter's ballot, turnout and results."""

from dataclasses import dataclass
from fractions import Fraction

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum

from coproduction.rounds.models import (
    Ballot,
    BallotEntry,
    BallotReceipt,
    PriorityRound,
    SecretBallot,
    SecretBallotEntry,
)
from coproduction.spaces.models import AgendaItem, SpaceRole

from .ranking import competition_ranks

VOTING_ROLES = (SpaceRole.LEAD, SpaceRole.MEMBER)


def voting_roles(space):
    if space.allies_may_propose_and_vote:
        return (*VOTING_ROLES, SpaceRole.STAFF_ALLY)
    return VOTING_ROLES


def eligible_voters(space):
    """The people who may vote in the space's rounds: its lived-experience leads and members,
    and its staff allies when the lead lets them vote."""
    return get_user_model().objects.filter(
        is_active=True,
        space_memberships__space=space,
        space_memberships__role__in=voting_roles(space),
    )


def is_eligible_voter(space, user):
    return user.is_authenticated and eligible_voters(space).filter(pk=user.pk).exists()


def may_support_voters(space, user):
    """Leads and staff allies may submit a ballot for a member who asked them to."""
    return (
        user.is_authenticated
        and space.members.filter(
            user=user, role__in=(SpaceRole.LEAD, SpaceRole.STAFF_ALLY)
        ).exists()
    )


def supported_voters(space, supporter):
    """The members `supporter` may vote for: every eligible voter but themselves."""
    return eligible_voters(space).exclude(pk=supporter.pk).order_by("first_name", "email")


def support_of(priority_round, user):
    """Who submitted the voter's ballot for them, or None."""
    model = BallotReceipt if priority_round.secret else Ballot
    filters = {"member": user} if priority_round.secret else {"voter": user}
    row = (
        model.objects.filter(round=priority_round, **filters)
        .select_related("submitted_with_support_from")
        .first()
    )
    return row.submitted_with_support_from if row else None


def shortlisted_items(space):
    return AgendaItem.objects.filter(space=space, status=AgendaItem.Status.SHORTLISTED).order_by(
        "title"
    )


def round_items(priority_round):
    return priority_round.items.select_related("agenda_item").order_by("pk")


def ballot_of(priority_round, user):
    """The voter's current choices as {round item id: value}, or None when they have not voted.
    In a secret round this is found through the voter key only while the round is open; when
    it closes the ballots are rewritten without keys and nobody can find it again."""
    if priority_round.secret:
        key = priority_round.voter_key(user)
        ballot = SecretBallot.objects.filter(round=priority_round, voter_key=key).first()
        if ballot is None:
            return None
        entries = SecretBallotEntry.objects.filter(ballot=ballot)
    else:
        ballot = Ballot.objects.filter(round=priority_round, voter=user).first()
        if ballot is None:
            return None
        entries = BallotEntry.objects.filter(ballot=ballot)
    return dict(entries.values_list("round_item_id", "value"))


def has_voted(priority_round, user):
    if priority_round.secret:
        return BallotReceipt.objects.filter(round=priority_round, member=user).exists()
    return Ballot.objects.filter(round=priority_round, voter=user).exists()


@dataclass(frozen=True)
class Turnout:
    voted: int
    eligible: int

    @property
    def percent(self):
        return round(100 * self.voted / self.eligible) if self.eligible else 0


def round_turnout(priority_round):
    if priority_round.secret:
        voted = SecretBallot.objects.filter(round=priority_round).count()
    else:
        voted = Ballot.objects.filter(round=priority_round).count()
    return Turnout(voted=voted, eligible=eligible_voters(priority_round.space).count())


@dataclass(frozen=True)
class ResultRow:
    item: object  # the RoundItem
    score: object  # int (dots, approvals), Fraction (mean rank) or None (nobody ranked it)
    voters: int  # how many voters gave it a dot, approved it or ranked it
    rank: int

    @property
    def score_display(self):
        if self.score is None:
            return "–"
        if isinstance(self.score, Fraction):
            return f"{float(self.score):.2f}".rstrip("0").rstrip(".")
        return str(self.score)


@dataclass(frozen=True)
class RoundResults:
    rows: list
    turnout: Turnout
    lower_is_better: bool


def round_results(priority_round):
    """Rows (item, score, voters, rank), best first, with standard competition ranking: equal
    scores share a rank (1, 2, 2, 4). Dots and approvals: the total, higher is better. Ranking:
    the mean rank among the voters who ranked the item, lower is better; an item nobody ranked
    comes last. Readers must check that the results are published before showing them."""
    entry_path = "secret_ballot_entries" if priority_round.secret else "ballot_entries"
    items = list(
        round_items(priority_round).annotate(
            total=Sum(f"{entry_path}__value", filter=Q(**{f"{entry_path}__value__gt": 0})),
            voters=Count(f"{entry_path}", filter=Q(**{f"{entry_path}__value__gt": 0})),
        )
    )
    ranking = priority_round.method == PriorityRound.Method.RANKING
    scores = []
    for item in items:
        if ranking:
            scores.append(Fraction(item.total, item.voters) if item.voters else None)
        else:
            scores.append(item.total or 0)
    ranks = competition_ranks(scores, lower_is_better=ranking)
    rows = [
        ResultRow(item=item, score=score, voters=item.voters, rank=rank)
        for item, score, rank in zip(items, scores, ranks, strict=True)
    ]
    rows.sort(key=lambda row: (row.rank, row.item.agenda_item.title.lower()))
    return RoundResults(rows=rows, turnout=round_turnout(priority_round), lower_is_better=ranking)
