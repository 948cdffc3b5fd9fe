import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class Role(models.TextChoices):
    STAFF = "staff", "Staff"
    SUPERVISOR = "supervisor", "Supervisor"
    LIVED_EXPERIENCE_MEMBER = "lived_experience_member", "Lived-experience member"
    LIVED_EXPERIENCE_LEAD = "lived_experience_lead", "Lived-experience lead"
    FAMILY_MEMBER = "family_member", "Family member"
    FORUM_HOST = "forum_host", "Forum host"
    SAFEGUARDING_LEAD = "safeguarding_lead", "Safeguarding lead"
    # Freedom to Speak Up: a route outside the line. Sees and handles the speak-up cases of its
    # services (coproduction.concerns) and downloads the quarterly return.
    SPEAK_UP_LEAD = "speak_up_lead", "Freedom to Speak Up guardian / speak-up lead"
    LEADER = "leader", "Leader"
    # Imports HR and rota data and is the only role that sees rota detail per (coded) person.
    HR = "hr", "HR"
    ORGANISATION_ADMIN = "organisation_admin", "Organisation admin"


# Roles that see other people's concerns, indicators or accounts: they must use a second factor.
MFA_REQUIRED_ROLES = frozenset(
    {Role.LEADER, Role.SAFEGUARDING_LEAD, Role.SPEAK_UP_LEAD, Role.HR, Role.ORGANISATION_ADMIN}
)


class Organisation(models.Model):
    """A care provider, NHS trust, local authority or Safeguarding Adults Board using the site."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Service(models.Model):
    """A place or team where care is given: a care home, a ward, a home care team."""

    class Kind(models.TextChoices):
        CARE_HOME = "care_home", "Care home"
        SUPPORTED_LIVING = "supported_living", "Supported living"
        HOME_CARE = "home_care", "Home care"
        HOSPITAL_WARD = "hospital_ward", "Hospital ward"
        COMMUNITY_TEAM = "community_team", "Community team"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    beds = models.PositiveIntegerField(
        null=True, blank=True, help_text="For care homes and wards: the number of beds."
    )
    people_supported = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="For home care, supported living and community teams: people supported.",
    )

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="service_name_unique_in_organisation"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    def clean(self):
        bedded = {self.Kind.CARE_HOME, self.Kind.HOSPITAL_WARD}
        if self.beds is not None and self.kind not in bedded:
            raise ValidationError({"beds": "Only care homes and hospital wards have beds."})


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def with_role(self, *roles):
        return self.filter(role__in=roles)


class RoleInOrganisation(models.Model):
    """A role in an organisation, for one of its services or (service empty) the whole of it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
        help_text="Leave empty for a role across the whole organisation.",
    )
    role = models.CharField(max_length=32, choices=Role.choices)

    class Meta:
        abstract = True

    def clean(self):
        if (
            self.service_id
            and self.organisation_id
            and (self.service.organisation_id != self.organisation_id)
        ):
            raise ValidationError({"service": "This service belongs to another organisation."})


class Membership(RoleInOrganisation):
    """One role a person holds in an organisation, either for one service or the whole of it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "user__email", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=Q(service__isnull=True),
                name="membership_unique_organisation_wide",
            ),
            models.UniqueConstraint(
                fields=["user", "service", "role"],
                condition=Q(service__isnull=False),
                name="membership_unique_in_service",
            ),
        ]

    def __str__(self):
        where = self.service.name if self.service_id else "whole organisation"
        return f"{self.user} – {self.get_role_display()} – {where}"


def _new_invitation_token():
    return secrets.token_urlsafe(32)


def _default_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(RoleInOrganisation):
    """An invitation, by email, to take a role. Single use; expires."""

    email = models.EmailField()
    token = models.CharField(
        max_length=64, unique=True, default=_new_invitation_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    email_sent_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the invitation email went out. Set once, so the email is sent once.",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} as {self.get_role_display()} at {self.organisation}"

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_accepted(self):
        return self.accepted_at is not None

    @property
    def is_usable(self):
        return not self.is_accepted and not self.is_expired

    def get_absolute_url(self):
        return reverse("accounts:invitation_accept", kwargs={"token": self.token})
