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

from collections import defaultdict
from typing import NamedTuple

from django.db.models import Q

from cms.indicators import (
    Direction,
    Indicator,
    IndicatorValue,
    percent,
    register,
    register_family,
    register_many,
    shared_many,
)
from cms.organisations.models import Membership, Role

from ..authoring.models import LearningPathPage
from ..bundled import content_paths
from .models import Enrolment
from .selectors import WORKFORCE_ROLES, paths_in, with_services_people

SOURCE = "S1"
LABELS = {"stream": "learning culture"}

NOTHING = IndicatorValue(None, 0)

COMPLETION_LABEL = "Learning completed on time"
COMPLETION_DESCRIPTION = (
    "Of the learning due in the period (or self-chosen in it), the share completed by the end "
    "of the period."
)


def _one_service(many):
    """The per-service form of a set-based `many`: the same rule asked about one service."""

    def compute(service, start, end):
        return many([service], start, end).get(service.pk, NOTHING)

    compute.__name__ = many.__name__.removesuffix("_many")
    return compute


def _due_in(start, end):
    """Learning that fell due in the period, or had no due date and was taken up in it."""
    return Q(due_on__gte=start.date(), due_on__lt=end.date()) | Q(
        due_on__isnull=True, enrolled_at__gte=start, enrolled_at__lt=end
    )


def learning_due(service, start, end, roles=WORKFORCE_ROLES):
    """Enrolments of the people holding one of `roles` at `service` that fell due in the period,
    or had no due date and were taken up in it. The people are a subquery, so this is one query
    however many work there. The indicators read `_due_rows`, the same rule for many services
    at once; this queryset stays for whoever needs one service's enrolments themselves."""
    people = Membership.objects.filter(service=service, role__in=roles).values("user_id")
    return Enrolment.objects.filter(
        organisation_id=service.organisation_id, user_id__in=people
    ).filter(_due_in(start, end))


def completion_of(enrolments, end):
    rows = list(enrolments.values_list("user_id", "completed_at"))
    done = sum(1 for _user, completed_at in rows if completed_at and completed_at < end)
    return IndicatorValue(percent(done, len(rows)), len({user for user, _ in rows}))


class DueRow(NamedTuple):
    """One enrolment due in a period, as seen from one service whose person holds `role`."""

    service_id: int
    role: str
    enrolment_id: int
    user_id: int
    completed_at: object
    path_id: int
    path_slug: str
    path_live: bool


def _due_rows(services, start, end, **only):
    """`learning_due` for a batch of services, one query: a DueRow per (service, role held
    there, enrolment) of the learning due in the period of each service's workforce, in the
    service's own organisation; `only` narrows the enrolments (to one path, say)."""
    organisation_of = {service.pk: service.organisation_id for service in services}
    enrolments = Enrolment.objects.filter(
        organisation_id__in=set(organisation_of.values()), **only
    ).filter(_due_in(start, end))
    rows = with_services_people(enrolments.order_by(), services).values_list(
        "people_service_id",
        "organisation_id",
        "people_role",
        "pk",
        "user_id",
        "completed_at",
        "path_id",
        "path__slug",
        "path__live",
    )
    return [
        DueRow(service_id, *row)
        for service_id, organisation_id, *row in rows
        if organisation_of[service_id] == organisation_id
    ]


@shared_many
def due_enrolments(services, start, end):
    """`_due_rows` of a batch: the overall, per-role and bundled-path completion figures all
    read it, so within a snapshot run (cms.indicators.computing) it is read once per batch and
    period. On bench_sab (133,700 enrolments; 50 services, a month) 37 ms: the enrolments by
    the (organisation, due_on) index, the people by membership's service index."""
    return _due_rows(services, start, end)


def _completion(enrolments, end):
    """The completion figure of {enrolment id: (user id, completed at)}."""
    done = sum(
        1 for _user, completed_at in enrolments.values() if completed_at and completed_at < end
    )
    return IndicatorValue(
        percent(done, len(enrolments)), len({user for user, _ in enrolments.values()})
    )


def _completion_many(counts, name, read=due_enrolments):
    """many(services, start, end): the completion of the learning due that `counts(row)`
    accepts among the rows `read(services, start, end)` gives, for each service (an enrolment
    counted once however many roles its person holds there)."""

    def many(services, start, end):
        chosen = defaultdict(dict)
        for row in read(services, start, end):
            if counts(row):
                chosen[row.service_id][row.enrolment_id] = (row.user_id, row.completed_at)
        return {
            service_id: _completion(enrolments, end) for service_id, enrolments in chosen.items()
        }

    many.__name__ = f"{name}_many"
    return many


def _register(key, many, **details):
    register(key, **details)(_one_service(many))
    register_many(key)(many)


