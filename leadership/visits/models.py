"""Service visits: board members and senior leaders going to see a service for themselves, and
what they saw and heard there. NHS England's letter to NHS boards after the BBC Panorama
programme (S3) asks boards to "walk the patch" and whether they are "visible enough"; INDICATORS.md
C (`leader_presence`) counts senior visits, nights and weekends included. The visits feed two
indicators (indicators.py) and a red-flag rule (leadership/flags/practice_detectors.py).

Whom a leader spoke with is recorded by role only, never by name: a visit note is read by every
leader of the service, and a named resident or worker in it would be a record about a person
kept outside their own records."""

from datetime import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from cms.organisations.models import Service
from cms.sanitise import SanitisedCharModelField, SanitisedTextField

__all__ = ["ServiceVisit", "VisitFollowUp"]

# Out of hours is judged on the clock of the service, wherever the server runs.
LONDON = ZoneInfo("Europe/London")
# INDICATORS.md C `leader_presence`: "including nights and weekends". Night is 20:00 to 07:00
# (design: most care rotas hand over to the night shift at 20:00 and back at 07:00-08:00).
NIGHT_STARTS = time(20)
NIGHT_ENDS = time(7)
SATURDAY = 5


class Capacity(models.TextChoices):
    BOARD_MEMBER = "board_member", "Board member (director, trustee, non-executive)"
    SENIOR_LEADER = "senior_leader", "Senior leader (executive, head of service, area manager)"
    OTHER_MANAGER = "other_manager", "Another manager"


# The visits the indicators and the red-flag rule count: those by the people who answer to the
# board or sit on it (S3 writes to boards; INDICATORS.md "senior leaders").
SENIOR = (Capacity.BOARD_MEMBER, Capacity.SENIOR_LEADER)


class SpokeWith(models.TextChoices):
    PEOPLE = "people", "People who use the service"
    FAMILIES = "families", "Families and friends"
    DAY_STAFF = "day_staff", "Day staff"
    NIGHT_STAFF = "night_staff", "Night staff"
    AGENCY_STAFF = "agency_staff", "Agency or bank staff"
    MANAGERS = "managers", "Managers"
    ADVOCATES = "advocates", "Advocates"
    OTHERS = "others", "Others (visiting professionals, porters, cleaners, kitchen staff)"


def is_out_of_hours(moment):
    """Whether `moment` falls at night (20:00 to 07:00) or at a weekend, UK time."""
    local = moment.astimezone(LONDON)
    return local.weekday() >= SATURDAY or local.time() >= NIGHT_STARTS or local.time() < NIGHT_ENDS


class ServiceVisit(models.Model):
    """One visit to a service by a leader: when, in what capacity, what they saw and heard,
    whom they spoke with (by role), and what is to follow."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="visits")
    # The leader who visited, and recorded it: a visit is their own account.
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="service_visits"
    )
    capacity = models.CharField(max_length=32, choices=Capacity.choices)
    started_at = models.DateTimeField()
    seen_and_heard = SanitisedTextField(html=False)
    # A list of SpokeWith values: roles, never names.
    spoke_with = models.JSONField(default=list)
    # Whether the service knew the visit was coming. S2 (the guidance on responding to
    # organisational failure) names "making both announced and unannounced visits" among the
    # activities that test whether improvements hold; INDICATORS.md C lists "visits only when
    # announced" as leader presence's warning pattern. None: recorded before this was asked.
    announced = models.BooleanField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["service", "started_at"], name="visit_service_started")]

    def __str__(self):
        return f"Visit to {self.service.name}, {self.started_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("leadership:service_visit", kwargs={"visit_id": self.pk})

    @property
    def is_senior(self):
        return self.capacity in SENIOR

    @property
    def is_out_of_hours(self):
        return is_out_of_hours(self.started_at)

    def spoke_with_labels(self):
        labels = dict(SpokeWith.choices)
        return [labels[value] for value in SpokeWith.values if value in self.spoke_with]

    def clean(self):
        unknown = set(self.spoke_with or ()) - set(SpokeWith.values)
        if unknown or not self.spoke_with:
            raise ValidationError({"spoke_with": "Choose at least one group you spoke with."})


class VisitFollowUp(models.Model):
    """Something the visit is to lead to: what, who sees to it, by when, and when it was done."""

    visit = models.ForeignKey(ServiceVisit, on_delete=models.CASCADE, related_name="follow_ups")
    action = SanitisedCharModelField(max_length=500)
    # A role ("registered manager") or a leader's name: the person answerable, not a resident.
    owner = SanitisedCharModelField(max_length=200)
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.action

    @property
    def service(self):
        """Its visit's service, so permissions read a follow-up as they read its visit."""
        return self.visit.service
