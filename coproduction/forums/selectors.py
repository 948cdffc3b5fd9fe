"""Reads of the forums part: the forums a person is in, a forum's events, families and RSVPs."""

from django.db.models import Q
from django.utils import timezone

from cms.organisations.models import Membership, Role, Service
from coproduction.forums.models import EventRSVP, FamilyForum, ForumEvent, ForumFamily

FORUM_ROLES = (Role.FORUM_HOST, Role.FAMILY_MEMBER)


def forums_for(user):
    """The forums `user` is in: as a forum host or a family member of the forum's service (or
    of the whole organisation)."""
    if not user.is_authenticated:
        return FamilyForum.objects.none()
    held = Membership.objects.filter(user=user, role__in=FORUM_ROLES)
    return (
        FamilyForum.objects.filter(
            Q(service_id__in=held.filter(service__isnull=False).values("service_id"))
            | Q(
                service__organisation_id__in=held.filter(service__isnull=True).values(
                    "organisation_id"
                )
            )
        )
        .select_related("service__organisation")
        .distinct()
    )


def services_for_new_forum(user):
    """Services without a forum where `user` may create one: as an organisation admin (any
    service of the organisation) or as a forum host of the service."""
    if not user.is_authenticated:
        return Service.objects.none()
    admin_orgs = Membership.objects.filter(
        user=user, role=Role.ORGANISATION_ADMIN, service__isnull=True
    ).values("organisation_id")
    admin_services = Membership.objects.filter(
        user=user, role=Role.ORGANISATION_ADMIN, service__isnull=False
    ).values("service_id")
    host_services = Membership.objects.filter(
        user=user, role=Role.FORUM_HOST, service__isnull=False
    ).values("service_id")
    host_orgs = Membership.objects.filter(
        user=user, role=Role.FORUM_HOST, service__isnull=True
    ).values("organisation_id")
    return (
        Service.objects.filter(
            Q(organisation_id__in=admin_orgs)
            | Q(pk__in=admin_services)
            | Q(pk__in=host_services)
            | Q(organisation_id__in=host_orgs)
        )
        .filter(family_forum__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


def family_place(forum, user):
    """The user's ForumFamily in the forum (whom they visit), or None."""
    if not user.is_authenticated:
        return None
    return ForumFamily.objects.filter(forum=forum, user=user).first()


def families_of(forum):
    return forum.families.select_related("user").order_by(
        "user__first_name", "user__last_name", "user__email", "pk"
    )


def _start_of_today():
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def upcoming_events(forum):
    """Events from today on, soonest first (cancelled ones too, so people see they are off)."""
    return ForumEvent.objects.filter(forum=forum, starts_at__gte=_start_of_today()).order_by(
        "starts_at", "pk"
    )


def past_events(forum):
    """Events before today, latest first."""
    return ForumEvent.objects.filter(forum=forum, starts_at__lt=_start_of_today()).order_by(
        "-starts_at", "-pk"
    )


def rsvp_of(event, user):
    if not user.is_authenticated:
        return None
    return EventRSVP.objects.filter(event=event, user=user).first()


def rsvps_of(event):
    return event.rsvps.select_related("user").order_by(
        "answer", "user__first_name", "user__last_name", "user__email"
    )


def rsvp_counts(event):
    """How many said yes, maybe and no, and how many people are coming in all (yes + guests)."""
    rows = list(event.rsvps.all())
    yes = [r for r in rows if r.answer == EventRSVP.Answer.YES]
    return {
        "yes": len(yes),
        "maybe": sum(r.answer == EventRSVP.Answer.MAYBE for r in rows),
        "no": sum(r.answer == EventRSVP.Answer.NO for r in rows),
        "people": len(yes) + sum(r.guests for r in yes),
        "access_needs": sum(bool(r.access_needs) for r in rows if r.answer != "no"),
    }


def coming_or_maybe(event):
    """RSVPs of people who said yes or maybe, with an email address."""
    return (
        event.rsvps.filter(answer__in=[EventRSVP.Answer.YES, EventRSVP.Answer.MAYBE])
        .filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )
