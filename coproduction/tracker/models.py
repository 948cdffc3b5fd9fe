from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from cms.organisations.models import Organisation, Service
from cms.periods import month_label
from cms.sanitise import SanitisedCharModelField, SanitisedTextField
from coproduction.rounds.models import PriorityRound
from coproduction.spaces.models import AgendaItem, CoproductionSpace

__all__ = ["Action", "FeedbackItem", "OutcomeResponse", "Theme"]


class Theme(models.Model):
    """A tag from the taxonomy (INDICATORS.md section F): a source of avoidable harm, a hallmark
    of a closed culture, or a harm-minimisation recommendation. Seeded by a data migration."""

    class Group(models.TextChoices):
        HARM = "harm", "Source of harm"
        HALLMARK = "hallmark", "Hallmark of a closed culture"
        RECOMMENDATION = "recommendation", "Recommendation"

    key = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=200)
    group = models.CharField(max_length=16, choices=Group.choices)
    rank = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["group", "rank", "key"]

    def __str__(self):
        return self.label


class FeedbackItem(models.Model):
    """One piece of feedback about a service, tagged so repeated themes across channels show.
    Nothing here identifies the person who gave it."""

    class Channel(models.TextChoices):
        FORUM = "forum", "Family forum"
        SURVEY = "survey", "Survey"
        CONCERN = "concern", "Concern"
        COPRODUCTION = "coproduction", "Co-production"
        ADVOCACY = "advocacy", "Advocacy"
        SPEAK_UP = "speak_up", "Speak-up"
        COMPLAINT = "complaint", "Complaint"

    class GiverRole(models.TextChoices):
        PERSON = "person", "Person using the service"
        FAMILY = "family", "Family member"
        STAFF = "staff", "Staff"
        LIVED_EXPERIENCE = "lived_experience", "Lived-experience member"
        ADVOCATE = "advocate", "Advocate"
        OTHER = "other", "Other"

    # Channels where the giver may be anonymous: the recorder is never kept or shown.
    ANONYMOUS_CHANNELS = frozenset({Channel.SPEAK_UP, Channel.CONCERN, Channel.SURVEY})

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="feedback_items")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    giver_role = models.CharField(
        "who gave it", max_length=20, choices=GiverRole.choices, default=GiverRole.OTHER
    )
    received_on = models.DateField()
    themes = models.ManyToManyField(Theme, blank=True, related_name="feedback_items")
    text = SanitisedTextField(html=False, help_text="What was said, without names.")
    # Consent for quotes: the giver agreed these words may be quoted in reports, without their
    # name. Copied from where they wrote it (a question, a concern, a survey answer) and kept
    # in step when they withdraw it. Speak-up is never quoted (the constraint below).
    may_quote = models.BooleanField(
        "may be quoted",
        default=False,
        help_text="The person who gave it agreed their words may be quoted in reports.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        # repeated_themes filters on the window and a service (or an organisation's services)
        # in WHERE. EXPLAIN ANALYZE, 200,000 items and 400,000 theme tags over 3 years in 47
        # services (PostgreSQL, issue 16): one service, by (service, received_on), 1,936 ms
        # (every item of every organisation, sorted on disk) -> 11 ms; an organisation of 44
        # of the services, by (received_on), 497 ms -> 139 ms.
        indexes = [
            models.Index(fields=["service", "received_on"]),
            models.Index(fields=["received_on"], name="feedback_item_received_on"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(channel="speak_up") | Q(may_quote=False),
                name="speak_up_is_never_quoted",
            )
        ]

    def __str__(self):
        return f"{self.get_channel_display()} feedback, {self.received_on:%d %b %Y}"

    @property
    def month_only(self):
        """Speak-up, concerns and surveys are shown by month, never by day (INDICATORS.md G:
        in a small team a date can identify the person)."""
        return self.channel in self.ANONYMOUS_CHANNELS

    @property
    def received_display(self):
        return month_label(self.received_on) if self.month_only else f"{self.received_on:%-d %b %Y}"

    @property
    def received_iso(self):
        return f"{self.received_on:%Y-%m}" if self.month_only else self.received_on.isoformat()

    @property
    def organisation_id(self):
        return self.service.organisation_id

    @property
    def organisation(self):
        return self.service.organisation


class Action(models.Model):
    """Something the organisation will do about an agenda item or a piece of feedback. When done,
    its plain-language outcome is published as "you said, we did"."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="coproduction_actions"
    )
    space = models.ForeignKey(
        CoproductionSpace,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coproduction_actions",
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    feedback_item = models.ForeignKey(
        FeedbackItem, on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    # Set when the action answers a priority round's result; the agenda item is the one voted on.
    priority_round = models.ForeignKey(
        PriorityRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    title = SanitisedCharModelField(max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_coproduction_actions",
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    outcome = SanitisedTextField(
        html=False, blank=True, help_text="What was done, in plain words. Needed to mark it done."
    )
    outcome_published_at = models.DateTimeField(null=True, blank=True)
    outcome_email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    recommendation_themes = models.ManyToManyField(Theme, blank=True, related_name="actions")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="raised_coproduction_actions",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agenda_item__isnull=True) | Q(feedback_item__isnull=True),
                name="action_has_at_most_one_source",
            ),
            models.CheckConstraint(
                condition=Q(priority_round__isnull=True) | Q(agenda_item__isnull=False),
                name="action_from_round_names_its_item",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(outcome=""),
                name="action_done_has_outcome",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coproduction:action_edit", kwargs={"action_id": self.pk})

    @property
    def is_done(self):
        return self.status == self.Status.DONE


class OutcomeResponse(models.Model):
    """The raiser's answer: did the outcome address what they raised?"""

    class Addressed(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "Partly"
        NO = "no", "No"

    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="response")
    addressed = models.CharField(max_length=8, choices=Addressed.choices)
    comment = SanitisedTextField(html=False, blank=True)
    responded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.action}: {self.get_addressed_display()}"
