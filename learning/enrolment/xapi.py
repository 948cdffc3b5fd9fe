"""Learning records as xAPI 1.0.3 statements (for a learning record store): enrolments, path
and module completions, scenario attempts and each choice made in them.

Statements are built from the stored rows, so an export is the same however often it is made:
each statement's id is derived from the row it describes.

- Actor: an `account` under the site's address whose name is a pseudonym: an HMAC of the
  person's id, keyed by a key derived from `SECRET_KEY` for this purpose and this organisation.
  Without the key nobody can match it to an email or a staff list; the same person has a
  different pseudonym in each organisation's export. Rotating `SECRET_KEY` changes every
  pseudonym (and so every statement id).
- Activity ids: `<SITE_URL>/xapi/activities/page/<page id>` (plus `/step/<step key>` for a
  scenario's step), never a slug or the Wagtail site's hostname, so renaming a page changes
  nothing.
- Registration: every statement of one scenario attempt shares one UUID, derived from the
  attempt; an enrolment's statements share the enrolment's.
- Results: a scenario attempt scores the share of best choices and succeeds when no choice was
  risky or harmful; a module pass scores its knowledge checks (a pass means all were right).
- Answers are `choice` interactions listing the step's choices, with the best one(s) as the
  correct response pattern.

Reflections and feedback are private writing and are not exported.
"""

import heapq
import itertools
import json
import uuid

from django.conf import settings
from django.db.models import Count, Q
from django.utils.crypto import salted_hmac
from wagtail.models import Revision

from ..authoring.models import LearningIndexPage, LearningPathPage, ModulePage, ScenarioPage
from ..learner.models import ChoiceEvent, ModuleCompletion, ScenarioAttempt
from ..learner.steps_and_checks import (
    GOOD_QUALITIES,
    QUALITY_RANK,
    ScenarioContent,
    knowledge_checks,
)
from ..principles import ChoiceQuality
from .models import Enrolment

XAPI_VERSION = "1.0.3"
LANGUAGE = "en-GB"
PSEUDONYM_PURPOSE = "learning.enrolment.xapi.actor"
# Rows read from the database at a time, for each kind of record an export reads.
CHUNK_SIZE = 200
# The first rows of each kind, read in one small query before its cursor: the first bytes wait
# for these of each of the six kinds, not a chunk of each (on the benchmark's Board area, in
# process: 115 ms with a chunk of each of 200 rows, most of it turning rows into objects).
HEAD_SIZE = 10


class Verb:
    REGISTERED = "http://adlnet.gov/expapi/verbs/registered"
    COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
    PASSED = "http://adlnet.gov/expapi/verbs/passed"
    ATTEMPTED = "http://adlnet.gov/expapi/verbs/attempted"
    ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


class ActivityType:
    COURSE = "http://adlnet.gov/expapi/activities/course"
    MODULE = "http://adlnet.gov/expapi/activities/module"
    SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
    INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"


