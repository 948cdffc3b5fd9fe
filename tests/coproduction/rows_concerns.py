"""Permission rows for the co-production plugin: concerns.

Raising a concern and following it by tracking code are public. The staff side is for the
organisation's leaders, its safeguarding leads and the service's forum hosts; the world's
concern is not a possible safeguarding one, so forum hosts see it too. Everyone else gets "not
found" (404) for a concern and "forbidden" (403) for the list; organisation admins are not in
it. "My concerns" is for anyone signed in. tests/coproduction/test_concerns.py proves the
refusals for other organisations, other services and safeguarding concerns.

Speak-up cases (tests/coproduction/test_speak_up.py): the list is open to speak-up leads too; a
speak-up case is for the speak-up lead only (and the safeguarding leads when it could be abuse,
proved there), not for leaders or forum hosts; "would you speak up again?" is for the person who
raised it; the quarterly return is for whole-organisation speak-up leads and organisation
admins (a role elsewhere in the organisation is refused, 403; no role there, not found).
"""

from django.urls import reverse

from cms.organisations.models import Role
from tests.permission_table import (
    ANONYMOUS,
    LOGIN,
    NO_ROLE,
    VISITORS,
    Row,
    everyone,
    scoped_snippet_rows,
)

STAFF = (Role.LEADER, Role.SAFEGUARDING_LEAD, Role.FORUM_HOST)
_PUBLIC = everyone(200)
_SIGNED_IN = everyone(200).but(**{ANONYMOUS: LOGIN})
_LIST = everyone(403).but(**{ANONYMOUS: LOGIN}, **dict.fromkeys((*STAFF, Role.SPEAK_UP_LEAD), 200))
_SPEAK_UP_CASE = everyone(404).but(**{ANONYMOUS: LOGIN, Role.SPEAK_UP_LEAD: 200})
_RAISER = everyone(404).but(**{ANONYMOUS: LOGIN, Role.STAFF: 200})
_RETURN = everyone(403).but(
    **{ANONYMOUS: LOGIN, NO_ROLE: 404, Role.SPEAK_UP_LEAD: 200, Role.ORGANISATION_ADMIN: 200}
)


def _concern_page(outcome):
    return everyone(404).but(**{ANONYMOUS: LOGIN}, **dict.fromkeys(STAFF, outcome))


def table_concern(world):
    from tests.coproduction.factories_concerns import ConcernFactory

    return ConcernFactory(service=world.service)


def table_speak_up_case(world):
    """A named speak-up case raised by the world's member of staff, its outcome shared."""
    from coproduction.concerns.models import Concern
    from tests.coproduction.factories_concerns import SpeakUpCaseFactory

    return SpeakUpCaseFactory(
        concern__service=world.service,
        concern__raised_by=world.people[Role.STAFF],
        concern__status=Concern.Status.OUTCOME_SHARED,
        concern__outcome="We looked into it and changed the rota.",
    ).concern


def _speak_up_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[table_speak_up_case(world).pk])


def _return_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[world.organisation.slug])


def _url(name):
    return lambda world: reverse(f"coproduction:{name}")


def _concern_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[table_concern(world).pk])


ROWS = [
    Row("coproduction:concern_raise", _url("concern_raise"), _PUBLIC),
    Row(
        "coproduction:concern_raise_for_service",
        lambda world: reverse("coproduction:concern_raise_for_service", args=[world.service.pk]),
        _PUBLIC,
    ),
    # The easy-read version (one question per screen) is as public as the standard form.
    Row(
        "coproduction:concern_raise_easy_read",
        lambda world: reverse("coproduction:concern_raise_easy_read", args=[1]),
        _PUBLIC,
    ),
    Row(
        "coproduction:concern_raise_for_service_easy_read",
        lambda world: reverse(
            "coproduction:concern_raise_for_service_easy_read", args=[world.service.pk, 1]
        ),
        _PUBLIC,
    ),
    Row("coproduction:concern_track", _url("concern_track"), _PUBLIC),
    Row("coproduction:concern_mine", _url("concern_mine"), _SIGNED_IN),
    Row("coproduction:concern_list", _url("concern_list"), _LIST),
    Row("coproduction:concern_detail", _concern_url("concern_detail"), _concern_page(200)),
    Row(
        "coproduction:concern_acknowledge",
        _concern_url("concern_acknowledge"),
        _concern_page(200),
    ),
    Row(
        "coproduction:concern_acknowledge",
        _concern_url("concern_acknowledge"),
        _concern_page(302),
        method="post",
    ),
    Row("coproduction:concern_status", _concern_url("concern_status"), _concern_page(200)),
    Row("coproduction:concern_themes", _concern_url("concern_themes"), _concern_page(200)),
    Row(
        "coproduction:concern_themes",
        _concern_url("concern_themes"),
        _concern_page(302),
        method="post",
    ),
    Row("coproduction:concern_detail", _speak_up_url("concern_detail"), _SPEAK_UP_CASE),
    Row("coproduction:concern_status", _speak_up_url("concern_status"), _SPEAK_UP_CASE),
    Row(
        "coproduction:concern_speak_up_again",
        _speak_up_url("concern_speak_up_again"),
        _RAISER,
    ),
    Row(
        "coproduction:concern_speak_up_again",
        _speak_up_url("concern_speak_up_again"),
        _RAISER.but(**{Role.STAFF: 302}),
        method="post",
        data={"answer": "maybe"},
    ),
    Row("coproduction:speak_up_return", _return_url("speak_up_return"), _RETURN),
    Row("coproduction:speak_up_return_csv", _return_url("speak_up_return_csv"), _RETURN),
]


# --- Safeguarding contacts in the Wagtail admin (coproduction.concerns.wagtail_hooks) -------
# Organisation admins keep the contacts of their services. Other people who use the admin for
# their own work (leaders and lived-experience leads, while the learning plugin lets them in)
# are sent back to the dashboard from the listing and the add form, get 404 for a service's
# contacts (outside what they administer, so their existence does not show) and see the
# choosers empty; everyone else signs in. tests/coproduction/test_concern_contacts.py proves
# the refusals between organisations and services.


def _contacts(world):
    from coproduction.concerns.models import ConcernContacts

    contacts, _created = ConcernContacts.objects.get_or_create(
        service=world.service,
        defaults={"safeguarding_team": "Table Safeguarding", "safeguarding_phone": "0300 111 2222"},
    )
    return contacts


ROWS += scoped_snippet_rows("coproduction_concerncontacts", _contacts)

assert all(set(row.expect) == set(VISITORS) for row in ROWS)
