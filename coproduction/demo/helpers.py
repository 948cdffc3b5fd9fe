"""What every part of the co-production demo uses to make months of history in one load."""

from datetime import timedelta

from django.utils import timezone

from coproduction.concerns.models import ConcernEvent

from ..concerns import services as concerns
from ..surveys import services as surveys
from ..tracker import services as tracker


def at(days_ago, hour=11):
    """A moment `days_ago` days ago (negative: in the future), at `hour` o'clock local time."""
    moment = timezone.localtime() - timedelta(days=days_ago)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def backdate(instance, **stamps):
    """Move time stamps the services set to the time of loading into the demo's past."""
    type(instance).objects.filter(pk=instance.pk).update(**stamps)
    for name, value in stamps.items():
        setattr(instance, name, value)


# --- Family surveys -------------------------------------------------------------------------


def survey_held(forum, host, *, title, opens_at, closes_at, created_at, answers, quoted=()):
    """A family survey set up by `host`, answered, and closed at `closes_at` if that has passed.
    `answers` are (family member, recommend 0-10, what is good, what could be better); a family
    whose comment is in `quoted` agreed their comments may be quoted in reports.

    A survey is set up with its closing date still to come (as the service insists) and
    answered while open; one whose closing date has passed is then closed on its date."""
    survey = surveys.survey_open(
        forum,
        host,
        title=title,
        opens_at=opens_at,
        closes_at=max(closes_at, timezone.now() + timedelta(days=1)),
    )
    backdate(survey, created_at=created_at)
    for user, recommend, good, better in answers:
        surveys.survey_respond(
            survey,
            user,
            recommend=recommend,
            what_is_good=good,
            what_could_be_better=better,
            may_quote=good in quoted or better in quoted,
        )
    if closes_at < timezone.now():
        for item in surveys.survey_close(survey, now=closes_at):
            backdate(item, created_at=closes_at)
        backdate(survey, closes_at=closes_at)
    return survey


# --- Concerns -------------------------------------------------------------------------------


def date_new_events(concern, when):
    """Date the audit events the last service call wrote (stamped with the time of loading)."""
    ConcernEvent.objects.filter(concern=concern, at__gt=when).update(at=when)


def concern_raised(service, people, details, raised):
    """A concern about `service` raised at `raised` and routed at once, as `details` say (who
    raised it by email in `people`, or None; how; what happened; anonymous or not; themes).
    Returns (concern, tracking code or None)."""
    by = details.get("by")
    concern, code = concerns.concern_raise(
        service=service,
        user=people[by] if by else None,
        raiser_role=details["raiser_role"],
        what_happened=details["what_happened"],
        who_is_affected=details["who_is_affected"],
        at_risk_now=False,
        possible_safeguarding=details["possible_safeguarding"],
        anonymous=details.get("anonymous", False),
        contact_name=details.get("contact_name", ""),
        contact_email=details.get("contact_email", ""),
        speak_up=details.get("speak_up"),
        may_quote=details.get("may_quote", False),
    )
    backdate(concern, created_at=raised)
    backdate(concern.feedback_item, received_on=timezone.localdate(raised), created_at=raised)
    date_new_events(concern, raised)
    # Routed as it was raised: the routing task queued by `concern_raise` then finds it routed.
    concerns.concern_route(concern.pk, now=raised)
    date_new_events(concern, raised)
    concern.refresh_from_db()
    if details.get("themes"):
        tracker.feedback_tag(concern.feedback_item, details["themes"])
    return concern, code
