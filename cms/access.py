"""Which organisations and services a person may reach: the host's answer, which every plugin
uses instead of reading role strings itself.

An organisation where a person holds no role is "not found" to them (404), so its existence does
not show; where they hold a role without the permission a page needs, they are refused (403)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from cms.organisations.models import Organisation
from cms.permissions import memberships


def member_organisation_ids(user):
    """The organisations where `user` holds any role."""
    return {organisation_id for organisation_id, _service, _role in memberships(user)}


def organisation_ids_where(user, *roles, organisation_wide=False):
    """The organisations where `user` holds one of `roles` (for the whole organisation only,
    when `organisation_wide`)."""
    wanted = frozenset(roles)
    return {
        organisation_id
        for organisation_id, service_id, role in memberships(user)
        if role in wanted and not (organisation_wide and service_id is not None)
    }


def service_ids_where(user, *roles):
    """The services where `user` holds one of `roles` for that service alone (a role across an
    organisation covers its services too: see `organisation_ids_where(organisation_wide=True)`)."""
    wanted = frozenset(roles)
    return {
        service_id
        for _organisation_id, service_id, role in memberships(user)
        if role in wanted and service_id is not None
    }


def organisations_where(user, *roles, organisation_wide=False):
    """The organisations (a queryset) where `user` holds one of `roles`; every organisation
    for a site superuser."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        pk__in=organisation_ids_where(user, *roles, organisation_wide=organisation_wide)
    )


def holds_role_in(user, organisation):
    return user.is_superuser or organisation.pk in member_organisation_ids(user)


def organisations_with(user, *permissions):
    """The organisations, by name, for which `user` has any of `permissions` (checked against
    each organisation; every organisation for a site superuser)."""
    if not user.is_authenticated:
        return []
    candidates = Organisation.objects.order_by("name")
    if not user.is_superuser:
        candidates = candidates.filter(pk__in=member_organisation_ids(user))
    return [
        organisation
        for organisation in candidates
        if any(user.has_perm(permission, organisation) for permission in permissions)
    ]


def organisation_for(user, slug, permission):
    """The organisation `slug`, if `user` may open it with `permission`: 404 without a role in
    it, 403 with a role but not the permission."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not holds_role_in(user, organisation):
        raise Http404("Not found.")
    if not user.has_perm(permission, organisation):
        raise PermissionDenied
    return organisation


def services_with(user, organisation, permission):
    """The organisation's services, by name, for which `user` has `permission`: every one for
    a role across the organisation, only their own for a role at one service."""
    return [
        service
        for service in organisation.services.select_related("organisation").order_by("name")
        if user.has_perm(permission, service)
    ]
