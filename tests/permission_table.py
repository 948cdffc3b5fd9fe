"""The shape of the permission table (see tests/test_permission_table.py).

Each app lists its rows in `tests/<app>/permission_rows.py` as `ROWS = [...]`. A row names a URL
pattern (by its namespaced name) or a Wagtail page type (by "app_label.ModelName"), says how to
build a URL for it from the `world` (an organisation with one person in every role, see
`build_world`), and what each visitor gets.

Outcomes: an HTTP status code, LOGIN (a redirect to the sign-in page), or a function of
(world, visitor) returning one, for outcomes that depend on which plugins are installed.
`expect` must name every visitor in VISITORS; `everyone(...)` and `.but(...)` keep rows short.

Every row that opens one object of the world's organisation (its URL names an object, or it is a
page) is also tried by each role of the other organisation (OTHER_VISITORS). Nobody writes those
outcomes: `other_organisation_outcome` gives DENIED (403, 404 or a redirect to sign in or to the
admin's home), unless the object is open to anyone signed in (a person with no role gets in), in
which case the other organisation gets what that person gets.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.urls import reverse

from cms.organisations.models import Role
from tests.cms.factories import OrganisationFactory, ServiceFactory, UserFactory, member

ANONYMOUS = "anonymous"
NO_ROLE = "signed_in_no_role"
VISITORS = (ANONYMOUS, NO_ROLE, *Role.values)
SIGNED_IN = (NO_ROLE, *Role.values)

LOGIN = "login"
DENIED = "denied"


def other(role):
    """The visitor holding `role` in the world's other organisation."""
    return f"{role}_of_other_organisation"


OTHER_VISITORS = tuple(other(role) for role in Role.values)
ORGANISATION_WIDE = frozenset(
    {
        Role.LEADER,
        Role.ORGANISATION_ADMIN,
        Role.SAFEGUARDING_LEAD,
        Role.SPEAK_UP_LEAD,
        Role.LIVED_EXPERIENCE_LEAD,
        Role.HR,
    }
)


class Expectation(dict):
    def but(self, **overrides):
        unknown = set(overrides) - set(VISITORS)
        assert not unknown, f"unknown visitors {unknown}"
        return Expectation({**self, **overrides})


def everyone(outcome):
    return Expectation(dict.fromkeys(VISITORS, outcome))


@dataclass
class Row:
    key: str  # a URL pattern name ("accounts:invitation_accept") or page type ("pages.HomePage")
    url: Callable[[Any], str]
    expect: dict
    method: str = "get"
    data: dict = field(default_factory=dict)
    # The URL names an object in its query string (e.g. a chooser's `?id=`); objects named in the
    # path, and pages, are found from the URL pattern.
    names_object_in_query: bool = False

    @property
    def is_page_type(self):
        return ":" not in self.key and "." in self.key


class People(dict):
    """The world's visitors by name. The other organisation's people are made when first asked
    for, so rows that do not need them do not pay for them."""

    def __init__(self, other_organisation, other_service, **people):
        super().__init__(**people)
        self.other_organisation = other_organisation
        self.other_service = other_service

    def __missing__(self, visitor):
        role = next((role for role in Role.values if other(role) == visitor), None)
        if role is None:
            raise KeyError(visitor)
        self[visitor] = member(
            role,
            organisation=self.other_organisation,
            service=None if role in ORGANISATION_WIDE else self.other_service,
            email=f"{role}@elsewhere.example.org",
        )
        return self[visitor]


def build_world():
    """One organisation and service, with one person for each role held at that service (or
    organisation-wide for org-level roles), a person with no role, and a second organisation with
    one person for each role in the same way (see `People`)."""
    organisation = OrganisationFactory(name="Table Care", slug="table-care")
    service = ServiceFactory(organisation=organisation, name="Table House")
    other_organisation = OrganisationFactory(name="Elsewhere Care", slug="elsewhere-care")
    other_service = ServiceFactory(organisation=other_organisation, name="Elsewhere House")
    people = People(
        other_organisation,
        other_service,
        **{ANONYMOUS: None, NO_ROLE: UserFactory(email="norole@example.org")},
    )
    for role in Role.values:
        people[role] = member(
            role,
            organisation=organisation,
            service=None if role in ORGANISATION_WIDE else service,
            email=f"{role}@example.org",
        )
    return SimpleNamespace(
        organisation=organisation,
        service=service,
        other_organisation=other_organisation,
        other_service=other_service,
        people=people,
    )


def other_organisation_outcome(row, world):
    """What any role of the other organisation gets on a row that opens an object of the world's
    organisation: what a signed-in person with no role gets if that is more than a refusal (the
    object is open to anyone), otherwise DENIED."""
    outcome = row.expect[NO_ROLE]
    if callable(outcome):
        outcome = outcome(world, NO_ROLE)
    return DENIED if outcome in (403, 404, LOGIN) else outcome


def _snippet_url(name, make, with_pk, query):
    def build(world):
        instance = make(world)
        url = reverse(name, args=[instance.pk] if with_pk else [])
        return url + query.format(pk=instance.pk)

    return build


def _organisation_admins_only(others):
    """Organisation admins get 200; people the admin area lets in for other work get `others`;
    everyone else is sent to sign in (the admin's own login)."""

    def outcome(world, visitor):
        person = world.people[visitor]
        if person is not None and person.has_perm("wagtailadmin.access_admin"):
            return 200 if visitor == Role.ORGANISATION_ADMIN else others
        return LOGIN

    return everyone(outcome)


def scoped_snippet_rows(model_key, make):
    """Rows for every admin and chooser URL of a snippet only organisation admins manage
    (a `ScopedSnippetViewSet` of cms.organisations). `model_key` is "<app_label>_<model>";
    `make(world)` gives the instance in the world's organisation. Others the admin area lets in
    are turned away from the listing (302), do not find an instance (404) and see empty
    choosers (200)."""
    rows = []
    for view, with_pk in (
        ("list", False),
        ("list_results", False),
        ("add", False),
        ("edit", True),
        ("delete", True),
        ("inspect", True),
        ("history", True),
        ("history_results", True),
        ("usage", True),
    ):
        name = f"wagtailsnippets_{model_key}:{view}"
        others = 404 if with_pk else 302
        rows.append(
            Row(name, _snippet_url(name, make, with_pk, ""), _organisation_admins_only(others))
        )
    for view, with_pk, query in (
        ("choose", False, ""),
        ("choose_results", False, ""),
        ("chosen", True, ""),
        ("chosen_multiple", False, "?id={pk}"),
    ):
        name = f"wagtailsnippetchoosers_{model_key}:{view}"
        others = 404 if view == "chosen" else 200
        rows.append(
            Row(
                name,
                _snippet_url(name, make, with_pk, query),
                _organisation_admins_only(others),
                names_object_in_query=bool(query),
            )
        )
    return rows
