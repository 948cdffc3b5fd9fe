"""Learning records as xAPI statements: their shape, the download for organisation admins and
the management command."""

import hashlib
import json
import re
import uuid
from datetime import date, datetime
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from cms.organisations.models import Organisation, Role
from learning.enrolment import services
from learning.enrolment.xapi import Verb, pseudonym, statements_for_organisation
from learning.learner import services as learner_services
from learning.learner.models import ModuleCompletion
from tests.cms.factories import MembershipFactory, OrganisationFactory, member
from tests.learning.factories import ScenarioPageFactory
from tests.learning.test_demo_learners import load_all
from tests.learning.test_enrolment import make_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    organisation = OrganisationFactory(name="Elm Care", slug="elm-care")
    path = make_path(organisation, title="Listening")
    scenario = ScenarioPageFactory(parent=path, title="A resident's complaint")
    staff = member(Role.STAFF, organisation=organisation, email="Sam@Example.org")
    services.assign_path(path, users=[staff], assigned_by=None, due_on=date(2027, 5, 1))
    [module, _scenario] = path.items()
    ModuleCompletion.objects.create(user=staff, module=module)
    attempt = learner_services.attempt_start(staff, scenario)
    learner_services.attempt_choose(attempt, "listen")
    learner_services.attempt_choose(attempt, "record")
    # Someone else's records never appear in this organisation's export.
    other = make_path(OrganisationFactory(), title="Elsewhere")
    services.assign_path(other, users=[member(Role.STAFF)], assigned_by=None, due_on=None)
    return organisation, path, scenario, module, staff


def test_statements_have_the_xapi_shape(records):
    organisation, path, scenario, module, staff = records
    statements = statements_for_organisation(organisation)
    verbs = [s["verb"]["id"] for s in statements]
    # The path's completion follows the scenario's end, through item_completed.
    assert verbs.count(Verb.REGISTERED) == 1
    assert verbs.count(Verb.PASSED) == 1
    assert verbs.count(Verb.ATTEMPTED) == 1
    assert verbs.count(Verb.ANSWERED) == 2
    assert verbs.count(Verb.COMPLETED) == 2  # the scenario and the path
    [actor] = {json.dumps(s["actor"], sort_keys=True) for s in statements}
    assert json.loads(actor) == {
        "objectType": "Agent",
        "account": {"homePage": "http://testserver", "name": pseudonym(staff, organisation)},
    }
    for statement in statements:
        assert set(statement) >= {"id", "actor", "verb", "object", "timestamp", "version"}
        assert statement["object"]["objectType"] == "Activity"
        assert statement["object"]["id"].startswith("http")
        assert "T" in statement["timestamp"]
    assert len({s["id"] for s in statements}) == len(statements)
    assert "Elsewhere" not in json.dumps(statements)

    [passed] = [s for s in statements if s["verb"]["id"] == Verb.PASSED]
    assert passed["object"]["definition"]["name"] == {"en-GB": module.title}
    assert passed["object"]["id"] == f"http://testserver/xapi/activities/page/{module.pk}"
    assert passed["result"]["success"] is True
    assert passed["result"]["completion"] is True
    assert passed["context"]["contextActivities"]["parent"][0]["id"] == (
        f"http://testserver/xapi/activities/page/{path.pk}"
    )

    first_answer = next(s for s in statements if s["verb"]["id"] == Verb.ANSWERED)
    assert first_answer["object"]["id"] == (
        f"http://testserver/xapi/activities/page/{scenario.pk}/step/arrive"
    )
    assert first_answer["object"]["definition"]["interactionType"] == "choice"
    assert first_answer["result"]["response"] == "listen"
    assert first_answer["result"]["success"] is True
    assert any(
        key.endswith("/principles") and value == ["listening"]
        for key, value in first_answer["result"]["extensions"].items()
    )
    # The same export again gives the same statement ids (a record store can de-duplicate).
    assert [s["id"] for s in statements_for_organisation(organisation)] == [
        s["id"] for s in statements
    ]


