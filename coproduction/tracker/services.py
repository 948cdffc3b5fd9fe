"""Writes of the feedback tracker and "you said, we did": feedback items, actions and the
raiser's answer. Other parts of the plugin (family forums) record feedback through
`feedback_record`; views check permissions before calling these."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cms.outbox.services import email_send
from coproduction.spaces.models import AgendaItem
from coproduction.tracker.models import Action, FeedbackItem, OutcomeResponse, Theme

from ..preferences.selectors import email_preferences_url, wants_email
from ..spaces.services import ALLOWED_TRANSITIONS, item_close_with_outcome, status_set


def _themes(themes):
    """Theme objects or keys -> Theme objects; unknown keys are an error, not silently lost."""
    themes = list(themes or ())
    keys = [theme for theme in themes if isinstance(theme, str)]
    found = {theme.key: theme for theme in Theme.objects.filter(key__in=keys)}
    missing = set(keys) - set(found)
    if missing:
        raise ValidationError(f"Unknown themes: {', '.join(sorted(missing))}")
    return [found[theme] if isinstance(theme, str) else theme for theme in themes]


@transaction.atomic
def feedback_record(
    *,
    channel,
    giver_role,
    service,
    text,
    themes=(),
    received_on=None,
    recorded_by=None,
    may_quote=False,
):
    """Store one piece of feedback. For channels where the giver may be anonymous (speak-up,
    concerns, surveys) the recorder is not stored either, so nothing leads back to a person.
    `may_quote`: the giver agreed their words may be quoted in reports; speak-up never is."""
    if channel in FeedbackItem.ANONYMOUS_CHANNELS:
        recorded_by = None
    item = FeedbackItem.objects.create(
        channel=channel,
        giver_role=giver_role,
        service=service,
        text=text,
        received_on=received_on or timezone.localdate(),
        recorded_by=recorded_by,
        may_quote=bool(may_quote) and channel != FeedbackItem.Channel.SPEAK_UP,
    )
    item.themes.set(_themes(themes))
    return item


def feedback_tag(item, themes):
    """Replace the themes of a feedback item."""
    item.themes.set(_themes(themes))
    return item


@transaction.atomic
def action_create_from_agenda_item(
    agenda_item,
    *,
    title,
    owner=None,
    due_on=None,
    recommendation_themes=(),
    priority_round=None,
    by=None,
):
    """An action on an agenda item; the proposer is the person who raised it.

    With `priority_round`, the action answers that round's published result for the item. With
    `by` (the space's lead agreeing it), the item moves to "action agreed" when it may move
    there straight from where it is (from "discussed"); an item earlier in the flow is left
    where it is, since it was not discussed, and the lead moves it on when it has been (see
    `item_moves_on_with_action`)."""
    if priority_round is not None:
        _check_round_result(priority_round, agenda_item)
    space = agenda_item.space
    action = Action.objects.create(
        organisation_id=space.organisation_id,
        space=space,
        service_id=space.service_id,
        agenda_item=agenda_item,
        priority_round=priority_round,
        title=title,
        owner=owner,
        due_on=due_on,
        raised_by_id=agenda_item.proposed_by_id,
    )
    action.recommendation_themes.set(_themes(recommendation_themes))
    if by is not None:
        # Read the status under a lock, so a simultaneous change cannot make the move invalid.
        current = AgendaItem.objects.select_for_update().get(pk=agenda_item.pk)
        if item_moves_on_with_action(current):
            status_set(
                current,
                AgendaItem.Status.ACTION_AGREED,
                by,
                reason=f"An action was agreed: {title}",
            )
        agenda_item.refresh_from_db(fields=["status", "status_reason", "updated_at"])
    return action


def item_moves_on_with_action(agenda_item):
    """Whether agreeing an action moves the item to "action agreed" (allowed from its status)."""
    allowed = ALLOWED_TRANSITIONS[AgendaItem.Status(agenda_item.status)]
    return AgendaItem.Status.ACTION_AGREED in allowed


def _check_round_result(priority_round, agenda_item):
    if priority_round.results_published_at is None:
        raise ValidationError("An action can answer a round's result once it is published.")
    if not priority_round.items.filter(agenda_item=agenda_item).exists():
        raise ValidationError("The item was not voted on in this round.")


@transaction.atomic
def action_create_from_feedback(
    feedback_item, *, title, owner=None, due_on=None, recommendation_themes=()
):
    """An action on a piece of feedback. Feedback is not linked to a person, so nobody is
    emailed when it is done; its outcome is still published."""
    action = Action.objects.create(
        organisation_id=feedback_item.service.organisation_id,
        service=feedback_item.service,
        feedback_item=feedback_item,
        title=title,
        owner=owner,
        due_on=due_on,
    )
    action.recommendation_themes.set(_themes(recommendation_themes))
    return action


_EDITABLE = ("title", "owner", "due_on", "status")


@transaction.atomic
def action_update(action, *, recommendation_themes=None, **changes):
    """Change an open action. Marking it done goes through `action_complete`."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise TypeError(f"cannot change {unknown}")
    if changes.get("status") == Action.Status.DONE and not action.is_done:
        raise ValidationError({"status": "To mark this done, write what was done."})
    for name, value in changes.items():
        setattr(action, name, value)
    action.save()
    if recommendation_themes is not None:
        action.recommendation_themes.set(_themes(recommendation_themes))
    return action


def action_complete(action, *, outcome, by=None, now=None):
    """Mark an action done with its plain-language outcome, publish it to "you said, we did"
    and (once the transaction commits) ask the person who raised it whether it addressed it.

    With `by` (the person recording it), an agenda item the action answers is closed with this
    outcome once none of its actions is still open: its outcome is out, so it has moved on.
    Without `by` (the demo's history, which records each move itself), the item is left."""
    from .tasks import send_outcome_email

    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": "Write what was done, in plain words."})
    with transaction.atomic():
        now = now or timezone.now()
        action.status = Action.Status.DONE
        action.outcome = outcome
        if action.outcome_published_at is None:
            action.outcome_published_at = now
        action.save()
        if action.raised_by_id:
            send_outcome_email.delay_on_commit(action.pk)
        item = action.agenda_item
        still_open = Action.objects.filter(agenda_item=item).exclude(status=Action.Status.DONE)
        if by is not None and item is not None and not still_open.exists():
            action.agenda_item = item_close_with_outcome(item, outcome, by)
    return action


def _site_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def outcome_email_send(action_id):
    """Email the raiser of a done action, once: a conditional update claims the action, and the
    claim and the email (a row in the host's outbox) are one transaction."""
    with transaction.atomic():
        claimed = Action.objects.filter(
            pk=action_id,
            status=Action.Status.DONE,
            raised_by__isnull=False,
            outcome_email_sent_at__isnull=True,
        ).update(outcome_email_sent_at=timezone.now())
        if not claimed:
            return False
        action = Action.objects.select_related("raised_by", "agenda_item").get(pk=action_id)
        # Turned off: the claim stays, so the email is never sent later for this outcome.
        if not wants_email(action.raised_by, "action_outcome"):
            return False
        context = {
            "action": action,
            "user": action.raised_by,
            "respond_url": _site_url(
                reverse("coproduction:action_respond", kwargs={"action_id": action.pk})
            ),
            "preferences_url": email_preferences_url(),
        }
        email_send("coproduction/tracker/email/outcome", context, [action.raised_by])
    return True


def outcome_respond(action, user, *, addressed, comment=""):
    """The raiser's answer to a done action; they may change it."""
    if not action.is_done or action.raised_by_id != user.pk:
        raise ValidationError("Only the person who raised this can answer, once it is done.")
    response, _created = OutcomeResponse.objects.update_or_create(
        action=action, defaults={"addressed": addressed, "comment": comment}
    )
    return response
