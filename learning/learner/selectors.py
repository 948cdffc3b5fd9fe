"""What a learner has done, as reads: progress through a path, an attempt's summary, the
reflections a supervisor sees, the feedback on a module."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from cms import access
from cms.organisations.models import Membership, Role
from cms.permissions import memberships

from ..authoring.models import LearningIndexPage, ModulePage, ScenarioPage
from .models import ChoiceEvent, ModuleCompletion, ModuleFeedback, Reflection, ScenarioAttempt
from .steps_and_checks import GOOD_QUALITIES, ScenarioContent, principle_label

# --- Progress -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PathProgress:
    """A learner's progress through a path: `items` is [(page, done)] in path order."""

    items: list
    completed: int
    total: int

    @property
    def is_complete(self):
        return self.total > 0 and self.completed == self.total

    @property
    def percent(self):
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def next_item(self):
        return next((page for page, done in self.items if not done), None)


def completed_page_ids(user, pages, since=None):
    """The ids of the modules passed and scenarios finished by `user` among `pages`, counting
    only what was done at or after `since` when it is given (for recertification)."""
    if not user.is_authenticated:
        return set()
    page_ids = [page.pk for page in pages]
    modules = ModuleCompletion.objects.filter(user=user, module_id__in=page_ids)
    scenarios = ScenarioAttempt.objects.filter(
        user=user, scenario_id__in=page_ids, finished_at__isnull=False
    )
    if since is not None:
        modules = modules.filter(passed_at__gte=since)
        scenarios = scenarios.filter(finished_at__gte=since)
    return set(modules.values_list("module_id", flat=True)) | set(
        scenarios.values_list("scenario_id", flat=True)
    )


def path_progress(user, path, since=None):
    """How far `user` is through `path`: each live module and scenario with whether it is done
    (a module's check passed, a scenario played to an ending), at or after `since` if given."""
    items = path.items()
    done_ids = completed_page_ids(user, items, since=since)
    pairs = [(page, page.pk in done_ids) for page in items]
    return PathProgress(items=pairs, completed=sum(done for _, done in pairs), total=len(pairs))


def next_item_after(path, page):
    """The live item that follows `page` in its path, or None."""
    items = path.items() if path else []
    ids = [item.pk for item in items]
    if page.pk in ids and ids.index(page.pk) + 1 < len(items):
        return items[ids.index(page.pk) + 1]
    return None


def module_passed(user, module):
    return (
        user.is_authenticated and ModuleCompletion.objects.filter(user=user, module=module).exists()
    )


def scenario_attempts(user, scenario):
    if not user.is_authenticated:
        return ScenarioAttempt.objects.none()
    return ScenarioAttempt.objects.filter(user=user, scenario=scenario).order_by("-number")


# --- Attempts -------------------------------------------------------------------------------


@dataclass
class RouteStep:
    step: object  # content.Step
    choice: object = None  # content.Choice
    event: ChoiceEvent | None = None

    @property
    def quality(self):
        return self.event.quality if self.event else (self.choice.quality if self.choice else "")


@dataclass
class PrincipleTally:
    key: str
    label: str
    strong: int = 0
    weak: int = 0


@dataclass
class AttemptSummary:
    attempt: ScenarioAttempt
    route: list
    best_route: list
    ending: object
    followed_best_route: bool
    qualities: Counter = field(default_factory=Counter)
    principles: list = field(default_factory=list)

    @property
    def strong(self):
        return [tally for tally in self.principles if tally.strong and not tally.weak]

    @property
    def weak(self):
        return [tally for tally in self.principles if tally.weak]


def attempt_summary(attempt):
    """The route the learner took against the best route, and the principles their choices
    showed as strong (best or acceptable choices) or weak (risky or harmful ones). Read from
    the stored events and the revision the learner saw."""
    content = ScenarioContent.of_revision(attempt.revision)
    events = list(ChoiceEvent.objects.filter(attempt=attempt).order_by("order"))
    route = []
    tallies = {}
    qualities = Counter()
    for event in events:
        step = content.step(event.step_key)
        choice = step.choice(event.choice_key) if step else None
        route.append(RouteStep(step=step, choice=choice, event=event))
        qualities[event.quality] += 1
        for key in event.principles:
            tally = tallies.setdefault(key, PrincipleTally(key=key, label=principle_label(key)))
            if event.quality in GOOD_QUALITIES:
                tally.strong += 1
            else:
                tally.weak += 1
    ending = content.step(attempt.ending_step_key) if attempt.ending_step_key else None
    best = [RouteStep(step=step, choice=choice) for step, choice in content.best_route()]
    taken = [(item.event.step_key, item.event.choice_key) for item in route]
    best_keys = [(item.step.key, item.choice.key) for item in best if item.choice]
    return AttemptSummary(
        attempt=attempt,
        route=route,
        best_route=best,
        ending=ending,
        followed_best_route=taken == best_keys,
        qualities=qualities,
        principles=sorted(tallies.values(), key=lambda t: t.label),
    )