def site_url():
    """The platform's public address (`SITE_URL`): the one host of every IRI we mint."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _namespace():
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{site_url()}/xapi/")


def _uuid(*parts):
    return str(uuid.uuid5(_namespace(), ":".join(map(str, parts))))


def _extension(name):
    return f"{site_url()}/xapi/extensions/{name}"


def _timestamp(moment):
    return moment.isoformat()


def pseudonym(user, organisation):
    """The person's name in `organisation`'s export: keyed by the secret key, so it cannot be
    worked out from their email or id without it, and different in every organisation."""
    return _pseudonym(user.pk, organisation)


def _pseudonym(user_id, organisation):
    return salted_hmac(
        f"{PSEUDONYM_PURPOSE}:{organisation.pk}", str(user_id), algorithm="sha256"
    ).hexdigest()


def actor(user, organisation):
    return _actor(user.pk, organisation)


def _actor(user_id, organisation):
    return {
        "objectType": "Agent",
        "account": {"homePage": site_url(), "name": _pseudonym(user_id, organisation)},
    }


def verb(iri):
    return {"id": iri, "display": {LANGUAGE: iri.rsplit("/", 1)[-1]}}


def page_iri(page):
    return f"{site_url()}/xapi/activities/page/{page.pk}"


def step_iri(page, step_key):
    return f"{page_iri(page)}/step/{step_key}"


def activity(page, kind, iri=None, name=None, extra=None):
    definition = {"name": {LANGUAGE: name or page.title}, "type": kind}
    definition.update(extra or {})
    return {"objectType": "Activity", "id": iri or page_iri(page), "definition": definition}


def attempt_registration(attempt):
    return _uuid("attempt", attempt.pk)


def enrolment_registration(enrolment):
    return _uuid("enrolment", enrolment.pk)


def _context(path, registration=None):
    context = {"platform": settings.WAGTAIL_SITE_NAME, "language": LANGUAGE}
    if registration:
        context["registration"] = registration
    if path is not None:
        context["contextActivities"] = {"parent": [activity(path, ActivityType.COURSE)]}
    return context


class _Builder:
    """Statements about one organisation's learners, one record at a time. It remembers only
    what does not grow with the history: each person's actor, the organisation's pages, each
    revision's steps and each module's number of knowledge checks. Records are read with the
    ids of the person and page they name, not the rows: a page joined to every record carried
    its whole body, decoded again for each of millions of records. The pages are read at the
    start and the revisions a chunk of choices at a time, so the queries an export makes do not
    depend on which records come first."""

    def __init__(self, organisation):
        self.organisation = organisation
        self.actors = {}
        self.contents = {}
        self.checks = {}
        under = Q(pk__in=[])
        for index in LearningIndexPage.objects.filter(organisation=organisation):
            under |= Q(path__startswith=index.path)
        self.pages = {
            (model, page.pk): page
            for model in (LearningPathPage, ModulePage, ScenarioPage)
            for page in model.objects.filter(under)
        }
        self.paths = {
            page.path: page
            for (model, _pk), page in self.pages.items()
            if model is LearningPathPage
        }

    def page_ids(self, model):
        """The ids of the organisation's pages of `model`."""
        return [pk for (kind, pk) in self.pages if kind is model]

    def actor(self, user_id):
        if user_id not in self.actors:
            self.actors[user_id] = _actor(user_id, self.organisation)
        return self.actors[user_id]

    def page(self, model, pk):
        """A path, module or scenario page; read here once, should a record name a page outside
        the organisation's learning (an enrolment on another's path)."""
        if (model, pk) not in self.pages:
            self.pages[(model, pk)] = model.objects.get(pk=pk)
        return self.pages[(model, pk)]

    def parent_path(self, page):
        """The path a module or scenario sits in, one query per path however many pages."""
        parent_tree_path = page.path[: -page.steplen]
        if parent_tree_path not in self.paths:
            self.paths[parent_tree_path] = LearningPathPage.objects.filter(
                path=parent_tree_path
            ).first()
        return self.paths[parent_tree_path]

    def read_contents(self, events):
        """Read the steps of the scenario revisions `events` were made in, those not read
        yet, in one query."""
        wanted = {event.attempt.revision_id for event in events} - self.contents.keys()
        for revision in Revision.objects.filter(pk__in=wanted):
            self.contents[revision.pk] = ScenarioContent.of_revision(revision)

    def content(self, revision_id):
        """The steps of a scenario's revision, read once per revision."""
        if revision_id not in self.contents:
            revision = Revision.objects.get(pk=revision_id)
            self.contents[revision_id] = ScenarioContent.of_revision(revision)
        return self.contents[revision_id]

    def statement(self, kind, pk, user_id, verb_iri, obj, timestamp, result=None, context=None):
        who = self.actor(user_id)
        statement = {
            # The pseudonym is part of the id: a statement about a re-keyed actor is a new one.
            "id": _uuid(kind, pk, verb_iri, who["account"]["name"]),
            "version": XAPI_VERSION,
            "actor": who,
            "verb": verb(verb_iri),
            "object": obj,
            "timestamp": _timestamp(timestamp),
        }
        if result is not None:
            statement["result"] = result
        if context is not None:
            statement["context"] = context
        return statement

    def _enrolment_context(self, enrolment):
        context = _context(None, registration=enrolment_registration(enrolment))
        context["extensions"] = {
            _extension("source"): enrolment.source,
            _extension("cycle"): enrolment.cycle,
        }
        if enrolment.due_on:
            context["extensions"][_extension("due-on")] = enrolment.due_on.isoformat()
        return context

    def registered(self, enrolment):
        return self.statement(
            "enrolment",
            enrolment.pk,
            enrolment.user_id,
            Verb.REGISTERED,
            activity(self.page(LearningPathPage, enrolment.path_id), ActivityType.COURSE),
            enrolment.enrolled_at,
            context=self._enrolment_context(enrolment),
        )

    def path_completed(self, enrolment):
        result = {"success": True, "completion": True}
        certificate = getattr(enrolment, "certificate", None)
        if certificate is not None:
            result["extensions"] = {
                _extension("certificate-issued-at"): _timestamp(certificate.issued_at)
            }
        return self.statement(
            "enrolment",
            enrolment.pk,
            enrolment.user_id,
            Verb.COMPLETED,
            activity(self.page(LearningPathPage, enrolment.path_id), ActivityType.COURSE),
            enrolment.completed_at,
            result=result,
            context=self._enrolment_context(enrolment),
        )

    def module_passed(self, completion):
        module = self.page(ModulePage, completion.module_id)
        if module.pk not in self.checks:
            self.checks[module.pk] = len(knowledge_checks(module))
        return self.statement(
            "module-completion",
            completion.pk,
            completion.user_id,
            Verb.PASSED,
            activity(module, ActivityType.MODULE),
            completion.passed_at,
            result={
                "score": module_score(self.checks[module.pk]),
                "success": True,
                "completion": True,
            },
            context=_context(self.parent_path(module)),
        )

    def _attempt_context(self, attempt):
        path = self.parent_path(self.page(ScenarioPage, attempt.scenario_id))
        context = _context(path, registration=attempt_registration(attempt))
        context["extensions"] = {_extension("attempt"): attempt.number}
        return path, context

    def attempted(self, attempt):
        _path, context = self._attempt_context(attempt)
        return self.statement(
            "scenario-attempt",
            attempt.pk,
            attempt.user_id,
            Verb.ATTEMPTED,
            activity(self.page(ScenarioPage, attempt.scenario_id), ActivityType.SIMULATION),
            attempt.started_at,
            context=context,
        )

    def answered(self, event):
        attempt = event.attempt
        scenario = self.page(ScenarioPage, attempt.scenario_id)
        path, context = self._attempt_context(attempt)
        obj = activity(scenario, ActivityType.SIMULATION)
        answer_context = {**context, "contextActivities": {"parent": [obj]}}
        if path is not None:
            answer_context["contextActivities"]["grouping"] = [activity(path, ActivityType.COURSE)]
        content = self.content(attempt.revision_id)
        return self.statement(
            "choice-event",
            event.pk,
            attempt.user_id,
            Verb.ANSWERED,
            interaction(scenario, content.step(event.step_key), event.step_key),
            event.created_at,
            result={
                "response": event.choice_key,
                "success": event.quality in GOOD_QUALITIES,
                "extensions": {
                    _extension("quality"): event.quality,
                    _extension("principles"): list(event.principles),
                },
            },
            context=answer_context,
        )

    def scenario_completed(self, attempt):
        """`attempt` carries its counts of choices (`choices`, `best_choices`, `not_good`)."""
        _path, context = self._attempt_context(attempt)
        return self.statement(
            "scenario-attempt",
            attempt.pk,
            attempt.user_id,
            Verb.COMPLETED,
            activity(self.page(ScenarioPage, attempt.scenario_id), ActivityType.SIMULATION),
            attempt.finished_at,
            result=scenario_result(
                attempt, attempt.choices, attempt.best_choices, attempt.not_good
            ),
            context=context,
        )