completion_rate_many = _completion_many(lambda row: True, "completion_rate")
completion_rate = _one_service(completion_rate_many)
register(
    "learning_completion_rate",
    label=COMPLETION_LABEL,
    unit="%",
    good_direction=Direction.UP,
    description=COMPLETION_DESCRIPTION,
    source=SOURCE,
    labels=LABELS,
)(completion_rate)
register_many("learning_completion_rate")(completion_rate_many)


def _completion_for_role(role):
    return _completion_many(lambda row: row.role == role, f"completion_rate_role_{role}")


def _completion_on_path(slug):
    # Only live paths: a withdrawn path's enrolments no longer say anything about it.
    return _completion_many(
        lambda row: row.path_slug == slug and row.path_live,
        f"completion_rate_path_{slug.replace('-', '_')}",
    )


def bundled_paths():
    """(slug, title) of each path of the bundled content, so the keys stay in step with it."""
    return [(path["slug"], path["title"]) for path in content_paths()]


for _role in WORKFORCE_ROLES:
    _register(
        f"learning_completion_rate:role:{_role}",
        _completion_for_role(_role),
        label=f"{COMPLETION_LABEL}: {Role(_role).label}",
        unit="%",
        good_direction=Direction.UP,
        description=f"{COMPLETION_DESCRIPTION} Only the learning of people who hold this role "
        "at the service.",
        source=SOURCE,
        labels={**LABELS, "role": str(_role)},
    )

PATH_PREFIX = "learning_completion_rate:path:"
BUNDLED_SLUGS = frozenset(slug for slug, _title in bundled_paths())

for _slug, _title in bundled_paths():
    _register(
        f"{PATH_PREFIX}{_slug}",
        _completion_on_path(_slug),
        label=f"{COMPLETION_LABEL}: {_title}",
        unit="%",
        good_direction=Direction.UP,
        description=f"{COMPLETION_DESCRIPTION} Only learning on the live path “{_title}”.",
        source=SOURCE,
        labels={**LABELS, "path": _slug},
    )


def _completion_on_own_path(path_id):
    # A family member is asked about its organisation's services only, not the whole batch the
    # shared read is keyed by: it reads its own path's enrolments (by the path's index) instead.
    def read(services, start, end):
        return _due_rows(services, start, end, path_id=path_id)

    return _completion_many(
        lambda row: row.path_id == path_id and row.path_live,
        f"completion_rate_path_{path_id}",
        read=read,
    )


def own_path_indicator(path):
    """Completion on a path an organisation wrote itself, keyed by its page."""
    many = _completion_on_own_path(path.pk)
    return Indicator(
        key=f"{PATH_PREFIX}{path.pk}",
        label=f"{COMPLETION_LABEL}: {path.title}",
        unit="%",
        good_direction=Direction.UP,
        compute=_one_service(many),
        many=many,
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


def overdue_rate_many(services, start, end):
    """Of the learning with a due date open at some time in the period, the share past its date
    and not completed at the end of it: one query for all the services (the enrolments joined
    to the services' people, in each service's own organisation). On bench_sab (50 services,
    a month) 50 ms, through the index on the organisation."""
    organisation_of = {service.pk: service.organisation_id for service in services}
    enrolments = Enrolment.objects.filter(
        organisation_id__in=set(organisation_of.values()),
        due_on__isnull=False,
        enrolled_at__lt=end,
    ).filter(Q(completed_at__isnull=True) | Q(completed_at__gte=start))
    rows = with_services_people(enrolments.order_by(), services).values_list(
        "people_service_id", "organisation_id", "pk", "user_id", "due_on", "completed_at"
    )
    open_ = defaultdict(dict)  # service id -> enrolment id -> (user id, due on, completed at)
    for service_id, organisation_id, enrolment_id, *row in rows:
        if organisation_of[service_id] == organisation_id:
            open_[service_id][enrolment_id] = row
    found = {}
    for service_id, enrolments_open in open_.items():
        rows = enrolments_open.values()
        overdue = sum(
            1
            for _user, due_on, completed_at in rows
            if due_on < end.date() and (completed_at is None or completed_at >= end)
        )
        found[service_id] = IndicatorValue(
            percent(overdue, len(rows)), len({user for user, *_ in rows})
        )
    return found


overdue_rate = _one_service(overdue_rate_many)
register(
    "learning_overdue_rate",
    label="Learning overdue",
    unit="%",
    good_direction=Direction.DOWN,
    description="Of the learning with a due date that was open at some time in the period, "
    "the share past its date and not completed at the end of the period.",
    source=SOURCE,
    labels=LABELS,
)(overdue_rate)
register_many("learning_overdue_rate")(overdue_rate_many)
