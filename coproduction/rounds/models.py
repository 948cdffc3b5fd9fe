"""Priority rounds: members of a space vote on the shortlisted agenda items.

A round is open ballot (one `Ballot` per voter, which the voter can see and change) or secret
(see `SecretBallot` for what is kept apart from the person, and when).
"""

import hashlib
import hmac
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from cms.sanitise import SanitisedCharModelField, SanitisedTextField
from coproduction.spaces.models import AgendaItem, CoproductionSpace

__all__ = [
    "Ballot",
    "BallotEntry",
    "BallotReceipt",
    "PriorityRound",
    "RoundItem",
    "SecretBallot",
    "SecretBallotEntry",
]


class PriorityRound(models.Model):
    """A vote over shortlisted agenda items, run by a lived-experience lead of the space.

    Open from `opens_at` until `closes_at` (or until the lead closes it early: `closed_at`).
    Results stay hidden until `results_published_at`."""

    class Method(models.TextChoices):
        DOT = "dot", "Dot voting"
        APPROVAL = "approval", "Approval voting"
        RANKING = "ranking", "Ranking"

    space = models.ForeignKey(
        CoproductionSpace, on_delete=models.CASCADE, related_name="priority_rounds"
    )
    title = SanitisedCharModelField(max_length=200)
    method = models.CharField(max_length=16, choices=Method.choices, default=Method.DOT)
    dots_per_voter = models.PositiveSmallIntegerField(
        default=5, help_text="Dot voting: how many dots each person has."
    )
    max_dots_per_item = models.PositiveSmallIntegerField(
        default=3, help_text="Dot voting: the most dots a person can put on one item."
    )
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the lead closed the round (early or on time)."
    )
    secret = models.BooleanField(
        default=False, help_text="Nobody, not even the lead, can see how a person voted."
    )
    results_published_at = models.DateTimeField(null=True, blank=True)
    secret_ballots_rewritten_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="Secret round: when its ballots were shuffled and stored again under new "
        "keys, after voting closed.",
    )
    secret_ballots_sealed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="Secret round: when the old copies of its ballots were vacuumed away, after "
        "they were rewritten.",
    )
    opened_email_sent_at = models.DateTimeField(null=True, blank=True)
    results_email_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="priority_rounds_created"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="round_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coproduction:round_detail", kwargs={"round_id": self.pk})

    def is_open(self, now=None):
        now = now or timezone.now()
        return (
            self.opens_at <= now < self.closes_at
            and self.closed_at is None
            and self.results_published_at is None
        )

    def is_closed(self, now=None):
        now = now or timezone.now()
        return (
            self.closed_at is not None
            or self.results_published_at is not None
            or now >= self.closes_at
        )

    def has_started(self, now=None):
        return (now or timezone.now()) >= self.opens_at

    @property
    def is_published(self):
        return self.results_published_at is not None

    def voter_key(self, user):
        """The secret-ballot key of `user` in this round (see `SecretBallot`)."""
        message = f"{self.pk}:{user.pk}".encode()
        return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


class RoundItem(models.Model):
    """A shortlisted agenda item put to the vote in a round."""

    round = models.ForeignKey(PriorityRound, on_delete=models.CASCADE, related_name="items")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="round_items"
    )

    class Meta:
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "agenda_item"], name="item_once_per_round")
        ]

    def __str__(self):
        return str(self.agenda_item)


class Ballot(models.Model):
    """One voter's ballot in an open (not secret) round. The database allows one per voter per
    round, so simultaneous submissions cannot create two."""

    round = models.ForeignKey(PriorityRound, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ballots"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Assisted participation: a lead or staff ally submitted this for the member, who asked them
    # to; shown to the member as "submitted with support from".
    submitted_with_support_from = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="%(class)ss_supported",
    )
    consent_note = SanitisedTextField(
        html=False, blank=True, help_text="How the member asked for their vote to be submitted."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "voter"], name="one_ballot_per_voter")
        ]

    def __str__(self):
        return f"Ballot of {self.voter} in {self.round}"


class BallotEntry(models.Model):
    """What a ballot gives one item: its dots, 1 for approved, or its rank (1 = first)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="entries")
    round_item = models.ForeignKey(
        RoundItem, on_delete=models.CASCADE, related_name="ballot_entries"
    )
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "round_item"], name="one_entry_per_item")
        ]


class SecretBallot(models.Model):
    """The content of one member's ballot in a secret round, kept apart from the member.

    What the schema keeps apart: no column points at a person, none holds a time, and the keys
    are random UUIDs (version 4). `BallotReceipt` records only *that* a member voted. To let a
    member change their ballot while the round is open, the ballot carries a `voter_key`:
    HMAC-SHA256 of "<round id>:<user id>" keyed with SECRET_KEY (not in the database).

    What a database administrator can still infer while the round is open: the ballot and the
    member's receipt are written in one transaction, so the database's own bookkeeping (the
    `xmin` of the rows, their physical order, `ctid`, the old row versions a change leaves
    behind) shows which ballot each member cast. The schema cannot hide that, and members are
    told so on the voting page.

    What holds once the round closes (`coproduction.rounds.services.secret_rounds_seal`): in
    one transaction every secret ballot of the round, its entries and its receipts are deleted
    and written again in a random order (`secrets.SystemRandom`) under new keys, without voter
    keys; then the tables are rewritten by VACUUM FULL, so no old row version stays in a page.
    From then on nothing in the database (system columns, row order, keys, dead rows) links a
    ballot to a member. Copies made while the round was open (backups, the write-ahead log,
    replicas) are outside what the application can clear.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        PriorityRound, on_delete=models.CASCADE, related_name="secret_ballots"
    )
    voter_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "voter_key"], name="one_secret_ballot_per_voter_key"
            )
        ]

    def __str__(self):
        return "Secret ballot"


class SecretBallotEntry(models.Model):
    """What a secret ballot gives one item; as `BallotEntry`, with a random primary key.
    Rewritten with its ballot when the round closes (see `SecretBallot`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(SecretBallot, on_delete=models.CASCADE, related_name="entries")
    round_item = models.ForeignKey(
        RoundItem, on_delete=models.CASCADE, related_name="secret_ballot_entries"
    )
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "round_item"], name="one_secret_entry_per_item"
            )
        ]


class BallotReceipt(models.Model):
    """That a member voted in a secret round, and nothing else: no time, no link to a ballot.
    Receipts are written again in a random order with new keys when the round closes, with the
    ballots, so their own order no longer shows who voted when. When someone voted for the
    member at their request, the receipt says who (they filled in the ballot, so they know it;
    the ballot itself still holds nothing about either of them)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(PriorityRound, on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ballot_receipts"
    )
    # Assisted participation: a lead or staff ally submitted this for the member, who asked them
    # to; shown to the member as "submitted with support from".
    submitted_with_support_from = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="%(class)ss_supported",
    )
    consent_note = SanitisedTextField(
        html=False, blank=True, help_text="How the member asked for their vote to be submitted."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="one_receipt_per_member")
        ]

    def __str__(self):
        return f"{self.member} voted in {self.round}"
