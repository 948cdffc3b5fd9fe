"""Writes of the forums part: creating a forum, its join code, inviting and joining families,
whom a family visits, events, RSVPs, cancelling, notes, attendance and actions.

Views check permissions (coproduction/forums/rules.py) before calling these; the services
enforce what must hold whoever calls them: one forum a service, a place or a link for an event,
RSVPs only from the forum's families, nothing changed on a cancelled event.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.organisations.models import Role
from cms.organisations.services import invitation_create
from coproduction.forums.models import EventRSVP, FamilyForum, ForumEvent, ForumFamily
from coproduction.tracker.models import FeedbackItem

from .models import new_join_code

EVENT_FIELDS = (
    "title",
    "starts_at",
    "duration_minutes",
    "place",
    "online_link",
    "guest_speaker",
    "topic",
    "refreshments",
    "access_notes",
)


def is_upcoming(event, now=None):
    """Not cancelled, and not yet started."""
    return event.cancelled_at is None and event.starts_at > (now or timezone.now())


def normalise_code(code):
    """The code as people may type it: any case, with spaces or dashes."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


# --- Forums ---------------------------------------------------------------------------------


def forum_create(service, *, name, welcome=""):
    """The family forum of `service` (one a service)."""
    if FamilyForum.objects.filter(service=service).exists():
        raise ValidationError({"service": f"{service.name} already has a family forum."})
    try:
        with transaction.atomic():
            forum = FamilyForum.objects.create(
                service=service, name=name.strip(), welcome=(welcome or "").strip()
            )
    except IntegrityError:
        raise ValidationError({"service": f"{service.name} already has a family forum."}) from None
    # Families find what to expect from the first day; authors edit the seeded pages later.
    from coproduction.what_to_expect.services import seed_for_service

    transaction.on_commit(lambda: seed_for_service(service))
    return forum


def join_code_renew(forum):
    """A new join code: the old one stops working at once."""
    for _attempt in range(5):
        code = new_join_code()
        if not FamilyForum.objects.filter(join_code=code).exists():
            break
    forum.join_code = code
    forum.join_code_active = True
    forum.save(update_fields=["join_code", "join_code_active"])
    return forum


def forum_for_code(code):
    """The forum whose active join code this is, or None."""
    code = normalise_code(code)
    if not code:
        return None
    return (
        FamilyForum.objects.select_related("service__organisation")
        .filter(join_code=code, join_code_active=True)
        .first()
    )


# --- Families -------------------------------------------------------------------------------


def _invite_family(forum, email, invited_by=None):
    # The host's rules let forum hosts invite family members to their own service; with the
    # join code nobody invites (invited_by=None), the code the home handed out is the authority.
    return invitation_create(
        invited_by=invited_by,
        organisation=forum.service.organisation,
        service=forum.service,
        email=email,
        role=Role.FAMILY_MEMBER,
    )


def family_invite(forum, by, email):
    """A forum host invites a family member by email, as "family member" of the service."""
    if not by.has_perm("coproduction.manage_familyforum", forum):
        raise PermissionDenied("Only the forum's hosts invite families.")
    try:
        return _invite_family(forum, email, invited_by=by)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise
        raise ValidationError({"email": error.error_list}) from None  # it is about the address


def family_join_with_code(code, email):
    """Someone with the home's join code asks to join: an invitation is emailed to `email`.
    Returns the forum, or raises ValidationError at `code` when it is not an active code. An
    address that already has a usable invitation to the forum is not sent another."""
    forum = forum_for_code(code)
    if forum is None:
        raise ValidationError({"code": "That code is not right. Check it with the home."})
    from cms.organisations.models import Invitation

    pending = Invitation.objects.usable().filter(
        service=forum.service, role=Role.FAMILY_MEMBER, email__iexact=email.strip()
    )
    if not pending.exists():
        _invite_family(forum, email)
    return forum


def family_visits_set(forum, user, visits):
    """Say (or change) whom a family member visits. Only the service's family members."""
    from .rules import is_forum_family

    if not is_forum_family(user, forum):
        raise PermissionDenied("Only the forum's families say whom they visit.")
    place, _ = ForumFamily.objects.update_or_create(
        forum=forum, user=user, defaults={"visits": visits.strip()}
    )
    return place


# --- Events ---------------------------------------------------------------------------------


