"""Demo staff pulse survey (part of `coproduction.demo`, after `history`): a round each quarter
for the last year at Elm Court and Willow House, 24 members of staff answering each, so the
leadership plugin's indicators and red flags have figures to read.

- Elm Court: the share of staff who feel safe to speak up holds at about four in five, then
  falls sharply in the last round (to 10 of 24), and in that round 6 of 24 say they saw someone
  treated without dignity in the month before; what staff wrote goes to the feedback tracker.
- Willow House: steady, about four in five feel safe to speak up, and at most one person in a
  round saw someone treated without dignity. A round is open now: the demo staff member
  (staff@riverside.example.org) finds it on their home page, and 6 people have answered.

The people answering are background accounts (`elmstaff1@` ... `willowstaff24@`), holding the
staff role at their service, that cannot sign in. Made through `coproduction.pulse.services`
(each answer with its receipt, each round closed and sealed), then the stamps moved into the
past (`helpers.backdate`), as the family survey history is. Safe to run again: if Elm Court
already has a pulse round, nothing is added.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.organisations.models import Membership, Role, Service
from cms.periods import month_label
from coproduction.pulse.models import PulseRound

from ..pulse import services as pulse
from .helpers import backdate
from .history import ELM_COURT, ORGANISATION, WILLOW_HOUSE, in_month

LEADER = "leader@riverside.example.org"
STAFF = 24
# Staff groups of the 24 people answering, in order (the first 10 are care staff, ...).
GROUPS = (
    ["care"] * 10
    + ["night"] * 5
    + ["nurse"] * 4
    + ["kitchen"] * 2
    + [
        "cleaner",
        "porter",
        "agency",
    ]
)

# (months ago, agreeing they feel safe to speak up, of those who raised something (the first
# 12) agreeing it was acted on, who saw someone treated without dignity, comments).
ELM_ROUNDS = [
    (10, 20, 9, 1, ["Good team on days.", "More training on dementia would help."]),
    (7, 19, 8, 1, ["Short of staff on nights most weeks."]),
    (4, 18, 7, 2, ["The same few people always get the overtime.", "Handover is rushed."]),
    (
        1,
        10,
        3,
        6,
        [
            "People who raise things get moved to nights.",
            "We are told not to write everything down.",
            "Some residents are put to bed very early so the shift is easier.",
            "Nobody from head office ever visits at night.",
        ],
    ),
]
WILLOW_ROUNDS = [
    (10, 19, 9, 1, ["The manager listens."]),
    (7, 20, 10, 0, ["Good support after a hard shift."]),
    (4, 19, 9, 1, ["Rota changes come at short notice."]),
    (1, 20, 10, 0, ["Supervision every month now, which helps."]),
]
# Willow House's open round: answers so far (fewer than 10, so nothing can be shown yet).
WILLOW_OPEN_ANSWERS = 6


def _answers(safe, acted, seen, comments):
    """24 answers: the first `safe` agree they feel safe to speak up; the first 12 raised
    something, `acted` of them agreeing it was acted on; the last `seen` saw someone treated
    without dignity; the comments are given by the first people."""
    rows = []
    for number in range(STAFF):
        rows.append(
            {
                "staff_group": GROUPS[number],
                "safe_to_speak": 4 + number % 2 if number < safe else 2 + number % 2,
                "acted_on": (4 if number < acted else 2) if number < 12 else 0,
                "dignity_seen": number >= STAFF - seen,
                "anything_else": comments[number] if number < len(comments) else "",
            }
        )
    return rows


def _staff(service, prefix):
    User = get_user_model()
    people = []
    for number in range(1, STAFF + 1):
        user, created = User.objects.get_or_create(
            email=f"{prefix}{number}@riverside.example.org",
            defaults={"first_name": "Staff", "last_name": f"{service.name} {number}"},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user, organisation=service.organisation, service=service, role=Role.STAFF
        )
        people.append(user)
    return people


def _round_held(service, leader, people, months_ago, safe, acted, seen, comments):
    opens_at, closes_at = in_month(months_ago, 1, 9), in_month(months_ago, 15, 17)
    pulse_round = pulse.round_open(
        service,
        leader,
        title=f"Staff pulse, {month_label(opens_at)}",
        opens_at=opens_at,
        closes_at=timezone.now() + timedelta(days=1),
    )
    for person, answer in zip(people, _answers(safe, acted, seen, comments), strict=True):
        pulse.pulse_respond(pulse_round, person, **answer)
    for item in pulse.round_close(pulse_round, now=closes_at):
        backdate(item, created_at=closes_at)
    backdate(pulse_round, closes_at=closes_at, created_at=opens_at - timedelta(days=3))
    return pulse_round


def load(stdout):
    services = {
        service.name: service
        for service in Service.objects.filter(
            organisation__slug=ORGANISATION, name__in=[ELM_COURT, WILLOW_HOUSE]
        )
    }
    leader = get_user_model().objects.filter(email=LEADER).first()
    if len(services) < 2 or leader is None:
        return
    elm, willow = services[ELM_COURT], services[WILLOW_HOUSE]
    if PulseRound.objects.filter(service=elm).exists():
        stdout.write("Staff pulse rounds at Riverside: already there.\n")
        return
    for service, prefix, rounds in (
        (elm, "elmstaff", ELM_ROUNDS),
        (willow, "willowstaff", WILLOW_ROUNDS),
    ):
        people = _staff(service, prefix)
        for months_ago, safe, acted, seen, comments in rounds:
            _round_held(service, leader, people, months_ago, safe, acted, seen, comments)
    open_round = pulse.round_open(
        willow,
        leader,
        title=f"Staff pulse, {month_label(timezone.localdate())}",
        opens_at=timezone.now() - timedelta(days=2),
        closes_at=timezone.now() + timedelta(days=12),
    )
    for person, answer in zip(
        _staff(willow, "willowstaff")[:WILLOW_OPEN_ANSWERS],
        _answers(20, 10, 0, ["Thanks for asking."]),
        strict=False,
    ):
        pulse.pulse_respond(open_round, person, **answer)
    stdout.write(
        f"Staff pulse rounds at Riverside: {len(ELM_ROUNDS)} at {ELM_COURT} (the share feeling "
        f"safe to speak up falling in the last), {len(WILLOW_ROUNDS)} at {WILLOW_HOUSE} "
        "(steady), and one open at Willow House.\n"
    )
