"""What the learning plugin's indicators read, so the nightly snapshot run recomputes the months
a write can have changed (cms.figures). Loaded by the app config's `ready`.

The indicators count the people who hold a workforce role at the service now
(enrolment.selectors.service_people): a learner's records touch every service they work at,
and a change of who works where touches every month of that service.
"""

from cms.figures.models import EVERY_MONTH
from cms.indicators import months_between, register_source, touched
from cms.organisations.models import Membership, Service

from .authoring.models import LearningPathPage
from .enrolment.models import Enrolment
from .enrolment.selectors import WORKFORCE_ROLES
from .learner.models import (
    ChoiceEvent,
    ModuleCompletion,
    ModuleFeedback,
    Reflection,
    ScenarioAttempt,
)


def services_of_person(user_id, organisation_id=None):
    """The services where the person holds a workforce role (in one organisation, if given)."""
    memberships = Membership.objects.filter(
        user_id=user_id, role__in=WORKFORCE_ROLES, service__isnull=False
    )
    if organisation_id is not None:
        memberships = memberships.filter(service__organisation_id=organisation_id)
    return memberships.order_by().values_list("service_id", flat=True)


def _by_user(row):
    return services_of_person(row.user_id)


def enrolment_services(enrolment):
    return services_of_person(enrolment.user_id, enrolment.organisation_id)


def enrolment_months(enrolment):
    """Due in (or, with no due date, taken up in) a month, and open in every month from its
    start to its completion (overdue counts learning open at some time in the period)."""
    return [
        enrolment.due_on,
        enrolment.enrolled_at,
        *months_between(enrolment.enrolled_at, enrolment.completed_at),
    ]


def enrolment_touched(enrolment, *moments):
    """For writes to an enrolment that send no signal (a conditional update): its months as
    they stand, and `moments` (a new due date, a completion)."""
    touched(enrolment_services(enrolment), [*enrolment_months(enrolment), *moments])


register_source(Enrolment, services=enrolment_services, when=enrolment_months)
register_source(
    ChoiceEvent,
    services=lambda event: services_of_person(event.attempt.user_id),
    when=lambda event: event.created_at,
    uid="choices",
)
register_source(
    ModuleCompletion, services=_by_user, when=lambda row: row.passed_at, uid="completions"
)
register_source(
    ScenarioAttempt, services=_by_user, when=lambda row: row.finished_at, uid="attempts"
)
register_source(
    Reflection,
    services=lambda row: services_of_person(row.author_id),
    when=lambda row: row.created_at,
    uid="reflections",
)
register_source(ModuleFeedback, services=_by_user, when=lambda row: row.updated_at, uid="feedback")
# Who works at a service is read by every period's figures.
register_source(
    Membership,
    services=lambda membership: [membership.service_id] if membership.service_id else [],
    when=lambda membership: EVERY_MONTH,
    uid="learning-people",
    fields=("service_id", "user_id", "role"),
)


def _path_state(page):
    return (page.live, page.slug)


def _path_before(sender, instance, raw=False, **kwargs):
    """A path published, withdrawn or renamed (its slug keys a bundled path's figures) changes
    completion on it in every month, for the organisations with learning on it. Its drafts
    and edits do not, so only those changes mark."""
    if raw or instance.pk is None or instance._state.adding:
        return
    earlier = LearningPathPage.objects.filter(pk=instance.pk).first()
    if earlier is not None and _path_state(earlier) != _path_state(instance):
        organisations = Enrolment.objects.filter(path_id=instance.pk).values("organisation_id")
        touched(Service.objects.filter(organisation_id__in=organisations), EVERY_MONTH)


def _connect_paths():
    from django.db.models.signals import pre_save

    pre_save.connect(
        _path_before,
        sender=LearningPathPage,
        weak=False,
        dispatch_uid="figures:learning.LearningPathPage",
    )


_connect_paths()
__all__ = ["enrolment_touched", "services_of_person"]
