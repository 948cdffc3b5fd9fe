"""Permission rows for the co-production plugin: the staff pulse survey.

Each round URL builder makes an open pulse round of the world's service. Its staff and
supervisors answer it (staff of every group hold one of those roles); the organisation's leaders
open, close and read it. Everyone else, organisation admins and HR included, is not one of the
service's staff or leaders: to them a round is "not found" (404). Staff who may not open, close
or read the results are refused (403). The staff pulse page lists what a person has there, and
any signed-in person may open it. tests/coproduction/test_pulse.py proves the refusal for a
leader of another service.
"""

from django.urls import reverse

from cms.organisations.models import Role
from tests.permission_table import ANONYMOUS, LOGIN, Row, everyone


def table_pulse_round(world):
    from tests.coproduction.factories_pulse import PulseRoundFactory

    return PulseRoundFactory(service=world.service, created_by=world.people[Role.LEADER])


def _round_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[table_pulse_round(world).pk])


def _service_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[world.service.pk])


def _in_service(leader, staff):
    """Neither staff nor leader: 404 (anonymous: sign in); leaders get `leader`, staff and
    supervisors `staff`."""
    return everyone(404).but(
        **{ANONYMOUS: LOGIN, Role.LEADER: leader, Role.STAFF: staff, Role.SUPERVISOR: staff}
    )


ROWS = [
    Row(
        "coproduction:pulse_index",
        lambda world: reverse("coproduction:pulse_index"),
        everyone(200).but(**{ANONYMOUS: LOGIN}),
    ),
    Row(
        "coproduction:pulse_round_create", _service_url("pulse_round_create"), _in_service(200, 403)
    ),
    Row("coproduction:pulse_round", _round_url("pulse_round"), _in_service(200, 200)),
    Row(
        "coproduction:pulse_respond",
        _round_url("pulse_respond"),
        _in_service(403, 302),
        method="post",
        data={
            "staff_group": "cleaner",
            "safe_to_speak": "4",
            "acted_on": "0",
            "dignity_seen": "no",
        },
    ),
    Row("coproduction:pulse_round_close", _round_url("pulse_round_close"), _in_service(200, 403)),
    Row(
        "coproduction:pulse_round_close",
        _round_url("pulse_round_close"),
        _in_service(302, 403),
        method="post",
    ),
]
