"""The xAPI export streams (issue 16): the download and the command write the same bytes as the
export that built the whole history in memory (tests/learning/xapi_before.py), and they read
the records as they write, so memory does not grow with the history."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db.models.signals import post_init
from django.urls import reverse

from cms.organisations.models import Organisation, Role
from learning.enrolment import services, xapi
from learning.enrolment.models import Enrolment
from learning.learner import services as learner_services
from learning.learner.models import ChoiceEvent, ModuleCompletion, ScenarioAttempt
from tests.cms.factories import OrganisationFactory, member
from tests.learning import xapi_before
from tests.learning.factories import ScenarioPageFactory
from tests.learning.test_demo_learners import load_all
from tests.learning.test_enrolment import make_path

pytestmark = pytest.mark.django_db

MOMENT = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)  # no microseconds: "...T09:00:00+00:00"


def before(organisation):
    """The statements the export wrote before it streamed, in the order it wrote them, laid out
    as the export lays them out now: a JSON list, one statement to a line (it was indented)."""
    statements = xapi_before.statements_for_organisation(organisation)
    if not statements:
        return "[]"
    lines = (json.dumps(statement, ensure_ascii=False) for statement in statements)
    return "[\n" + ",\n".join(lines) + "\n]"


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def play(user, scenario, *choices):
    attempt = learner_services.attempt_start(user, scenario)
    for choice in choices:
        learner_services.attempt_choose(attempt, choice)
    return attempt


@pytest.fixture
def history():
    """An organisation's learners over many days: enrolments (some completed), module passes,
    finished and unfinished attempts with harmful and best choices, and many records sharing
    one moment, so the order of equal timestamps (by statement id) is tested too."""
    organisation = OrganisationFactory(name="Elm Care", slug="elm-care")
    path = make_path(organisation, title="Listening")
    scenario = ScenarioPageFactory(parent=path, title="A resident's complaint — “quoted”")
    [module, _scenario] = path.items()
    people = [member(Role.STAFF, organisation=organisation) for _ in range(5)]
    services.assign_path(path, users=people, assigned_by=None, due_on=date(2027, 5, 1))
    for index, person in enumerate(people):
        ModuleCompletion.objects.create(user=person, module=module)
        play(person, scenario, "listen", "record")
        play(person, scenario, "dismiss", "leave")
        if index % 2:
            play(person, scenario, "listen")  # left unfinished
    # Spread the records over days, several on the very same moment (ties), some with
    # microseconds and some without (the timestamp's text is what the old export sorted).
    for number, attempt in enumerate(ScenarioAttempt.objects.order_by("pk")):
        start = MOMENT + timedelta(days=number % 4, microseconds=(number % 3) * 250)
        ScenarioAttempt.objects.filter(pk=attempt.pk).update(
            started_at=start,
            finished_at=start + timedelta(minutes=5) if attempt.finished_at else None,
        )
        ChoiceEvent._base_manager.filter(attempt=attempt).update(
            created_at=start + timedelta(minutes=number % 2)
        )
    ModuleCompletion._base_manager.update(passed_at=MOMENT + timedelta(days=1))
    Enrolment.objects.update(enrolled_at=MOMENT)
    # Someone else's records never appear in this organisation's export.
    other = make_path(OrganisationFactory(), title="Elsewhere")
    services.assign_path(other, users=[member(Role.STAFF)], assigned_by=None, due_on=None)
    return organisation


def test_the_download_is_the_same_bytes_as_before(client, history):
    expected = before(history)
    assert expected.count('"id": ') > 50
    client.force_login(member(Role.ORGANISATION_ADMIN, organisation=history))
    response = client.get(reverse("learning:xapi_export"))
    assert response.status_code == 200
    assert body(response) == expected


def test_the_command_writes_the_same_bytes_as_before(history, tmp_path, capsys):
    expected = before(history)
    output = tmp_path / "statements.json"
    call_command("export_xapi", organisation="elm-care", output=str(output))
    assert output.read_text(encoding="utf-8") == expected + "\n"
    call_command("export_xapi", organisation="elm-care")
    assert capsys.readouterr().out == expected + "\n"


def test_an_organisation_without_records_is_an_empty_list(client):
    organisation = OrganisationFactory(slug="quiet")
    assert before(organisation) == "[]"
    client.force_login(member(Role.ORGANISATION_ADMIN, organisation=organisation))
    assert body(client.get(reverse("learning:xapi_export"))) == "[]"


def test_the_demo_export_is_the_same_bytes_as_before(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_all()
    organisation = Organisation.objects.get(slug="riverside")
    expected = before(organisation)
    assert "".join(xapi.json_chunks(xapi.statements(organisation))) == expected


class Reads:
    """Counts the rows of a model read from the database so far (each becomes an instance)."""

    def __init__(self, model):
        self.model, self.count = model, 0

    def __call__(self, sender, **kwargs):
        self.count += 1

    def __enter__(self):
        post_init.connect(self, sender=self.model)
        return self

    def __exit__(self, *exc):
        post_init.disconnect(self, sender=self.model)


def test_the_download_streams_its_first_bytes_before_reading_every_choice(
    client, history, monkeypatch
):
    monkeypatch.setattr(xapi, "CHUNK_SIZE", 4)
    monkeypatch.setattr(xapi, "HEAD_SIZE", 2)
    total = ChoiceEvent.objects.count()
    client.force_login(member(Role.ORGANISATION_ADMIN, organisation=history))
    with Reads(ChoiceEvent) as choices:
        response = client.get(reverse("learning:xapi_export"))
        assert response.streaming
        assert response["Content-Type"].startswith("application/json")
        assert "attachment" in response["Content-Disposition"]
        assert choices.count == 0  # nothing read before the body is asked for
        chunks = iter(response.streaming_content)
        first = next(chunks)
        assert first.startswith(b"[\n{")
        # The first statement is written after reading the first few choices (the head), and a
        # chunk more only where records share the first moment (the fixture's do).
        assert 0 < choices.count <= xapi.HEAD_SIZE + xapi.CHUNK_SIZE < total
        rest = b"".join(chunks)
    assert choices.count == total
    assert len(json.loads(first + rest)) == len(xapi_before.statements_for_organisation(history))


def test_the_statements_are_read_in_chunks_of_the_database(history, monkeypatch):
    """Each kind of record is read with a cursor in chunks, not a list of the whole history:
    asking for the first statements reads a handful of rows of each kind."""
    monkeypatch.setattr(xapi, "CHUNK_SIZE", 2)
    monkeypatch.setattr(xapi, "HEAD_SIZE", 1)
    with Reads(ChoiceEvent) as choices, Reads(ScenarioAttempt) as attempts:
        statements = xapi.statements(history)
        first = [next(statements) for _ in range(3)]
        assert choices.count <= xapi.HEAD_SIZE + 2 * xapi.CHUNK_SIZE
        assert attempts.count <= 2 * (xapi.HEAD_SIZE + 2 * xapi.CHUNK_SIZE)
        assert attempts.count < ScenarioAttempt.objects.count() * 2
        assert [s["id"] for s in first] == [
            s["id"] for s in xapi_before.statements_for_organisation(history)[:3]
        ]


@pytest.mark.parametrize("head, chunk", [(1, 1), (2, 3), (3, 2), (5, 200)])
def test_the_export_is_the_same_whatever_the_head_and_chunk_sizes(
    history, monkeypatch, head, chunk
):
    """The rest of each kind is read from after the head's last row by value (moment, then id):
    records sharing a moment across that boundary come once each, in order."""
    monkeypatch.setattr(xapi, "HEAD_SIZE", head)
    monkeypatch.setattr(xapi, "CHUNK_SIZE", chunk)
    assert "".join(xapi.json_chunks(xapi.statements(history))) == before(history)


def test_the_queries_before_the_first_statement_do_not_depend_on_the_records(history):
    """The benchmark compares an export's queries to its first bytes at two scales: reading a
    page or a revision when a record first names it made them depend on the records that come
    first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from learning.authoring.models import LearningPathPage, ScenarioPage

    def queries_to_the_first_statement():
        with CaptureQueriesContext(connection) as queries:
            next(xapi.statements(history))
        return len(queries)

    before_more = queries_to_the_first_statement()
    # Among the first records now: a second scenario, and the first one republished, each
    # played (a revision of each) before everything else.
    path = LearningPathPage.objects.get(title="Listening")
    scenario = ScenarioPage.objects.get(title__startswith="A resident")
    scenario.save_revision().publish()
    second = ScenarioPageFactory(parent=path, title="Night shift")
    person = member(Role.STAFF, organisation=history)
    for page in (ScenarioPage.objects.get(pk=scenario.pk), second):
        attempt = play(person, page, "listen", "record")
        earliest = MOMENT - timedelta(days=1)
        ScenarioAttempt.objects.filter(pk=attempt.pk).update(
            started_at=earliest, finished_at=earliest + timedelta(minutes=5)
        )
        ChoiceEvent._base_manager.filter(attempt=attempt).update(created_at=earliest)
    revisions = set(ScenarioAttempt.objects.values_list("revision_id", flat=True))
    assert len(revisions) >= 3

    assert queries_to_the_first_statement() == before_more
