"""Writes of the concerns part: raising a concern (stored first, then routed), routing and
alerting, the sweeper's re-alerts and escalation, moving a concern through its statuses, and
tagging its feedback item with themes.

A concern is never lost: `concern_raise` stores it, its "raised" event and its feedback item in
one transaction before anything is sent; routing runs in a task, and the sweeper routes whatever
the queue missed (with the queue down, the web process routes it at once). Each send is claimed
by a conditional update (on `routed_at`, `last_alerted_at`, `escalated_at`,
`outcome_email_sent_at`), so a task delivered twice sends once; the claim and its emails are
written to the host's outbox in one transaction, so a worker that dies after the claim leaves
the emails waiting in the outbox rather than lost.

Emails to staff carry the reference and a link only: the details are behind sign-in. Nothing
about an anonymous raiser is stored, logged or sent.

Tracking codes are 100-bit random codes; only their SHA-256 is stored. A code this long cannot
be guessed from its hash, so it needs no slow password hash.
"""

import datetime
import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from cms.indicators import touched
from cms.organisations.models import Role
from cms.outbox.services import email_send
from cms.permissions import roles as host_roles
from coproduction.concerns.models import Concern, ConcernEvent, SpeakUpCase
from coproduction.tracker.models import FeedbackItem

from ..codes import readable_code
from ..tracker.services import feedback_record, feedback_tag
from . import selectors

logger = logging.getLogger(__name__)

Status = Concern.Status
Kind = ConcernEvent.Kind

STATUS_ORDER = [Status.RECEIVED, Status.ACKNOWLEDGED, Status.LOOKING_INTO,
                Status.OUTCOME_SHARED, Status.CLOSED]  # fmt: skip
SAFEGUARDING_ACKNOWLEDGE_WITHIN = datetime.timedelta(hours=24)
OTHER_ACKNOWLEDGE_WORKING_DAYS = 5
REALERT_EVERY = datetime.timedelta(hours=1)
REALERTS_BEFORE_ESCALATION = 2

_CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # base 32: 5 bits a character

GIVER_ROLE = {
    Concern.RaiserRole.FAMILY: FeedbackItem.GiverRole.FAMILY,
    Concern.RaiserRole.STAFF: FeedbackItem.GiverRole.STAFF,
    Concern.RaiserRole.LIVED_EXPERIENCE: FeedbackItem.GiverRole.LIVED_EXPERIENCE,
    Concern.RaiserRole.PERSON: FeedbackItem.GiverRole.PERSON,
    Concern.RaiserRole.VISITOR: FeedbackItem.GiverRole.OTHER,
}


# --- References and tracking codes ----------------------------------------------------------


def new_reference():
    return "C-" + readable_code(6)


def new_tracking_code():
    """20 characters of base 32 (100 random bits), in groups of four."""
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(20))
    return "-".join(code[i : i + 4] for i in range(0, 20, 4))


def _normalise_code(code):
    return "".join((code or "").split()).replace("-", "").upper()


def hash_tracking_code(code):
    return hashlib.sha256(_normalise_code(code).encode()).hexdigest()


def tracking_code_matches(concern, code):
    if concern is None or not concern.tracking_code_hash or not _normalise_code(code):
        return False
    return hmac.compare_digest(concern.tracking_code_hash, hash_tracking_code(code))


def concern_for_tracking(reference, code):
    """The concern with `reference` if `code` is its tracking code, else None (the same
    answer whether or not the reference exists)."""
    concern = Concern.objects.filter(reference=(reference or "").strip().upper()).first()
    if not tracking_code_matches(concern, code):
        hash_tracking_code(code)  # the same work either way
        return None
    return concern


# --- Raising --------------------------------------------------------------------------------


def default_raiser_role(user, service):
    """A guess at who a signed-in person is for `service`, from their host roles."""
    if not user or not user.is_authenticated:
        return Concern.RaiserRole.VISITOR
    held = host_roles(user, service=service)
    if Role.FAMILY_MEMBER in held:
        return Concern.RaiserRole.FAMILY
    if held & {Role.LIVED_EXPERIENCE_MEMBER, Role.LIVED_EXPERIENCE_LEAD}:
        return Concern.RaiserRole.LIVED_EXPERIENCE
    if held:
        return Concern.RaiserRole.STAFF
    return Concern.RaiserRole.VISITOR