def _check_where(place, online_link):
    if not (place or "").strip() and not (online_link or "").strip():
        raise ValidationError(
            {"place": "Give the place, the online link, or both, so families know where to go."}
        )


def _clean(data):
    data = {name: data.get(name, "") for name in EVENT_FIELDS}
    for name in ("title", "place", "online_link", "guest_speaker", "refreshments"):
        data[name] = (data[name] or "").strip()
    for name in ("topic", "access_notes"):
        data[name] = (data[name] or "").strip()
    _check_where(data["place"], data["online_link"])
    return data


def event_create(forum, by, **data):
    return ForumEvent.objects.create(forum=forum, created_by=by, **_clean(data))


def event_update(event, **data):
    if event.cancelled_at is not None:
        raise ValidationError("This event was cancelled, so it cannot be changed.")
    data = _clean(data)
    for name, value in data.items():
        setattr(event, name, value)
    event.save(update_fields=list(data))
    return event


def event_cancel(event, by, now=None):
    """Cancel an event that has not started; the families who said yes or maybe are emailed."""
    from .tasks import send_event_cancelled_emails

    now = now or timezone.now()
    if event.cancelled_at is not None:
        raise ValidationError("This event is already cancelled.")
    if event.starts_at <= now:
        raise ValidationError("This event has already started, so it cannot be cancelled.")
    with transaction.atomic():
        updated = ForumEvent.objects.filter(pk=event.pk, cancelled_at__isnull=True).update(
            cancelled_at=now
        )
        if not updated:
            raise ValidationError("This event is already cancelled.")
        send_event_cancelled_emails.delay_on_commit(event.pk)
    event.cancelled_at = now
    return event


def rsvp_set(event, user, *, answer, guests=0, access_needs=""):
    """A family member's answer; a second answer changes the first."""
    from .rules import is_forum_family

    if not is_forum_family(user, event):
        raise PermissionDenied("Only the forum's families answer.")
    if not is_upcoming(event):
        raise ValidationError(
            "This event is cancelled." if event.cancelled_at else "This event has already started."
        )
    answer = EventRSVP.Answer(answer)
    if answer == EventRSVP.Answer.NO:
        guests = 0
    rsvp, _ = EventRSVP.objects.update_or_create(
        event=event,
        user=user,
        defaults={
            "answer": answer,
            "guests": guests or 0,
            "access_needs": (access_needs or "").strip(),
        },
    )
    return rsvp


# --- After the event ------------------------------------------------------------------------


@transaction.atomic
def notes_save(event, *, notes, publish=False, attended_ids=None, now=None):
    """Save the notes (publishing them to the families with `publish`) and, when
    `attended_ids` is given, who came among the people who answered."""
    if event.cancelled_at is not None:
        raise ValidationError("This event was cancelled: it has no notes.")
    notes = (notes or "").strip()
    if (publish or event.notes_published_at) and not notes:
        raise ValidationError({"notes": "Write the notes before publishing them."})
    event.notes = notes
    fields = ["notes"]
    if publish and event.notes_published_at is None:
        event.notes_published_at = now or timezone.now()
        fields.append("notes_published_at")
    event.save(update_fields=fields)
    if attended_ids is not None:
        attended_ids = {int(pk) for pk in attended_ids}
        for rsvp in event.rsvps.all():
            came = rsvp.pk in attended_ids
            if rsvp.attended != came:
                rsvp.attended = came
                rsvp.save(update_fields=["attended", "updated_at"])
    return event


@transaction.atomic
def event_action_record(event, by, *, raised, will_do, themes=()):
    """Something families raised at the event, kept as feedback (family forum, from a family)
    with the action the service will take: it shows on the service's "you said, we did"."""
    from ..tracker.services import action_create_from_feedback, feedback_record

    raised, will_do = (raised or "").strip(), (will_do or "").strip()
    if not raised:
        raise ValidationError({"raised": "Say what families raised."})
    if not will_do:
        raise ValidationError({"will_do": "Say what you will do about it."})
    item = feedback_record(
        channel=FeedbackItem.Channel.FORUM,
        giver_role=FeedbackItem.GiverRole.FAMILY,
        service=event.forum.service,
        text=raised,
        themes=themes,
        received_on=timezone.localtime(event.starts_at).date(),
        recorded_by=by,
    )
    action = action_create_from_feedback(item, title=will_do[:200])
    return item, action
