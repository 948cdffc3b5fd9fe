"""The site navigation asks every plugin's hook on every page, a 404 included: what it costs a
signed-in person is pinned here, so that a new hook that queries on every request shows, and
what it keeps per person is shown to go stale when it should."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.organisations.models import Role
from cms.pages.panels import navigation_items
from tests.cms.factories import member
from tests.coproduction.factories_forums import FamilyForumFactory, forum_family

pytestmark = pytest.mark.django_db

# A signed-in 404: the session and the person (2), the site and its root page (2), the person's
# roles, read once for the second-step middleware and every hook (1), the footer's pages and their
# view restrictions (2), Wagtail's redirects (1). The family member's 2 more are Django's own
# permission tables: the "Admin" item asks `has_perm`, because a site administrator may give a
# group of people the Wagtail admin there; a leader's roles answer it first (cms.permissions).
# Every other item decides from the roles alone (cms.permissions.may) or from what the navigation
# keeps per person in the cache (cms.pages.panels.person_cached): nothing the navigation itself
# reads. It was 13 for the leader and 14 for the family member before that cache, 15 and 16
# before the roles were read once.
NOT_FOUND = {"leader": 8, "family": 10}
# The navigation's own, the first time it is built for the person (an empty cache): the resource
# bank, the co-production spaces they are in, their payments and the concerns they raised (none
# of which hangs on a role alone), and the leader's learning index or the family member's forums
# (a family member is no learner; a leader is in no forum). The speak-up return's item and the
# forums' item ask the roles first, so a person who cannot have one costs no query.
NAVIGATION = {"leader": 5, "family": 5}


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
def test_the_navigation_reads_the_roles_once_and_then_keeps_what_it_read(rf, people, who):
    def build():
        request = rf.get("/no-such-page/")
        request.user = type(people[who]).objects.get(pk=people[who].pk)
        with CaptureQueriesContext(connection) as queries:
            items = navigation_items(request)
            assert navigation_items(request) == items  # once a request
        return items, [query["sql"] for query in queries.captured_queries]

    first, sql = build()
    assert sum("organisations_membership" in query.split(" WHERE ")[0] for query in sql) == 1
    roles = 1
    permissions = 2 if who == "family" else 0
    site = 1
    site_root_paths = 1  # which Wagtail then keeps in the cache
    assert len(sql) == roles + permissions + site + site_root_paths + NAVIGATION[who], "\n".join(
        query[:200] for query in sql
    )
    again, sql = build()
    assert again == first
    assert len(sql) == roles + permissions + site, "\n".join(query[:200] for query in sql)


def test_what_the_navigation_keeps_goes_stale_when_the_person_joins_or_leaves(rf, people):
    """The kept parts follow the person's memberships: a space they join, a forum opened for
    their service, a role they lose, show on their next page."""
    from cms.organisations.models import Membership
    from tests.coproduction.factories import SpaceFactory, SpaceMembershipFactory

    family = people["family"]

    def labels():
        request = rf.get("/")
        request.user = type(family).objects.get(pk=family.pk)
        return [label for label, _url in navigation_items(request)]

    assert "Family forum" in labels() and "Co-production" not in labels()
    membership = SpaceMembershipFactory(
        space=SpaceFactory(organisation=family.memberships.get().organisation), user=family
    )
    assert "Co-production" in labels()
    membership.delete()
    assert "Co-production" not in labels()
    Membership.objects.filter(user=family).get().delete()
    assert "Family forum" not in labels()


def test_a_forum_opened_for_a_service_shows_to_its_families(rf):
    from tests.cms.factories import ServiceFactory

    service = ServiceFactory()
    family = member(Role.FAMILY_MEMBER, service=service)

    def labels():
        request = rf.get("/")
        request.user = type(family).objects.get(pk=family.pk)
        return [label for label, _url in navigation_items(request)]

    assert "Family forum" not in labels()
    FamilyForumFactory(service=service)
    assert "Family forum" in labels()


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