def _feedback_text(concern):
    if selectors.is_speak_up(concern):
        return f"A speak-up case ({concern.reference}). The details are with the speak-up lead."
    if concern.possible_safeguarding:
        return (
            f"A possible safeguarding concern ({concern.reference}). The details are with the "
            "safeguarding leads."
        )
    return concern.what_happened


def _record_feedback(concern):
    """The concern's item in the feedback tracker: its date, service and the raiser's role,
    never who raised it."""
    speak_up = selectors.is_speak_up(concern)
    concern.feedback_item = feedback_record(
        channel=FeedbackItem.Channel.SPEAK_UP if speak_up else FeedbackItem.Channel.CONCERN,
        giver_role=GIVER_ROLE[concern.raiser_role],
        service=concern.service,
        text=_feedback_text(concern),
        received_on=timezone.localdate(concern.created_at),
        recorded_by=None,
        may_quote=concern.may_quote,
    )
    concern.save(update_fields=["feedback_item"])
    return concern.feedback_item


def concern_raise(
    *,
    service,
    user=None,
    raiser_role,
    what_happened,
    who_is_affected="",
    at_risk_now,
    possible_safeguarding,
    anonymous,
    contact_name="",
    contact_email="",
    speak_up=None,
    may_quote=False,
):
    """Store a concern, then ask for it to be routed. Returns (concern, tracking code or None).

    The tracking code is for people without an account and for anonymous concerns; it is
    returned once and only its hash is kept. If the task queue cannot be reached the concern
    is still stored (the sweeper routes it).

    `speak_up`: for a member of staff speaking up (Freedom to Speak Up), what the national
    return records of the case (see `speak_up_details`); it then goes to the speak-up leads.

    `may_quote`: the raiser agreed what happened may be quoted in reports, without their name.
    Stored as no, whatever was ticked, for speaking up (a speak-up case's words are never
    quoted) and for a possible safeguarding concern (its words stay with the safeguarding
    leads)."""
    if speak_up is not None:
        speak_up = speak_up_details(raiser_role, **speak_up)
    signed_in = user is not None and user.is_authenticated
    if anonymous:
        raised_by, contact_name, contact_email = None, "", ""
    else:
        raised_by = user if signed_in else None
        contact_name, contact_email = contact_name.strip(), contact_email.strip()
        if signed_in:
            contact_email = ""  # they follow it on "my concerns"; their account's email is used
    code = new_tracking_code() if (anonymous or not signed_in) else None
    possible_safeguarding = bool(possible_safeguarding or at_risk_now)
    may_quote = bool(may_quote) and speak_up is None and not possible_safeguarding
    for _attempt in range(5):
        reference = new_reference()
        try:
            with transaction.atomic():
                concern = Concern.objects.create(
                    organisation_id=service.organisation_id,
                    service=service,
                    reference=reference,
                    tracking_code_hash=hash_tracking_code(code) if code else "",
                    anonymous=bool(anonymous),
                    raised_by=raised_by,
                    raiser_role=raiser_role,
                    contact_name=contact_name,
                    contact_email=contact_email,
                    what_happened=what_happened,
                    who_is_affected=who_is_affected,
                    at_risk_now=bool(at_risk_now),
                    possible_safeguarding=possible_safeguarding,
                    may_quote=may_quote,
                )
                if speak_up is not None:
                    concern.speak_up = SpeakUpCase.objects.create(concern=concern, **speak_up)
                ConcernEvent.objects.create(
                    concern=concern, kind=Kind.RAISED, to_status=Status.RECEIVED, actor=raised_by
                )
                _record_feedback(concern)
            break
        except IntegrityError:
            if Concern.objects.filter(reference=reference).exists():
                continue  # a reference already in use: draw another
            raise
    _enqueue_routing(concern.pk)
    return concern, code


