"""Writes of the flags part: evaluating the rules (raising and clearing flags, raising
closed-culture alerts and emailing them once), acknowledging an alert, assigning a learning path
from an alert, and saving an organisation's rule settings.

A flag is raised for the month its rule first holds and stands while the rule keeps holding; it
is cleared (never deleted) when a later evaluation finds the rule no longer holds, or when the
organisation switches the rule off. A rule with no usable data says nothing: the flag stays as
it is. Evaluating the same month again changes nothing that has not changed.

A flag whose rule holds again is brought up to date: its `end` moves on to the month after the
last month its rule held, and its evidence and summary are what the rule saw then.

An alert (INDICATORS.md E) stands for one service and month when its standing flags show
adverse movement in 3 or more indicators from at least 2 of the 4 evidence streams. Each
indicator counts once: flags are counted by their detector's measure (`evidence.MEASURES`:
turnover high and rising are one, the two rota rules are one, complaints left unanswered and
complaints falling are one). A flag counts only while its evidence stands: its rule held within
the rule's window of the month (a January alert is not built on an October figure), and the
figures it read have not become too thin to read (withheld evidence: the flag stands, but no
longer counts). A learning-culture flag is shown with the alert's evidence but does not count
towards it. The
alert is emailed to the organisation's leaders and safeguarding leads once: the evaluation
claims `notified_at` with a conditional update and sends after its transaction commits, so two
evaluations at once, or one run twice, send one email each.
"""

import logging
from collections import Counter
from datetime import timedelta

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Organisation, Service
from cms.outbox.services import email_send
from cms.periods import add_months, last_whole_month, month_label
from cms.sanitise import sanitise

from . import learning, selectors
from .detectors import DETECTORS_BY_KEY, get_detector, indicators_read
from .evidence import ALERT_STREAMS
from .models import AlertPathAssignment, ClosedCultureAlert, FlagSetting, RedFlag

logger = logging.getLogger(__name__)

Rung = ClosedCultureAlert.Rung
State = ClosedCultureAlert.State

ALERT_MIN_INDICATORS = 3
ALERT_MIN_STREAMS = 2
# An alert in each of the last 3 months (this one included) is sustained: level 3.
SUSTAINED_MONTHS = 3
# Design: an alert drawing on 3 or more streams asks for a visit, not only information sharing.
VISIT_MIN_STREAMS = 3
# The due date a path assigned from an alert gets unless the leader picks another.
ASSIGNMENT_DUE_DAYS = 28

# INDICATORS.md E, the escalation ladder, in plain steps.
NEXT_STEPS = {
    Rung.INTERNAL_REVIEW: [
        "Look at the evidence with the service's manager and ask what lies behind it.",
        "Walk the service, at night and at weekends too, and talk with people, families and staff.",
        "Record what you find and what you will do, and check the figure again next month.",
    ],
    Rung.INFORMATION_SHARING: [
        "Tell the organisation's safeguarding lead today and share the evidence with them.",
        "Share what you know with the local authority's safeguarding team (level 1: "
        "information sharing).",
        "Visit the service unannounced, including at night, and listen to people, families "
        "and staff.",
        "Assign the red flags learning path to the service's staff.",
    ],
    Rung.PROVIDER_CONCERNS_VISIT: [
        "Tell the organisation's safeguarding lead today and share the evidence with them.",
        "Ask the local authority for a provider concerns visit (level 2), or agree one with "
        "the commissioner.",
        "Visit the service unannounced, including at night, and listen to people, families "
        "and staff.",
        "Make an improvement plan with dates, and assign the red flags learning path to the "
        "service's staff.",
    ],
    Rung.ENHANCED_MONITORING: [
        "The alert has stood for 3 months in a row: tell the local authority and the "
        "commissioner that concerns are sustained despite a plan (level 3).",
        "Review the improvement plan with the safeguarding lead: what has been done, and "
        "what has changed.",
        "Consider whether anyone is at risk now; if so, raise a safeguarding concern at once.",
    ],
    Rung.MAJOR_SANCTIONS: [
        "Work with the regulator and the local authority on the actions they require (level 4).",
    ],
}


# --- Evaluating -------------------------------------------------------------------------------


def flags_evaluate(organisation=None, month=None, now=None):
    """Run every enabled rule for `month` (the last whole month when None) in every service of
    `organisation` (of every organisation when None). Returns counts of what changed."""
    month = (month or last_whole_month()).replace(day=1)
    organisations = [organisation] if organisation else Organisation.objects.order_by("pk")
    keys = indicators_read()
    done = Counter(raised=0, cleared=0, alerts=0)
    for each in organisations:
        rule_settings = selectors.rule_settings(each)
        services = list(Service.objects.filter(organisation=each).order_by("pk"))
        readings = selectors.readings_for(services, month, keys)
        for service in services:
            done.update(service_evaluate(service, month, rule_settings, readings[service.pk], now))
    return dict(done)


def _clear(flag, now):
    RedFlag.objects.filter(pk=flag.pk, cleared_at__isnull=True).update(cleared_at=now)


