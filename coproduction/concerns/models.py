"""Concerns: raised by anyone (with or without an account), stored first, then routed, and never
closed without an outcome fed back to the person who raised it.

Anonymous means anonymous: an anonymous concern stores no user, no contact, no IP address and
no user agent (none of these columns exist for it; check constraints hold the rest). A visitor
without an account follows their concern with a private tracking code, of which only a hash is
stored, like a password.

A member of staff can raise a concern as speaking up (Freedom to Speak Up): its `SpeakUpCase`
holds what the national return records, and it goes to the speak-up lead, outside the line."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from cms.organisations.models import Organisation, Service
from cms.sanitise import SanitisedCharModelField, SanitisedTextField

__all__ = ["Concern", "ConcernContacts", "ConcernEvent", "SpeakUpCase"]


class Concern(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        LOOKING_INTO = "looking_into", "Being looked into"
        OUTCOME_SHARED = "outcome_shared", "Outcome shared"
        CLOSED = "closed", "Closed"

    class Route(models.TextChoices):
        SAFEGUARDING = "safeguarding", "Safeguarding leads"
        HOSTS = "hosts", "Forum hosts"
        SPEAK_UP = "speak_up", "Speak-up leads"

    class RaiserRole(models.TextChoices):
        FAMILY = "family", "Family member or friend"
        STAFF = "staff", "Staff"
        LIVED_EXPERIENCE = "lived_experience", "Lived-experience member"
        PERSON = "person", "Person using the service"
        VISITOR = "visitor", "Visitor or someone else"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="concerns"
    )
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="concerns")
    # A short reference people can quote ("C-7KQ3M2"); not secret.
    reference = models.CharField(max_length=16, unique=True)
    # Visitors without an account follow their concern with a code only they hold.
    tracking_code_hash = models.CharField(max_length=128, blank=True, editable=False)
    anonymous = models.BooleanField(
        default=False, help_text="Nothing that could identify the person is stored."
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns_raised",
    )
    raiser_role = models.CharField(max_length=20, choices=RaiserRole.choices)
    contact_name = SanitisedCharModelField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    what_happened = SanitisedTextField(html=False)
    # The raiser agreed what happened may be quoted in reports, without their name. A concern's
    # words are sensitive: no by default, and never for speaking up or a possible safeguarding
    # concern (coproduction/concerns/services.py stores no for those, whatever was ticked).
    may_quote = models.BooleanField("may be quoted", default=False)
    who_is_affected = SanitisedTextField(html=False, blank=True)
    at_risk_now = models.BooleanField(help_text="Is anyone at risk of harm now?")
    possible_safeguarding = models.BooleanField(
        default=False, help_text="Could this be abuse or neglect? It goes to safeguarding leads."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    route = models.CharField(max_length=16, choices=Route.choices, blank=True)
    routed_at = models.DateTimeField(null=True, blank=True)
    acknowledge_by = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    last_alerted_at = models.DateTimeField(null=True, blank=True)
    alerts_sent = models.PositiveSmallIntegerField(default=0)
    escalated_at = models.DateTimeField(null=True, blank=True)
    outcome = SanitisedTextField(
        html=False, blank=True, help_text="Written to the person who raised it."
    )
    outcome_shared_at = models.DateTimeField(null=True, blank=True)
    outcome_email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    feedback_item = models.OneToOneField(
        "FeedbackItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="concern"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "acknowledge_by"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=False)
                | (Q(raised_by__isnull=True) & Q(contact_name="") & Q(contact_email="")),
                name="anonymous_concern_names_nobody",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["outcome_shared", "closed"]) | ~Q(outcome=""),
                name="concern_outcome_before_closing",
            ),
        ]

    def __str__(self):
        return f"Concern {self.reference}"

    def get_absolute_url(self):
        return reverse("coproduction:concern_detail", kwargs={"concern_id": self.pk})


class ConcernEvent(models.Model):
    """The audit trail: every change to a concern, who made it and when. Never changed."""

    class Kind(models.TextChoices):
        RAISED = "raised", "Raised"
        ROUTED = "routed", "Routed"
        ALERTED = "alerted", "Alert sent"
        ESCALATED = "escalated", "Escalated to leaders"
        STATUS = "status", "Status changed"
        NOTE = "note", "Note"

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    from_status = models.CharField(max_length=20, choices=Concern.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Concern.Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = SanitisedTextField(html=False, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.concern}: {self.get_kind_display()}"


class ConcernContacts(models.Model):
    """What a person at risk now should do, per service: shown before anything else."""

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, related_name="concern_contacts"
    )
    safeguarding_team = SanitisedCharModelField(
        max_length=200, help_text="The local authority's adult safeguarding team."
    )
    safeguarding_phone = models.CharField(max_length=40)
    safeguarding_email = models.EmailField(blank=True)
    out_of_hours_phone = models.CharField(max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "safeguarding contacts"
        verbose_name_plural = "safeguarding contacts"

    def __str__(self):
        return f"Safeguarding contacts for {self.service}"


class SpeakUpCase(models.Model):
    """A staff concern raised through the speak-up route (Freedom to Speak Up): what the
    national return records of each case (../shared/domain/CQC-AND-SPEAK-UP.md): its categories
    (one or more), the professional group of the person, whether they say they suffered
    detriment for speaking up, and, once the outcome is fed back, whether they would speak up
    again. The concern itself keeps everything else (what happened, its statuses, its outcome).

    It goes to the speak-up lead, a route outside the line (coproduction/concerns/rules.py). It
    carries no user and no timestamp of its own: an anonymous case is as anonymous as its
    concern, and the answer about speaking up again is stored without saying when it came."""

    class ProfessionalGroup(models.TextChoices):
        REGISTERED_NURSES = "registered_nurses", "Registered nurses and midwives"
        CARE_ASSISTANTS = "care_assistants", "Nursing or care assistants"
        ALLIED_HEALTH = "allied_health", "Allied health professionals"
        MEDICAL = "medical", "Medical"
        ADMINISTRATIVE = "administrative", "Administrative and clerical"
        ESTATES_ANCILLARY = (
            "estates_ancillary",
            "Estates and ancillary (for example porters and cleaners)",
        )
        OTHER = "other", "Other"
        NOT_SAID = "not_said", "I would rather not say"

    class Again(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        MAYBE = "maybe", "Maybe"
        DONT_KNOW = "dont_know", "I don’t know"

    # The national return's categories, in its order: (field, label).
    CATEGORIES = (
        ("patient_safety", "Patient safety or quality of care"),
        ("worker_safety", "Worker safety or wellbeing"),
        ("bullying", "Bullying or harassment"),
        ("attitudes", "Inappropriate attitudes or behaviours"),
        ("other_category", "Other"),
    )

    concern = models.OneToOneField(
        Concern, on_delete=models.CASCADE, primary_key=True, related_name="speak_up"
    )
    patient_safety = models.BooleanField("Patient safety or quality of care", default=False)
    worker_safety = models.BooleanField("Worker safety or wellbeing", default=False)
    bullying = models.BooleanField("Bullying or harassment", default=False)
    attitudes = models.BooleanField("Inappropriate attitudes or behaviours", default=False)
    other_category = models.BooleanField("Other", default=False)
    professional_group = models.CharField(max_length=20, choices=ProfessionalGroup.choices)
    detriment = models.BooleanField(
        help_text="The person says they suffered detriment (were treated worse) for speaking up."
    )
    would_speak_up_again = models.CharField(
        max_length=10,
        choices=Again.choices,
        blank=True,
        help_text="Asked of the person who raised it once the outcome is fed back.",
    )

    class Meta:
        verbose_name = "speak-up case"
        constraints = [
            models.CheckConstraint(
                condition=Q(patient_safety=True)
                | Q(worker_safety=True)
                | Q(bullying=True)
                | Q(attitudes=True)
                | Q(other_category=True),
                name="speak_up_case_has_a_category",
            ),
        ]

    def __str__(self):
        return f"Speak-up case {self.concern.reference}"

    @property
    def categories(self):
        """The labels of the case's categories, in the national return's order."""
        return [label for name, label in self.CATEGORIES if getattr(self, name)]
