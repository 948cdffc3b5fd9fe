"""The one place that answers "may this person do this to this object?".

Rules are django-rules predicates composed from roles. A role is held in an organisation either
for one service or for the whole organisation; an organisation-wide role covers every service.
Views ask `request.user.has_perm("<app>.<action>_<model>", obj)`; plugins add their own rules in
their `rules.py` with the predicates defined here.
"""

import rules

from cms.organisations.models import Membership, Organisation, Role, Service

_CACHE_ATTR = "_cms_memberships"


def memberships(user):
    """Every (organisation_id, service_id, role) the user holds, cached on the user object."""
    if not user.is_authenticated:
        return ()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = tuple(
            Membership.objects.filter(user=user).values_list(
                "organisation_id", "service_id", "role"
            )
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user):
    """Drop the cached memberships after they change within one request."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles(user, organisation=None, service=None):
    """The roles `user` holds for `service` (org-wide roles included) or anywhere in
    `organisation`, or anywhere at all when neither is given."""
    held = set()
    organisation_id = getattr(organisation, "pk", organisation)
    if service is not None:
        organisation_id = service.organisation_id
    for org_id, service_id, role in memberships(user):
        if organisation_id is not None and org_id != organisation_id:
            continue
        if service is not None and service_id not in (None, service.pk):
            continue
        held.add(role)
    return held


def organisation_of(obj):
    """The organisation an object belongs to (an organisation is its own), or None for an object
    that carries none, which then grants no role."""
    if isinstance(obj, Organisation):
        return obj
    organisation = getattr(obj, "organisation", None)
    if organisation is not None:
        return organisation
    service = getattr(obj, "service", None)
    return service.organisation if service is not None else None


def has_role(*wanted):
    """A predicate: the user holds one of `wanted` for the object (its service or organisation),
    or anywhere when there is no object."""
    wanted = frozenset(wanted)
    name = "has_role:" + ",".join(sorted(wanted))

    @rules.predicate(name=name)
    def predicate(user, obj=None):
        if obj is None:
            return bool(roles(user) & wanted)
        service = obj if isinstance(obj, Service) else getattr(obj, "service", None)
        if service is not None:
            return bool(roles(user, service=service) & wanted)
        organisation = organisation_of(obj)
        if organisation is None:
            return False
        return bool(roles(user, organisation=organisation) & wanted)

    return predicate


def organisation_wide(*wanted):
    """A predicate: the user holds one of `wanted` for the whole of the object's organisation
    (not for one of its services), or for the whole of any organisation when there is no
    object. For things that hold every service's figures at once."""
    wanted = frozenset(wanted)

    @rules.predicate(name="organisation_wide:" + ",".join(sorted(wanted)))
    def predicate(user, obj=None):
        organisation = None if obj is None else organisation_of(obj)
        if obj is not None and organisation is None:
            return False
        return any(
            role in wanted
            and service_id is None
            and (organisation is None or org_id == organisation.pk)
            for org_id, service_id, role in memberships(user)
        )

    return predicate


is_authenticated = rules.is_authenticated
is_superuser = rules.is_superuser
is_member = has_role(*Role.values)
is_organisation_admin = has_role(Role.ORGANISATION_ADMIN)
is_leader = has_role(Role.LEADER)
is_safeguarding_lead = has_role(Role.SAFEGUARDING_LEAD)


@rules.predicate
def is_invitee(user, invitation):
    return user.is_authenticated and user.email.lower() == invitation.email.lower()


# --- The host's own rules -------------------------------------------------------------------
# Organisation admins run their own organisation: its services, memberships and invitations.
rules.add_perm("organisations.view_organisation", is_superuser | is_organisation_admin)
rules.add_perm("organisations.change_organisation", is_superuser | is_organisation_admin)
rules.add_perm("organisations.add_organisation", is_superuser)
rules.add_perm("organisations.delete_organisation", is_superuser)
for _model in ("service", "membership", "invitation"):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"organisations.{_action}_{_model}", is_superuser | is_organisation_admin)


@rules.predicate
def is_forum_host_inviting_family(user, invitation):
    """Forum hosts invite families to their own service (the family forums plugin asks)."""
    return (
        invitation is not None
        and getattr(invitation, "role", None) == Role.FAMILY_MEMBER
        and getattr(invitation, "service_id", None) is not None
        and Role.FORUM_HOST in roles(user, service=invitation.service)
    )


rules.set_perm(
    "organisations.add_invitation",
    is_superuser | is_organisation_admin | is_forum_host_inviting_family,
)

# An invitation is used by the person it was sent to, and by nobody else.
rules.add_perm("organisations.accept_invitation", is_invitee)

# The Wagtail admin: organisation admins manage their organisation there (cms.organisations
# .wagtail_hooks scopes every screen to it). Superusers pass through Django's ModelBackend too.
rules.add_perm("wagtailadmin.access_admin", is_superuser | is_organisation_admin)


def may(user, permission, obj=None):
    """`user.has_perm(permission, obj)` as this module's rules answer it (a site superuser may
    do anything), without Django's permission tables, which no rule here fills: for what every
    page asks, such as the site navigation, so that it costs no query."""
    return (user.is_active and user.is_superuser) or rules.has_perm(permission, user, obj)
