"""Demo learners (called at the end of `learning.demo.load`): staff at Riverside's Willow House
and Elm Court part-way through the learning paths, so My learning, the leader's overview and the
learning indicators have something to show.

Everything a learner has is made through the public services, as if they had clicked through:
enrolment rules applied by `apply_enrolment_rules`, leader assignments by `assign_path`,
self-enrolment by `enrol_self`, modules passed by `module_check_submit` (some failed first),
scenarios played by `attempt_start`/`attempt_choose`, reflections written and shared, modules
rated. Choices come from a `random.Random` seeded by the learner's email, so the demo is the
same every time it is loaded.

Safe to run again: a learner who already has an enrolment is left alone (that is the marker
that their demo history exists), so a second run adds nothing.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.organisations.demo import DEMO_PASSWORD, demo_user
from cms.organisations.models import Membership, Organisation, Role, Service

from .authoring.models import LearningIndexPage, ModulePage, ScenarioPage
from .enrolment.models import Certificate, Enrolment, EnrolmentRule
from .enrolment.services import apply_enrolment_rules, assign_path, enrol_self
from .learner import services as learner
from .learner.models import Reflection, ScenarioAttempt
from .learner.steps_and_checks import knowledge_checks
from .principles import ChoiceQuality

ORGANISATION = "riverside"

# (role, path slug, days to complete once enrolled): applied with apply_enrolment_rules.
RULES = [
    (Role.STAFF, "listening", 30),
    (Role.SUPERVISOR, "red-flags", 60),
]

# How each demo learner came to a path (other than the staff rule for Listening):
#   ("assigned", days ago, due in days)  a leader assigned it (negative due: overdue)
#   ("self", days ago)                    they chose it themselves
# A plan entry is (path slug, items done in path order, how); "rule" means the enrolment rule.
# `skill` (0-1) steers their scenario choices and how often a knowledge check is failed first.
OVERDUE_LEGAL = ("assigned", 45, -10)
SOON_LEGAL = ("assigned", 20, 10)
# Assigned at the same time and finished 20 days ago, well before it fell due: Willow House, the
# healthy service, does its learning on time (its completion figure reads high, overdue low).
ON_TIME_LEGAL = ("assigned", 45, -10, 20)

LEARNERS = {
    "Willow House": [
        # (number, first name, last name, skill, plan)
        (1, "Amara", "Bello", 0.85, [("listening", 5, "rule")]),
        (2, "Ben", "Walsh", 0.7, [("listening", 2, "rule"), ("legal-literacy", 5, ON_TIME_LEGAL)]),
        (
            3,
            "Chloe",
            "Nowak",
            0.6,
            [("listening", 4, "rule"), ("legal-literacy", 5, ON_TIME_LEGAL)],
        ),
        (
            4,
            "Daniel",
            "Osei",
            0.3,
            [("listening", 0, "rule"), ("legal-literacy", 0, OVERDUE_LEGAL)],
        ),
        (
            5,
            "Erin",
            "Murphy",
            0.45,
            [("listening", 1, "rule"), ("legal-literacy", 5, ON_TIME_LEGAL)],
        ),
        (
            6,
            "Farid",
            "Rahman",
            0.75,
            [("listening", 3, "rule"), ("values-recruitment", 2, ("self", 25))],
        ),
        (7, "Gemma", "Doyle", 0.55, [("listening", 2, "rule"), ("leadership", 1, ("self", 15))]),
        (8, "Hassan", "Ali", 0.4, [("listening", 4, "rule"), ("legal-literacy", 5, ON_TIME_LEGAL)]),
        (9, "Isla", "Grant", 0.25, [("listening", 1, "rule")]),
        (10, "Jakub", "Kowalski", 0.5, [("listening", 0, "rule")]),
    ],
    "Elm Court": [
        (11, "Kemi", "Afolabi", 0.8, [("listening", 5, "rule")]),
        (12, "Liam", "O'Brien", 0.5, [("listening", 3, "rule"), ("legal-literacy", 2, SOON_LEGAL)]),
        (13, "Maya", "Singh", 0.65, [("listening", 2, "rule"), ("legal-literacy", 1, SOON_LEGAL)]),
        (
            14,
            "Noah",
            "Bennett",
            0.35,
            [("listening", 4, "rule"), ("legal-literacy", 0, SOON_LEGAL)],
        ),
        (
            15,
            "Olivia",
            "Price",
            0.3,
            [("listening", 0, "rule"), ("red-flags", 0, ("assigned", 30, -5))],
        ),
        (
            16,
            "Paul",
            "Mwangi",
            0.6,
            [("listening", 1, "rule"), ("values-recruitment", 1, ("self", 10))],
        ),
        (17, "Rosa", "Fernandes", 0.7, [("listening", 3, "rule")]),
        (
            18,
            "Stefan",
            "Ionescu",
            0.45,
            [("listening", 2, "rule"), ("red-flags", 1, ("assigned", 30, -5))],
        ),
        (19, "Tara", "Quinn", 0.2, [("listening", 0, "rule")]),
    ],
}

# The printed staff sign-in: the Listening path (by the rule) a little over half done, so the
# demo shows progress when signing in as them.
STAFF_EMAIL = "staff@riverside.example.org"
STAFF_PLAN = [("listening", 3, "rule")]
STAFF_SKILL = 0.7
SUPERVISOR_EMAIL = "supervisor@riverside.example.org"
LEADER_EMAIL = "leader@riverside.example.org"

REFLECTIONS = [
    "I noticed I wanted to reassure them straight away instead of letting them finish. "
    "Next time I will ask what they need before I say anything about what we will do.",
    "The hardest part was not knowing whether raising it would make things worse for the "
    "person. I can see now that writing down exactly what I saw is my job, not a judgement.",
    "I chose the quick option at the second step because that is what usually happens on a "
    "busy shift. The feedback made me think about who that really serves.",
    "This felt close to something that happened on nights last month. I would like to talk "
    "it through in supervision: I am still not sure I escalated it early enough.",
    "Asking the person what they would like took less time than I expected, and it changed "
    "the whole ending. I will try that with the morning routine.",
    "I had not thought of a family member's worry as information. I will pass concerns on "
    "even when they seem small, and tell the family what happened next.",
    "I realised the rule I was following was our habit, not the law. I want to check with my "
    "supervisor which of our restrictions we could stop.",
]
SUPERVISOR_REPLY = (
    "Thank you for sharing this, Sam. Noticing the urge to reassure is a real step. Let's pick "
    "it up in supervision on Thursday and look at the family forum notes together."
)
FEEDBACK_COMMENTS = [
    "",
    "",
    "Clear and close to what happens on shift.",
    "The examples helped. A bit long for one break.",
    "I would like more on what to do at night when the manager is not on site.",
    "Good to hear it in people's own words.",
]
QUALITY_WEIGHTS = {
    # quality: (weight at skill 0, extra weight at skill 1)
    ChoiceQuality.BEST: (0.6, 2.4),
    ChoiceQuality.ACCEPTABLE: (1.2, 0.3),
    ChoiceQuality.RISKY: (1.3, -1.0),
    ChoiceQuality.HARMFUL: (1.0, -0.85),
}
MAX_CHOICES = 30


def learner_email(number):
    return f"learner{number}@{ORGANISATION}.example.org"


# --- Playing through the services -------------------------------------------------------------


def _pass_module(user, module, rng, skill):
    checks = knowledge_checks(module)
    if not checks:
        return
    if rng.random() < 0.15 + 0.5 * (1 - skill):
        # A first try with one answer wrong: nothing is recorded but the learner sees why.
        wrong = {}
        for check in checks:
            incorrect = [i for i in range(len(check.options)) if i not in check.correct_indexes]
            wrong[check.block_id] = (
                [rng.choice(incorrect)]
                if incorrect and not wrong
                else sorted(check.correct_indexes)
            )
        learner.module_check_submit(user, module, wrong)
    learner.module_check_submit(
        user, module, {check.block_id: sorted(check.correct_indexes) for check in checks}
    )
    if rng.random() < 0.7:
        clarity = rng.choice([3, 4, 4, 5, 5])
        relevance = rng.choice([3, 4, 5, 5, 5] if skill > 0.5 else [2, 3, 4, 4, 5])
        learner.feedback_save(user, module, clarity, relevance, rng.choice(FEEDBACK_COMMENTS))


def _pick(step, rng, skill):
    weights = []
    for choice in step.choices:
        base, extra = QUALITY_WEIGHTS.get(choice.quality, (1.0, 0.0))
        weights.append(max(0.05, base + extra * skill))
    return rng.choices(step.choices, weights=weights)[0]


def _play(user, scenario, rng, skill, max_choices=MAX_CHOICES):
    """Play one attempt, choosing at each step; stop after `max_choices` (an unfinished attempt).
    Returns the attempt and the qualities chosen."""
    attempt = learner.attempt_start(user, scenario)
    content = learner.attempt_content(attempt)
    step = content.start
    qualities = []
    while step is not None and step.choices and not step.is_ending and len(qualities) < max_choices:
        choice = _pick(step, rng, skill)
        learner.attempt_choose(attempt, choice.key, step_key=step.key)
        qualities.append(choice.quality)
        step = content.step(choice.next_step)
    return attempt, qualities


def _fresh_reflection(user, scenario, drawn):
    """`drawn`, or the next text in REFLECTIONS that this person has not written yet and, where
    one is left, nobody has written about this scenario: a journal, or a supervisor's list of
    shared reflections, should not read the same words twice. Chosen without the random
    generator, so the rest of the demo (its figures) draws exactly what it drew before."""
    start = REFLECTIONS.index(drawn)
    ordered = REFLECTIONS[start:] + REFLECTIONS[:start]
    own = set(Reflection.objects.filter(author=user).values_list("text", flat=True))
    here = set(Reflection.objects.filter(page=scenario).values_list("text", flat=True))
    for taken in (own | here, own):
        for text in ordered:
            if text not in taken:
                return text
    return drawn


def _finish_scenario(user, scenario, rng, skill, share_reflections):
    attempt, qualities = _play(user, scenario, rng, skill)
    if ChoiceQuality.HARMFUL in qualities and rng.random() < 0.5:
        # A second go after seeing how the first one ended.
        attempt, qualities = _play(user, scenario, rng, min(1.0, skill + 0.3))
    if rng.random() < 0.45:
        reflection = learner.reflection_write(
            user,
            scenario,
            _fresh_reflection(user, scenario, rng.choice(REFLECTIONS)),
            attempt=attempt,
        )
        if share_reflections and rng.random() < 0.5:
            learner.reflection_share(reflection)


def _work_through(user, path, done, rng, skill, share_reflections):
    """Complete the first `done` items of `path`; sometimes leave the next scenario part-played."""
    items = path.items()
    for page in items[:done]:
        if isinstance(page, ModulePage):
            _pass_module(user, page, rng, skill)
        elif isinstance(page, ScenarioPage):
            _finish_scenario(user, page, rng, skill, share_reflections)
    if done < len(items) and isinstance(items[done], ScenarioPage) and rng.random() < 0.6:
        _play(user, items[done], rng, skill, max_choices=rng.randint(1, 2))


def _finished_days_ago(user, path, days, now):
    """Date a completed path back to `days` ago: the services record a completion when it
    happens, and the demo is loaded in one go today, so history is written afterwards (as the
    leadership demo writes its two years of imports)."""
    finished = now - timedelta(days=days)
    enrolments = Enrolment.objects.filter(user=user, path=path, completed_at__isnull=False)
    enrolments.update(completed_at=finished)
    Certificate.objects.filter(enrolment__in=enrolments).update(
        completed_on=timezone.localdate(finished)
    )


def _enrol(user, path, how, leader, today, now):
    if how == "rule":
        return  # enrolled by apply_enrolment_rules
    if how[0] == "assigned":
        _kind, days_ago, due_in, *_finished = how
        assign_path(
            path,
            users=[user],
            assigned_by=leader,
            due_on=today + timedelta(days=due_in),
            reason="Agreed at the team meeting",
            now=now - timedelta(days=days_ago),
        )
    elif how[0] == "self":
        enrol_self(user, path, now=now - timedelta(days=how[1]))


# --- Loading ----------------------------------------------------------------------------------


def load(stdout):
    organisation = Organisation.objects.filter(slug=ORGANISATION).first()
    index = LearningIndexPage.objects.filter(organisation=organisation).first()
    if organisation is None or index is None:
        return
    paths = {path.slug: path.specific for path in index.paths()}
    User = get_user_model()

    roster = []  # (user, skill, plan, share reflections)
    for service_name, people in LEARNERS.items():
        service = Service.objects.filter(organisation=organisation, name=service_name).first()
        if service is None:
            continue
        for number, first, last, skill, plan in people:
            user = demo_user(learner_email(number), first, last)
            Membership.objects.get_or_create(
                user=user, organisation=organisation, service=service, role=Role.STAFF
            )
            roster.append((user, skill, plan, service_name == "Willow House"))
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    if staff is not None:
        roster.append((staff, STAFF_SKILL, STAFF_PLAN, True))

    # The marker: whoever already has an enrolment already has their demo history.
    enrolled = set(
        Enrolment.objects.filter(user__in=[user for user, *_ in roster]).values_list(
            "user_id", flat=True
        )
    )
    fresh = [entry for entry in roster if entry[0].pk not in enrolled]

    for role, slug, days in RULES:
        if slug in paths:
            EnrolmentRule.objects.get_or_create(
                organisation=organisation,
                service=None,
                role=role,
                path=paths[slug],
                defaults={"due_within_days": days},
            )
    apply_enrolment_rules(organisation=organisation)
    if not fresh:
        stdout.write("Demo learners: already there.\n")
        return

    leader = User.objects.filter(email=LEADER_EMAIL).first()
    now = timezone.now()
    today = timezone.localdate(now)
    for user, skill, plan, share in fresh:
        rng = random.Random(f"safer-cultures-demo:{user.email}")
        for slug, done, how in plan:
            path = paths.get(slug)
            if path is None:
                continue
            _enrol(user, path, how, leader, today, now)
            _work_through(user, path, done, rng, skill, share)
            if how != "rule" and len(how) == 4:
                _finished_days_ago(user, path, how[3], now)

    if staff is not None and any(entry[0] == staff for entry in fresh):
        _staff_story(staff)
    stdout.write(
        f"Demo learners: {len(fresh)} people part-way through their learning "
        f"(password {DEMO_PASSWORD}, e.g. {learner_email(1)}).\n"
    )


def _staff_story(staff):
    """Sam reflects on the scenario they finished, shares it with Priya, their supervisor, and
    she replies."""
    attempt = (
        ScenarioAttempt.objects.filter(user=staff, finished_at__isnull=False)
        .order_by("-finished_at")
        .first()
    )
    if attempt is None:
        return
    reflection = Reflection.objects.filter(author=staff, attempt=attempt).first()
    if reflection is None:
        reflection = learner.reflection_write(
            staff, attempt.scenario, REFLECTIONS[0], attempt=attempt
        )
    learner.reflection_share(reflection)
    supervisor = get_user_model().objects.filter(email=SUPERVISOR_EMAIL).first()
    if supervisor is not None and not reflection.replies.exists():
        learner.reflection_reply(reflection, supervisor, SUPERVISOR_REPLY)