def _enqueue_routing(concern_id):
    """Ask the task queue to route the concern once it is committed. If the queue cannot be
    reached, route it here and now (its alerts then go out from this process too); if even that
    fails, the sweeper routes it."""
    from .tasks import route_concern

    try:
        route_concern.delay_on_commit(concern_id)
    except Exception:  # noqa: BLE001 (broker unreachable: kombu errors, OSError; route here)
        logger.warning("routing of a concern not enqueued; routing it in this process")
        try:
            concern_route(concern_id)
        except Exception:
            logger.exception("routing of a concern failed; the sweeper will route it")


# --- Routing, alerts and escalation ---------------------------------------------------------


def add_working_days(start, days):
    """`days` working days (Monday to Friday) after `start`; bank holidays are not counted."""
    when = start
    while days:
        when += datetime.timedelta(days=1)
        if when.weekday() < 5:
            days -= 1
    return when


def acknowledge_deadline(concern, routed_at):
    if concern.possible_safeguarding:
        return routed_at + SAFEGUARDING_ACKNOWLEDGE_WITHIN
    return add_working_days(routed_at, OTHER_ACKNOWLEDGE_WORKING_DAYS)


def _send_to(people, template, concern, extra=None):
    """Email each of `people` the reference and a link; never the details or the raiser. The
    emails go through the host's outbox, in the caller's transaction. Returns how many."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "reference": concern.reference,
        "service_name": concern.service.name,
        "acknowledge_by": concern.acknowledge_by,
        "safeguarding": concern.possible_safeguarding,
        "concern_url": base + concern.get_absolute_url(),
        **(extra or {}),
    }
    return email_send(f"coproduction/concerns/email/{template}", context, people)


@transaction.atomic
def concern_route(concern_id, now=None):
    """Route a concern and alert its people at once. Returns the number of alerts written to
    the outbox; 0 when another run already routed it. The routing, its events and the alerts
    are one transaction: a routed concern always has its alerts waiting to be sent."""
    now = now or timezone.now()
    concern = Concern.objects.select_related("service").filter(pk=concern_id).first()
    if concern is None or concern.routed_at is not None:
        return 0
    if concern.possible_safeguarding:
        route = Concern.Route.SAFEGUARDING
    elif selectors.is_speak_up(concern):
        route = Concern.Route.SPEAK_UP
    else:
        route = Concern.Route.HOSTS
    deadline = acknowledge_deadline(concern, now)
    claimed = Concern.objects.filter(pk=concern_id, routed_at__isnull=True).update(
        route=route,
        routed_at=now,
        acknowledge_by=deadline,
        last_alerted_at=now,
        alerts_sent=F("alerts_sent") + 1,
    )
    if not claimed:
        return 0
    concern.refresh_from_db()
    people = selectors.route_people(concern)
    ConcernEvent.objects.create(
        concern=concern, kind=Kind.ROUTED, note=f"To the {concern.get_route_display().lower()}."
    )
    sent = _send_to(people, "concern_alert", concern)
    ConcernEvent.objects.create(
        concern=concern,
        kind=Kind.ALERTED,
        note=ngettext("Alert emailed to %d person.", "Alert emailed to %d people.", sent) % sent,
    )
    return sent


@transaction.atomic
def concern_realert(concern, now):
    """Re-alert one overdue concern if this run claims it; escalate after the second re-alert."""
    claimed = (
        Concern.objects.filter(pk=concern.pk, status=Status.RECEIVED)
        .filter(Q(last_alerted_at__isnull=True) | Q(last_alerted_at__lte=now - REALERT_EVERY))
        .update(last_alerted_at=now, alerts_sent=F("alerts_sent") + 1)
    )
    if not claimed:
        return 0
    concern.refresh_from_db()
    realerts = concern.alerts_sent - 1
    people = list(selectors.route_people(concern))
    escalate = realerts > REALERTS_BEFORE_ESCALATION and concern.escalated_at is None
    if escalate and Concern.objects.filter(pk=concern.pk, escalated_at__isnull=True).update(
        escalated_at=now
    ):
        leaders = selectors.leaders_of(concern)
        sent = _send_to(leaders, "concern_escalated", concern)
        ConcernEvent.objects.create(
            concern=concern,
            kind=Kind.ESCALATED,
            note=f"Not acknowledged in time: {sent} leaders emailed.",
        )
        return sent
    if concern.escalated_at is not None:
        people = {person.pk: person for person in [*people, *selectors.leaders_of(concern)]}
        people = list(people.values())
    sent = _send_to(people, "concern_overdue", concern)
    ConcernEvent.objects.create(
        concern=concern,
        kind=Kind.ALERTED,
        note=ngettext("Reminder emailed to %d person.", "Reminder emailed to %d people.", sent)
        % sent,
    )
    return sent


def concerns_sweep(now=None):
    """Route what was not routed; re-alert (at most hourly) what is past its acknowledgement
    deadline; after the second re-alert, escalate to the organisation's leaders."""
    now = now or timezone.now()
    done = {"routed": 0, "realerted": 0}
    for concern_id in Concern.objects.filter(routed_at__isnull=True).values_list("pk", flat=True):
        concern_route(concern_id, now=now)
        done["routed"] += 1
    overdue = Concern.objects.filter(
        status=Status.RECEIVED, acknowledge_by__lt=now, routed_at__isnull=False
    ).filter(Q(last_alerted_at__isnull=True) | Q(last_alerted_at__lte=now - REALERT_EVERY))
    for concern in overdue.select_related("service"):
        concern_realert(concern, now)
        done["realerted"] += 1
    return done


