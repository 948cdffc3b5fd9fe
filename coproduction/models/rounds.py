"""Priority rounds: members of a space vote on the shortlisted agenda items.

A round is open ballot (one `Ballot` per voter, which the voter can see and change) or secret
(see `SecretBallot` for how the content is kept apart from the person).
"""

import hashlib
import hmac
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from cms.sanitise import SanitisedTextField

from .spaces import AgendaItem, CoproductionSpace

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
    title = models.CharField(max_length=200)
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

    Why the database cannot tell who cast it:
    - no column points at a user, and there is no timestamp to match against sign-in logs or
      against the receipt;
    - the primary key (and that of every entry) is a random UUID, so the order of rows says
      nothing about the order in which people voted, which `BallotReceipt` could reveal;
    - `BallotReceipt` records only *that* a member voted: no timestamp, no link to a ballot;
    - to let the member change their ballot while the round is open, the ballot carries a
      `voter_key`: HMAC-SHA256 of "<round id>:<user id>" keyed with the site's SECRET_KEY. Without
      the key (which is not in the database) it cannot be computed from a user id, nor reversed.
      A changed ballot is deleted and written afresh, with a new UUID.
    - When the lead closes the round, and in any case by the daily sweep after its closing time
      (`coproduction.rounds.tasks.erase_secret_voter_keys`), every `voter_key` of the round is
      erased, so from then on not even someone holding both the database and SECRET_KEY can
      link a ballot to a member.
    What remains: while a round is open, someone with both the database and SECRET_KEY could
    compute each member's key; and the database server's own write-ahead log and physical row
    order are outside what a schema can hide.
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
    """What a secret ballot gives one item; as `BallotEntry`, with a random primary key."""

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
    A random primary key, so the order of receipts says nothing either. When someone voted for
    the member at their request, the receipt says who (they filled in the ballot, so they know
    it; the ballot itself still holds nothing about either of them)."""

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
