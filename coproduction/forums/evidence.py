"""The family forum's evidence for the ledger (cms.evidence): the events a service held for
families in a period and the families who said they would come, the questions families sent in
and those answered, and the family surveys that closed with their number of answers. Each
count rests on the families behind it, so a count from fewer than the floor is never shown."""

from django.db.models import Count, Max, Q
from django.urls import reverse

from cms.evidence import Evidence, EvidenceItem, register_evidence

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
