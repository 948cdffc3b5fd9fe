"""The reflection journal: private to its author until shared, then seen and answered by their
supervisor and nobody else."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.organisations.models import Role
from learning.learner import selectors, services
from learning.learner.models import Reflection, ReflectionReply
from tests.cms.factories import ServiceFactory, member
from tests.learning.rows_learner import learning_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    service = ServiceFactory()
    organisation = service.organisation
    other_service = ServiceFactory(organisation=organisation)
    _path, module, scenario = learning_pages(organisation)
    return {
        "organisation": organisation,
        "module": module,
        "scenario": scenario,
        "staff": member(Role.STAFF, service=service, first_name="Sam", last_name="Reed"),
        "colleague": member(Role.STAFF, service=service),
        "supervisor": member(Role.SUPERVISOR, service=service),
        "org_supervisor": member(Role.SUPERVISOR, organisation=organisation),
        "other_supervisor": member(Role.SUPERVISOR, service=other_service),
        "outsider_supervisor": member(Role.SUPERVISOR),
    }


def detail(reflection):
    return reverse("learning:reflection_detail", args=[reflection.pk])


def test_a_reflection_is_private_until_shared(team, client):
    reflection = services.reflection_write(team["staff"], team["module"], "I rushed.")
    for person, status in (
        ("staff", 200),
        ("colleague", 404),
        ("supervisor", 404),
        ("org_supervisor", 404),
    ):
        client.force_login(team[person])
        assert client.get(detail(reflection)).status_code == status, person
    assert list(selectors.supervision_list(team["supervisor"])) == []


def test_after_sharing_only_the_authors_supervisors_see_it(team, client):
    reflection = services.reflection_write(team["staff"], team["module"], "I rushed.")
    client.force_login(team["staff"])
    confirm = client.get(reverse("learning:reflection_share", args=[reflection.pk]))
    assert "Share your reflection with your supervisor?" in confirm.content.decode()
    assert "You cannot make it private again" in confirm.content.decode()
    client.post(reverse("learning:reflection_share", args=[reflection.pk]))
    reflection.refresh_from_db()
    assert reflection.is_shared

    for person, status in (
        ("supervisor", 200),
        ("org_supervisor", 200),
        ("other_supervisor", 404),
        ("outsider_supervisor", 404),
        ("colleague", 404),
    ):
        client.force_login(team[person])
        assert client.get(detail(reflection)).status_code == status, person
        listed = reflection in selectors.supervision_list(team[person])
        assert listed == (status == 200), person

    client.force_login(team["supervisor"])
    page = client.get(reverse("learning:supervision")).content.decode()
    assert "Sam Reed" in page and "I rushed." in page


def test_the_supervisor_replies_and_the_author_sees_the_reply(team, client):
    reflection = services.reflection_write(team["staff"], team["module"], "I rushed.")
    services.reflection_share(reflection)
    url = reverse("learning:reflection_reply", args=[reflection.pk])

    client.force_login(team["other_supervisor"])
    assert client.post(url, {"text": "Hello"}).status_code == 404
    client.force_login(team["staff"])
    assert client.post(url, {"text": "Replying to myself"}).status_code == 403
    client.force_login(team["supervisor"])
    empty = client.post(url, {"text": "<script>x</script>"})
    assert empty.status_code == 400 and "ordinary text" in empty.content.decode()
    assert client.post(url, {"text": "Let us <b>talk</b> on Friday."}).status_code == 302

    assert ReflectionReply.objects.get().text == "Let us talk on Friday."
    client.force_login(team["staff"])
    assert "Let us talk on Friday." in client.get(reverse("learning:journal")).content.decode()


def test_a_reply_to_an_unshared_reflection_is_refused(team):
    reflection = services.reflection_write(team["staff"], team["module"], "Private.")
    with pytest.raises(ValidationError):
        services.reflection_reply(reflection, team["supervisor"], "Hello")


def test_the_journal_lists_only_your_own_reflections(team, client):
    services.reflection_write(team["staff"], team["module"], "Mine.")
    services.reflection_write(team["colleague"], team["module"], "Theirs.")
    client.force_login(team["staff"])
    page = client.get(reverse("learning:journal")).content.decode()
    assert "Mine." in page and "Theirs." not in page


def test_writing_a_reflection_after_a_scenario_ties_it_to_the_attempt(team, client):
    attempt = services.attempt_start(team["staff"], team["scenario"])
    services.attempt_choose(attempt, "listen")
    services.attempt_choose(attempt, "record")
    client.force_login(team["staff"])
    response = client.post(
        reverse("learning:reflection_write"),
        {"page": team["scenario"].pk, "attempt": attempt.pk, "text": "I listened first."},
    )
    assert response.status_code == 302
    reflection = Reflection.objects.get()
    assert (reflection.attempt, reflection.page_id) == (attempt, team["scenario"].pk)

    # Someone else's attempt is not taken.
    client.force_login(team["colleague"])
    client.post(
        reverse("learning:reflection_write"),
        {"page": team["scenario"].pk, "attempt": attempt.pk, "text": "Not my attempt."},
    )
    assert Reflection.objects.get(author=team["colleague"]).attempt is None


def test_a_reflection_must_say_something_and_be_about_your_organisations_learning(team, client):
    client.force_login(team["staff"])
    response = client.post(reverse("learning:reflection_write"), {"page": team["module"].pk})
    assert response.status_code == 400
    assert "Write your reflection before saving it." in response.content.decode()

    _path, elsewhere, _scenario = learning_pages(member(Role.STAFF).memberships.get().organisation)
    response = client.post(
        reverse("learning:reflection_write"), {"page": elsewhere.pk, "text": "Sneaky."}
    )
    assert response.status_code == 400
    assert not Reflection.objects.exists()


def test_navigation_and_home_panels(team, client):
    services.reflection_share(services.reflection_write(team["staff"], team["module"], "Hm."))
    client.force_login(team["staff"])
    home = client.get("/").content.decode()
    assert ">Learning<" in home and "Your reflections" in home
    assert ">Supervision<" not in home
    client.force_login(team["supervisor"])
    home = client.get("/").content.decode()
    assert ">Supervision<" in home and "Shared with you for supervision" in home
    assert "Sam Reed" in home
