"""Enrolment's evidence, registered with the host's evidence registry (cms.evidence): the
learning the people working at a service completed in a period, path by path, for the quality
statements a leader evidences with it (the ledger's map says which)."""

from django.db.models import Count, F, Max

from cms.evidence import (
    Evidence,
    EvidenceItem,
    register_collect_each,
    register_evidence,
    register_latest_each,
)
from cms.indicators import MIN_PEOPLE
from cms.organisations.models import Membership

from .models import Enrolment
from .selectors import WORKFORCE_ROLES

VIEW_PAGE = "learning.view_learning_page"


@register_evidence(
    "learning.completions",
    label="Learning completed",
    description="Learning paths completed in the period by the people who work at the service.",
    params={"path": "a learning path's slug: only that path (e.g. legal-literacy)"},
)
def completions(service, start, end, viewer, path=None):
    return completions_each(service, start, end, viewer, [{"path": path}])[0]


def _completed(start, end, each, **where):
    """Enrolments completed in [start, end) on the paths `each` asks about (every path when one
    of its parameters names none), filtered by `where`."""
    completed = Enrolment.objects.filter(completed_at__gte=start, completed_at__lt=end, **where)
    slugs = {params.get("path") for params in each}
    if None not in slugs:
        completed = completed.filter(path__slug__in=slugs)
    return completed.order_by()


@register_collect_each("learning.completions")
def completions_each(service, start, end, viewer, each):
    """`completions` for each parameters dict of `each` (a path, or every path), in one grouped
    query: the map links the same learning to several statements."""
    people = Membership.objects.filter(service=service, role__in=WORKFORCE_ROLES).values("user_id")
    rows = list(
        _completed(start, end, each, organisation_id=service.organisation_id, user_id__in=people)
        .values("path_id", "path__title", "path__slug")
        .annotate(count=Count("id"), people=Count("user_id", distinct=True), on=Max("completed_at"))
        .order_by("path__title")
    )
    paths = {}
    if rows and viewer.has_perm(VIEW_PAGE, service.organisation):
        from ..authoring.models import LearningPathPage

        paths = {
            page.pk: page.url or ""
            for page in LearningPathPage.objects.filter(pk__in=[row["path_id"] for row in rows])
        }
    return [
        Evidence(
            items=[
                EvidenceItem(
                    label=f"Completed “{row['path__title']}”",
                    count=row["count"],
                    people=row["people"],
                    on=row["on"].date(),
                    url=paths.get(row["path_id"], ""),
                )
                for row in rows
                if params.get("path") in (None, row["path__slug"])
            ]
        )
        for params in each
    ]


@register_latest_each("learning.completions")
def completions_latest_each(services, start, end, viewer, each):
    """What `completions(...).latest` gives each service for each parameters dict of `each`, in
    one grouped query: the day of the latest completion of a path that people working at the
    service completed in the period, where they reach the floor. (Grouping here beats fetching
    each person's completions and matching them in Python: on the benchmark's Board area, 70 ms
    against 220 ms for 25 services.)"""
    rows = [
        row
        for row in _completed(
            start,
            end,
            each,
            user__memberships__service__in=services,
            user__memberships__role__in=WORKFORCE_ROLES,
            organisation_id=F("user__memberships__service__organisation_id"),
        )
        .values("user__memberships__service_id", "path_id", "path__slug")
        .annotate(people=Count("user_id", distinct=True), on=Max("completed_at"))
        if row["people"] >= MIN_PEOPLE
    ]
    found = []
    for params in each:
        dates = {}
        for row in rows:
            if params.get("path") not in (None, row["path__slug"]):
                continue
            service_id, on = row["user__memberships__service_id"], row["on"].date()
            if on > dates.get(service_id, on.min):
                dates[service_id] = on
        found.append(dates)
    return found
