"""The family forum's evidence for the ledger (cms.evidence): the events a service held for
families in a period and the families who said they would come, the questions families sent in
and those answered, and the family surveys that closed with their number of answers. Each
count rests on the families behind it, so a count from fewer than the floor is never shown."""

from django.db.models import Count, Max, Q
from django.urls import reverse

from cms.evidence import Evidence, EvidenceItem, register_evidence, register_latest_many
from cms.indicators import MIN_PEOPLE

from ..questions.models import ForumQuestion
from ..surveys.models import SurveyResponse
from .models import EventRSVP, ForumEvent

VIEW_FORUM = "coproduction.view_familyforum"


def _date(moment):
    return moment.date() if moment else None


@register_evidence(
    "coproduction.family_forum",
    label="Family forum",
    description="Events held for families, questions families sent in and the answers, and "
    "family survey answers, in the period.",
)
def family_forum(service, start, end, viewer):
    forum = getattr(service, "family_forum", None)
    if forum is None:
        return Evidence()
    url = (
        reverse("coproduction:forum_detail", args=[forum.pk])
        if viewer.has_perm(VIEW_FORUM, forum)
        else ""
    )
    events = ForumEvent.objects.filter(
        forum=forum, starts_at__gte=start, starts_at__lt=end, cancelled_at__isnull=True
    )
    held = events.aggregate(count=Count("id"), latest=Max("starts_at"))
    families = (
        EventRSVP.objects.filter(event__in=events, answer=EventRSVP.Answer.YES)
        .values("user_id")
        .distinct()
        .count()
    )
    questions = ForumQuestion.objects.filter(
        forum=forum, asked_at__gte=start, asked_at__lt=end
    ).aggregate(
        asked=Count("id"),
        answered=Count("id", filter=~Q(answer="")),
        askers=Count("asked_by", distinct=True),
        anonymous=Count("id", filter=Q(anonymous=True)),
        latest=Max("asked_at"),
    )
    # Anonymous questions name nobody: each counts as one more person.
    askers = questions["askers"] + questions["anonymous"]
    answers = SurveyResponse.objects.filter(
        survey__forum=forum, survey__closes_at__gte=start, survey__closes_at__lt=end
    ).aggregate(count=Count("id"), latest=Max("survey__closes_at"))
    return Evidence(
        items=[
            EvidenceItem("Forum events held", held["count"], families, _date(held["latest"]), url),
            EvidenceItem(
                "Questions sent in", questions["asked"], askers, _date(questions["latest"]), url
            ),
            EvidenceItem(
                "Questions answered",
                questions["answered"],
                askers,
                _date(questions["latest"]),
                url,
            ),
            EvidenceItem(
                "Family survey answers",
                answers["count"],
                answers["count"],
                _date(answers["latest"]),
                url,
            ),
        ]
    )


@register_latest_many("coproduction.family_forum")
def family_forum_latest(services, start, end, viewer):
    """What `family_forum(...).latest` gives each service, from counts grouped by its forum's
    service (four queries however many services): the latest day of a count that reaches the
    floor of families behind it."""
    events = ForumEvent.objects.filter(
        forum__service__in=services,
        starts_at__gte=start,
        starts_at__lt=end,
        cancelled_at__isnull=True,
    )
    held = {
        row["forum__service_id"]: row
        for row in events.order_by()
        .values("forum__service_id")
        .annotate(count=Count("id"), latest=Max("starts_at"))
    }
    families = dict(
        EventRSVP.objects.filter(event__in=events, answer=EventRSVP.Answer.YES)
        .order_by()
        .values("event__forum__service_id")
        .annotate(people=Count("user_id", distinct=True))
        .values_list("event__forum__service_id", "people")
    )
    questions = (
        ForumQuestion.objects.filter(
            forum__service__in=services, asked_at__gte=start, asked_at__lt=end
        )
        .order_by()
        .values("forum__service_id")
        .annotate(
            asked=Count("id"),
            answered=Count("id", filter=~Q(answer="")),
            askers=Count("asked_by", distinct=True),
            anonymous=Count("id", filter=Q(anonymous=True)),
            latest=Max("asked_at"),
        )
    )
    answers = (
        SurveyResponse.objects.filter(
            survey__forum__service__in=services,
            survey__closes_at__gte=start,
            survey__closes_at__lt=end,
        )
        .order_by()
        .values("survey__forum__service_id")
        .annotate(count=Count("id"), latest=Max("survey__closes_at"))
    )
    shown = {}  # service pk -> [(count, people, latest moment)]
    for service_id, row in held.items():
        shown.setdefault(service_id, []).append(
            (row["count"], families.get(service_id, 0), row["latest"])
        )
    for row in questions:
        askers = row["askers"] + row["anonymous"]
        lines = shown.setdefault(row["forum__service_id"], [])
        lines += [(row["asked"], askers, row["latest"]), (row["answered"], askers, row["latest"])]
    for row in answers:
        shown.setdefault(row["survey__forum__service_id"], []).append(
            (row["count"], row["count"], row["latest"])
        )
    return {
        service_id: max(
            (
                _date(latest)
                for count, people, latest in lines
                if count and latest and people >= MIN_PEOPLE
            ),
            default=None,
        )
        for service_id, lines in shown.items()
    }
