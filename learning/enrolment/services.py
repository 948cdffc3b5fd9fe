"""Writes for enrolment: rules, assignments, self-enrolment, completion, recertification,
reminders and certificates. Every function here may run twice (a retried task, two workers) and
leaves the same result: uniqueness lives in the database (one open enrolment per person and path,
one enrolment per cycle, one reminder of each kind, one certificate per enrolment).

The public function for other plugins (the leadership plugin, from a red flag) is
`assign_path_to_service_staff`.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Membership
from cms.outbox.services import email_send
from cms.pdf import render_pdf
from cms.periods import add_months

from ..figures import enrolment_touched
from . import selectors
from .models import Certificate, Enrolment, EnrolmentRule, ReminderSent

logger = logging.getLogger(__name__)

Source = Enrolment.Source

# A reopened path (recertification) is due this many days after it reopens.
RECERTIFICATION_DUE_DAYS = 28
# The "week before" reminder goes out when the due date is this close (or closer).
REMINDER_DAYS_BEFORE = 7


def _today(now=None):
    return timezone.localdate(now) if now is not None else timezone.localdate()


def _now(now=None):
    return now or timezone.now()


# --- Creating enrolments --------------------------------------------------------------------


def _enrol(
    user,
    path,
    *,
    source,
    organisation=None,
    due_on=None,
    assigned_by=None,
    rule=None,
    reason="",
    now=None,
    reuse_completed=False,
):
    """Return `(enrolment, created)`: the person's open enrolment on `path`, or a new one (the
    next cycle). With `reuse_completed`, a completed enrolment from the same source and reason
    counts too (so a red flag assigns its path once, even after it is completed)."""
    organisation = organisation or selectors.path_organisation(path)
    for _attempt in range(3):
        existing = Enrolment.objects.open().filter(user=user, path=path).first()
        if existing is None and reuse_completed:
            existing = (
                Enrolment.objects.filter(user=user, path=path, source=source, reason=reason)
                .order_by("-cycle")
                .first()
            )
        if existing is not None:
            if (
                existing.completed_at is None
                and due_on
                and (existing.due_on is None or due_on < existing.due_on)
            ):
                # A tighter deadline from a later assignment wins; never a looser one.
                Enrolment.objects.filter(pk=existing.pk).update(due_on=due_on)
                enrolment_touched(existing, due_on)  # no signal from update (cms.figures)
                existing.due_on = due_on
            return existing, False
        last_cycle = (
            Enrolment.objects.filter(user=user, path=path).aggregate(last=Max("cycle"))["last"] or 0
        )
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    user=user,
                    path=path,
                    organisation=organisation,
                    source=source,
                    rule=rule,
                    assigned_by=assigned_by,
                    reason=reason[:300],
                    due_on=due_on,
                    enrolled_at=_now(now),
                    cycle=last_cycle + 1,
                )
            return enrolment, True
        except IntegrityError:
            # Someone else enrolled this person at the same moment: read theirs.
            continue
    raise RuntimeError(f"could not enrol user {user.pk} on path {path.pk}")


def assign_path(
    path,
    *,
    users=None,
    service=None,
    organisation=None,
    assigned_by,
    due_on,
    source=Source.ASSIGNMENT,
    reason="",
    now=None,
):
    """Enrol people on `path`: the given `users`, or the staff of `service` (those holding a
    workforce role there), or the workforce of `organisation`. A person already enrolled keeps
    their open enrolment (its due date only ever moves earlier). Returns the enrolments, one per
    person, in the order of the people."""
    path = path.specific
    path_org = selectors.path_organisation(path)
    if users is None:
        if service is not None:
            users = selectors.service_staff(service, selectors.WORKFORCE_ROLES)
        elif organisation is not None:
            users = selectors.organisation_workforce(organisation)
        else:
            raise TypeError("assign_path needs users, a service or an organisation")
    enrolments = []
    for user in users:
        enrolment, _created = _enrol(
            user,
            path,
            source=source,
            organisation=path_org,
            due_on=due_on,
            assigned_by=assigned_by,
            reason=reason,
            now=now,
            reuse_completed=source == Source.RED_FLAG,
        )
        enrolments.append(enrolment)
    return enrolments


def assign_path_to_service_staff(path, service, *, due_on, reason, assigned_by=None):
    """THE public function for other plugins: enrol the staff and supervisors of `service` on
    `path`, due `due_on`, recording `reason` (e.g. the red flag that prompted it).

    Raises ValidationError (at `path`) for a path of another organisation than the service's.
    Idempotent: calling it again with the same path, service and reason enrols nobody twice (a
    person who completed the path for this reason is not enrolled again; a new reason does
    enrol them again). Returns the enrolments, one per person, new or existing."""
    path = path.specific
    if selectors.path_organisation(path) != service.organisation:
        raise ValidationError({"path": "This learning path belongs to another organisation."})
    return assign_path(
        path,
        users=selectors.service_staff(service),
        assigned_by=assigned_by,
        due_on=due_on,
        source=Source.RED_FLAG,
        reason=reason,
    )


def enrol_self(user, path, now=None):
    """The person chooses to follow `path`. Returns their open enrolment (new or existing)."""
    path = path.specific
    if not user.has_perm("learning.enrol_self", path):
        raise PermissionDenied("You can only enrol on learning paths of your own organisation.")
    enrolment, _created = _enrol(user, path, source=Source.SELF, now=now)
    return enrolment


def apply_enrolment_rules(organisation=None, now=None):
    """Enrol everyone a rule covers who has never been enrolled on its path. Idempotent.
    A rule for a service covers people holding the role at that service or organisation-wide
    (an organisation-wide role covers every service, as in cms.permissions). Returns the number
    of new enrolments."""
    rules = EnrolmentRule.objects.filter(active=True, path__live=True).select_related(
        "organisation", "service", "path"
    )
    if organisation is not None:
        rules = rules.filter(organisation=organisation)
    today = _today(now)
    created_count = 0
    for rule in rules:
        held = Membership.objects.filter(organisation=rule.organisation, role=rule.role)
        if rule.service_id:
            held = held.filter(Q(service_id=rule.service_id) | Q(service__isnull=True))
        already = Enrolment.objects.filter(path=rule.path).values("user_id")
        user_ids = set(
            held.exclude(user_id__in=already)
            .filter(user__is_active=True)
            .values_list("user_id", flat=True)
        )
        if not user_ids:
            continue
        for user in get_user_model().objects.filter(pk__in=user_ids):
            _enrolment, created = _enrol(
                user,
                rule.path,
                source=Source.RULE,
                organisation=rule.organisation,
                due_on=today + timedelta(days=rule.due_within_days),
                rule=rule,
                now=now,
            )
            created_count += created
    return created_count


# --- Completion and recertification ---------------------------------------------------------


def enrolment_check_complete(user, path, now=None):
    """If `user` has now done every item of `path`, complete their open enrolment (or record a
    completed self-enrolment if they had none) and issue the certificate once the transaction
    commits. Returns the completed enrolment, or None."""
    from learning.learner.selectors import path_progress

    path = path.specific
    enrolment = Enrolment.objects.open().filter(user=user, path=path).first()
    since = enrolment.enrolled_at if enrolment is not None and enrolment.cycle > 1 else None
    if not path_progress(user, path, since=since).is_complete:
        return None
    if enrolment is None:
        enrolment, _created = _enrol(user, path, source=Source.SELF, now=now)
    completed_at = _now(now)
    claimed = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
        completed_at=completed_at
    )
    if not claimed:
        return None
    enrolment.completed_at = completed_at
    enrolment_touched(enrolment)  # no signal from update (cms.figures)

    from .tasks import issue_certificate

    issue_certificate.delay_on_commit(enrolment.pk)
    return enrolment


def recertification_due_at(enrolment):
    """When a completed enrolment's path reopens, or None if the path is never reopened."""
    months = enrolment.path.recertify_months
    if not months or enrolment.completed_at is None:
        return None
    completed = timezone.localtime(enrolment.completed_at)
    return add_months(completed, months)