def service_evaluate(service, month, rule_settings, readings, now=None):
    """Raise, keep or clear each rule's flag for one service and month, then raise its alert if
    the standing flags call for one. One transaction per service."""
    now = now or timezone.now()
    done = Counter()
    with transaction.atomic():
        standing = {}
        for flag in RedFlag.objects.select_for_update().filter(
            service=service, cleared_at__isnull=True
        ):
            standing.setdefault(flag.rule, flag)
        withheld = set()  # rules whose figures became too thin to read: their flags do not count
        for setting in rule_settings:
            rule = setting.rule
            flag = standing.get(rule.key)
            if not setting.enabled:
                if flag is not None:
                    _clear(flag, now)
                    done["cleared"] += 1
                continue
            finding = rule.find(readings, setting.effective_threshold)
            if finding is None:
                # No usable data: say nothing, the flag stands; if the figures are there but
                # too thin to read, its evidence is withheld and it stops counting.
                if readings.thin(rule.indicators, readings.recent_months()):
                    withheld.add(rule.key)
                continue
            if finding.flagged:
                if flag is None:
                    done["raised"] += _raise(service, month, rule, finding)
                else:
                    _hold(flag, month, finding)
            elif flag is not None and flag.start <= month:
                _clear(flag, now)
                done["cleared"] += 1
        alert, created = _alert_if_due(service, month, withheld)
        if alert is not None:
            done["alerts"] += int(created)
            claimed = ClosedCultureAlert.objects.filter(
                pk=alert.pk, notified_at__isnull=True
            ).update(notified_at=now)
            if claimed:
                alert_email_send(alert.pk)  # in the outbox, in this transaction
    return done


def _raise(service, month, rule, finding):
    """A flag for `month` (1), or the month's flag standing again after it was cleared (0)."""
    flag, created = RedFlag.objects.get_or_create(
        service=service,
        rule=rule.key,
        start=month,
        defaults={
            "end": add_months(month, 1),
            "labels": dict(rule.labels),
            "stream": rule.stream,
            "evidence": list(finding.evidence),
            "summary": finding.summary[:300],
        },
    )
    if not created and flag.cleared_at is not None:
        # The same month evaluated again (a corrected import): what the rule sees now stands.
        flag.cleared_at = None
        flag.evidence = list(finding.evidence)
        flag.summary = finding.summary[:300]
        flag.save(update_fields=["cleared_at", "evidence", "summary"])
    return int(created)


def _hold(flag, month, finding):
    """The rule still holds in `month`: the flag's evidence is now this month's."""
    end = add_months(month, 1)
    if end <= flag.end:
        return
    flag.end = end
    flag.evidence = list(finding.evidence)
    flag.summary = finding.summary[:300]
    flag.save(update_fields=["end", "evidence", "summary"])


def _rule(flag):
    return DETECTORS_BY_KEY.get(flag.rule)


def measure(flag):
    """The measure a flag counts as (INDICATORS.md indicator), once however many flags read it."""
    rule = _rule(flag)
    return rule.measure if rule else flag.rule


def evidence_current(flag, month):
    """Whether the flag's evidence stands for an alert in `month`: its rule held (raised, or
    held again) no longer ago than the rule's window. A flag raised in October on the three
    months to October no longer speaks for January."""
    rule = _rule(flag)
    window = rule.window if rule else 1
    return flag.start <= month < add_months(flag.end, window - 1)


def counting(flags, month=None, withheld=()):
    """The flags that count towards an alert in `month`: in one of the 4 evidence streams, with
    evidence that is current (when `month` is given) and not withheld (rules in `withheld`)."""
    return [
        flag
        for flag in flags
        if flag.stream in ALERT_STREAMS
        and flag.rule not in withheld
        and (month is None or evidence_current(flag, month))
    ]


def alert_due(flags, month=None, withheld=()):
    """(is an alert due, the evidence streams counted): 3 or more measures from at least 2 of
    the 4 evidence streams among the flags that count (`counting`)."""
    counted = counting(flags, month, withheld)
    measures = {measure(flag) for flag in counted}
    streams = sorted({flag.stream for flag in counted}, key=ALERT_STREAMS.index)
    return (
        len(measures) >= ALERT_MIN_INDICATORS and len(streams) >= ALERT_MIN_STREAMS,
        streams,
    )


def suggested_rung(service, month, streams):
    """INDICATORS.md E: an alert in each of the last 3 months is level 3; otherwise level 1
    (information sharing), or level 2 (a provider concerns visit) when 3 or more streams show
    it."""
    earlier = {add_months(month, -back) for back in range(1, SUSTAINED_MONTHS)}
    standing_before = ClosedCultureAlert.objects.filter(service=service, start__in=earlier)
    if standing_before.count() == len(earlier):
        return Rung.ENHANCED_MONITORING
    if len(streams) >= VISIT_MIN_STREAMS:
        return Rung.PROVIDER_CONCERNS_VISIT
    return Rung.INFORMATION_SHARING


