"""Learning records as xAPI statements: their shape, the download for organisation admins and
the management command."""

import hashlib
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from cms.organisations.models import Role
from learning.enrolment import services
from learning.enrolment.xapi import Verb, statements_for_organisation
from learning.learner import services as learner_services
from learning.models import ModuleCompletion
from tests.cms.factories import OrganisationFactory, member
from tests.learning.factories import ScenarioPageFactory
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
