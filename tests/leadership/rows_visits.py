"""Permission rows for the leadership plugin: service visits.

Leaders of the organisation see every service's visits, record visits and mark follow-ups
done; everyone else in the organisation is refused (403), organisation admins included (they
run the set-up and do not read visit notes); a person with no role in the organisation does not
find its services (404). A visit is corrected or deleted by its visitor alone (the rows' visit
is the world's leader's; test_visits.py shows another leader refused). The navigation's index
page is refused (403) to anyone who may see no service's visits. tests/leadership/test_visits.py
proves the rest: a leader of one service sees its visits only and records none, and another
organisation's leader finds nothing (404).
"""

from django.urls import reverse

from cms.organisations.models import Role
from tests.permission_table import ANONYMOUS, LOGIN, NO_ROLE, Row, everyone

_IN_ORGANISATION = everyone(403).but(**{ANONYMOUS: LOGIN, NO_ROLE: 404})


def _leaders(outcome):
    return _IN_ORGANISATION.but(**{Role.LEADER: outcome})


def _service_url(name):
    return lambda world: reverse(f"leadership:{name}", args=[world.service.pk])


def _visit(world):
    from tests.leadership.factories_visits import ServiceVisitFactory

    return ServiceVisitFactory(service=world.service)


def _own_visit_url(name):
    """A visit recorded by the world's leader: only its visitor corrects or deletes it."""

    def url(world):
        from tests.leadership.factories_visits import ServiceVisitFactory

        visit = ServiceVisitFactory(service=world.service, visitor=world.people[Role.LEADER])
        return reverse(f"leadership:{name}", args=[visit.pk])

    return url


def _follow_up_done_url(world):
    from tests.leadership.factories_visits import VisitFollowUpFactory

    follow_up = VisitFollowUpFactory(visit=_visit(world))
    return reverse("leadership:visit_follow_up_done", args=[follow_up.visit.pk, follow_up.pk])


_A_VISIT = {
    "capacity": "board_member",
    "date": "2025-06-02",
    "start_time": "21:30",
    "spoke_with": ["night_staff"],
    "seen_and_heard": "Two staff on nights for thirty people.",
    "announced": "no",
    "follow_ups-TOTAL_FORMS": "3",
    "follow_ups-INITIAL_FORMS": "0",
    "follow_ups-MIN_NUM_FORMS": "0",
    "follow_ups-MAX_NUM_FORMS": "3",
}

ROWS = [
    Row(
        "leadership:visits_index",
        lambda world: reverse("leadership:visits_index"),
        everyone(403).but(**{ANONYMOUS: LOGIN, Role.LEADER: 200}),
    ),
    Row("leadership:service_visits", _service_url("service_visits"), _leaders(200)),
    Row("leadership:service_visit_create", _service_url("service_visit_create"), _leaders(200)),
    Row(
        "leadership:service_visit_create",
        _service_url("service_visit_create"),
        _leaders(302),
        method="post",
        data=_A_VISIT,
    ),
    Row(
        "leadership:service_visit",
        lambda world: _visit(world).get_absolute_url(),
        _leaders(200),
    ),
    Row("leadership:service_visit_edit", _own_visit_url("service_visit_edit"), _leaders(200)),
    Row(
        "leadership:service_visit_edit",
        _own_visit_url("service_visit_edit"),
        _leaders(302),
        method="post",
        data=_A_VISIT,
    ),
    Row("leadership:service_visit_delete", _own_visit_url("service_visit_delete"), _leaders(200)),
    Row(
        "leadership:service_visit_delete",
        _own_visit_url("service_visit_delete"),
        _leaders(302),
        method="post",
    ),
    Row(
        "leadership:visit_follow_up_done",
        _follow_up_done_url,
        _leaders(302),
        method="post",
    ),
]