def _alert_if_due(service, month, withheld=()):
    """(the service's alert for `month`, whether it is new) when its standing flags call for
    one, else (None, False). The alert keeps the flags that count, and the learning-culture
    flags standing beside them."""
    standing = list(RedFlag.objects.filter(service=service, cleared_at__isnull=True))
    due, streams = alert_due(standing, month, withheld)
    if not due:
        return None, False
    flags = counting(standing, month, withheld) + [
        flag
        for flag in standing
        if flag.stream not in ALERT_STREAMS and evidence_current(flag, month)
    ]
    alert, created = ClosedCultureAlert.objects.get_or_create(
        service=service,
        start=month,
        defaults={
            "end": add_months(month, 1),
            "streams": streams,
            "suggested_rung": suggested_rung(service, month, streams),
        },
    )
    if not created and alert.open:
        # Evaluated again with more flags: the open alert shows what stands now.
        streams = sorted(set(alert.streams) | set(streams), key=ALERT_STREAMS.index)
        alert.streams = streams
        alert.suggested_rung = suggested_rung(service, month, streams)
        alert.save(update_fields=["streams", "suggested_rung"])
    if created or alert.open:
        alert.flags.add(*flags)
    return alert, created


# --- Telling people ---------------------------------------------------------------------------


def alert_url(alert):
    return reverse(
        "leadership:alert_detail",
        kwargs={"slug": alert.service.organisation.slug, "alert_id": alert.pk},
    )


def alert_email_send(alert_id):
    """Email the alert to its service's leaders and safeguarding leads: the evidence summary
    (figures about the service, never about people) and a link. Returns the emails sent."""
    alert = (
        ClosedCultureAlert.objects.select_related("service__organisation")
        .filter(pk=alert_id)
        .first()
    )
    if alert is None:
        return 0
    flags = selectors.with_rules(alert.flags.order_by("rule"))
    context = {
        "alert": alert,
        "service_name": alert.service.name,
        "organisation_name": alert.service.organisation.name,
        "month": month_label(alert.start),
        "flags": flags,
        "rung": alert.get_suggested_rung_display(),
        "next_steps": NEXT_STEPS.get(alert.suggested_rung, []),
        "alert_url": django_settings.WAGTAILADMIN_BASE_URL.rstrip("/") + alert_url(alert),
    }
    recipients = selectors.alert_recipients(alert)
    return email_send("leadership/flags/emails/alert", context, recipients)


# --- Acting on an alert -----------------------------------------------------------------------


def alert_acknowledge(alert, by, *, what_was_done, state, now=None):
    """Record what was done and which state fits; once only."""
    what_was_done = sanitise(what_was_done or "", html=False).strip()
    errors = {}
    if not what_was_done:
        errors["what_was_done"] = "Say what was done about the alert."
    if state not in State.values:
        errors["state"] = "Choose which state fits what you found."
    if errors:
        raise ValidationError(errors)
    claimed = ClosedCultureAlert.objects.filter(pk=alert.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now or timezone.now(),
        acknowledged_by=by,
        what_was_done=what_was_done,
        state=state,
    )
    if not claimed:
        raise ValidationError("This alert has already been acknowledged.")
    alert.refresh_from_db()
    return alert


def assignment_reason(alert):
    return f"Closed-culture alert at {alert.service.name}, {month_label(alert.start)}"


def default_due_on(today=None):
    return (today or timezone.localdate()) + timedelta(days=ASSIGNMENT_DUE_DAYS)


def alert_assign_path(alert, path, *, due_on, by):
    """Enrol the alert's service's staff on `path` through the learning plugin's public
    function, and record it. Assigning again enrols nobody twice (the learning plugin sees to
    that); each assignment is recorded."""
    if not learning.available():
        raise ValidationError("Learning paths are not available on this site.")
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": "The due date cannot be in the past."})
    with transaction.atomic():
        try:
            enrolments = learning.assign_to_service_staff(
                path, alert.service, due_on=due_on, reason=assignment_reason(alert), by=by
            )
        except ValidationError as error:
            raise ValidationError({"path": "Choose a path of this organisation."}) from error
        return AlertPathAssignment.objects.create(
            alert=alert,
            path_id=path.pk,
            path_title=path.title[:255],
            people_enrolled=len(enrolments),
            assigned_by=by,
        )


# --- Settings ---------------------------------------------------------------------------------


def flag_settings_save(organisation, choices, by):
    """Save `choices` ({rule key: (enabled, threshold or None)}) as the organisation's settings.
    A threshold outside the rule's range is refused at the rule's field."""
    errors = {}
    for key, (_enabled, threshold) in choices.items():
        rule = get_detector(key)
        if threshold is not None and not (rule.threshold_min <= threshold <= rule.threshold_max):
            errors[f"{key}_threshold"] = (
                f"Enter a number from {rule.threshold_text(rule.threshold_min)} to "
                f"{rule.threshold_text(rule.threshold_max)}, or leave it empty for the default."
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for key, (enabled, threshold) in choices.items():
            FlagSetting.objects.update_or_create(
                organisation=organisation,
                rule=key,
                defaults={"enabled": enabled, "threshold": threshold, "updated_by": by},
            )
