"""Learning records as xAPI statements (for a learning record store): enrolments, path and
module completions, scenario attempts and each choice made in them.

Statements are built from the stored rows, so an export is the same however often it is made:
each statement's id is derived from the row it describes. The actor is identified by the SHA-1
of their email address (`mbox_sha1sum`), never by name. Reflections and feedback are private
writing and are not exported.
"""

import hashlib
import uuid

from django.conf import settings
from django.db.models import Q

from ..models import (
    Enrolment,
    LearningIndexPage,
    LearningPathPage,
    ModuleCompletion,
    ScenarioAttempt,
)
from ..principles import ChoiceQuality

XAPI_VERSION = "1.0.3"
NAMESPACE = uuid.UUID("5b0c6a52-8e0a-4f4a-9f1c-7d1f1f4e6b1a")
LANGUAGE = "en-GB"


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


def _base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _extension(name):
    return f"{_base_url()}/learning/xapi/extensions/{name}"


def _timestamp(moment):
    return moment.isoformat()


def _statement_id(kind, *parts):
    return str(uuid.uuid5(NAMESPACE, ":".join([kind, *map(str, parts)])))


def actor(user):
    digest = hashlib.sha1(f"mailto:{user.email.lower()}".encode()).hexdigest()
    return {"objectType": "Agent", "mbox_sha1sum": digest}


def verb(iri):
    return {"id": iri, "display": {"en-US": iri.rsplit("/", 1)[-1]}}


def page_iri(page):
    url = page.get_full_url() if hasattr(page, "get_full_url") else None
    return url or f"{_base_url()}{page.url_path}"


def activity(page, kind, iri=None, name=None, extra=None):
    definition = {"name": {LANGUAGE: name or page.title}, "type": kind}
    definition.update(extra or {})
    return {"objectType": "Activity", "id": iri or page_iri(page), "definition": definition}


def _context(path, registration=None):
    context = {"platform": settings.WAGTAIL_SITE_NAME, "language": LANGUAGE}
    if registration:
        context["registration"] = registration
    if path is not None:
        context["contextActivities"] = {"parent": [activity(path, ActivityType.COURSE)]}
    return context


def _statement(kind, pk, user, verb_iri, obj, timestamp, result=None, context=None):
    statement = {
        "id": _statement_id(kind, pk, verb_iri),
        "version": XAPI_VERSION,
        "actor": actor(user),
        "verb": verb(verb_iri),
        "object": obj,
        "timestamp": _timestamp(timestamp),
    }
    if result is not None:
        statement["result"] = result
    if context is not None:
        statement["context"] = context
    return statement


def _registration(enrolment):
    return str(uuid.uuid5(NAMESPACE, f"enrolment:{enrolment.pk}"))


def enrolment_statements(enrolments):
    for enrolment in enrolments.select_related("user", "path", "certificate"):
        path_activity = activity(enrolment.path, ActivityType.COURSE)
        context = {"platform": settings.WAGTAIL_SITE_NAME, "language": LANGUAGE}
        context["registration"] = _registration(enrolment)
        context["extensions"] = {
            _extension("source"): enrolment.source,
            _extension("cycle"): enrolment.cycle,
        }
        if enrolment.due_on:
            context["extensions"][_extension("due-on")] = enrolment.due_on.isoformat()
        yield _statement(
            "enrolment",
            enrolment.pk,
            enrolment.user,
            Verb.REGISTERED,
            path_activity,
            enrolment.enrolled_at,
            context=context,
        )
        if enrolment.completed_at:
            result = {"completion": True}
            certificate = getattr(enrolment, "certificate", None)
            if certificate is not None:
                result["extensions"] = {
                    _extension("certificate-issued-at"): _timestamp(certificate.issued_at)
                }
            yield _statement(
                "enrolment",
                enrolment.pk,
                enrolment.user,
                Verb.COMPLETED,
                path_activity,
                enrolment.completed_at,
                result=result,
                context=context,
            )


def _parent_path(page, cache):
    """The path a module or scenario sits in, one query per path however many pages."""
    parent_tree_path = page.path[: -page.steplen]
    if parent_tree_path not in cache:
        cache[parent_tree_path] = LearningPathPage.objects.filter(path=parent_tree_path).first()
    return cache[parent_tree_path]


def module_statements(completions):
    paths = {}
    for completion in completions.select_related("user", "module"):
        module = completion.module
        yield _statement(
            "module-completion",
            completion.pk,
            completion.user,
            Verb.PASSED,
            activity(module, ActivityType.MODULE),
            completion.passed_at,
            result={"success": True, "completion": True},
            context=_context(_parent_path(module, paths)),
        )


def scenario_statements(attempts):
    paths = {}
    for attempt in attempts.select_related("user", "scenario"):
        scenario = attempt.scenario
        context = _context(_parent_path(scenario, paths))
        context["extensions"] = {_extension("attempt"): attempt.number}
        obj = activity(scenario, ActivityType.SIMULATION)
        yield _statement(
            "scenario-attempt",
            attempt.pk,
            attempt.user,
            Verb.ATTEMPTED,
            obj,
            attempt.started_at,
            context=context,
        )
        for event in attempt.events.all():
            yield _statement(
                "choice-event",
                event.pk,
                attempt.user,
                Verb.ANSWERED,
                activity(
                    scenario,
                    ActivityType.INTERACTION,
                    iri=f"{page_iri(scenario)}#step-{event.step_key}",
                    name=f"{scenario.title}: {event.step_key}",
                    extra={"interactionType": "choice"},
                ),
                event.created_at,
                result={
                    "response": event.choice_key,
                    "success": event.quality in (ChoiceQuality.BEST, ChoiceQuality.ACCEPTABLE),
                    "extensions": {
                        _extension("quality"): event.quality,
                        _extension("principles"): list(event.principles),
                    },
                },
                context={
                    **context,
                    "contextActivities": {"parent": [obj]},
                },
            )
        if attempt.finished_at:
            yield _statement(
                "scenario-attempt",
                attempt.pk,
                attempt.user,
                Verb.COMPLETED,
                obj,
                attempt.finished_at,
                result={
                    "completion": True,
                    "extensions": {_extension("ending"): attempt.ending_step_key},
                },
                context=context,
            )


def _in_organisation(organisation, prefix):
    condition = Q(pk__in=[])
    for index in LearningIndexPage.objects.filter(organisation=organisation):
        condition |= Q(**{f"{prefix}path__startswith": index.path})
    return condition


def statements_for_organisation(organisation):
    """Every learning record of `organisation`'s paths as xAPI statements, oldest first."""
    statements = [
        *enrolment_statements(Enrolment.objects.filter(organisation=organisation)),
        *module_statements(
            ModuleCompletion.objects.filter(_in_organisation(organisation, "module__"))
        ),
        *scenario_statements(
            ScenarioAttempt.objects.filter(
                _in_organisation(organisation, "scenario__")
            ).prefetch_related("events")
        ),
    ]
    statements.sort(key=lambda s: (s["timestamp"], s["id"]))
    return statements
