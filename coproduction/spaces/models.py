from django.conf import settings
from django.db import models
from django.urls import reverse

from cms.organisations.models import Organisation, Service
from cms.sanitise import SanitisedCharModelField, SanitisedTextField

__all__ = [
    "AgendaComment",
    "AgendaItem",
    "AgendaItemSupport",
    "AgendaStatusChange",
    "CoproductionSpace",
    "SpaceMembership",
    "SpaceRole",
]


class SpaceRole(models.TextChoices):
    LEAD = "lead", "Lived-experience lead"
    MEMBER = "member", "Lived-experience member"
    STAFF_ALLY = "staff_ally", "Staff ally"
    OBSERVER = "observer", "Observer"


class CoproductionSpace(models.Model):
    """A place where people with lived experience set the agenda. Private to its members."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="coproduction_spaces"
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coproduction_spaces",
        help_text="Leave empty for a space for the whole organisation.",
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100)
    purpose = models.TextField(help_text="What the space is for, in plain words.")
    how_it_works = models.TextField(blank=True)
    accessibility_notes = models.TextField(
        blank=True, help_text="Easy-read papers, hearing loop, quiet room, breaks, ..."
    )
    allies_may_propose_and_vote = models.BooleanField(
        default=False,
        help_text="Let staff allies propose agenda items and vote. Only the lead can change this.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="space_slug_unique_in_organisation"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("coproduction:space_detail", kwargs={"space_id": self.pk})


class SpaceMembership(models.Model):
    """A person's role in one space."""

    space = models.ForeignKey(CoproductionSpace, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_memberships"
    )
    role = models.CharField(max_length=16, choices=SpaceRole.choices)
    joined_at = models.DateTimeField(auto_now_add=True)
    welcome_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["space", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="one_role_per_space_member")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.space}"


class AgendaItem(models.Model):
    """Something a member wants the space to take up."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        SHORTLISTED = "shortlisted", "Shortlisted"
        ON_AGENDA = "on_agenda", "On an agenda"
        DISCUSSED = "discussed", "Discussed"
        ACTION_AGREED = "action_agreed", "Action agreed"
        CLOSED = "closed", "Closed with an outcome"
        NOT_TAKEN_FORWARD = "not_taken_forward", "Not taken forward"

    space = models.ForeignKey(
        CoproductionSpace, on_delete=models.CASCADE, related_name="agenda_items"
    )
    title = SanitisedCharModelField(max_length=200)
    about = SanitisedTextField(html=False, help_text="What it is about.")
    why_it_matters = SanitisedTextField(html=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposed_agenda_items"
    )
    # Assisted participation: someone submitted this for the proposer, who asked them to.
    submitted_with_support_from = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supported_agenda_items",
    )
    consent_note = models.TextField(
        blank=True, help_text="How the member asked for this to be submitted for them."
    )
    # The proposer agreed the item's words may be quoted in reports, without their name.
    may_quote = models.BooleanField("may be quoted", default=False)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.PROPOSED)
    status_reason = SanitisedTextField(
        html=False, blank=True, help_text="The outcome, or why it was not taken forward."
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_items"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "coproduction:agenda_item_detail",
            kwargs={"space_id": self.space_id, "item_id": self.pk},
        )


class AgendaItemSupport(models.Model):
    """A member's "I support this" on an agenda item: at most one per person and item."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "user"], name="one_support_per_person")
        ]

    def __str__(self):
        return f"{self.user} supports {self.item}"


class AgendaComment(models.Model):
    """What a member or staff ally said about an agenda item, in plain text."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_comments"
    )
    body = SanitisedTextField(html=False)
    may_quote = models.BooleanField("may be quoted", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Comment by {self.author} on {self.item}"


class AgendaStatusChange(models.Model):
    """One move of an agenda item from a status to another: who made it, when and why."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=24, choices=AgendaItem.Status.choices)
    to_status = models.CharField(max_length=24, choices=AgendaItem.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    reason = SanitisedTextField(html=False, blank=True)
    proposer_told_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.item}: {self.from_status} -> {self.to_status}"
