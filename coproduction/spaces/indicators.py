"""Indicators of co-production spaces, registered with the host's registry (cms.indicators)
through coproduction/indicators.py: INDICATORS.md section D, `coproduction_voice` ("% agenda
items proposed by members"; warning pattern: an agenda set only by staff).

The spaces of a service are the spaces of that service and the organisation-wide spaces of its
organisation: an organisation-wide space speaks for every service, as an organisation-wide role
covers every service (cms.permissions), so its items count in each service's figure. Figures of
different services may therefore share items; they are not to be added up.
"""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Q

from cms.indicators import Direction, IndicatorValue, percent, register, register_many
from coproduction.spaces.models import AgendaItem, CoproductionSpace, SpaceMembership, SpaceRole

SOURCE = "S1"
LABELS = {"stream": "people and families"}
LIVED_EXPERIENCE_ROLES = (SpaceRole.LEAD, SpaceRole.MEMBER)


def service_spaces(service):
    """The spaces of `service`: its own, and the organisation-wide ones of its organisation."""
    return CoproductionSpace.objects.filter(spaces_of_services_q([service]))


def spaces_of_services_q(services, prefix=""):
    """A filter for the spaces of any of `services` (their own, and the organisation-wide ones
    of their organisations); `prefix` ("space__") filters rows of a space by it."""
    return Q(**{f"{prefix}service__in": [service.pk for service in services]}) | Q(
        **{
            f"{prefix}service__isnull": True,
            f"{prefix}organisation_id__in": {service.organisation_id for service in services},
        }
    )


def services_of_space(services):
    """`of(space service id, space organisation id)`: which of `services` a space speaks for
    (its own service, or every one of them in its organisation when it is organisation-wide),
    to hand each row read once for all the services to each service it counts for."""
    asked = {service.pk for service in services}
    by_organisation = defaultdict(list)
    for service in services:
        by_organisation[service.organisation_id].append(service.pk)

    def of(service_id, organisation_id):
        if service_id is not None:
            return [service_id] if service_id in asked else []
        return by_organisation.get(organisation_id, [])

    return of


@register(
    "agenda_lived_experience_share",
    label="Agenda items raised by lived-experience members",
    unit="%",
    good_direction=Direction.UP,
    description="Of the agenda items raised in the period in the service's co-production spaces "
    "(organisation-wide spaces included), the share raised by a lived-experience lead or member. "
    "The role is the person's role in the space now, not when they raised the item; an item "
    "submitted for a member by a supporter counts as the member's; a duplicate merged into "
    "another item is not counted again. Rests on the number of people who raised items.",
    source=SOURCE,
    labels=LABELS,
)
def agenda_lived_experience_share(service, start, end):
    return agenda_lived_experience_share_many([service], start, end).get(
        service.pk, IndicatorValue(None, 0)
    )


@register_many("agenda_lived_experience_share")
def agenda_lived_experience_share_many(services, start, end):
    """One query for all the services: each item with its space's service and organisation,
    handed to every service the space speaks for."""
    lived_experience = SpaceMembership.objects.filter(
        space=OuterRef("space"), user=OuterRef("proposed_by"), role__in=LIVED_EXPERIENCE_ROLES
    )
    items = (
        AgendaItem.objects.filter(
            spaces_of_services_q(services, "space__"),
            created_at__gte=start,
            created_at__lt=end,
            merged_into__isnull=True,
        )
        .annotate(by_lived_experience=Exists(lived_experience))
        .order_by()
        .values_list(
            "space__service_id", "space__organisation_id", "proposed_by_id", "by_lived_experience"
        )
    )
    of = services_of_space(services)
    rows = defaultdict(list)
    for space_service, space_organisation, person, by_lived_experience in items:
        for service_id in of(space_service, space_organisation):
            rows[service_id].append((person, by_lived_experience))
    values = {}
    for service_id, found in rows.items():
        raised = sum(1 for _person, by_lived_experience in found if by_lived_experience)
        people = len({person for person, _ in found})
        values[service_id] = IndicatorValue(percent(raised, len(found)), people)
    return values
