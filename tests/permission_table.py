"""The shape of the permission table (see tests/test_permission_table.py).

Each app lists its rows in `tests/<app>/permission_rows.py` as `ROWS = [...]`. A row names a URL
pattern (by its namespaced name) or a Wagtail page type (by "app_label.ModelName"), says how to
build a URL for it from the `world` (an organisation with one person in every role, see
`build_world`), and what each visitor gets.

Outcomes: an HTTP status code, LOGIN (a redirect to the sign-in page), or a function of
(world, visitor) returning one, for outcomes that depend on which plugins are installed.
`expect` must name every visitor in VISITORS; `everyone(...)` and `.but(...)` keep rows short.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from cms.organisations.models import Role
from tests.cms.factories import OrganisationFactory, ServiceFactory, UserFactory, member

ANONYMOUS = "anonymous"
NO_ROLE = "signed_in_no_role"
VISITORS = (ANONYMOUS, NO_ROLE, *Role.values)
SIGNED_IN = (NO_ROLE, *Role.values)

LOGIN = "login"


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

    @property
    def is_page_type(self):
        return ":" not in self.key and "." in self.key


def build_world():
    """One organisation and service, with one person for each role held at that service (or
    organisation-wide for org-level roles), a person with no role, and a second organisation."""
    organisation = OrganisationFactory(name="Table Care", slug="table-care")
    service = ServiceFactory(organisation=organisation, name="Table House")
    other_organisation = OrganisationFactory(name="Elsewhere Care", slug="elsewhere-care")
    other_service = ServiceFactory(organisation=other_organisation, name="Elsewhere House")
    organisation_wide = {
        Role.LEADER,
        Role.ORGANISATION_ADMIN,
        Role.SAFEGUARDING_LEAD,
        Role.LIVED_EXPERIENCE_LEAD,
    }
    people = {ANONYMOUS: None, NO_ROLE: UserFactory(email="norole@example.org")}
    for role in Role.values:
        people[role] = member(
            role,
            organisation=organisation,
            service=None if role in organisation_wide else service,
            email=f"{role}@example.org",
        )
    return SimpleNamespace(
        organisation=organisation,
        service=service,
        other_organisation=other_organisation,
        other_service=other_service,
        people=people,
    )
