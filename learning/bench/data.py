"""The learning plugin's part of the benchmark's dataset (cms.bench.data).

Each organisation gets a Learning index with the five bundled paths, made as the demo makes
them (`learning.demo.load_path`: published pages, their revisions, the review workflow). Then
three years of learners' history, by COPY: every member of staff follows the Listening path
(by an enrolment rule) and often one or two more (assigned by a leader, or chosen), again each
time the path falls due for recertification; each time through they pass its modules' checks
and play its scenarios, choosing as the scenario's own steps allow (a choice leads to its next
step until an ending), better with more skill; some reflect, some share the reflection with
their supervisor, who sometimes replies; completed enrolments earn a certificate.

The number of scenario plays is set so the whole history holds about the scale's number of
choice events: those at the end of their time through may still be part-way (an open
enrolment, maybe an unfinished attempt).
"""

import bisect
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.bench.data import PLUGINS, builder
from cms.organisations.models import Role

from ..authoring.models import LearningIndexPage, ModulePage, ScenarioPage
from ..authoring.services import attach_review_workflow
from ..bundled import content_paths
from ..demo import load_path
from ..demo_learners import FEEDBACK_COMMENTS, QUALITY_WEIGHTS, REFLECTIONS, SUPERVISOR_REPLY
from ..enrolment.models import CODE_ALPHABET, CODE_LENGTH, Certificate, Enrolment, EnrolmentRule
from ..learner.models import (
    ChoiceEvent,
    ModuleCompletion,
    ModuleFeedback,
    Reflection,
    ReflectionReply,
    ScenarioAttempt,
)
from ..learner.steps_and_checks import ScenarioContent

RULE_PATH = "listening"
SKILLS = 5  # skill levels, 0 (often harmful) to 4 (mostly best)
CHUNK = 400  # learners whose rows are written together
MAX_CHOICES = 30


class Scenario:
    """What a play of a scenario needs, read once from its live revision: at each step the
    cumulative weights of its choices per skill level."""

    def __init__(self, page):
        content = ScenarioContent.of_revision(page.live_revision)
        self.id = page.pk
        self.revision_id = page.live_revision_id
        self.start = content.start.key
        self.steps = {}
        for key, step in content.steps.items():
            if step.is_ending or not step.choices:
                continue
            choices = [
                (c.key, c.next_step, c.quality, json.dumps(list(c.principles)))
                for c in step.choices
            ]
            cumulative = []
            for level in range(SKILLS):
                skill = level / (SKILLS - 1)
                total, weights = 0.0, []
                for c in step.choices:
                    base, extra = QUALITY_WEIGHTS.get(c.quality, (1.0, 0.0))
                    total += max(0.05, base + extra * skill)
                    weights.append(total)
                cumulative.append(weights)
            self.steps[key] = (choices, cumulative)

    def play(self, rng, level, limit=MAX_CHOICES):
        """The choices of one play: [(step key, choice)], and the ending reached (or "")."""
        made, key = [], self.start
        while key in self.steps and len(made) < limit:
            choices, cumulative = self.steps[key]
            weights = cumulative[level]
            choice = choices[bisect.bisect(weights, rng.random() * weights[-1])]
            made.append((key, choice))
            key = choice[1]
        ending = "" if key in self.steps else key
        return made, ending

    def mean_choices(self, rng):
        plays = [len(self.play(rng, level)[0]) for level in range(SKILLS) for _ in range(40)]
        return sum(plays) / len(plays)


class Path:
    def __init__(self, page, rng):
        self.id = page.pk
        self.slug = page.slug
        self.title = page.title
        self.recertify_days = round(page.recertify_months * 30.4)
        self.items = []  # ("module", id) or ("scenario", Scenario)
        for item in page.items():
            if isinstance(item, ModulePage):
                self.items.append(("module", item.pk))
            elif isinstance(item, ScenarioPage) and item.live_revision_id:
                self.items.append(("scenario", Scenario(item)))
        self.mean_choices = sum(
            item.mean_choices(rng) for kind, item in self.items if kind == "scenario"
        )


