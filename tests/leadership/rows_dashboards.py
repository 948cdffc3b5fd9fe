"""Permission rows for the leadership plugin: dashboards (organisation overview, service,
learning and listening views, and the CSV file of each).

Leaders see every view of their organisation; safeguarding leads see the listening view (and
the dashboards link sends them there); everyone else in the organisation is refused (403). To a
person with no role in the organisation, its dashboards are "not found" (404);
tests/leadership/test_dashboards.py proves the same for another organisation's leader.
"""

from django.urls import reverse

from cms.organisations.models import Role
from tests.permission_table import ANONYMOUS, LOGIN, NO_ROLE, Row, everyone

_MEMBERS_REFUSED = everyone(403).but(**{ANONYMOUS: LOGIN, NO_ROLE: 404})
_LEADERS = _MEMBERS_REFUSED.but(**{Role.LEADER: 200})
_LISTENING = _LEADERS.but(**{Role.SAFEGUARDING_LEAD: 200})
# The one organisation's dashboard: a redirect to it.
_INDEX = everyone(403).but(**{ANONYMOUS: LOGIN, Role.LEADER: 302, Role.SAFEGUARDING_LEAD: 302})


def _snapshots(world):
    from tests.leadership.factories_dashboards import history

    history(world.service, "occupancy", [88, 90, (91, 3)])
    history(world.service, "concerns_raised", [(6, 6), (7, 7)])


def _organisation_url(name):
    def build(world):
        _snapshots(world)
        return reverse(f"leadership:{name}", args=[world.organisation.slug])

    return build


def _service_url(name):
    def build(world):
        _snapshots(world)
        return reverse(f"leadership:{name}", args=[world.organisation.slug, world.service.pk])

    return build


ROWS = [
    Row("leadership:dashboards", lambda world: reverse("leadership:dashboards"), _INDEX),
    Row("leadership:dashboard_overview", _organisation_url("dashboard_overview"), _LEADERS),
    Row(
        "leadership:dashboard_overview_csv",
        _organisation_url("dashboard_overview_csv"),
        _LEADERS,
    ),
    Row("leadership:dashboard_learning", _organisation_url("dashboard_learning"), _LEADERS),
    Row(
        "leadership:dashboard_learning_csv",
        _organisation_url("dashboard_learning_csv"),
        _LEADERS,
    ),
    Row(
        "leadership:dashboard_listening",
        _organisation_url("dashboard_listening"),
        _LISTENING,
    ),
    Row(
        "leadership:dashboard_listening_csv",
        _organisation_url("dashboard_listening_csv"),
        _LISTENING,
    ),
    Row("leadership:dashboard_service", _service_url("dashboard_service"), _LEADERS),
    Row("leadership:dashboard_service_csv", _service_url("dashboard_service_csv"), _LEADERS),
]
