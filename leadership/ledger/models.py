"""The quality-statement ledger: a regulator's framework, versioned, and the map of what on the
platform evidences each of its statements.

A `Framework` is one version of a framework (CQC's single assessment framework: five key
questions, 34 quality statements, six evidence categories), loaded as data. The site's own
versions have no organisation; an organisation admin may load a later version for their
organisation. Nothing of an earlier version is changed or deleted when a later one is loaded:
its statements and the links mapped to them stay, readable, and the organisation moves on to the
new version (`FrameworkChoice`).

An `EvidenceLink` says that one source evidences one statement in one evidence category: a
figure (an indicator key of cms.indicators), a red-flag rule (leadership.flags) or a kind of
evidence a plugin registered (cms.evidence), with the parameters the kind takes. The links of
the site's map have no organisation; an organisation can add its own.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from cms.organisations.models import Organisation


class Framework(models.Model):
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=40)
    source = models.TextField(blank=True, help_text="Where the framework comes from.")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quality_frameworks",
        help_text="Empty for a version every organisation can use.",
    )
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "loaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "version"],
                condition=Q(organisation__isnull=True),
                name="one_site_framework_per_version",
            ),
            models.UniqueConstraint(
                fields=["organisation", "name", "version"],
                name="one_organisation_framework_per_version",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.version})"


class KeyQuestion(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="questions")
    slug = models.SlugField(max_length=100)
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="one_key_question_per_slug")
        ]

    def __str__(self):
        return self.title


class QualityStatement(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="statements")
    key_question = models.ForeignKey(
        KeyQuestion, on_delete=models.CASCADE, related_name="statements"
    )
    slug = models.SlugField(max_length=100)
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["key_question__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="one_statement_per_slug")
        ]

    def __str__(self):
        return self.title


class EvidenceCategory(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="categories")
    slug = models.SlugField(max_length=100)
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["framework", "order"]
        verbose_name_plural = "evidence categories"
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="one_category_per_slug")
        ]

    def __str__(self):
        return self.title


class EvidenceLink(models.Model):
    class Kind(models.TextChoices):
        INDICATOR = "indicator", "Figure"
        RULE = "rule", "Red-flag rule"
        EVIDENCE = "evidence", "Evidence"

    statement = models.ForeignKey(QualityStatement, on_delete=models.CASCADE, related_name="links")
    category = models.ForeignKey(EvidenceCategory, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=100)
    params = models.JSONField(default=dict, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for a link of the site's map.",
    )

    class Meta:
        ordering = ["statement", "category__order", "kind", "key"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key} → {self.statement}"


class FrameworkChoice(models.Model):
    """The framework version an organisation's ledger reads; without one, the site's latest."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="framework_choice"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    chosen_at = models.DateTimeField(auto_now=True)


def _pack_path(instance, filename):
    # An unguessable name: the file is served only through a view that checks the role.
    return f"leadership/inspection-packs/{instance.service.organisation_id}/{instance.key}.pdf"


class InspectionPack(models.Model):
    """One service's inspection pack: the ledger as a PDF, made by a Celery task through
    `cms.pdf`, kept so what was shown to an inspector stays on record."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    service = models.ForeignKey(
        "organisations.Service", on_delete=models.CASCADE, related_name="inspection_packs"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    start = models.DateField()
    end = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    pdf = models.FileField(upload_to=_pack_path, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"Inspection pack for {self.service}, {self.start:%b %Y} to {self.end:%b %Y}"
