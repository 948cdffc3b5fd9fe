"""Wagtail page permissions for learning content, per organisation, kept in step with roles.

Each organisation with a LearningIndexPage has two Wagtail groups:

- authors (its leaders and organisation admins) may add and edit pages under its learning
  indexes, and submit them for review; they may not publish;
- reviewers (its lived-experience leads) may publish, which is what approving the last task of
  a workflow does in Wagtail; they cannot edit, and the lived-experience review task opens the
  editor to them only while a page awaits their review.

Membership changes (post_save / post_delete) and new learning indexes re-sync the groups
(`learning.authoring.receivers`).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from cms.organisations.models import Membership, Organisation, Role

from .models import LearningIndexPage

AUTHOR_ROLES = frozenset({Role.LEADER, Role.ORGANISATION_ADMIN})
REVIEWER_ROLES = frozenset({Role.LIVED_EXPERIENCE_LEAD})
AUTHOR_PAGE_PERMISSIONS = ("add_page", "change_page")
REVIEWER_PAGE_PERMISSIONS = ("publish_page",)
GROUP_PREFIX = "Learning "


def author_group_name(organisation):
    return f"{GROUP_PREFIX}authors: organisation {organisation.pk}"


def reviewer_group_name(organisation):
    return f"{GROUP_PREFIX}reviewers: organisation {organisation.pk}"


def author_group(organisation):
    return Group.objects.get_or_create(name=author_group_name(organisation))[0]


def reviewer_group(organisation):
    return Group.objects.get_or_create(name=reviewer_group_name(organisation))[0]


def grant_index_permissions(index):
    """Let the authors of the index's organisation add and edit pages under it, and its
    reviewers publish what they approve."""
    for group, codenames in (
        (author_group(index.organisation), AUTHOR_PAGE_PERMISSIONS),
        (reviewer_group(index.organisation), REVIEWER_PAGE_PERMISSIONS),
    ):
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )


def sync_user(user):
    """Put `user` in exactly the learning groups their roles call for."""
    wanted = set()
    for organisation_id, role in Membership.objects.filter(user=user).values_list(
        "organisation_id", "role"
    ):
        organisation = Organisation(pk=organisation_id)
        if role in AUTHOR_ROLES:
            wanted.add(author_group_name(organisation))
        if role in REVIEWER_ROLES:
            wanted.add(reviewer_group_name(organisation))
    current = set(user.groups.filter(name__startswith=GROUP_PREFIX).values_list("name", flat=True))
    if current - wanted:
        user.groups.remove(*Group.objects.filter(name__in=current - wanted))
    for name in wanted - current:
        user.groups.add(Group.objects.get_or_create(name=name)[0])


def sync_organisation(organisation):
    """Create the organisation's groups, grant them its indexes and fill them from its roles."""
    author_group(organisation)
    reviewer_group(organisation)
    for index in LearningIndexPage.objects.filter(organisation=organisation):
        grant_index_permissions(index)
    users = get_user_model().objects.filter(memberships__organisation=organisation).distinct()
    for user in users:
        sync_user(user)
