"""Reads of the pulse part: a round's results (withheld under 10 answers, and while it is open),
its staff-group breakdown (no group under 5), the rounds a person may answer or run."""

import random
from dataclasses import dataclass, field

from django.utils import timezone

from cms import access
from cms.indicators import MIN_PEOPLE, percent
from cms.organisations.models import Role, Service
from coproduction.pulse.models import PulseResponse, PulseRound, StaffGroup

# Figures and comments are shown only from this many answers up (INDICATORS.md G: a higher
# floor for staff-voice figures; the issue sets 10 for this survey).
MIN_ANSWERS_SHOWN = 10
# A staff group is shown on its own only from this many answers up (the platform's floor).
MIN_GROUP_SHOWN = MIN_PEOPLE
# Who answers (every staff group, the respondent says which) and who runs the rounds.
RESPONDENT_ROLES = (Role.STAFF, Role.SUPERVISOR)
RUNNER_ROLES = (Role.LEADER,)
AGREE = (4, 5)


@dataclass(frozen=True)
class Shares:
    """The pulse figures of a set of answers: the share agreeing they feel safe to speak up,
    the share of those who raised something agreeing it was acted on, and the share who saw
    someone treated without dignity."""

    answers: int
    safe_to_speak: float | None
    raised: int
    acted_on: float | None
    dignity_seen: float | None


def shares(rows):
    """`rows`: (safe_to_speak, acted_on, dignity_seen) tuples."""
    rows = list(rows)
    raised = [acted for _safe, acted, _seen in rows if acted != PulseResponse.NOT_RAISED]
    return Shares(
        answers=len(rows),
        safe_to_speak=percent(sum(1 for safe, _a, _s in rows if safe in AGREE), len(rows)),
        raised=len(raised),
        acted_on=percent(sum(1 for acted in raised if acted in AGREE), len(raised)),
        dignity_seen=percent(sum(1 for _s, _a, seen in rows if seen), len(rows)),
    )


@dataclass(frozen=True)
class GroupRow:
    label: str
    figures: Shares


def group_breakdown(rows):
    """The figures of each staff group with at least MIN_GROUP_SHOWN answers, and of the other
    groups together. No group under the floor shows on its own, and the "other groups" row is
    shown only when it is empty or itself reaches the floor: otherwise the next-smallest group
    joins it, so no hidden group can be worked out by subtracting the rows shown from the
    round's total. `rows`: (staff_group, safe_to_speak, acted_on, dignity_seen)."""
    by_group = {}
    for group, *answers in rows:
        by_group.setdefault(group, []).append(tuple(answers))
    shown = sorted(
        (group for group, answers in by_group.items() if len(answers) >= MIN_GROUP_SHOWN),
        key=lambda group: (len(by_group[group]), group),
    )
    rest = sum(len(answers) for group, answers in by_group.items() if group not in shown)
    while shown and 0 < rest < MIN_GROUP_SHOWN:
        rest += len(by_group[shown.pop(0)])
    if len(shown) < 2 and rest == 0:
        return []  # one group alone is the round's own figure: nothing to break down
    labels = dict(StaffGroup.choices)
    table = [
        GroupRow(labels[group], shares(by_group[group]))
        for group in sorted(shown, key=lambda group: StaffGroup.values.index(group))
    ]
    if rest:
        others = [row for group, rows_ in by_group.items() if group not in shown for row in rows_]
        if not table:
            return []  # the other groups together would be the round's own figure
        table.append(GroupRow("Other staff groups together", shares(others)))
    return table


@dataclass
class PulseResults:
    answers: int
    shown: bool
    figures: Shares | None = None
    groups: list = field(default_factory=list)
    comments: list = field(default_factory=list)

    @property
    def still_needed(self):
        return max(0, MIN_ANSWERS_SHOWN - self.answers)


def round_results(pulse_round):
    """The number of answers and, once the round is closed and only from MIN_ANSWERS_SHOWN up,
    the figures, the staff-group breakdown and the comments (shuffled). While a round is open
    nothing but the count is shown: figures that change as each answer comes in would tell
    whoever watches them what the latest person answered."""
    rows = list(
        PulseResponse.objects.filter(round=pulse_round).values_list(
            "staff_group", "safe_to_speak", "acted_on", "dignity_seen", "anything_else"
        )
    )
    if pulse_round.closed_at is None or len(rows) < MIN_ANSWERS_SHOWN:
        return PulseResults(answers=len(rows), shown=False)
    comments = [row[4] for row in rows if row[4].strip()]
    random.SystemRandom().shuffle(comments)
    return PulseResults(
        answers=len(rows),
        shown=True,
        figures=shares(row[1:4] for row in rows),
        groups=group_breakdown(row[:4] for row in rows),
        comments=comments,
    )


def rounds_of(service):
    return PulseRound.objects.filter(service=service).order_by("-opens_at", "-pk")


def services_answering(user):
    """The services whose staff `user` is one of (for the pulse survey)."""
    if not user.is_authenticated:
        return Service.objects.none()
    return Service.objects.filter(
        access.reach_q(user, *RESPONDENT_ROLES, organisation="organisation", service="pk")
    ).order_by("organisation__name", "name")


def services_running(user):
    """The services whose pulse rounds `user` runs."""
    if not user.is_authenticated:
        return Service.objects.none()
    return Service.objects.filter(
        access.reach_q(user, *RUNNER_ROLES, organisation="organisation", service="pk")
    ).order_by("organisation__name", "name")


def rounds_waiting_for(user, now=None):
    """The open rounds of the services where `user` is staff, that they have not answered."""
    if not user.is_authenticated:
        return []
    now = now or timezone.now()
    return list(
        PulseRound.objects.filter(
            access.reach_q(
                user, *RESPONDENT_ROLES, organisation="service__organisation", service="service"
            ),
            closed_at__isnull=True,
            opens_at__lte=now,
            closes_at__gt=now,
        )
        .exclude(receipts__user=user)
        .select_related("service")
        .order_by("closes_at", "pk")
    )