def module_score(checks):
    """A pass means every knowledge check was answered right."""
    if not checks:
        return {"scaled": 1.0}
    return {"scaled": 1.0, "raw": checks, "min": 0, "max": checks}


def scenario_result(attempt, choices, best, not_good):
    """The share of best choices as the score; success when no choice was risky or harmful.
    `choices` is the attempt's number of choices, `best` of best ones, `not_good` of the rest
    that were not acceptable."""
    result = {
        "success": not not_good,
        "completion": True,
        "extensions": {_extension("ending"): attempt.ending_step_key},
    }
    if choices:
        result["score"] = {
            "scaled": round(best / choices, 4),
            "raw": best,
            "min": 0,
            "max": choices,
        }
    return result


def best_choices(step):
    """The key(s) of the step's best choice: "best" if any, else the least risky."""
    if not step.choices:
        return []
    top = min(QUALITY_RANK.get(choice.quality, 9) for choice in step.choices)
    return [c.key for c in step.choices if QUALITY_RANK.get(c.quality, 9) == top]


def interaction(scenario, step, step_key):
    """A scenario's step as a `choice` interaction, as the learner saw it."""
    extra = {"interactionType": "choice"}
    if step is not None:
        extra["description"] = {LANGUAGE: step.situation}
        extra["choices"] = [
            {"id": choice.key, "description": {LANGUAGE: choice.text}} for choice in step.choices
        ]
        extra["correctResponsesPattern"] = best_choices(step)
    return activity(
        scenario,
        ActivityType.INTERACTION,
        iri=step_iri(scenario, step_key),
        name=f"{scenario.title}: {step_key}",
        extra=extra,
    )


def _by_time(statements):
    """`statements`, read oldest first, with those of one moment put in the order of their ids:
    the export's order is (timestamp, id), and an id cannot be sorted on in the database."""
    moment, same = None, []
    for statement in statements:
        if statement["timestamp"] != moment:
            same.sort(key=_order)
            yield from same
            moment, same = statement["timestamp"], []
        same.append(statement)
    same.sort(key=_order)
    yield from same


def _order(statement):
    return (statement["timestamp"], statement["id"])


