"""Family forums: a forum per service, run by its forum hosts, for residents' families. Events
with guest speakers, and the families who come (questions and threads are the `questions` part).

Families hold the host role "family member" for the forum's service (they join through the
host's invitations: by email, or by asking for one with the code the home hands out). Nothing
about the people they visit is stored beyond a first name."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from cms.organisations.models import Service
from cms.sanitise import SanitisedCharModelField, SanitisedTextField

from ..codes import readable_code

__all__ = ["EventRSVP", "FamilyForum", "ForumEvent", "ForumFamily"]


def new_join_code():
    return readable_code(8)


class FamilyForum(models.Model):
    """The family forum of one service."""

    service = models.OneToOneField(Service, on_delete=models.CASCADE, related_name="family_forum")
    name = models.CharField(max_length=200)
    welcome = models.TextField(
        blank=True, help_text="What the forum is for and how it works, in plain words."
    )
    join_code = models.CharField(
        max_length=16,
        unique=True,
        default=new_join_code,
        help_text="The code the home hands out so families can ask to join.",
    )
    join_code_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["service__organisation__name", "service__name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("coproduction:forum_detail", kwargs={"forum_id": self.pk})

    @property
    def organisation(self):
        return self.service.organisation

    @property
    def organisation_id(self):
        return self.service.organisation_id


class ForumFamily(models.Model):
    """A family member's place in a forum: whom they visit (a first name is enough)."""

    forum = models.ForeignKey(FamilyForum, on_delete=models.CASCADE, related_name="families")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_families"
    )
    visits = SanitisedCharModelField(
        "whom you visit",
        max_length=100,
        help_text="A first name is enough. Please do not write anything about their health.",
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["forum", "user__first_name", "user__email"]
        constraints = [models.UniqueConstraint(fields=["forum", "user"], name="one_family_place")]

    def __str__(self):
        return f"{self.user} visits {self.visits} ({self.forum})"


class ForumEvent(models.Model):
    """A forum meeting: a guest speaker and topic, refreshments, real questions."""

    forum = models.ForeignKey(FamilyForum, on_delete=models.CASCADE, related_name="events")
    title = SanitisedCharModelField(max_length=200)
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=90)
    place = SanitisedCharModelField(max_length=300, blank=True)
    online_link = models.URLField(blank=True)
    guest_speaker = SanitisedCharModelField(max_length=200, blank=True)
    topic = SanitisedTextField(html=False, blank=True)
    refreshments = SanitisedCharModelField(max_length=300, blank=True)
    access_notes = SanitisedTextField(
        html=False, blank=True, help_text="Step-free access, hearing loop, parking, quiet space..."
    )
    notes = SanitisedTextField(html=False, blank=True, help_text="What was said and agreed.")
    notes_published_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_link=""), name="forum_event_has_place_or_link"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coproduction:forum_event_detail", kwargs={"event_id": self.pk})


class EventRSVP(models.Model):
    """Whether a family member is coming, with anyone they bring and what they need."""

    class Answer(models.TextChoices):
        YES = "yes", "Yes, I am coming"
        MAYBE = "maybe", "Maybe"
        NO = "no", "No, I cannot come"

    event = models.ForeignKey(ForumEvent, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_rsvps"
    )
    answer = models.CharField(max_length=8, choices=Answer.choices)
    guests = models.PositiveSmallIntegerField(default=0, help_text="People coming with you.")
    access_needs = SanitisedTextField(html=False, blank=True)
    attended = models.BooleanField(null=True, blank=True, help_text="Recorded by the host after.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["event", "user__first_name"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_rsvp_a_person")]

    def __str__(self):
        return f"{self.user}: {self.get_answer_display()} ({self.event})"
