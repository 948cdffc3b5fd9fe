"""The benchmark's dataset (cms.bench, `manage.py bench_data`): built at the tiny scale into the
(PostgreSQL) test database, it holds what the scale says, in every plugin's tables, keeps the
data model's rules, is not built twice, and the site works on it for the people it names.

One build serves the whole check (a build makes the learning pages of each organisation, which
is most of its time), so the checks are steps of one test."""

import json
import random
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse

from cms.bench.data import SCALES, organisation_sizes, skewed_split
from cms.organisations.demo import totp_code
from cms.organisations.models import Membership, Organisation, Role, Service

pytestmark = pytest.mark.postgres

# A table of each kind every plugin must fill.
EVERY_PLUGIN = {
    "learning": [
        "Enrolment",
        "ScenarioAttempt",
        "ChoiceEvent",
        "ModuleCompletion",
        "Certificate",
        "Reflection",
    ],
    "coproduction": [
        "CoproductionSpace",
        "PriorityRound",
        "Ballot",
        "BallotEntry",
        "Meeting",
        "InvolvementRecord",
        "FamilyForum",
        "ForumEvent",
        "ForumQuestion",
        "ForumPost",
        "FamilySurvey",
        "SurveyResponse",
        "Concern",
        "SpeakUpCase",
        "ConcernEvent",
        "ConcernContacts",
        "FeedbackItem",
        "Action",
        "PulseResponse",
        "PulseReceipt",
    ],
    "leadership": [
        "DataImport",
        "HRMonth",
        "RotaWeek",
        "ComplaintsMonth",
        "ServiceVisit",
    ],
}


def test_organisation_sizes_are_skewed_and_add_up():
    sizes = organisation_sizes(303)
    assert sum(sizes) == 303
    assert sizes[0] >= 100 and sizes[-1] <= 10
    assert organisation_sizes(3) == [2, 1]
    staff = skewed_split(30_000, 303, random.Random(1), sigma=0.9, minimum=3)
    assert sum(staff) == 30_000 and min(staff) >= 3
    # A few big services, many small ones: the biggest tenth hold far more than a tenth.
    assert sum(sorted(staff)[-30:]) > 0.25 * 30_000


def _build(*extra):
    out = StringIO()
    call_command("bench_data", "--scale", "tiny", "--json", *extra, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def test_tiny_dataset(postgres_db, client):
    result = _build()
    scale, facts, counts = SCALES["tiny"], result["facts"], result["counts"]

    # Row counts are what the build says it made, and what the scale asks for.
    for label, count in counts.items():
        assert apps.get_model(label).objects.count() == count, label
    assert Service.objects.count() == scale.services
    assert Membership.objects.filter(role=Role.STAFF).count() == scale.staff
    assert counts["learning.ChoiceEvent"] == pytest.approx(scale.choice_events, rel=0.05)
    for app, names in EVERY_PLUGIN.items():
        for name in names:
            assert apps.get_model(app, name).objects.exists(), f"{app}.{name} is empty"

    # The data keeps the model's rules.
    ChoiceEvent = apps.get_model("learning", "ChoiceEvent")
    events = list(ChoiceEvent.objects.order_by("attempt_id", "order").values())
    for before, after in zip(events, events[1:], strict=False):
        if before["attempt_id"] == after["attempt_id"]:
            assert after["order"] == before["order"] + 1
            assert after["step_key"] == before["next_step_key"]  # choices follow the steps
    Concern = apps.get_model("coproduction", "Concern")
    anonymous = Concern.objects.filter(anonymous=True)
    assert anonymous.exists()
    assert not anonymous.filter(raised_by__isnull=False).exists()
    assert set(anonymous.values_list("contact_name", "contact_email").distinct()) == {("", "")}
    assert all(len(h) == 64 for h in anonymous.values_list("tracking_code_hash", flat=True))
    assert not Concern.objects.filter(status="closed", outcome="").exists()
    Question = apps.get_model("coproduction", "ForumQuestion")
    assert not Question.objects.filter(anonymous=True, asked_by__isnull=False).exists()
    Attempt = apps.get_model("learning", "ScenarioAttempt")
    played = Attempt.objects.values_list("scenario_id", "revision__object_id")
    assert all(str(scenario) == revision for scenario, revision in played)
    assert Organisation.objects.get(pk=facts["organisation_id"]).services.count() == max(
        organisation_sizes(scale.services)
    )

    # A second build at the same scale does nothing; another scale is refused.
    again = _build()
    assert again["counts"] == counts and again["facts"] == facts
    assert ChoiceEvent.objects.count() == counts["learning.ChoiceEvent"]
    with pytest.raises(CommandError, match="--rebuild"):
        call_command("bench_data", "--scale", "small", stdout=StringIO())

    # The named people sign in through allauth's login page with the one password; the pages
    # the benchmark measures answer on this data.
    staff = facts["users"]["staff"]
    response = client.post(
        reverse("account_login"), {"login": staff, "password": facts["password"]}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(facts["user_ids"]["staff"])
    page = client.get(reverse("learning:my_learning"))
    assert page.status_code == 200
    assert b"Listening" in page.content
    client.logout()

    # A leader has the second step: the code their authenticator app (the facts' secret)
    # shows.
    leader = facts["users"]["leader"]
    response = client.post(reverse("account_login"), {"login": leader, "password": "wrong"})
    assert "_auth_user_id" not in client.session
    response = client.post(
        reverse("account_login"), {"login": leader, "password": facts["password"]}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(facts["totp_secret"])})
    assert client.session["_auth_user_id"] == str(facts["user_ids"]["leader"])
    overview = client.get(
        reverse("leadership:dashboard_overview", kwargs={"slug": facts["organisation_slug"]})
    )
    assert overview.status_code == 200
