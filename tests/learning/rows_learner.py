"""Permission rows for the learning plugin: learner (modules, scenario player, journal,
supervision, module feedback).

In the world, the staff member and the supervisor work at the same service, so the supervisor
supervises the staff member. Someone else's attempt or reflection is "not found" (404) rather
than "forbidden", so its existence is not given away. tests/learning/test_journal.py proves
the refusals for a supervisor of another service and for other organisations.
"""

from django.urls import reverse

from cms.organisations.models import Role
from tests.permission_table import ANONYMOUS, LOGIN, NO_ROLE, Row, everyone


def learning_pages(organisation):
    """A published path with one module and one scenario in `organisation`."""
    from tests.learning.factories import (
        LearningIndexPageFactory,
        LearningPathPageFactory,
        ModulePageFactory,
        ScenarioPageFactory,
    )

    index = LearningIndexPageFactory(organisation=organisation)
    path = LearningPathPageFactory(parent=index)
    module = ModulePageFactory(parent=path)
    scenario = ScenarioPageFactory(parent=path)
    return path, module, scenario


def _staff(world):
    return world.people[Role.STAFF]


def _module_url(name):
    def build(world):
        _path, module, _scenario = learning_pages(world.organisation)
        return reverse(f"learning:{name}", args=[module.pk])

    return build


def _scenario_start_url(world):
    _path, _module, scenario = learning_pages(world.organisation)
    return reverse("learning:attempt_start", args=[scenario.pk])


def _attempt_url(name):
    def build(world):
        from learning.learner.services import attempt_start

        _path, _module, scenario = learning_pages(world.organisation)
        attempt = attempt_start(_staff(world), scenario)
        return reverse(f"learning:{name}", args=[attempt.pk])

    return build


def _reflection_url(name, shared):
    def build(world):
        from learning.learner.services import reflection_share, reflection_write

        _path, module, _scenario = learning_pages(world.organisation)
        reflection = reflection_write(_staff(world), module, "I will ask before I help.")
        if shared:
            reflection_share(reflection)
        return reverse(f"learning:{name}", args=[reflection.pk])

    return build


def _url(name):
    return lambda world: reverse(f"learning:{name}")


_MEMBERS = everyone(200).but(**{ANONYMOUS: LOGIN, NO_ROLE: 403})
_MEMBERS_REDIRECTED = everyone(302).but(**{ANONYMOUS: LOGIN, NO_ROLE: 403})
_STAFF_ONLY = everyone(404).but(**{ANONYMOUS: LOGIN, Role.STAFF: 200})
_FEEDBACK_READERS = everyone(403).but(
    **{
        ANONYMOUS: LOGIN,
        Role.LEADER: 200,
        Role.ORGANISATION_ADMIN: 200,
        Role.LIVED_EXPERIENCE_LEAD: 200,
    }
)

ROWS = [
    # A member marks a module's check (no answers: the page again, with what to fix).
    Row("learning:module_check", _module_url("module_check"), _MEMBERS, method="post"),
    # A member rates a module (sent back to it: they have not completed it yet).
    Row(
        "learning:module_feedback",
        _module_url("module_feedback"),
        _MEMBERS_REDIRECTED,
        method="post",
        data={"clarity": 4, "relevance": 5, "comment": "Clear."},
    ),
    # What learners said: the organisation's authors and lived-experience leads.
    Row("learning:feedback_list", _module_url("feedback_list"), _FEEDBACK_READERS),
    # A member starts a scenario and is sent to the player.
    Row("learning:attempt_start", _scenario_start_url, _MEMBERS_REDIRECTED, method="post"),
    # The player and its choices: the learner's own attempt only.
    Row("learning:attempt_play", _attempt_url("attempt_play"), _STAFF_ONLY),
    Row(
        "learning:attempt_choose",
        _attempt_url("attempt_choose"),
        _STAFF_ONLY.but(**{Role.STAFF: 302}),
        method="post",
        data={"step": "arrive", "choice": "listen"},
    ),
    # The journal: anyone with a role.
    Row("learning:journal", _url("journal"), _MEMBERS),
    Row("learning:reflection_write", _url("reflection_write"), _MEMBERS),
    # A shared reflection: its author and their supervisor.
    Row(
        "learning:reflection_detail",
        _reflection_url("reflection_detail", shared=True),
        _STAFF_ONLY.but(**{Role.SUPERVISOR: 200}),
    ),
    # Sharing a private reflection: its author only.
    Row(
        "learning:reflection_share", _reflection_url("reflection_share", shared=False), _STAFF_ONLY
    ),
    # Replying: the supervisor only; the author may read but not reply to themselves.
    Row(
        "learning:reflection_reply",
        _reflection_url("reflection_reply", shared=True),
        _STAFF_ONLY.but(**{Role.STAFF: 403, Role.SUPERVISOR: 302}),
        method="post",
        data={"text": "Good thinking: let us talk about it on Friday."},
    ),
    # The supervision list: supervisors.
    Row(
        "learning:supervision",
        _url("supervision"),
        everyone(403).but(**{ANONYMOUS: LOGIN, Role.SUPERVISOR: 200}),
    ),
]