# --- Staff: acknowledging, statuses and the outcome -----------------------------------------


def next_statuses(concern):
    """The statuses a concern may move on to: any later one, but closing only once an outcome
    is shared."""
    later = STATUS_ORDER[STATUS_ORDER.index(concern.status) + 1 :]
    if concern.status != Status.OUTCOME_SHARED:
        later = [status for status in later if status != Status.CLOSED]
    return later


@transaction.atomic
def concern_status_set(concern, to_status, by, *, outcome="", note="", now=None):
    """Move a concern forward to `to_status`, writing an event with who and when."""
    now = now or timezone.now()
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    to_status = Status(to_status)
    if to_status not in next_statuses(concern):
        if to_status == Status.CLOSED:
            raise ValidationError(
                {"status": "Share the outcome with the person who raised it before closing."}
            )
        raise ValidationError(
            {
                "status": f"The concern is already “{concern.get_status_display()}”: a concern "
                "moves forward only."
            }  # fmt: skip
        )
    outcome = (outcome or "").strip()
    if to_status == Status.OUTCOME_SHARED and not outcome:
        raise ValidationError(
            {"outcome": "Write the outcome to the person who raised the concern."}
        )
    from_status = concern.status
    fields = ["status"]
    concern.status = to_status
    if concern.acknowledged_at is None:
        concern.acknowledged_at = now
        fields.append("acknowledged_at")
    if to_status == Status.OUTCOME_SHARED:
        concern.outcome = outcome
        concern.outcome_shared_at = now
        fields += ["outcome", "outcome_shared_at"]
    if to_status == Status.CLOSED:
        concern.closed_at = now
        fields.append("closed_at")
    concern.save(update_fields=fields)
    ConcernEvent.objects.create(
        concern=concern,
        kind=Kind.STATUS,
        from_status=from_status,
        to_status=to_status,
        actor=by,
        note=(note or "").strip(),
    )
    if to_status == Status.OUTCOME_SHARED and (concern.raised_by_id or concern.contact_email):
        from .tasks import send_concern_outcome_email

        try:
            send_concern_outcome_email.delay_on_commit(concern.pk)
        except Exception:  # noqa: BLE001 (broker unreachable: the status change still stands)
            logger.warning("outcome email of a concern not enqueued")
    return concern


@transaction.atomic
def concern_acknowledge(concern, by, now=None, *, themes=None):
    """Acknowledge a concern; with `themes`, tag it at the same time (see `concern_set_themes`)."""
    concern = concern_status_set(concern, Status.ACKNOWLEDGED, by, now=now)
    if themes is not None:
        concern_set_themes(concern, themes, by)
    return concern


# --- Staff: themes --------------------------------------------------------------------------


def _theme_labels(themes):
    return ", ".join(theme.label for theme in themes)