def test_organisation_admins_download_the_export(client, records):
    organisation, *_ = records
    admin = member(Role.ORGANISATION_ADMIN, organisation=organisation)
    client.force_login(admin)
    response = client.get(reverse("learning:xapi_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert response.streaming
    assert len(json.loads(b"".join(response.streaming_content))) == 7

    other = OrganisationFactory(slug="other-org")
    assert (
        client.get(reverse("learning:xapi_export"), {"organisation": other.slug}).status_code == 403
    )


def test_organisation_admins_find_the_export_in_the_menu(client, records):
    organisation, *_ = records
    OrganisationFactory(name="Other Care", slug="other-care")
    admin = member(Role.ORGANISATION_ADMIN, organisation=organisation)
    client.force_login(admin)
    home = client.get("/").content.decode()
    records_url = reverse("learning:learning_records")
    assert f'href="{records_url}"' in home

    page = client.get(records_url).content.decode()
    download = f"{reverse('learning:xapi_export')}?organisation={organisation.slug}"
    assert f'href="{download}"' in page
    assert "other-care" not in page  # only the organisations they look after
    response = client.get(download)
    assert response.status_code == 200
    assert response.streaming
    assert len(json.loads(b"".join(response.streaming_content))) == 7


def test_the_learning_records_page_is_not_offered_to_leaders(client, records):
    organisation, *_ = records
    client.force_login(member(Role.LEADER, organisation=organisation))
    assert reverse("learning:learning_records") not in client.get("/").content.decode()
    assert client.get(reverse("learning:learning_records")).status_code == 403


def test_leaders_and_staff_cannot_download_the_export(client, records):
    organisation, *_ = records
    for role in (Role.LEADER, Role.STAFF):
        client.force_login(member(role, organisation=organisation))
        assert client.get(reverse("learning:xapi_export")).status_code == 403


def test_the_management_command_writes_the_statements(records, tmp_path, capsys):
    organisation, *_ = records
    output = tmp_path / "statements.json"
    call_command("export_xapi", organisation="elm-care", output=str(output))
    assert len(json.loads(output.read_text())) == 7
    call_command("export_xapi", organisation="elm-care")
    assert len(json.loads(capsys.readouterr().out)) == 7


# --- Attacks on the export: what someone holding it (and the staff list) can work out ------------

SITE_URL = "https://learning.example.org"


def _strings(value):
    """Every string anywhere inside a JSON value."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str | int):
        yield str(value)


def _guesses(user):
    """What an attacker with the staff list computes for each person: the person's email,
    names, username and id as they are, and hashed every common way without a key."""
    plain = {str(user.pk), user.get_username(), user.first_name, user.last_name}
    for email in {user.email, user.email.lower(), user.email.strip().lower()}:
        plain |= {email, f"mailto:{email}"}
    guesses = set(plain)
    for text in plain:
        for algorithm in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b"):
            digest = hashlib.new(algorithm, text.encode())
            guesses |= {digest.hexdigest(), digest.hexdigest().upper()}
    return {guess for guess in guesses if guess}


def reidentified(statements, people):
    """The people of the staff list whose record an attacker finds in the statements' actors."""
    actor_strings = {text for statement in statements for text in _strings(statement["actor"])}
    return {person.email for person in people if _guesses(person) & actor_strings}


def test_the_staff_list_does_not_reidentify_the_actors(records):
    organisation, *_ = records
    staff_list = [m.user for m in organisation.memberships.select_related("user")]
    statements = statements_for_organisation(organisation)
    assert statements
    assert reidentified(statements, staff_list) == set()
    text = json.dumps(statements).lower()
    assert not [person.email for person in staff_list if person.email.lower() in text]


def test_the_demo_staff_list_reidentifies_no_actor_and_every_statement_is_valid(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        load_all()
    organisation = Organisation.objects.get(slug="riverside")
    staff_list = [m.user for m in organisation.memberships.select_related("user")]
    statements = statements_for_organisation(organisation)
    actors = {json.dumps(s["actor"], sort_keys=True) for s in statements}
    assert len(actors) >= 20  # the demo's learners are all there ...
    named = reidentified(statements, staff_list)
    assert not named, f"{len(named)} of {len(actors)} actors re-identified"  # ... none named
    assert {s["verb"]["id"] for s in statements} == {
        Verb.REGISTERED,
        Verb.COMPLETED,
        Verb.PASSED,
        Verb.ATTEMPTED,
        Verb.ANSWERED,
    }
    assert {s["id"]: xapi_errors(s) for s in statements if xapi_errors(s)} == {}


def test_actors_are_keyed_pseudonyms_per_organisation(records, settings):
    organisation, path, _scenario, _module, staff = records
    settings.WAGTAILADMIN_BASE_URL = SITE_URL
    # The same person learns in a second organisation.
    second = OrganisationFactory(slug="second-org")
    MembershipFactory(user=staff, organisation=second, role=Role.STAFF)
    services.assign_path(make_path(second), users=[staff], assigned_by=None, due_on=None)

    def actors(org):
        return {json.dumps(s["actor"], sort_keys=True) for s in statements_for_organisation(org)}

    [here] = actors(organisation)
    [there] = actors(second)
    actor = json.loads(here)
    assert set(actor) <= {"objectType", "account"}
    assert actor["account"]["homePage"] == SITE_URL
    assert len(actor["account"]["name"]) >= 32
    assert here != there  # two organisations cannot join their exports on the actor
    assert actors(organisation) == {here}  # the same on every export
    settings.SECRET_KEY = "another secret key for this test only, long enough to count"
    assert actors(organisation) != {here}  # keyed: without the key it cannot be worked out


def _iris(statement):
    obj = statement["object"]
    yield obj["id"]
    for activities in statement.get("context", {}).get("contextActivities", {}).values():
        for item in activities:
            yield item["id"]


def test_activity_ids_are_all_on_the_site_url(records, settings):
    organisation, *_ = records
    settings.WAGTAILADMIN_BASE_URL = SITE_URL  # the Wagtail site itself says "localhost"
    statements = statements_for_organisation(organisation)
    ids = {iri for statement in statements for iri in _iris(statement)}
    assert len(ids) >= 4  # the path, the module, the scenario and its steps
    assert {iri.split("/")[2] for iri in ids} == {"learning.example.org"}


def test_activity_ids_survive_a_slug_change(records):
    organisation, path, scenario, module, _staff = records
    before = statements_for_organisation(organisation)
    ids = {iri for statement in before for iri in _iris(statement)}
    for page in (path, module, scenario):
        page.slug = f"{page.slug}-renamed"
        page.save_revision().publish()
    after = statements_for_organisation(organisation)
    assert [list(_iris(s)) for s in after] == [list(_iris(s)) for s in before]
    assert not [iri for iri in ids if "renamed" in iri or path.slug in iri]


def _attempt_number(statement):
    extensions = statement.get("context", {}).get("extensions", {})
    return next((v for k, v in extensions.items() if k.endswith("/attempt")), None)


def _second_attempt(staff, scenario):
    """A second play: a harmful choice, back on track with an acceptable one, then the best."""
    attempt = learner_services.attempt_start(staff, scenario)
    for choice in ("dismiss", "return", "record"):
        learner_services.attempt_choose(attempt, choice)
    return attempt


def test_every_statement_of_an_attempt_shares_its_registration(records):
    organisation, _path, scenario, _module, staff = records
    _second_attempt(staff, scenario)
    registrations = {}
    for statement in statements_for_organisation(organisation):
        number = _attempt_number(statement)
        if number is not None:
            registrations.setdefault(number, set()).add(
                statement.get("context", {}).get("registration")
            )
    assert set(registrations) == {1, 2}
    for found in registrations.values():
        assert None not in found  # every statement of the attempt has one ...
        assert len(found) == 1  # ... and it is the same one
    [first], [second] = registrations[1], registrations[2]
    assert str(uuid.UUID(first)) == first
    assert first != second


def test_scenario_and_module_results_carry_score_and_success(records):
    organisation, _path, scenario, _module, staff = records
    _second_attempt(staff, scenario)
    statements = statements_for_organisation(organisation)
    completed = {
        _attempt_number(s): s["result"]
        for s in statements
        if s["verb"]["id"] == Verb.COMPLETED and _attempt_number(s) is not None
    }
    # First attempt: listen, record, both best. Second: dismiss (harmful), return, record.
    assert completed[1]["success"] is True
    assert completed[1]["score"] == {"scaled": 1.0, "raw": 2, "min": 0, "max": 2}
    assert completed[2]["success"] is False
    assert completed[2]["score"] == {"scaled": round(1 / 3, 4), "raw": 1, "min": 0, "max": 3}
    [passed] = [s for s in statements if s["verb"]["id"] == Verb.PASSED]
    # The module has one knowledge check, and a pass means every check was answered right.
    assert passed["result"]["success"] is True
    assert passed["result"]["score"] == {"scaled": 1.0, "raw": 1, "min": 0, "max": 1}


def test_answers_list_the_choices_and_the_best_response(records):
    organisation, *_ = records
    answers = [
        s for s in statements_for_organisation(organisation) if s["verb"]["id"] == Verb.ANSWERED
    ]
    definitions = {s["result"]["response"]: s["object"]["definition"] for s in answers}
    assert set(definitions) == {"listen", "record"}
    arrive, ask = definitions["listen"], definitions["record"]
    assert arrive["interactionType"] == "choice"
    assert arrive["choices"] == [
        {"id": "listen", "description": {"en-GB": "Choice listen"}},
        {"id": "dismiss", "description": {"en-GB": "Choice dismiss"}},
    ]
    assert arrive["correctResponsesPattern"] == ["listen"]
    assert [c["id"] for c in ask["choices"]] == ["record", "wait"]
    assert ask["correctResponsesPattern"] == ["record"]


# --- xAPI 1.0.3: the structural rules of the specification for what the export emits ----------

STATEMENT_KEYS = {
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
}
AGENT_IFIS = {"mbox", "mbox_sha1sum", "openid", "account"}
DEFINITION_KEYS = {
    "name",
    "description",
    "type",
    "moreInfo",
    "interactionType",
    "correctResponsesPattern",
    "choices",
    "scale",
    "source",
    "target",
    "steps",
    "extensions",
}
COMPONENT_LISTS = {
    "choice": {"choices"},
    "sequencing": {"choices"},
    "likert": {"scale"},
    "matching": {"source", "target"},
    "performance": {"steps"},
    "true-false": set(),
    "fill-in": set(),
    "long-fill-in": set(),
    "numeric": set(),
    "other": set(),
}
CONTEXT_KEYS = {
    "registration",
    "instructor",
    "team",
    "contextActivities",
    "revision",
    "platform",
    "language",
    "statement",
    "extensions",
}
UUID_PATTERN = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", re.IGNORECASE
)
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


def _is_iri(value):
    if not isinstance(value, str) or not value or any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    return bool(parts.scheme) and (parts.scheme not in ("http", "https") or bool(parts.netloc))


def _is_uuid(value):
    return isinstance(value, str) and bool(UUID_PATTERN.match(value))


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def _language_map_errors(value, where):
    if not isinstance(value, dict) or not value:
        return [f"{where}: a language map must be a non-empty object"]
    return [
        f"{where}: {key!r} -> {text!r} is not a language tag and a string"
        for key, text in value.items()
        if not LANGUAGE_TAG.match(key) or not isinstance(text, str)
    ]


def _extensions_errors(value, where):
    if not isinstance(value, dict):
        return [f"{where}: extensions must be an object"]
    return [f"{where}: extension key {key!r} is not an IRI" for key in value if not _is_iri(key)]


def _agent_errors(agent, where):
    errors = []
    if not isinstance(agent, dict):
        return [f"{where}: must be an object"]
    if agent.get("objectType", "Agent") != "Agent":
        errors.append(f"{where}: objectType must be Agent")
    if extra := set(agent) - AGENT_IFIS - {"objectType", "name"}:
        errors.append(f"{where}: unknown properties {sorted(extra)}")
    ifis = AGENT_IFIS & set(agent)
    if len(ifis) != 1:
        errors.append(f"{where}: needs exactly one identifier, has {sorted(ifis)}")
    if "account" in agent:
        account = agent["account"]
        if not isinstance(account, dict) or set(account) != {"homePage", "name"}:
            errors.append(f"{where}.account: must have exactly homePage and name")
        else:
            if not _is_iri(account["homePage"]):
                errors.append(f"{where}.account.homePage: not an IRL")
            if not isinstance(account["name"], str) or not account["name"]:
                errors.append(f"{where}.account.name: must be a non-empty string")
    if "mbox" in agent and not str(agent["mbox"]).startswith("mailto:"):
        errors.append(f"{where}.mbox: must be a mailto IRI")
    if "mbox_sha1sum" in agent and not re.fullmatch(r"[0-9a-f]{40}", agent["mbox_sha1sum"]):
        errors.append(f"{where}.mbox_sha1sum: not a SHA-1 hex digest")
    return errors


def _components_errors(components, where):
    if not isinstance(components, list) or not components:
        return [f"{where}: must be a non-empty array"], set()
    errors, ids = [], set()
    for index, component in enumerate(components):
        place = f"{where}[{index}]"
        if not isinstance(component, dict) or not set(component) <= {"id", "description"}:
            errors.append(f"{place}: must be an object of id and description")
            continue
        if not isinstance(component.get("id"), str) or not component["id"]:
            errors.append(f"{place}.id: must be a non-empty string")
        elif component["id"] in ids:
            errors.append(f"{place}.id: {component['id']!r} is used twice")
        ids.add(component.get("id"))
        errors += _language_map_errors(component.get("description"), f"{place}.description")
    return errors, ids


def _definition_errors(definition, where):
    errors = []
    if not isinstance(definition, dict):
        return [f"{where}: must be an object"]
    if extra := set(definition) - DEFINITION_KEYS:
        errors.append(f"{where}: unknown properties {sorted(extra)}")
    for key in ("name", "description"):
        if key in definition:
            errors += _language_map_errors(definition[key], f"{where}.{key}")
    for key in ("type", "moreInfo"):
        if key in definition and not _is_iri(definition[key]):
            errors.append(f"{where}.{key}: not an IRI")
    if "extensions" in definition:
        errors += _extensions_errors(definition["extensions"], f"{where}.extensions")
    component_keys = {"choices", "scale", "source", "target", "steps"} & set(definition)
    kind = definition.get("interactionType")
    if kind is None:
        if component_keys or "correctResponsesPattern" in definition:
            errors.append(f"{where}: interaction properties without an interactionType")
        return errors
    if kind not in COMPONENT_LISTS:
        return [*errors, f"{where}.interactionType: {kind!r} is not an interaction type"]
    if wrong := component_keys - COMPONENT_LISTS[kind]:
        errors.append(f"{where}: {sorted(wrong)} do not belong to a {kind} interaction")
    ids = set()
    for key in sorted(component_keys):
        component_errors, component_ids = _components_errors(definition[key], f"{where}.{key}")
        errors += component_errors
        ids |= component_ids
    if "correctResponsesPattern" in definition:
        pattern = definition["correctResponsesPattern"]
        if not isinstance(pattern, list) or not all(isinstance(p, str) for p in pattern):
            errors.append(f"{where}.correctResponsesPattern: must be an array of strings")
        elif kind in ("choice", "sequencing"):
            for response in pattern:
                if unknown := set(response.split("[,]")) - ids:
                    errors.append(f"{where}.correctResponsesPattern: {sorted(unknown)} unknown")
    return errors


def _activity_errors(activity, where):
    errors = []
    if not isinstance(activity, dict):
        return [f"{where}: must be an object"]
    if activity.get("objectType", "Activity") != "Activity":
        errors.append(f"{where}.objectType: must be Activity")
    if extra := set(activity) - {"objectType", "id", "definition"}:
        errors.append(f"{where}: unknown properties {sorted(extra)}")
    if not _is_iri(activity.get("id")):
        errors.append(f"{where}.id: not an IRI")
    if "definition" in activity:
        errors += _definition_errors(activity["definition"], f"{where}.definition")
    return errors


def _result_errors(result):
    errors = []
    if extra := set(result) - {
        "score",
        "success",
        "completion",
        "response",
        "duration",
        "extensions",
    }:
        errors.append(f"result: unknown properties {sorted(extra)}")
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            errors.append(f"result.{key}: must be true or false")
    if "response" in result and not isinstance(result["response"], str):
        errors.append("result.response: must be a string")
    if "extensions" in result:
        errors += _extensions_errors(result["extensions"], "result.extensions")
    score = result.get("score")
    if score is None:
        return errors
    if not isinstance(score, dict) or not score or set(score) - {"scaled", "raw", "min", "max"}:
        return [*errors, "result.score: must be an object of scaled, raw, min, max"]
    if not all(_is_number(value) for value in score.values()):
        return [*errors, "result.score: every value must be a number"]
    if "scaled" in score and not -1 <= score["scaled"] <= 1:
        errors.append("result.score.scaled: must be between -1 and 1")
    low, high, raw = score.get("min"), score.get("max"), score.get("raw")
    if low is not None and high is not None and not low < high:
        errors.append("result.score: min must be below max")
    if raw is not None and low is not None and raw < low:
        errors.append("result.score.raw: below min")
    if raw is not None and high is not None and raw > high:
        errors.append("result.score.raw: above max")
    return errors


def _context_errors(context, statement):
    errors = []
    if extra := set(context) - CONTEXT_KEYS:
        errors.append(f"context: unknown properties {sorted(extra)}")
    if "registration" in context and not _is_uuid(context["registration"]):
        errors.append("context.registration: not a UUID")
    if "language" in context and not LANGUAGE_TAG.match(str(context["language"])):
        errors.append("context.language: not a language tag")
    for key in ("revision", "platform"):
        if key in context:
            if not isinstance(context[key], str):
                errors.append(f"context.{key}: must be a string")
            if statement["object"].get("objectType", "Activity") != "Activity":
                errors.append(f"context.{key}: only for a statement about an activity")
    activities = context.get("contextActivities", {})
    if extra := set(activities) - {"parent", "grouping", "category", "other"}:
        errors.append(f"context.contextActivities: unknown properties {sorted(extra)}")
    for key, value in activities.items():
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            errors += _activity_errors(item, f"context.contextActivities.{key}[{index}]")
    if "extensions" in context:
        errors += _extensions_errors(context["extensions"], "context.extensions")
    return errors


def _timestamp_errors(value):
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return ["timestamp: not an ISO 8601 date and time"]
    if moment.tzinfo is None:
        return ["timestamp: has no time zone"]
    return []


def xapi_errors(statement):
    """What breaks the xAPI 1.0.3 structural rules in one statement (an empty list if nothing)."""
    errors = []
    if extra := set(statement) - STATEMENT_KEYS:
        errors.append(f"unknown properties {sorted(extra)}")
    if missing := {"actor", "verb", "object"} - set(statement):
        return [*errors, f"missing {sorted(missing)}"]
    if not _is_uuid(statement.get("id")):
        errors.append("id: not a UUID")
    if not re.fullmatch(r"1\.0(\.\d+)?", str(statement.get("version", "1.0.3"))):
        errors.append("version: must be 1.0.x")
    errors += _agent_errors(statement["actor"], "actor")
    verb_ = statement["verb"]
    if not isinstance(verb_, dict) or not _is_iri(verb_.get("id")):
        errors.append("verb.id: not an IRI")
    elif "display" in verb_:
        errors += _language_map_errors(verb_["display"], "verb.display")
    errors += _activity_errors(statement["object"], "object")
    if "result" in statement:
        errors += _result_errors(statement["result"])
    if "context" in statement:
        errors += _context_errors(statement["context"], statement)
    if "timestamp" in statement:
        errors += _timestamp_errors(statement["timestamp"])
    return errors


def test_every_statement_of_the_test_data_is_valid_xapi(records):
    organisation, _path, scenario, _module, staff = records
    _second_attempt(staff, scenario)
    learner_services.attempt_choose(learner_services.attempt_start(staff, scenario), "dismiss")
    statements = statements_for_organisation(organisation)
    verbs = [s["verb"]["id"] for s in statements]
    assert (verbs.count(Verb.ATTEMPTED), verbs.count(Verb.ANSWERED)) == (3, 6)
    assert {s["id"]: xapi_errors(s) for s in statements if xapi_errors(s)} == {}


@pytest.mark.parametrize(
    ("break_it", "error"),
    [
        (lambda s: s.__setitem__("id", "not-a-uuid"), "id: not a UUID"),
        (lambda s: s["actor"]["account"].pop("name"), "actor.account"),
        (lambda s: s["actor"].__setitem__("mbox", "mailto:a@b.org"), "exactly one identifier"),
        (lambda s: s["verb"].__setitem__("id", "completed"), "verb.id"),
        (lambda s: s["verb"].__setitem__("display", {"en_GB": "x"}), "verb.display"),
        (lambda s: s["object"].__setitem__("id", "page 12"), "object.id"),
        (lambda s: s["object"]["definition"].__setitem__("type", "module"), "definition.type"),
        (lambda s: s["result"]["score"].__setitem__("scaled", 1.5), "scaled"),
        (lambda s: s["result"]["score"].__setitem__("raw", 9), "above max"),
        (lambda s: s["context"].__setitem__("registration", "12"), "registration"),
        (lambda s: s.__setitem__("timestamp", "yesterday"), "timestamp"),
        (lambda s: s["object"]["definition"].__setitem__("interactionType", "x"), "interaction"),
    ],
)
def test_the_validator_finds_what_breaks_the_rules(records, break_it, error):
    organisation, *_ = records
    statements = statements_for_organisation(organisation)
    [completed] = [
        s
        for s in statements
        if s["verb"]["id"] == Verb.COMPLETED and "score" in s.get("result", {})
    ]
    assert xapi_errors(completed) == []
    break_it(completed)
    assert any(error in message for message in xapi_errors(completed)), xapi_errors(completed)


@pytest.mark.parametrize(
    ("break_it", "error"),
    [
        (lambda d: d["choices"][0].pop("description"), "choices[0].description"),
        (lambda d: d["choices"].append(dict(d["choices"][0])), "used twice"),
        (lambda d: d.__setitem__("correctResponsesPattern", "listen"), "array of strings"),
        (lambda d: d.__setitem__("correctResponsesPattern", ["shout"]), "unknown"),
        (lambda d: d.__setitem__("scale", d["choices"]), "do not belong"),
    ],
)
def test_the_validator_checks_interactions(records, break_it, error):
    organisation, *_ = records
    answer = next(
        s for s in statements_for_organisation(organisation) if s["verb"]["id"] == Verb.ANSWERED
    )
    assert xapi_errors(answer) == []
    break_it(answer["object"]["definition"])
    assert any(error in message for message in xapi_errors(answer)), xapi_errors(answer)
