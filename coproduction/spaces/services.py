"""Writes of the spaces part: spaces, members, agenda items, supports, comments and statuses.

Views check permissions (coproduction/spaces/rules.py) before calling these; the services
enforce what must hold whoever calls them: allowed status moves, required reasons, one support
per person, one lead at least.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from cms.outbox.services import email_send
from cms.permissions import roles
from coproduction.spaces.models import (
    AgendaComment,
    AgendaItem,
    AgendaItemSupport,
    AgendaStatusChange,
    CoproductionSpace,
    SpaceMembership,
    SpaceRole,
)

from ..preferences.selectors import email_preferences_url, wants_email
from .rules import forget_space_roles

Status = AgendaItem.Status

# Where an item may go next. Closed and not taken forward are final.
ALLOWED_TRANSITIONS = {
    Status.PROPOSED: {Status.SHORTLISTED, Status.NOT_TAKEN_FORWARD},
    Status.SHORTLISTED: {Status.ON_AGENDA, Status.NOT_TAKEN_FORWARD},
    Status.ON_AGENDA: {Status.DISCUSSED, Status.NOT_TAKEN_FORWARD},
    Status.DISCUSSED: {Status.ACTION_AGREED, Status.NOT_TAKEN_FORWARD},
    Status.ACTION_AGREED: {Status.CLOSED},
    Status.CLOSED: set(),
    Status.NOT_TAKEN_FORWARD: set(),
}
FINAL_STATUSES = {Status.CLOSED, Status.NOT_TAKEN_FORWARD}


def next_statuses(item):
    """The statuses the item may move to, in the order of the Status choices."""
    allowed = ALLOWED_TRANSITIONS[Status(item.status)]
    return [status for status in Status if status in allowed]


# --- Spaces and members ---------------------------------------------------------------------


def _unique_slug(organisation, name):
    base = slugify(name)[:90] or "space"
    slug, n = base, 2
    while CoproductionSpace.objects.filter(organisation=organisation, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def space_create(
    *,
    organisation,
    name,
    purpose,
    lead,
    how_it_works="",
    accessibility_notes="",
    service=None,
):
    """A new space with `lead` as its first lived-experience lead (told by email)."""
    if service is not None and service.organisation_id != organisation.pk:
        raise ValidationError("The service must belong to the space's organisation.")
    space = CoproductionSpace.objects.create(
        organisation=organisation,
        service=service,
        name=name,
        slug=_unique_slug(organisation, name),
        purpose=purpose,
        how_it_works=how_it_works,
        accessibility_notes=accessibility_notes,
    )
    member_add(space, lead, SpaceRole.LEAD)
    return space


SPACE_DETAILS = ("name", "purpose", "how_it_works", "accessibility_notes", "service")


def space_update(space, **details):
    """Change what the space says about itself, and its service (one of its organisation's).
    Its address stays the same, so links already shared keep working."""
    unknown = set(details) - set(SPACE_DETAILS)
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)}")
    service = details.get("service")
    if service is not None and service.organisation_id != space.organisation_id:
        raise ValidationError("The service must belong to the space's organisation.")
    for name, value in details.items():
        setattr(space, name, value)
    space.save(update_fields=list(details))
    return space


def member_add(space, user, role):
    """Add `user` (who must hold a role in the space's organisation) to the space, or change
    their role if they are in it already; a person newly added is told by email."""
    from .tasks import send_space_welcome

    if not roles(user, organisation=space.organisation):
        raise ValidationError(f"{user} holds no role in {space.organisation}.")
    with transaction.atomic():
        membership, created = SpaceMembership.objects.get_or_create(
            space=space, user=user, defaults={"role": role}
        )
        if not created and membership.role != role:
            _keep_a_lead(membership, new_role=role)
            membership.role = role
            membership.save(update_fields=["role"])
        if created:
            send_space_welcome.delay_on_commit(membership.pk)
    forget_space_roles(user)
    return membership


def _keep_a_lead(membership, new_role=None):
    if membership.role == SpaceRole.LEAD and new_role != SpaceRole.LEAD:
        others = membership.space.members.filter(role=SpaceRole.LEAD).exclude(pk=membership.pk)
        if not others.exists():
            raise ValidationError("A space needs at least one lead. Add another lead first.")


@transaction.atomic
def member_remove(membership):
    _keep_a_lead(membership)
    membership.delete()
    forget_space_roles(membership.user)


def allies_may_propose_set(space, allowed):
    space.allies_may_propose_and_vote = bool(allowed)
    space.save(update_fields=["allies_may_propose_and_vote"])
    return space


def welcome_email_send(membership_id):
    with transaction.atomic():
        membership = (
            SpaceMembership.objects.select_for_update()
            .select_related("space", "user")
            .filter(pk=membership_id, welcome_sent_at__isnull=True)
            .first()
        )
        if membership is None:
            return False
        _send(
            "coproduction/spaces/email/welcome",
            {"membership": membership, "space": membership.space},
            membership.user.email,
        )
        membership.welcome_sent_at = timezone.now()
        membership.save(update_fields=["welcome_sent_at"])
    return True


# --- Agenda items ---------------------------------------------------------------------------


def item_propose(
    space,
    proposed_by,
    *,
    title,
    about,
    why_it_matters,
    supported_by=None,
    consent_note="",
    may_quote=False,
):
    """A new agenda item. With `supported_by`, someone submitted it for the proposer, who asked
    them to: how they asked (`consent_note`) is required. `may_quote`: the proposer agreed its
    words may be quoted in reports, without their name."""
    if not SpaceMembership.objects.filter(space=space, user=proposed_by).exists():
        raise ValidationError("The person raising the item must be a member of the space.")
    if supported_by is not None and not consent_note.strip():
        raise ValidationError("Say how the member asked you to submit this for them.")
    return AgendaItem.objects.create(
        space=space,
        proposed_by=proposed_by,
        title=title,
        about=about,
        why_it_matters=why_it_matters,
        submitted_with_support_from=supported_by,
        consent_note=consent_note if supported_by is not None else "",
        may_quote=bool(may_quote),
    )


def support_toggle(item, user):
    """Support the item, or take the support back; returns whether the user now supports it."""
    deleted, _ = AgendaItemSupport.objects.filter(item=item, user=user).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            AgendaItemSupport.objects.create(item=item, user=user)
    except IntegrityError:  # a simultaneous click already added it
        pass
    return True


def comment_add(item, author, body, *, may_quote=False):
    if not body.strip():
        raise ValidationError("Write a comment first.")
    return AgendaComment.objects.create(
        item=item, author=author, body=body, may_quote=bool(may_quote)
    )


def item_quote_consent_set(item, by, may_quote):
    """The proposer gives or takes back consent to quote their item."""
    if item.proposed_by_id != by.pk:
        raise ValidationError("Only the person who raised this item can change this.")
    AgendaItem.objects.filter(pk=item.pk).update(may_quote=bool(may_quote))
    item.may_quote = bool(may_quote)
    return item


def comment_quote_consent_set(comment, by, may_quote):
    """The author gives or takes back consent to quote their comment."""
    if comment.author_id != by.pk:
        raise ValidationError("Only the person who wrote this comment can change this.")
    AgendaComment.objects.filter(pk=comment.pk).update(may_quote=bool(may_quote))
    comment.may_quote = bool(may_quote)
    return comment


@transaction.atomic
def status_set(item, to_status, by, reason=""):
    """Move the item to `to_status` if that move is allowed, record it and tell the proposer."""
    from .tasks import send_status_change_email

    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    to_status = Status(to_status)
    from_status = Status(item.status)
    reason = (reason or "").strip()
    if to_status not in ALLOWED_TRANSITIONS[from_status]:
        raise ValidationError(
            f"An item that is “{from_status.label}” cannot move to “{to_status.label}”."
        )
    if to_status == Status.NOT_TAKEN_FORWARD and not reason:
        raise ValidationError("Give the reason it is not taken forward: the proposer will see it.")
    if to_status == Status.CLOSED and not reason:
        raise ValidationError("Write the outcome before closing the item.")
    item.status = to_status
    if reason or to_status in FINAL_STATUSES:
        item.status_reason = reason
    item.save(update_fields=["status", "status_reason", "updated_at"])
    change = AgendaStatusChange.objects.create(
        item=item, from_status=from_status, to_status=to_status, changed_by=by, reason=reason
    )
    send_status_change_email.delay_on_commit(change.pk)
    return item


@transaction.atomic
def item_close_with_outcome(item, outcome, by):
    """Close an item because what was done about it is published ("you said, we did").

    From any open status: an item chosen in a priority round is often acted on straight from
    "shortlisted", without being on a meeting's agenda. Closed is final, so the item leaves the
    lists of open items (the member's home among them) and cannot go into a new round. The
    proposer is not emailed about this move: the outcome email already tells them, and asks
    whether it addressed what they raised. An item already closed is left as it is."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    from_status = Status(item.status)
    if from_status in FINAL_STATUSES:
        return item
    item.status = Status.CLOSED
    item.status_reason = outcome
    item.save(update_fields=["status", "status_reason", "updated_at"])
    AgendaStatusChange.objects.create(
        item=item,
        from_status=from_status,
        to_status=Status.CLOSED,
        changed_by=by,
        reason=outcome,
        proposer_told_at=timezone.now(),
    )
    return item


@transaction.atomic
def item_merge(source, target, by):
    """Merge duplicate `source` into `target`: its supports carry over (a person who supported
    both counts once) and it is closed as not taken forward, "merged into <target>"."""
    if source.pk == target.pk:
        raise ValidationError("An item cannot be merged into itself.")
    if source.space_id != target.space_id:
        raise ValidationError("Both items must be in the same space.")
    if Status(target.status) in FINAL_STATUSES:
        raise ValidationError("Choose an item that is still open to merge into.")
    already = set(target.supports.values_list("user_id", flat=True))
    AgendaItemSupport.objects.bulk_create(
        [
            AgendaItemSupport(item=target, user_id=user_id)
            for user_id in source.supports.values_list("user_id", flat=True)
            if user_id not in already
        ],
        ignore_conflicts=True,
    )
    item = status_set(source, Status.NOT_TAKEN_FORWARD, by, reason=f"Merged into “{target.title}”.")
    item.merged_into = target
    item.save(update_fields=["merged_into"])
    return item


def status_change_email_send(change_id):
    with transaction.atomic():
        change = (
            AgendaStatusChange.objects.select_for_update()
            .select_related("item__proposed_by", "item__space")
            .filter(pk=change_id, proposer_told_at__isnull=True)
            .first()
        )
        if change is None:
            return False
        # A proposer who turned these emails off is not emailed, but the change is still
        # marked as told so that it is never retried: they chose, and they see it on the site.
        sent = wants_email(change.item.proposed_by, "item_status_changed")
        if sent:
            _send(
                "coproduction/spaces/email/status_changed",
                {"change": change, "item": change.item, "space": change.item.space},
                change.item.proposed_by.email,
            )
        change.proposer_told_at = timezone.now()
        change.save(update_fields=["proposer_told_at"])
    return sent


def _send(template, context, to):
    """Write the email to the host's outbox, in the caller's transaction."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {**context, "space_url": base + context["space"].get_absolute_url()}
    context["preferences_url"] = email_preferences_url()
    if "item" in context:
        context["item_url"] = base + context["item"].get_absolute_url()
    return email_send(template, context, [to])