@transaction.atomic
def concern_set_themes(concern, themes, by):
    """Replace the themes of the concern's feedback item (the tracker's tags: sources of harm,
    hallmarks of a closed culture), and note the change in the audit trail with the handler as
    its actor. Returns whether anything changed; setting the same themes again notes nothing."""
    item = concern.feedback_item or _record_feedback(concern)
    before = set(item.themes.values_list("pk", flat=True))
    feedback_tag(item, themes)
    after = list(item.themes.all())
    if {theme.pk for theme in after} == before:
        return False
    note = f"Themes set: {_theme_labels(after)}." if after else "Themes cleared."
    ConcernEvent.objects.create(concern=concern, kind=Kind.NOTE, actor=by, note=note)
    return True


@transaction.atomic
def outcome_email_send(concern_id):
    """Email the raiser (with an account or a contact email) that the outcome is shared, once:
    the claim and the outbox row are one transaction."""
    concern = Concern.objects.select_related("raised_by", "service").filter(pk=concern_id).first()
    if concern is None or concern.anonymous or concern.outcome_shared_at is None:
        return 0
    address = concern.raised_by.email if concern.raised_by_id else concern.contact_email
    if not address:
        return 0
    claimed = Concern.objects.filter(pk=concern_id, outcome_email_sent_at__isnull=True).update(
        outcome_email_sent_at=timezone.now()
    )
    if not claimed:
        return 0
    touched([concern.service_id], concern.closed_at)  # "fed back" counts in the closing month
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    where = "coproduction:concern_mine" if concern.raised_by_id else "coproduction:concern_track"
    context = {
        "concern": concern,
        "reference": concern.reference,
        "service_name": concern.service.name,
        "follow_url": base + reverse(where),
        "has_account": bool(concern.raised_by_id),
    }
    return email_send("coproduction/concerns/email/concern_outcome", context, [address])


# --- Speaking up (Freedom to Speak Up) ------------------------------------------------------

CATEGORY_FIELDS = [name for name, _label in SpeakUpCase.CATEGORIES]


def speak_up_details(raiser_role, *, categories, professional_group, detriment):
    """The fields of a speak-up case, checked: only staff speak up through this route, a case
    has one category or more (the national return's), and a professional group."""
    errors = {}
    if raiser_role != Concern.RaiserRole.STAFF:
        errors["raiser_role"] = "Only staff raise a concern through the speak-up route."
    categories = set(categories or ())
    if not categories:
        errors["categories"] = "Choose at least one: what is it about?"
    elif not categories <= set(CATEGORY_FIELDS):
        errors["categories"] = "Choose from the list."
    if professional_group not in SpeakUpCase.ProfessionalGroup.values:
        errors["professional_group"] = "Choose your staff group, or that you would rather not say."
    if detriment not in (True, False):
        errors["detriment"] = "Say whether you have been treated worse for speaking up."
    if errors:
        raise ValidationError(errors)
    return {
        **{name: name in categories for name in CATEGORY_FIELDS},
        "professional_group": professional_group,
        "detriment": detriment,
    }


ASK_AGAIN_FROM = (Status.OUTCOME_SHARED, Status.CLOSED)


def may_answer_again(concern):
    """Whether the person who raised a speak-up case is asked whether they would speak up
    again: once its outcome is fed back, until they answer."""
    case = selectors.speak_up_of(concern)
    return case is not None and concern.status in ASK_AGAIN_FROM and case.would_speak_up_again == ""


def speak_up_again_answer(concern, answer):
    """Store the raiser's answer to "would you speak up again?", once. No event and no time
    are stored with it: for an anonymous case a time could be matched to the person. Returns
    whether the answer was stored (False when it was already given)."""
    if answer not in SpeakUpCase.Again.values:
        raise ValidationError({"answer": "Choose one answer."})
    if selectors.speak_up_of(concern) is None:
        raise ValidationError("This is not a speak-up case.")
    if concern.status not in ASK_AGAIN_FROM:
        raise ValidationError("You can answer once the outcome has been shared with you.")
    return bool(
        SpeakUpCase.objects.filter(concern=concern, would_speak_up_again="").update(
            would_speak_up_again=answer
        )
    )
