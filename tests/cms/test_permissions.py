"""The shared predicates in cms.permissions."""

import pytest

from cms.organisations.models import Role
from cms.permissions import has_role
from tests.cms.factories import InvitationFactory, ServiceFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def test_a_service_role_counts_for_that_service_only():
    here = ServiceFactory()
    there = ServiceFactory(organisation=here.organisation)
    staff = member(Role.STAFF, service=here)
    is_staff = has_role(Role.STAFF)
    assert is_staff(staff, here)
    assert not is_staff(staff, there)
    assert is_staff(staff, here.organisation)  # staff somewhere in the organisation


def test_an_organisation_wide_role_covers_every_service():
    service = ServiceFactory()
    leader = member(Role.LEADER, organisation=service.organisation)
    assert has_role(Role.LEADER)(leader, service)
    assert not has_role(Role.LEADER)(leader, ServiceFactory())  # another organisation


def test_only_the_invitee_may_accept_an_invitation():
    invitation = InvitationFactory(email="Invitee@Example.org")
    assert UserFactory(email="invitee@example.org").has_perm(
        "organisations.accept_invitation", invitation
    )
    assert not UserFactory(email="someone@example.org").has_perm(
        "organisations.accept_invitation", invitation
    )


def test_an_object_without_an_organisation_grants_no_role():
    leader = member(Role.LEADER)

    class Unowned:
        pk = leader.memberships.get().organisation_id  # same number as the leader's organisation

    assert not has_role(Role.LEADER)(leader, Unowned())
    assert has_role(Role.LEADER)(leader, leader.memberships.get().organisation)