def reopen_due_recertifications(now=None):
    """Open the next cycle for every completed enrolment whose path's recertification interval
    has passed, unless a later cycle already exists. Idempotent. Returns the new enrolments."""
    now = _now(now)
    latest = Enrolment.objects.filter(
        completed_at__isnull=False, path__recertify_months__gt=0, path__live=True
    ).select_related("path", "user")
    reopened = []
    for enrolment in latest.iterator():
        due_at = recertification_due_at(enrolment)
        if due_at is None or due_at > now:
            continue
        later = Enrolment.objects.filter(
            user=enrolment.user_id, path=enrolment.path_id, cycle__gt=enrolment.cycle
        ).exists()
        if later:
            continue
        try:
            with transaction.atomic():
                reopened.append(
                    Enrolment.objects.create(
                        user=enrolment.user,
                        path=enrolment.path,
                        organisation_id=enrolment.organisation_id,
                        source=enrolment.source,
                        rule_id=enrolment.rule_id,
                        reason=enrolment.reason,
                        due_on=_today(now) + timedelta(days=RECERTIFICATION_DUE_DAYS),
                        enrolled_at=now,
                        cycle=enrolment.cycle + 1,
                    )
                )
        except IntegrityError:
            continue  # another run (or an open enrolment) got there first
    return reopened


# --- Reminders ------------------------------------------------------------------------------


def _site_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(template, context, to):
    """Write the email to the host's outbox, in the caller's transaction."""
    return email_send(template, context, [to])


