"""Reads for enrolment: what is assigned to a person, what is overdue, who a leader may assign
learning to, and a certificate by its code."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import F, Q

from cms import access
from cms.organisations.models import Membership, Organisation, Role, Service

from ..authoring.models import LearningIndexPage, LearningPathPage
from .models import Certificate, Enrolment, normalise_verification_code

# The roles that make someone part of the workforce: "the whole organisation" and a service's
# people, when a leader assigns learning to them.
WORKFORCE_ROLES = (
    Role.STAFF,
    Role.SUPERVISOR,
    Role.SAFEGUARDING_LEAD,
    Role.LEADER,
    Role.FORUM_HOST,
)
# A service's staff, for the public function the leadership plugin calls.
SERVICE_STAFF_ROLES = (Role.STAFF, Role.SUPERVISOR)


def service_people(service):
    """The ids of people holding a workforce role at `service`. Unordered: Membership's
    default ordering joins organisations and users only to sort a set."""
    return set(
        Membership.objects.filter(service=service, role__in=WORKFORCE_ROLES)
        .order_by()
        .values_list("user_id", flat=True)
    )


def services_people(services, roles=WORKFORCE_ROLES):
    """`service_people` for many services at once: (service id, user id) of each person holding
    one of `roles` at each of `services` (objects or ids), once per pair, as an unordered
    values queryset. Read it as pairs, or take `.values("user_id")` as a subquery of everyone
    (a plain read of memberships: no join, no sort)."""
    ids = [getattr(service, "pk", service) for service in services]
    return (
        Membership.objects.filter(service_id__in=ids, role__in=roles)
        .order_by()
        .values_list("service_id", "user_id")
        .distinct()
    )


def with_services_people(queryset, services, person="user", roles=WORKFORCE_ROLES):
    """`queryset` joined to the memberships that make each row's person (reached by the lookup
    `person`) one of the people of one of `services` (`service_people`, set-based): the
    service's id annotated as `people_service_id`, the role held there as `people_role`. One
    query for all the services. A row comes once per such membership (its person works at two
    of the services, or holds two roles at one), so count each row once per service."""
    ids = [getattr(service, "pk", service) for service in services]
    memberships = f"{person}__memberships__"
    # One filter() call, so both conditions are on the same membership, and the annotations
    # below reuse that join rather than adding another.
    return queryset.filter(
        **{f"{memberships}service_id__in": ids, f"{memberships}role__in": roles}
    ).annotate(people_service_id=F(f"{memberships}service_id"), people_role=F(f"{memberships}role"))


# --- Enrolments -----------------------------------------------------------------------------


def assigned_to(user):
    """The person's open enrolments, soonest due first (no due date last)."""
    if not user.is_authenticated:
        return Enrolment.objects.none()
    return (
        Enrolment.objects.open()
        .filter(user=user, path__live=True)
        .select_related("path")
        .order_by(F("due_on").asc(nulls_last=True), "enrolled_at")
    )


def completed_by(user):
    """The person's completed enrolments, newest first, with their certificates."""
    if not user.is_authenticated:
        return Enrolment.objects.none()
    return (
        Enrolment.objects.completed()
        .filter(user=user)
        .select_related("path", "certificate")
        .order_by("-completed_at")
    )


def overdue(queryset=None, today=None):
    queryset = Enrolment.objects.all() if queryset is None else queryset
    return queryset.overdue(today)


def open_enrolment(user, path):
    if not user.is_authenticated:
        return None
    return Enrolment.objects.open().filter(user=user, path=path).first()


# --- Paths and people in an organisation ----------------------------------------------------


def paths_in(organisations):
    """Live learning paths under the learning indexes of `organisations` (ids or objects)."""
    ids = [getattr(o, "pk", o) for o in organisations]
    indexes = LearningIndexPage.objects.filter(organisation_id__in=ids)
    condition = Q(pk__in=[])
    for index in indexes:
        condition |= Q(path__startswith=index.path, depth__gt=index.depth)
    return LearningPathPage.objects.live().filter(condition).order_by("title")


def path_organisation(path):
    return path.specific.organisation


@dataclass(frozen=True)
class LeaderScope:
    """Where a leader may assign learning: whole organisations they lead, and services they
    lead (when their role is for one service only)."""

    organisation_ids: frozenset
    service_ids: frozenset

    @property
    def all_organisation_ids(self):
        service_orgs = Service.objects.filter(pk__in=self.service_ids).values_list(
            "organisation_id", flat=True
        )
        return self.organisation_ids | frozenset(service_orgs)

    def organisations(self):
        return Organisation.objects.filter(pk__in=self.organisation_ids)

    def services(self):
        return Service.objects.filter(
            Q(organisation_id__in=self.organisation_ids) | Q(pk__in=self.service_ids)
        ).select_related("organisation")

    def people(self):
        User = get_user_model()
        in_scope = Membership.objects.filter(
            Q(organisation_id__in=self.organisation_ids) | Q(service_id__in=self.service_ids)
        )
        return User.objects.filter(pk__in=in_scope.values("user_id"), is_active=True).order_by(
            "first_name", "last_name", "email"
        )

    def paths(self):
        return paths_in(self.all_organisation_ids)


def leader_scope(user):
    if user.is_authenticated and user.is_superuser:
        return LeaderScope(
            frozenset(Organisation.objects.values_list("pk", flat=True)), frozenset()
        )
    return LeaderScope(
        frozenset(access.organisation_ids_where(user, Role.LEADER, organisation_wide=True)),
        frozenset(access.service_ids_where(user, Role.LEADER)),
    )


def service_staff(service, roles=SERVICE_STAFF_ROLES):
    """People holding one of `roles` at `service` itself."""
    User = get_user_model()
    held = Membership.objects.filter(service=service, role__in=roles)
    return User.objects.filter(pk__in=held.values("user_id"), is_active=True)


def organisation_workforce(organisation, roles=WORKFORCE_ROLES):
    User = get_user_model()
    held = Membership.objects.filter(organisation=organisation, role__in=roles)
    return User.objects.filter(pk__in=held.values("user_id"), is_active=True)


# --- Certificates ---------------------------------------------------------------------------


def certificate_by_code(code):
    code = normalise_verification_code(code)
    if not code:
        return None
    return (
        Certificate.objects.select_related("enrolment__user", "enrolment__organisation")
        .filter(code=code)
        .first()
    )


# --- Learning records (xAPI) ------------------------------------------------------------------


def xapi_exportable_organisations(user):
    """The organisations whose learning records this person may export, by name."""
    organisations = Organisation.objects.order_by("name")
    if not user.is_superuser:
        organisations = organisations.filter(
            memberships__user=user, memberships__role=Role.ORGANISATION_ADMIN
        ).distinct()
    return [o for o in organisations if user.has_perm("learning.export_xapi", o)]
