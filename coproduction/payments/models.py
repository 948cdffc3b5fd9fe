"""Involvement payments: time lived-experience members give (meetings, content reviews, other
agreed work), paid at their organisation's rate."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from cms.organisations.models import Organisation
from cms.sanitise import SanitisedCharModelField
from coproduction.meetings.models import Meeting
from coproduction.spaces.models import CoproductionSpace

__all__ = ["InvolvementRate", "InvolvementRecord"]


class InvolvementRate(models.Model):
    """The organisation's hourly rate for lived-experience involvement, set by its admins.
    Each record keeps the rate it was made at, so a later change does not rewrite the past."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="involvement_rate"
    )
    hourly_rate = models.DecimalField(
        max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0.00"))]
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.organisation}: £{self.hourly_rate} an hour"


class InvolvementRecord(models.Model):
    """Time one member gave on one occasion, what it is worth, and whether it has been paid."""

    class Kind(models.TextChoices):
        MEETING = "meeting", "Meeting"
        CONTENT_REVIEW = "content_review", "Content review"
        OTHER = "other", "Other agreed work"

    class Status(models.TextChoices):
        DUE = "due", "Due"
        PAID = "paid", "Paid"
        DECLINED = "declined", "Declined by the member"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="involvement_records"
    )
    space = models.ForeignKey(
        CoproductionSpace,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="involvement_records",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="involvement_records"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="involvement_records",
    )
    description = SanitisedCharModelField(max_length=300)
    occurred_on = models.DateField()
    minutes = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    hourly_rate = models.DecimalField(max_digits=7, decimal_places=2)
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DUE)
    paid_on = models.DateField(null=True, blank=True)
    paid_email_sent_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the member was told the record was paid: set once, so they are told once.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(meeting__isnull=False),
                name="one_involvement_record_per_meeting_and_member",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False),
                name="paid_involvement_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.member}: {self.description} ({self.occurred_on})"
