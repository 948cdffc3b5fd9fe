"""What the visits part reads: a service's visits, one visit, the latest senior visit, and the
services a person may see the visits of."""

from django.db.models import Count, Max, Q

from cms import access

from .models import SENIOR, ServiceVisit

VIEW_VISITS = "leadership.view_servicevisit"
ADD_VISIT = "leadership.add_servicevisit"
CHANGE_VISIT = "leadership.change_servicevisit"
DELETE_VISIT = "leadership.delete_servicevisit"
PER_PAGE = 20


def visits_of(service):
    """The service's visits, newest first, with how many follow-ups each has still open."""
    return (
        ServiceVisit.objects.filter(service=service)
        .select_related("visitor")
        .annotate(open_follow_ups=Count("follow_ups", filter=Q(follow_ups__done_at__isnull=True)))
        .order_by("-started_at", "-pk")
    )


def visits_with_services():
    return ServiceVisit.objects.select_related("service__organisation")


def visit_with_follow_ups(visit_id):
    return (
        ServiceVisit.objects.select_related("service__organisation", "visitor")
        .prefetch_related("follow_ups")
        .filter(pk=visit_id)
        .first()
    )


def senior_visits(service, before=None):
    """Visits by board members and senior leaders, newest first (started before `before`)."""
    visits = ServiceVisit.objects.filter(service=service, capacity__in=SENIOR)
    if before is not None:
        visits = visits.filter(started_at__lt=before)
    return visits.order_by("-started_at")


def latest_senior_visit(service, before=None):
    return senior_visits(service, before).first()


def latest_senior_visit_times(services):
    """{service id: when its latest senior visit started}, for services visited by a board
    member or senior leader: one query, however many services are listed."""
    return dict(
        ServiceVisit.objects.filter(
            service_id__in=[service.pk for service in services], capacity__in=SENIOR
        )
        .order_by()
        .values("service_id")
        .annotate(latest=Max("started_at"))
        .values_list("service_id", "latest")
    )


def first_visit_in_organisation(organisation_id, before):
    """When the organisation recorded its first visit (to any service, by anyone) before
    `before`: from then on it keeps a visit log, so a service with none has gone unvisited."""
    return (
        ServiceVisit.objects.filter(service__organisation_id=organisation_id, started_at__lt=before)
        .order_by("started_at")
        .values_list("started_at", flat=True)
        .first()
    )


def senior_visits_between(service, start, end):
    """(started_at, visitor id, announced) of the senior visits in [start, end)."""
    return list(
        ServiceVisit.objects.filter(
            service=service, capacity__in=SENIOR, started_at__gte=start, started_at__lt=end
        ).values_list("started_at", "visitor_id", "announced")
    )


def visible_services(user):
    """[(organisation, [services])] whose visits `user` may see, by organisation name."""
    found = []
    for organisation in access.organisations_with(user, VIEW_VISITS):
        services = access.services_with(user, organisation, VIEW_VISITS)
        if services:
            found.append((organisation, services))
    return found