def reminder_kind(enrolment, today):
    if enrolment.due_on is None:
        return None
    if enrolment.due_on < today:
        return ReminderSent.Kind.OVERDUE
    if enrolment.due_on <= today + timedelta(days=REMINDER_DAYS_BEFORE):
        return ReminderSent.Kind.WEEK_BEFORE
    return None


def reminder_send(enrolment, kind, now=None):
    """Claim the (enrolment, kind) reminder and write its email to the outbox, in one
    transaction: a second run finds the claim (or waits on it, then hits the unique constraint)
    and sends nothing. Returns whether it sent."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(enrolment=enrolment, kind=kind, sent_at=_now(now))
            _send(
                f"learning/enrolment/email/reminder_{kind}",
                {
                    "enrolment": enrolment,
                    "user": enrolment.user,
                    "path": enrolment.path,
                    "path_url": _site_url(enrolment.path.url or "/"),
                    "my_learning_url": _site_url(reverse("learning:my_learning")),
                },
                enrolment.user.email,
            )
    except IntegrityError:
        return False
    return True


def send_due_reminders(now=None):
    """One email a week before the due date and one once overdue, per open enrolment; each
    at most once. An enrolment already overdue gets only the overdue one. Returns how many
    emails were sent."""
    today = _today(now)
    candidates = (
        Enrolment.objects.open()
        .filter(due_on__lte=today + timedelta(days=REMINDER_DAYS_BEFORE), user__is_active=True)
        .select_related("user", "path")
    )
    sent = 0
    for enrolment in candidates.iterator():
        kind = reminder_kind(enrolment, today)
        if kind is None:
            continue
        if (
            kind == ReminderSent.Kind.WEEK_BEFORE
            and enrolment.reminders.filter(kind=ReminderSent.Kind.OVERDUE).exists()
        ):
            continue
        try:
            sent += reminder_send(enrolment, kind, now=now)
        except OSError:
            logger.exception("reminder for enrolment %s not sent; will retry", enrolment.pk)
    return sent


# --- Certificates ---------------------------------------------------------------------------


def _certificate_for(enrolment):
    try:
        return Certificate.objects.get(enrolment=enrolment)
    except Certificate.DoesNotExist:
        pass
    user = enrolment.user
    completed_on = timezone.localdate(enrolment.completed_at)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    enrolment=enrolment,
                    learner_name=user.get_full_name() or user.email,
                    path_title=enrolment.path.title,
                    completed_on=completed_on,
                )
        except IntegrityError:
            # Either another run created it, or (vanishingly rarely) the code was taken.
            existing = Certificate.objects.filter(enrolment=enrolment).first()
            if existing is not None:
                return existing
    raise RuntimeError(f"could not create a certificate for enrolment {enrolment.pk}")


def certificate_pdf(certificate):
    """The certificate as PDF bytes."""
    return render_pdf(
        "learning/pdf/certificate.html",
        {
            "certificate": certificate,
            "verify_url": _site_url(reverse("learning:verify_certificate")),
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )


def certificate_issue(enrolment_id):
    """Create the certificate of a completed enrolment, render its PDF and email the learner a
    link, each once however often this runs. Returns the certificate, or None if the enrolment
    is not complete."""
    enrolment = (
        Enrolment.objects.completed().select_related("user", "path").filter(pk=enrolment_id).first()
    )
    if enrolment is None:
        return None
    certificate = _certificate_for(enrolment)
    if not certificate.pdf:
        with transaction.atomic():
            certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
            if not certificate.pdf:
                certificate.pdf.save(
                    "certificate.pdf", ContentFile(certificate_pdf(certificate)), save=True
                )
    certificate_send_email(certificate.pk)
    return certificate


def certificate_download_url(certificate):
    return reverse("learning:certificate_download", kwargs={"code": certificate.code})


def certificate_send_email(certificate_id):
    """Email the learner their certificate link, once: a conditional update claims the row,
    and the claim and the outbox row are one transaction, so a worker that dies after the claim
    leaves the email waiting in the outbox."""
    with transaction.atomic():
        claimed = Certificate.objects.filter(pk=certificate_id, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            return False
        certificate = Certificate.objects.select_related("enrolment__user", "enrolment__path").get(
            pk=certificate_id
        )
        _send(
            "learning/enrolment/email/certificate",
            {
                "certificate": certificate,
                "user": certificate.enrolment.user,
                "download_url": _site_url(certificate_download_url(certificate)),
                "verify_url": _site_url(reverse("learning:verify_certificate")),
            },
            certificate.enrolment.user.email,
        )
    return True


__all__ = [
    "apply_enrolment_rules",
    "assign_path",
    "assign_path_to_service_staff",
    "certificate_issue",
    "certificate_pdf",
    "certificate_send_email",
    "enrol_self",
    "enrolment_check_complete",
    "reopen_due_recertifications",
    "send_due_reminders",
]
