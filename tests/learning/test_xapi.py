"""Learning records as xAPI statements: their shape, the download for organisation admins and
the management command."""

import hashlib
import json
import uuid
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from cms.organisations.models import Organisation, Role
from learning.enrolment import services
from learning.enrolment.xapi import Verb, statements_for_organisation
from learning.learner import services as learner_services
from learning.models import ModuleCompletion
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
    sha = hashlib.sha1(b"mailto:sam@example.org").hexdigest()
    for statement in statements:
        assert set(statement) >= {"id", "actor", "verb", "object", "timestamp", "version"}
        assert statement["actor"] == {"objectType": "Agent", "mbox_sha1sum": sha}
        assert statement["object"]["objectType"] == "Activity"
        assert statement["object"]["id"].startswith("http")
        assert "T" in statement["timestamp"]
    assert len({s["id"] for s in statements}) == len(statements)
    assert "Elsewhere" not in json.dumps(statements)

    [passed] = [s for s in statements if s["verb"]["id"] == Verb.PASSED]
    assert passed["object"]["definition"]["name"] == {"en-GB": module.title}
    assert passed["object"]["id"] == module.full_url
    assert passed["result"] == {"success": True, "completion": True}
    assert passed["context"]["contextActivities"]["parent"][0]["id"] == path.full_url

    first_answer = next(s for s in statements if s["verb"]["id"] == Verb.ANSWERED)
    assert first_answer["object"]["id"] == f"{scenario.full_url}#step-arrive"
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
    assert len(json.loads(response.content)) == 7

    other = OrganisationFactory(slug="other-org")
    assert (
        client.get(reverse("learning:xapi_export"), {"organisation": other.slug}).status_code == 403
    )


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


def test_the_demo_staff_list_reidentifies_no_actor(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_all()
    organisation = Organisation.objects.get(slug="riverside")
    staff_list = [m.user for m in organisation.memberships.select_related("user")]
    statements = statements_for_organisation(organisation)
    actors = {json.dumps(s["actor"], sort_keys=True) for s in statements}
    assert len(actors) >= 20  # the demo's learners are all there ...
    named = reidentified(statements, staff_list)
    assert not named, f"{len(named)} of {len(actors)} actors re-identified"  # ... none named


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
