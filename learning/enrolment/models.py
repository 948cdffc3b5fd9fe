"""Who must follow which path, by when: enrolment rules, enrolments (one cycle per
recertification), the reminders sent about them, and the certificate a completed enrolment earns.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cms.organisations.models import Organisation, Role, Service


class EnrolmentRule(models.Model):
    """Everyone holding `role` in an organisation (or at one of its services) follows `path`,
    due `due_within_days` after they are enrolled. Applied daily and when a rule or membership
    is added; a person is enrolled by a rule once (recertification reopens later cycles)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="enrolment_rules"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="enrolment_rules",
        help_text="Leave empty for everyone with this role in the organisation.",
    )
    path = models.ForeignKey(
        "learning.LearningPathPage", on_delete=models.CASCADE, related_name="enrolment_rules"
    )
    due_within_days = models.PositiveIntegerField(
        default=28, help_text="How many days people have to complete the path once enrolled."
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "role", "path"],
                condition=Q(service__isnull=True),
                name="enrolment_rule_unique_organisation_wide",
            ),
            models.UniqueConstraint(
                fields=["service", "role", "path"],
                condition=Q(service__isnull=False),
                name="enrolment_rule_unique_in_service",
            ),
        ]

    def __str__(self):
        where = self.service.name if self.service_id else "whole organisation"
        return f"{self.get_role_display()} ({where}) → {self.path.title}"

    def clean(self):
        if self.service_id and self.organisation_id:
            if self.service.organisation_id != self.organisation_id:
                raise ValidationError({"service": "This service belongs to another organisation."})
        if self.path_id and self.organisation_id:
            path_organisation = self.path.specific.organisation
            if path_organisation is None or path_organisation.pk != self.organisation_id:
                raise ValidationError(
                    {"path": "This learning path belongs to another organisation."}
                )


class EnrolmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(completed_at__isnull=True)

    def completed(self):
        return self.filter(completed_at__isnull=False)

    def open_path_ids(self):
        return list(self.open().values_list("path_id", flat=True))

    def completed_latest_first(self):
        return self.completed().select_related("certificate").order_by("path_id", "-completed_at")

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_on__lt=today)


class Enrolment(models.Model):
    """A person following a path: open until they complete it. Recertification opens a new
    enrolment (the next `cycle`) for the same person and path; the database allows one open
    enrolment per person and path."""

    class Source(models.TextChoices):
        RULE = "rule", "Enrolment rule"
        ASSIGNMENT = "assignment", "Assigned by a leader"
        SELF = "self", "Self-enrolled"
        RED_FLAG = "red_flag", "Red flag"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    path = models.ForeignKey(
        "learning.LearningPathPage", on_delete=models.CASCADE, related_name="enrolments"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="enrolments",
        help_text="The organisation whose path this is.",
    )
    source = models.CharField(max_length=16, choices=Source.choices)
    rule = models.ForeignKey(
        EnrolmentRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="enrolments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(
        max_length=300, blank=True, help_text="Why it was assigned, e.g. the red flag."
    )
    due_on = models.DateField(null=True, blank=True)
    enrolled_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    cycle = models.PositiveIntegerField(
        default=1, help_text="1 for the first time through, 2 after the first recertification, ..."
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "enrolled_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "path"],
                condition=Q(completed_at__isnull=True),
                name="enrolment_one_open_per_user_and_path",
            ),
            models.UniqueConstraint(
                fields=["user", "path", "cycle"], name="enrolment_cycle_unique"
            ),
        ]
        # The xAPI export reads an organisation's enrolments oldest first, by enrolment and by
        # completion, through a cursor: in index order its first rows come at once, where a sort
        # would first read them all (xapi.statements).
        indexes = [
            models.Index(fields=["organisation", "due_on"]),
            models.Index(fields=["organisation", "enrolled_at", "id"], name="enrolment_enrolled"),
            models.Index(
                fields=["organisation", "completed_at", "id"],
                name="enrolment_completed",
                condition=Q(completed_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.path.title} (cycle {self.cycle})"

    @property
    def is_complete(self):
        return self.completed_at is not None

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return not self.is_complete and self.due_on is not None and self.due_on < today


class ReminderSent(models.Model):
    """A reminder email about an enrolment. The row is claimed before the email goes out, and
    the unique constraint means each kind is sent once per enrolment, however often the task
    runs."""

    class Kind(models.TextChoices):
        WEEK_BEFORE = "week_before", "A week before the due date"
        OVERDUE = "overdue", "Overdue"

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "kind"], name="reminder_sent_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder for enrolment {self.enrolment_id}"


# Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is unambiguous.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 random bits


def new_verification_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_verification_code(text):
    """A typed code as stored: capitals, no spaces or dashes, and the letters people confuse
    with digits read as the digits."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def _certificate_upload_to(instance, filename):
    # A random name, unrelated to the code: the file is only ever served through the view.
    return f"learning/certificates/{secrets.token_hex(16)}.pdf"


class Certificate(models.Model):
    """The certificate a completed enrolment earns, with a code anyone can verify. The learner's
    name and the path's title are kept as they were when it was issued."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_verification_code)
    learner_name = models.CharField(max_length=300)
    path_title = models.CharField(max_length=255)
    completed_on = models.DateField()
    issued_at = models.DateTimeField(default=timezone.now)
    pdf = models.FileField(upload_to=_certificate_upload_to, blank=True)
    emailed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the learner was emailed the link. Set once, so the email is sent once.",
    )

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self):
        return f"Certificate {self.display_code} – {self.learner_name} – {self.path_title}"

    @property
    def display_code(self):
        """The code in groups of four, as printed: ABCD-EFGH-JKMN."""
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def organisation(self):
        """For the permission rules: the organisation whose path this certifies."""
        return self.enrolment.organisation

    @property
    def user(self):
        return self.enrolment.user
