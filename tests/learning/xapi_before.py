"""The xAPI export as it was before it streamed (issue 16), kept only as the oracle that the
streaming export writes the same bytes: do not change it."""

import uuid

from django.conf import settings
from django.db.models import Q
from django.utils.crypto import salted_hmac

from learning.authoring.models import LearningIndexPage, LearningPathPage
from learning.enrolment.models import Enrolment
from learning.learner.models import ModuleCompletion, ScenarioAttempt
from learning.learner.steps_and_checks import (
    GOOD_QUALITIES,
    QUALITY_RANK,
    ScenarioContent,
    knowledge_checks,
)
from learning.principles import ChoiceQuality

XAPI_VERSION = "1.0.3"
LANGUAGE = "en-GB"
PSEUDONYM_PURPOSE = "learning.enrolment.xapi.actor"


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
    return salted_hmac(
        f"{PSEUDONYM_PURPOSE}:{organisation.pk}", str(user.pk), algorithm="sha256"
    ).hexdigest()


def actor(user, organisation):
    return {
        "objectType": "Agent",
        "account": {"homePage": site_url(), "name": pseudonym(user, organisation)},
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
    """Statements about one organisation's learners."""

    def __init__(self, organisation):
        self.organisation = organisation
        self.actors = {}
        self.paths = {}

    def actor(self, user):
        if user.pk not in self.actors:
            self.actors[user.pk] = actor(user, self.organisation)
        return self.actors[user.pk]

    def parent_path(self, page):
        """The path a module or scenario sits in, one query per path however many pages."""
        parent_tree_path = page.path[: -page.steplen]
        if parent_tree_path not in self.paths:
            self.paths[parent_tree_path] = LearningPathPage.objects.filter(
                path=parent_tree_path
            ).first()
        return self.paths[parent_tree_path]

    def statement(self, kind, pk, user, verb_iri, obj, timestamp, result=None, context=None):
        who = self.actor(user)
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

    def enrolments(self, enrolments):
        for enrolment in enrolments.select_related("user", "path", "certificate"):
            path_activity = activity(enrolment.path, ActivityType.COURSE)
            context = _context(None, registration=enrolment_registration(enrolment))
            context["extensions"] = {
                _extension("source"): enrolment.source,
                _extension("cycle"): enrolment.cycle,
            }
            if enrolment.due_on:
                context["extensions"][_extension("due-on")] = enrolment.due_on.isoformat()
            yield self.statement(
                "enrolment",
                enrolment.pk,
                enrolment.user,
                Verb.REGISTERED,
                path_activity,
                enrolment.enrolled_at,
                context=context,
            )
            if enrolment.completed_at:
                result = {"success": True, "completion": True}
                certificate = getattr(enrolment, "certificate", None)
                if certificate is not None:
                    result["extensions"] = {
                        _extension("certificate-issued-at"): _timestamp(certificate.issued_at)
                    }
                yield self.statement(
                    "enrolment",
                    enrolment.pk,
                    enrolment.user,
                    Verb.COMPLETED,
                    path_activity,
                    enrolment.completed_at,
                    result=result,
                    context=context,
                )

    def modules(self, completions):
        checks = {}
        for completion in completions.select_related("user", "module"):
            module = completion.module
            if module.pk not in checks:
                checks[module.pk] = len(knowledge_checks(module))
            yield self.statement(
                "module-completion",
                completion.pk,
                completion.user,
                Verb.PASSED,
                activity(module, ActivityType.MODULE),
                completion.passed_at,
                result={
                    "score": module_score(checks[module.pk]),
                    "success": True,
                    "completion": True,
                },
                context=_context(self.parent_path(module)),
            )

    def scenarios(self, attempts):
        contents = {}
        for attempt in attempts.select_related("user", "scenario", "revision"):
            scenario = attempt.scenario
            if attempt.revision_id not in contents:
                contents[attempt.revision_id] = ScenarioContent.of_revision(attempt.revision)
            content = contents[attempt.revision_id]
            path = self.parent_path(scenario)
            context = _context(path, registration=attempt_registration(attempt))
            context["extensions"] = {_extension("attempt"): attempt.number}
            obj = activity(scenario, ActivityType.SIMULATION)
            yield self.statement(
                "scenario-attempt",
                attempt.pk,
                attempt.user,
                Verb.ATTEMPTED,
                obj,
                attempt.started_at,
                context=context,
            )
            events = list(attempt.events.all())
            answer_context = {**context, "contextActivities": {"parent": [obj]}}
            if path is not None:
                answer_context["contextActivities"]["grouping"] = [
                    activity(path, ActivityType.COURSE)
                ]
            for event in events:
                yield self.statement(
                    "choice-event",
                    event.pk,
                    attempt.user,
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
            if attempt.finished_at:
                yield self.statement(
                    "scenario-attempt",
                    attempt.pk,
                    attempt.user,
                    Verb.COMPLETED,
                    obj,
                    attempt.finished_at,
                    result=scenario_result(attempt, events),
                    context=context,
                )


def module_score(checks):
    """A pass means every knowledge check was answered right."""
    if not checks:
        return {"scaled": 1.0}
    return {"scaled": 1.0, "raw": checks, "min": 0, "max": checks}


def scenario_result(attempt, events):
    """The share of best choices as the score; success when no choice was risky or harmful."""
    result = {
        "success": all(event.quality in GOOD_QUALITIES for event in events),
        "completion": True,
        "extensions": {_extension("ending"): attempt.ending_step_key},
    }
    if events:
        best = sum(event.quality == ChoiceQuality.BEST for event in events)
        result["score"] = {
            "scaled": round(best / len(events), 4),
            "raw": best,
            "min": 0,
            "max": len(events),
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


def _in_organisation(organisation, prefix):
    condition = Q(pk__in=[])
    for index in LearningIndexPage.objects.filter(organisation=organisation):
        condition |= Q(**{f"{prefix}path__startswith": index.path})
    return condition


def statements_for_organisation(organisation):
    """Every learning record of `organisation`'s paths as xAPI statements, oldest first."""
    builder = _Builder(organisation)
    statements = [
        *builder.enrolments(Enrolment.objects.filter(organisation=organisation)),
        *builder.modules(
            ModuleCompletion.objects.filter(_in_organisation(organisation, "module__"))
        ),
        *builder.scenarios(
            ScenarioAttempt.objects.filter(
                _in_organisation(organisation, "scenario__")
            ).prefetch_related("events")
        ),
    ]
    statements.sort(key=lambda s: (s["timestamp"], s["id"]))
    return statements
