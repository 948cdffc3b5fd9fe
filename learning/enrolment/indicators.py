"""Enrolment's indicators, registered with the host's registry (cms.indicators), INDICATORS.md
section D. Each computes one figure for one service over one period [start, end) from the
people who work at that service (a workforce role held at the service itself), and says how
many people the figure rests on.

Completion is reported for all the service's learning, per workforce role
(`learning_completion_rate:role:<role>`) and per learning path:

- a path of the bundled content is keyed by its slug (`learning_completion_rate:path:red-flags`):
  the slug is what an organisation's copy of a bundled path shares with every other
  organisation's, so one key follows "the red flags path" wherever it is published;
- a path an organisation wrote itself is keyed by its page
  (`learning_completion_rate:path:<page id>`): its slug may be another organisation's too, or
  change. These are a family (cms.indicators.register_family): a path published today has its
  figures computed tonight, and they are read under its title like a bundled path's.
"""

from django.db.models import Q

from cms.indicators import (
    Direction,
    Indicator,
    IndicatorValue,
    percent,
    register,
    register_family,
)
from cms.organisations.models import Membership, Role

from ..authoring.models import LearningPathPage
from ..bundled import content_paths
from .models import Enrolment
from .selectors import WORKFORCE_ROLES, paths_in, service_people

SOURCE = "S1"
LABELS = {"stream": "learning culture"}


COMPLETION_LABEL = "Learning completed on time"
COMPLETION_DESCRIPTION = (
    "Of the learning due in the period (or self-chosen in it), the share completed by the end "
    "of the period."
)


def learning_due(service, start, end, roles=WORKFORCE_ROLES):
    """Enrolments of the people holding one of `roles` at `service` that fell due in the period,
    or had no due date and were taken up in it. The people are a subquery, so this is one query
    however many work there."""
    people = Membership.objects.filter(service=service, role__in=roles).values("user_id")
    return Enrolment.objects.filter(
        organisation_id=service.organisation_id, user_id__in=people
    ).filter(
        Q(due_on__gte=start.date(), due_on__lt=end.date())
        | Q(due_on__isnull=True, enrolled_at__gte=start, enrolled_at__lt=end)
    )


def completion_of(enrolments, end):
    rows = list(enrolments.values_list("user_id", "completed_at"))
    done = sum(1 for _user, completed_at in rows if completed_at and completed_at < end)
    return IndicatorValue(percent(done, len(rows)), len({user for user, _ in rows}))


@register(
    "learning_completion_rate",
    label=COMPLETION_LABEL,
    unit="%",
    good_direction=Direction.UP,
    description=COMPLETION_DESCRIPTION,
    source=SOURCE,
    labels=LABELS,
)
def completion_rate(service, start, end):
    return completion_of(learning_due(service, start, end), end)


def _completion_for_role(role):
    def compute(service, start, end):
        return completion_of(learning_due(service, start, end, roles=(role,)), end)

    compute.__name__ = f"completion_rate_role_{role}"
    return compute


def _completion_on_path(slug):
    def compute(service, start, end):
        # Only live paths: a withdrawn path's enrolments no longer say anything about it.
        enrolments = learning_due(service, start, end).filter(path__slug=slug, path__live=True)
        return completion_of(enrolments, end)

    compute.__name__ = f"completion_rate_path_{slug.replace('-', '_')}"
    return compute


def bundled_paths():
    """(slug, title) of each path of the bundled content, so the keys stay in step with it."""
    return [(path["slug"], path["title"]) for path in content_paths()]


for _role in WORKFORCE_ROLES:
    register(
        f"learning_completion_rate:role:{_role}",
        label=f"{COMPLETION_LABEL}: {Role(_role).label}",
        unit="%",
        good_direction=Direction.UP,
        description=f"{COMPLETION_DESCRIPTION} Only the learning of people who hold this role "
        "at the service.",
        source=SOURCE,
        labels={**LABELS, "role": str(_role)},
    )(_completion_for_role(_role))

PATH_PREFIX = "learning_completion_rate:path:"
BUNDLED_SLUGS = frozenset(slug for slug, _title in bundled_paths())

for _slug, _title in bundled_paths():
    register(
        f"{PATH_PREFIX}{_slug}",
        label=f"{COMPLETION_LABEL}: {_title}",
        unit="%",
        good_direction=Direction.UP,
        description=f"{COMPLETION_DESCRIPTION} Only learning on the live path “{_title}”.",
        source=SOURCE,
        labels={**LABELS, "path": _slug},
    )(_completion_on_path(_slug))


def _completion_on_own_path(path_id):
    def compute(service, start, end):
        enrolments = learning_due(service, start, end).filter(path_id=path_id, path__live=True)
        return completion_of(enrolments, end)

    compute.__name__ = f"completion_rate_path_{path_id}"
    return compute


def own_path_indicator(path):
    """Completion on a path an organisation wrote itself, keyed by its page."""
    return Indicator(
        key=f"{PATH_PREFIX}{path.pk}",
        label=f"{COMPLETION_LABEL}: {path.title}",
        unit="%",
        good_direction=Direction.UP,
        compute=_completion_on_own_path(path.pk),
        description=f"{COMPLETION_DESCRIPTION} Only learning on the live path “{path.title}”, "
        "which the organisation wrote itself.",
        source=SOURCE,
        labels={**LABELS, "path": path.slug},
    )


def own_path_indicators(organisation):
    """One per live path of `organisation` that is not its copy of a bundled path (that one
    has the bundled key)."""
    bundled = {slug for slug, _title in bundled_paths()}
    return [
        own_path_indicator(path) for path in paths_in([organisation]) if path.slug not in bundled
    ]


def own_path_of_key(key):
    """The indicator of a key `learning_completion_rate:path:<page id>`, published or not (its
    earlier figures keep their title), or None when no such own path exists."""
    page_id = key.removeprefix(PATH_PREFIX)
    if not page_id.isdigit():
        return None
    path = LearningPathPage.objects.filter(pk=int(page_id)).first()
    if path is None or path.slug in BUNDLED_SLUGS:
        return None
    return own_path_indicator(path)


register_family(PATH_PREFIX, members=own_path_indicators, member=own_path_of_key)


@register(
    "learning_overdue_rate",
    label="Learning overdue",
    unit="%",
    good_direction=Direction.DOWN,
    description="Of the learning with a due date that was open at some time in the period, "
    "the share past its date and not completed at the end of the period.",
    source=SOURCE,
    labels=LABELS,
)
def overdue_rate(service, start, end):
    enrolments = Enrolment.objects.filter(
        organisation_id=service.organisation_id,
        user_id__in=service_people(service),
        due_on__isnull=False,
        enrolled_at__lt=end,
    ).filter(Q(completed_at__isnull=True) | Q(completed_at__gte=start))
    rows = list(enrolments.values_list("user_id", "due_on", "completed_at"))
    overdue = sum(
        1
        for _user, due_on, completed_at in rows
        if due_on < end.date() and (completed_at is None or completed_at >= end)
    )
    return IndicatorValue(percent(overdue, len(rows)), len({user for user, *_ in rows}))
