"""The site navigation asks every plugin's hook on every page, a 404 included: what it costs a
signed-in person is pinned here, so that a new hook that queries on every request shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.organisations.models import Role
from cms.pages.panels import navigation_items
from tests.cms.factories import member
from tests.coproduction.factories_forums import FamilyForumFactory, forum_family

pytestmark = pytest.mark.django_db

# A signed-in 404: the session and the person (2), the site and its root page (2), the person's
# roles, read once for the second-step middleware and every hook (1), Django's own permission
# tables, read once for every hook that asks about a permission nobody's role gives (2), the
# navigation's own (see below), the footer's pages and their view restrictions (2), Wagtail's
# redirects (1). It was 15 for the leader and 16 for the family member before the middleware
# and the hooks below read the roles first.
NOT_FOUND = {"leader": 13, "family": 14}
# The navigation's own, on top of the roles and permissions: the resource bank (cms), the
# person's learning index (learning), the co-production spaces they are in (coproduction) and,
# for a forum host or family member, their forums (coproduction). The speak-up return's item
# and the forums' item ask the roles first, so a person who cannot have one costs no query.
NAVIGATION = {"leader": 3, "family": 4}


@pytest.fixture
def people():
    forum = FamilyForumFactory()
    leader = member(Role.LEADER, organisation=forum.service.organisation)
    return {"leader": leader, "family": forum_family(forum)}


@pytest.mark.parametrize("who", ["leader", "family"])
def test_a_signed_in_404_costs_a_fixed_number_of_queries(client, people, who):
    client.force_login(people[who])
    # The first request fills the process's caches (content types, sites), as a server's has.
    client.get("/no-such-page/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert len(queries.captured_queries) == NOT_FOUND[who], "\n".join(
        query["sql"][:200] for query in queries.captured_queries
    )


@pytest.mark.parametrize("who", ["leader", "family"])
def test_the_navigation_reads_the_roles_once_for_every_hook(rf, people, who):
    request = rf.get("/no-such-page/")
    request.user = people[who]
    with CaptureQueriesContext(connection) as queries:
        navigation_items(request)
    sql = [query["sql"] for query in queries.captured_queries]
    assert sum("organisations_membership" in query.split(" WHERE ")[0] for query in sql) == 1
    roles_and_permissions = 1 + 2
    site = 2
    assert len(sql) == roles_and_permissions + site + NAVIGATION[who], "\n".join(
        query[:200] for query in sql
    )


def test_the_speak_up_return_item_still_follows_its_rule(rf):
    """The item reads the roles before the rule: whole-organisation speak-up leads and admins,
    and site administrators, see it; a speak-up lead for one service does not."""
    from coproduction.concerns.wagtail_hooks import speak_up_return_navigation
    from tests.cms.factories import OrganisationFactory, ServiceFactory, superuser

    organisation = OrganisationFactory()
    service = ServiceFactory(organisation=organisation)

    def shown(user):
        request = rf.get("/")
        request.user = user
        return speak_up_return_navigation(request) is not None

    assert shown(member(Role.SPEAK_UP_LEAD, organisation=organisation))
    assert shown(member(Role.ORGANISATION_ADMIN, organisation=organisation))
    assert shown(superuser())
    assert not shown(member(Role.SPEAK_UP_LEAD, service=service))
    assert not shown(member(Role.LEADER, organisation=organisation))
