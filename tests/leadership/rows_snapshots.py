"""Permission rows for the leadership plugin: snapshots (the Figures page).

Leaders and organisation admins see when their organisation's figures were last worked out,
bring them up to date and follow a run's progress (the JSON the page polls); everyone else
signed in is refused (403), HR and safeguarding leads
included (they do not run the dashboards). With one organisation, the button needs no choice, so
the POST rows send nothing and a leader or admin is sent back to the page (302).
tests/leadership/test_snapshots.py proves the refusal for another organisation's leader and of a
second run while one is queued.
"""

from django.urls import reverse

from cms.organisations.models import Role
from tests.permission_table import ANONYMOUS, LOGIN, Row, everyone


def _leaders(outcome):
    return everyone(403).but(
        **{ANONYMOUS: LOGIN, Role.LEADER: outcome, Role.ORGANISATION_ADMIN: outcome}
    )


ROWS = [
    Row("leadership:figures", lambda world: reverse("leadership:figures"), _leaders(200)),
    Row(
        "leadership:figures_refresh",
        lambda world: reverse("leadership:figures_refresh"),
        _leaders(302),
        method="post",
    ),
    # The JSON the Figures page's script polls while a run is open: the same people.
    Row(
        "leadership:figures_progress",
        lambda world: reverse("leadership:figures_progress"),
        _leaders(200),
    ),
    # A GET does nothing: the button only posts.
    Row(
        "leadership:figures_refresh",
        lambda world: reverse("leadership:figures_refresh"),
        everyone(405),
    ),
]
