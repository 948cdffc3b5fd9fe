"""Indicators of co-production spaces, registered with the host's registry (cms.indicators)
through coproduction/indicators.py: INDICATORS.md section D, `coproduction_voice` ("% agenda
items proposed by members"; warning pattern: an agenda set only by staff).

The spaces of a service are the spaces of that service and the organisation-wide spaces of its
organisation: an organisation-wide space speaks for every service, as an organisation-wide role
covers every service (cms.permissions), so its items count in each service's figure. Figures of
different services may therefore share items; they are not to be added up.
"""

from django.db.models import Exists, OuterRef, Q

from cms.indicators import Direction, IndicatorValue, percent, register
from coproduction.spaces.models import AgendaItem, CoproductionSpace, SpaceMembership, SpaceRole

SOURCE = "S1"
LABELS = {"stream": "people and families"}
LIVED_EXPERIENCE_ROLES = (SpaceRole.LEAD, SpaceRole.MEMBER)


def service_spaces(service):
    """The spaces of `service`: its own, and the organisation-wide ones of its organisation."""
    return CoproductionSpace.objects.filter(
        Q(service=service) | Q(service__isnull=True, organisation_id=service.organisation_id)
    )


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
    lived_experience = SpaceMembership.objects.filter(
        space=OuterRef("space"), user=OuterRef("proposed_by"), role__in=LIVED_EXPERIENCE_ROLES
    )
    rows = list(
        AgendaItem.objects.filter(
            space__in=service_spaces(service),
            created_at__gte=start,
            created_at__lt=end,
            merged_into__isnull=True,
        )
        .annotate(by_lived_experience=Exists(lived_experience))
        .values_list("proposed_by_id", "by_lived_experience")
    )
    raised = sum(1 for _person, by_lived_experience in rows if by_lived_experience)
    return IndicatorValue(percent(raised, len(rows)), len({person for person, _ in rows}))