# --- Reflections ----------------------------------------------------------------------------


def reflections_of(user):
    return (
        Reflection.objects.filter(author=user)
        .select_related("page", "attempt")
        .prefetch_related("replies__author")
        .order_by("-created_at")
    )


def _index_paths(organisation_id):
    return list(
        LearningIndexPage.objects.filter(organisation_id=organisation_id).values_list(
            "path", flat=True
        )
    )


def supervision_list(supervisor):
    """Reflections shared by the people `supervisor` supervises: those holding a role at a
    service where the supervisor holds Role.SUPERVISOR (or anywhere in the organisation, for an
    organisation-wide supervisor), about learning pages of that organisation."""
    if not supervisor.is_authenticated:
        return Reflection.objects.none()
    condition = Q(pk__in=[])
    for organisation_id, service_id, role in memberships(supervisor):
        if role != Role.SUPERVISOR:
            continue
        paths = _index_paths(organisation_id)
        if not paths:
            continue
        in_pages = Q()
        for path in paths:
            in_pages |= Q(page__path__startswith=path)
        people = Membership.objects.filter(organisation_id=organisation_id)
        if service_id is not None:
            people = people.filter(Q(service_id=service_id) | Q(service__isnull=True))
        condition |= in_pages & Q(author__in=people.values("user_id"))
    return (
        Reflection.objects.filter(condition, shared_with_supervisor_at__isnull=False)
        .exclude(author=supervisor)
        .select_related("author", "page", "attempt")
        .prefetch_related("replies__author")
        .order_by("-shared_with_supervisor_at")
    )


def reflection_pages_for(user):
    """The live modules and scenarios a learner can write a reflection about: those in the
    organisations they belong to."""
    organisation_ids = access.member_organisation_ids(user)
    paths = list(
        LearningIndexPage.objects.filter(organisation_id__in=organisation_ids).values_list(
            "path", flat=True
        )
    )
    if not paths:
        return []
    in_pages = Q()
    for path in paths:
        in_pages |= Q(path__startswith=path)
    modules = ModulePage.objects.live().filter(in_pages)
    scenarios = ScenarioPage.objects.live().filter(in_pages)
    return sorted([*modules, *scenarios], key=lambda page: page.path)


# --- Feedback -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageFeedback:
    entries: list
    count: int
    clarity: float | None
    relevance: float | None


def feedback_for_page(page):
    """Every learner's rating of a module, newest first, with the average scores."""
    entries = ModuleFeedback.objects.filter(page_id=page.pk).order_by("-updated_at")
    totals = entries.aggregate(
        count=Count("pk"), clarity=Avg("clarity"), relevance=Avg("relevance")
    )
    return PageFeedback(
        entries=list(entries),
        count=totals["count"],
        clarity=round(totals["clarity"], 1) if totals["clarity"] is not None else None,
        relevance=round(totals["relevance"], 1) if totals["relevance"] is not None else None,
    )


def feedback_of(user, module):
    if not user.is_authenticated:
        return None
    return ModuleFeedback.objects.filter(user=user, page=module).first()


def supervisors_of(author, page):
    """The people who would see a reflection about `page` once `author` shares it."""
    from django.contrib.auth import get_user_model

    from ..authoring.models import learning_organisation_of

    organisation = learning_organisation_of(page)
    if organisation is None:
        return []
    author_services = set()
    author_org_wide = False
    for organisation_id, service_id, _role in memberships(author):
        if organisation_id != organisation.pk:
            continue
        if service_id is None:
            author_org_wide = True
        else:
            author_services.add(service_id)
    if not author_org_wide and not author_services:
        return []
    supervisors = Membership.objects.filter(organisation=organisation, role=Role.SUPERVISOR)
    if not author_org_wide:
        supervisors = supervisors.filter(
            Q(service__isnull=True) | Q(service_id__in=author_services)
        )
    return list(
        get_user_model()
        .objects.filter(pk__in=supervisors.values("user_id"))
        .exclude(pk=author.pk)
        .order_by("first_name", "last_name")
    )