def statements(organisation):
    """Every learning record of `organisation`'s paths as xAPI statements, oldest first (by
    timestamp, then id), read as they are written: each kind of record comes oldest first from
    the database through a cursor, CHUNK_SIZE rows at a time, and the kinds are merged. Memory
    holds a chunk of each kind and the builder's caches, not the organisation's history."""
    builder = _Builder(organisation)
    # Records are filtered by the organisation's page ids rather than joined to the page tree:
    # joined, PostgreSQL hashed every attempt of every organisation before the first choice
    # (4 s on the benchmark's Board area).
    scenarios = builder.page_ids(ScenarioPage)
    enrolments = Enrolment.objects.filter(organisation=organisation).select_related("certificate")
    completions = ModuleCompletion.objects.filter(module_id__in=builder.page_ids(ModulePage))
    attempts = ScenarioAttempt.objects.filter(scenario_id__in=scenarios)
    events = ChoiceEvent.objects.filter(attempt__scenario_id__in=scenarios).select_related(
        "attempt"
    )

    def read(queryset, moment, build, prepare=None):
        rows = _oldest_first(queryset, moment)
        if prepare is not None:
            rows = _prepared(rows, prepare)
        return _by_time(build(row) for row in rows)

    yield from heapq.merge(
        read(enrolments, "enrolled_at", builder.registered),
        read(enrolments.filter(completed_at__isnull=False), "completed_at", builder.path_completed),
        read(completions, "passed_at", builder.module_passed),
        read(attempts, "started_at", builder.attempted),
        read(events, "created_at", builder.answered, prepare=builder.read_contents),
        read(
            attempts.filter(finished_at__isnull=False),
            "finished_at",
            builder.scenario_completed,
            prepare=_count_choices,
        ),
        key=_order,
    )


def _oldest_first(queryset, moment):
    """The rows of `queryset` in the order of (`moment`, pk): the first HEAD_SIZE read at once,
    the rest through a cursor, CHUNK_SIZE at a time, from after the last of those (by value, not
    by position: a row written meanwhile cannot shift one in twice or out)."""
    ordered = queryset.order_by(moment, "pk")
    head = list(ordered[:HEAD_SIZE])
    yield from head
    if len(head) < HEAD_SIZE:
        return
    last = head[-1]
    at = getattr(last, moment)
    after = Q(**{f"{moment}__gt": at}) | Q(**{moment: at, "pk__gt": last.pk})
    yield from ordered.filter(after).iterator(chunk_size=CHUNK_SIZE)


def _prepared(rows, prepare):
    """`rows` in their order, `prepare` called with each chunk of them before they are handed
    on: what a chunk needs is read for all of it at once. The first chunk is the head
    (`_oldest_first`), so the first bytes do not wait for a whole chunk to be prepared."""
    size = HEAD_SIZE
    while chunk := list(itertools.islice(rows, size)):
        prepare(chunk)
        yield from chunk
        size = CHUNK_SIZE


def _count_choices(attempts):
    """Give each of the finished `attempts` its counts of choices (`choices`, `best_choices`,
    `not_good`), a chunk of attempts at a time (`_prepared`). Counted for every attempt at once
    (a GROUP BY over the organisation's choices), PostgreSQL finished the whole count before the
    first attempt: on the benchmark's Board area, 16 s before the export's first byte. A chunk's
    choices are read through the index on (attempt, created_at)."""
    counts = {
        row["attempt_id"]: row
        for row in ChoiceEvent.objects.filter(attempt_id__in=[a.pk for a in attempts])
        .order_by()
        .values("attempt_id")
        .annotate(
            choices=Count("pk"),
            best_choices=Count("pk", filter=Q(quality=ChoiceQuality.BEST)),
            not_good=Count("pk", filter=~Q(quality__in=GOOD_QUALITIES)),
        )
    }
    for attempt in attempts:
        counted = counts.get(attempt.pk, {})
        attempt.choices = counted.get("choices", 0)
        attempt.best_choices = counted.get("best_choices", 0)
        attempt.not_good = counted.get("not_good", 0)


def statements_for_organisation(organisation):
    """Every learning record of `organisation`'s paths as a list of xAPI statements, oldest
    first: for a small organisation or a test; an export streams `statements` instead."""
    return list(statements(organisation))


def json_chunks(statements):
    """The statements as a JSON list, one statement to a line, a statement at a time, so a file
    or a download is written without the whole list in memory. Not indented: Python encodes
    indented JSON in Python, not C, and that took most of an export's time (an organisation of
    the benchmark's Board area has millions of statements)."""
    first = True
    for statement in statements:
        yield ("[\n" if first else ",\n") + json.dumps(statement, ensure_ascii=False)
        first = False
    yield "[]" if first else "\n]"
