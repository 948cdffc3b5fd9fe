"""Permission rows for the leadership plugin: the evidence ledger (its index, an organisation's
summary, a service's ledger with its inspection packs, a pack's download, and the framework
page where organisation admins load a later version).

The ledger holds the dashboards' figures and red flags, so leaders see it and everyone else in
the organisation is refused (403); to a person with no role in the organisation it is "not
found" (404). Loading a framework version is for organisation admins of the whole organisation
(a leader reads the framework page but may not post to it). tests/leadership/test_ledger.py
proves the same for another organisation's leader and for a leader of one service.
"""

from django.core.files.base import ContentFile
from django.urls import reverse

from cms.organisations.models import Role
from cms.periods import add_months, last_whole_month
from tests.permission_table import ANONYMOUS, LOGIN, NO_ROLE, Row, everyone

_MEMBERS_REFUSED = everyone(403).but(**{ANONYMOUS: LOGIN, NO_ROLE: 404})
_LEADERS = _MEMBERS_REFUSED.but(**{Role.LEADER: 200})
_LAST = last_whole_month()
_PERIOD = {"from_month": f"{add_months(_LAST, -2):%Y-%m}", "to_month": f"{_LAST:%Y-%m}"}


def _service_url(world):
    return reverse("leadership:ledger_service", args=[world.organisation.slug, world.service.pk])


def _download_url(world):
    from leadership.ledger.models import InspectionPack
    from leadership.ledger.services import framework_of

    pack = InspectionPack.objects.create(
        service=world.service,
        framework=framework_of(world.organisation),
        start=add_months(_LAST, -2),
        end=add_months(_LAST, 1),
        status=InspectionPack.Status.READY,
    )
    pack.pdf.save("pack.pdf", ContentFile(b"%PDF-1.4 an inspection pack"), save=True)
    return reverse("leadership:inspection_pack_download", args=[pack.key])


def _framework_url(world):
    return reverse("leadership:ledger_framework", args=[world.organisation.slug])


ROWS = [
    Row(
        "leadership:ledger_home",
        lambda world: reverse("leadership:ledger_home"),
        everyone(403).but(**{ANONYMOUS: LOGIN, Role.LEADER: 302}),
    ),
    Row(
        "leadership:ledger_summary",
        lambda world: reverse("leadership:ledger_summary", args=[world.organisation.slug]),
        _LEADERS,
    ),
    Row("leadership:ledger_service", _service_url, _LEADERS),
    Row(
        "leadership:ledger_service_csv",
        lambda world: reverse(
            "leadership:ledger_service_csv", args=[world.organisation.slug, world.service.pk]
        ),
        _LEADERS,
    ),
    Row(
        "leadership:ledger_service",
        _service_url,
        _MEMBERS_REFUSED.but(**{Role.LEADER: 302}),
        method="post",
        data=_PERIOD,
    ),
    Row(
        "leadership:inspection_pack_download",
        _download_url,
        _MEMBERS_REFUSED.but(**{Role.LEADER: 200}),
    ),
    Row(
        "leadership:ledger_framework",
        _framework_url,
        _LEADERS.but(**{Role.ORGANISATION_ADMIN: 200}),
    ),
    # An empty file is refused at the field (400): the person got past the permission check.
    Row(
        "leadership:ledger_framework",
        _framework_url,
        _MEMBERS_REFUSED.but(**{Role.ORGANISATION_ADMIN: 400}),
        method="post",
        data={"file": ""},
    ),
]