@contextmanager
def _without_index_updates():
    """Pages made without updating the search and reference indexes as each is saved (two thirds
    of the time it takes to make them); `manage.py update_index` and
    `rebuild_references_index` bring them up to date afterwards if a measurement needs them."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**config, "AUTO_UPDATE": False} for name, config in backends.items()
    }
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        settings.WAGTAILSEARCH_BACKENDS = backends


def _content(bench, provider, home, bundled):
    index = LearningIndexPage.objects.filter(organisation_id=provider.id).first()
    if index is None:
        index = LearningIndexPage(
            title=f"Learning: {provider.name}",
            slug=f"learning-{provider.slug}",
            organisation_id=provider.id,
            intro="<p>Learning paths built from real practice dilemmas.</p>",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    for path_data in bundled:
        load_path(index, path_data)
    attach_review_workflow(index)
    return index


@builder(PLUGINS, "learning")
def build(bench):
    rng = bench.rng("learning")
    home = Page.objects.filter(depth=2).order_by("path").first()
    bundled = content_paths()
    paths_of = {}
    for provider in bench.host.organisations:
        with _without_index_updates():
            index = _content(bench, provider, home, bundled)
        paths_of[provider.id] = [Path(page.specific, rng) for page in index.paths()]
        bench.counts["learning.LearningPathPage"] += len(paths_of[provider.id])
    bench.log(f"learning: the paths of {len(paths_of)} organisations made")
    rules = {
        provider.id: EnrolmentRule.objects.create(
            organisation_id=provider.id,
            role=Role.STAFF,
            path_id=next(p.id for p in paths_of[provider.id] if p.slug == RULE_PATH),
            due_within_days=30,
        )
        for provider in bench.host.organisations
        if any(p.slug == RULE_PATH for p in paths_of[provider.id])
    }
    bench.counts["learning.EnrolmentRule"] += len(rules)

    learners = [
        (provider, service, user_id)
        for provider in bench.host.organisations
        for service in provider.services
        for user_id in service.staff
    ]
    plans = [_plan(rng, provider, paths_of[provider.id], rules) for provider, *_ in learners]
    expected = [_expected_choices(plan) for plan in plans]
    # Plays of a scenario each time through, steered as learners are made so that the history
    # ends with about the scale's number of choices: the rest of the target over what the rest
    # of the learners would make at one play, at the rate of choices seen so far.
    target = bench.scale.choice_events
    remaining = sum(expected) or 1
    per_pass = target / remaining
    used = 0.0  # plays asked for, times what one play of each plan was expected to make
    writer = Writer(bench, {organisation: rule.pk for organisation, rule in rules.items()})
    for start in range(0, len(learners), CHUNK):
        for number in range(start, min(start + CHUNK, len(learners))):
            provider, service, user_id = learners[number]
            writer.learner(rng, provider, service, user_id, plans[number], per_pass)
            used += per_pass * expected[number]
            remaining -= expected[number]
            if remaining > 0 and used > 0:
                rate = writer.choices / used
                per_pass = max(0.1, (target - writer.choices) / (rate * remaining))
        writer.flush()
        if (start // CHUNK) % 10 == 9:
            made = f"{writer.choices:,} choices"
            bench.log(f"learning: {number + 1:,} of {len(learners):,} learners, {made}")
    biggest = next(p for p in bench.host.organisations if p.id == bench.facts["organisation_id"])
    listening = next(p for p in paths_of[biggest.id] if p.slug == RULE_PATH)
    bench.facts["learning"] = {
        "path_id": listening.id,
        "module_id": next(item for kind, item in listening.items if kind == "module"),
        "scenario_id": next(item.id for kind, item in listening.items if kind == "scenario"),
    }


def _plan(rng, provider, paths, rules):
    """The paths a learner follows: (path, how, first enrolment day offset)."""
    plan = []
    for path in paths:
        if path.slug == RULE_PATH and provider.id in rules:
            plan.append((path, "rule"))
        elif rng.random() < 0.35:
            plan.append((path, "assignment" if rng.random() < 0.6 else "self"))
    return plan


def _expected_choices(plan):
    return sum(path.mean_choices * 3 for path, _how in plan)  # about three times through


@dataclass
class Learner:
    provider: object
    user_id: int
    level: int
    pace: float
    supervisor: int
    per_pass: float
    rated: set = field(default_factory=set)  # modules they have rated (once each)


class Writer:
    """Rows of a chunk of learners, written table by table."""

    def __init__(self, bench, rules):
        self.bench = bench
        self.rules = rules  # organisation id -> the staff rule's id
        self.choices = 0
        self.rows = {model: [] for model in TABLES}
        self.attempt_numbers = {}
        self.last_attempt = None

    def learner(self, rng, provider, service, user_id, plan, per_pass):
        """Everything one member of staff did in the history, path by path."""
        joined = self.bench.host.people[user_id][3]
        who = Learner(
            provider=provider,
            user_id=user_id,
            level=rng.randrange(SKILLS),
            # How quickly they work through a path: some well ahead of the due date, some late.
            pace=rng.choice((0.4, 0.7, 1.0, 1.0, 1.4, 2.2)),
            supervisor=rng.choice(service.supervisors),
            per_pass=per_pass,
        )
        self.attempt_numbers = {}
        # Those already there when the history starts were enrolled at any time in the year
        # before, so their recertifications do not all fall due together.
        settled = joined <= self.bench.start
        for path, how in plan:
            enrolled = joined + timedelta(days=rng.uniform(1, 365 if settled else 60))
            cycle = 1
            while enrolled < self.bench.now:
                completed = self._time_through(rng, who, path, how, enrolled, cycle)
                if completed is None or not path.recertify_days:
                    break
                enrolled = completed + timedelta(days=path.recertify_days)
                cycle += 1

    def _time_through(self, rng, who, path, how, enrolled, cycle):
        """One enrolment, from `enrolled`: returns when it was completed, or None (still
        open)."""
        bench = self.bench
        provider, user_id, level, pace = who.provider, who.user_id, who.level, who.pace
        per_pass, rated, supervisor = who.per_pass, who.rated, who.supervisor
        enrolment_id = bench.next_id(Enrolment)
        due_days = 30 if how == "rule" else rng.choice((28, 42, 60))
        # Most finish within the time they have; some late; the last may be unfinished.
        moment = enrolled
        done_all = True
        # About one time through in twelve stalls part-way and stays open (overdue, in time).
        stall = rng.randrange(len(path.items)) if rng.random() < 0.08 else None
        for number, (kind, item) in enumerate(path.items):
            if number == stall:
                done_all = False
                break
            gap = 24 * due_days / len(path.items) * 1.3 * pace
            moment += timedelta(hours=rng.uniform(2, gap))
            if moment >= bench.now:
                done_all = False
                break
            if kind == "module":
                self.rows[ModuleCompletion].append(
                    (bench.next_id(ModuleCompletion), user_id, item, moment)
                )
                if item not in rated and rng.random() < 0.3:
                    rated.add(item)
                    self.rows[ModuleFeedback].append(
                        (
                            bench.next_id(ModuleFeedback),
                            user_id,
                            item,
                            rng.choice((3, 4, 4, 5, 5)),
                            rng.choice((2, 3, 4, 5, 5)),
                            rng.choice(FEEDBACK_COMMENTS),
                            moment,
                            moment,
                        )
                    )
                continue
            plays = int(per_pass) + (rng.random() < per_pass - int(per_pass))
            finished = None
            for number in range(max(1, plays)):
                play_level = min(SKILLS - 1, level + number)
                finished = self._play(rng, user_id, item, play_level, moment)
                if finished is None:
                    break
                moment = finished + timedelta(minutes=rng.uniform(5, 600))
            if finished is None:
                done_all = False
                break
            if rng.random() < 0.12:
                self._reflect(rng, user_id, item, moment, supervisor)
        completed = moment if done_all else None
        source = {"rule": Enrolment.Source.RULE, "assignment": Enrolment.Source.ASSIGNMENT}.get(
            how, Enrolment.Source.SELF
        )
        self.rows[Enrolment].append(
            (
                enrolment_id,
                user_id,
                path.id,
                provider.id,
                source,
                self.rules[provider.id] if how == "rule" else None,
                provider.leader if how == "assignment" else None,
                "Agreed at supervision" if how == "assignment" else "",
                (enrolled + timedelta(days=due_days)).date(),
                enrolled,
                completed,
                cycle,
            )
        )
        if completed is not None:
            self.rows[Certificate].append(
                (
                    bench.next_id(Certificate),
                    enrolment_id,
                    "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)),
                    bench.host.name(user_id),
                    path.title,
                    completed.date(),
                    completed,
                    "",
                    completed,
                )
            )
        return completed

    def _play(self, rng, user_id, scenario, level, moment):
        """One attempt from `moment`: returns when it finished, or None (left unfinished)."""
        bench = self.bench
        key = (user_id, scenario.id)
        number = self.attempt_numbers.get(key, 0) + 1
        self.attempt_numbers[key] = number
        attempt_id = self.last_attempt = bench.next_id(ScenarioAttempt)
        made, ending = scenario.play(rng, level)
        at = moment
        events = self.rows[ChoiceEvent]
        self.choices += len(made)
        for order, (step_key, (choice_key, next_key, quality, principles)) in enumerate(made, 1):
            at += timedelta(seconds=rng.uniform(20, 240))
            events.append(
                (
                    attempt_id,
                    order,
                    step_key,
                    choice_key,
                    next_key,
                    quality,
                    principles,
                    at,
                )
            )
        finished = at if ending and at < bench.now else None
        self.rows[ScenarioAttempt].append(
            (
                attempt_id,
                user_id,
                scenario.id,
                scenario.revision_id,
                number,
                moment,
                finished,
                ending if finished else "",
            )
        )
        return finished

    def _reflect(self, rng, user_id, scenario, moment, supervisor):
        bench = self.bench
        reflection_id = bench.next_id(Reflection)
        shared = moment + timedelta(hours=1) if rng.random() < 0.4 else None
        self.rows[Reflection].append(
            (
                reflection_id,
                user_id,
                scenario.id,
                self.last_attempt,
                rng.choice(REFLECTIONS),
                moment,
                shared,
            )
        )
        if shared and rng.random() < 0.5:
            self.rows[ReflectionReply].append(
                (
                    bench.next_id(ReflectionReply),
                    reflection_id,
                    supervisor,
                    SUPERVISOR_REPLY.replace("Sam", bench.host.people[user_id][1]),
                    shared + timedelta(days=2),
                )
            )

    def flush(self):
        for model, columns in TABLES.items():
            rows = self.rows[model]
            if model is ChoiceEvent and rows:  # numbered here: nothing refers to them
                first = self.bench.ids(model, len(rows))[0]
                rows = ((first + n, *row) for n, row in enumerate(rows))
            if rows:
                self.bench.copy(model, columns, rows)
            self.rows[model] = []


# In the order they are written (a row's foreign keys are written before it).
TABLES = {
    Enrolment: [
        "id",
        "user",
        "path",
        "organisation",
        "source",
        "rule",
        "assigned_by",
        "reason",
        "due_on",
        "enrolled_at",
        "completed_at",
        "cycle",
    ],
    Certificate: [
        "id",
        "enrolment",
        "code",
        "learner_name",
        "path_title",
        "completed_on",
        "issued_at",
        "pdf",
        "emailed_at",
    ],
    ModuleCompletion: ["id", "user", "module", "passed_at"],
    ModuleFeedback: [
        "id",
        "user",
        "page",
        "clarity",
        "relevance",
        "comment",
        "created_at",
        "updated_at",
    ],
    ScenarioAttempt: [
        "id",
        "user",
        "scenario",
        "revision",
        "number",
        "started_at",
        "finished_at",
        "ending_step_key",
    ],
    ChoiceEvent: [
        "id",
        "attempt",
        "order",
        "step_key",
        "choice_key",
        "next_step_key",
        "quality",
        "principles",
        "created_at",
    ],
    Reflection: [
        "id",
        "author",
        "page",
        "attempt",
        "text",
        "created_at",
        "shared_with_supervisor_at",
    ],
    ReflectionReply: ["id", "reflection", "author", "text", "created_at"],
}
