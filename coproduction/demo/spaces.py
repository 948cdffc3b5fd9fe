"""Demo co-production spaces (part of `coproduction.demo`).

Riverside: "Willow House Voices", a space for Willow House with a lived-experience lead, five
lived-experience members, two staff allies and an observer. Its agenda items are in every status
(one of them a duplicate merged into another); the spring priority round is closed and its
results published, with a tie (ranks 1, 2, 2, 4); the summer round is open and the demo member
(member@riverside.example.org) has not voted yet; the spring meeting has an agenda, attendance,
published minutes and involvement payments, and the summer meeting is planned; feedback about
Willow House came through several channels, and "Not listening" is a repeated theme; actions
have outcomes, one answered "partly" by the person who raised the item. Northfield: a smaller
panel for the whole trust.

How it is made:
- Spaces, members, items, supports, comments and statuses go through
  `coproduction.spaces.services`; rounds and ballots through `coproduction.rounds.services`,
  whose `now=` argument lets the spring round open, take ballots, close and publish in the past;
  feedback, actions, outcomes and the answer through `coproduction.tracker.services`.
- Meetings (agenda, attendance, minutes) go through `coproduction.meetings.services`, and
  involvement payments (the rate, records from the meeting's attendance, a content review,
  what finance paid) through `coproduction.payments.services`.
- The services stamp the time of loading. So that the history reads like months of use, the
  demo then moves those stamps into the past (when an item was raised, each status change, when
  an action was agreed, when the answer was given): `_backdate`.
- Emails: the services send what they always send (welcome, status changes, round opened,
  results, outcome) once the load commits, to the demo accounts only (all at example.org,
  a domain reserved for examples); in development they go to the console.

Safe to run again: a space already there (found by its organisation and slug) is left alone, as
people may have changed it since, so a second run adds nothing.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from cms.organisations.demo import DEMO_PASSWORD, demo_user
from cms.organisations.models import Membership, Organisation, Role, Service
from coproduction.meetings.models import Attendance
from coproduction.payments.models import InvolvementRate, InvolvementRecord
from coproduction.rounds.models import PriorityRound
from coproduction.spaces.models import (
    AgendaItem,
    AgendaStatusChange,
    CoproductionSpace,
    SpaceMembership,
    SpaceRole,
)
from coproduction.tracker.models import Action, FeedbackItem, OutcomeResponse

from ..meetings import services as meetings
from ..payments import services as payments
from ..rounds import services as rounds
from ..spaces import services as spaces
from ..tracker import services as tracker
from .helpers import at, backdate

Status = AgendaItem.Status
Channel = FeedbackItem.Channel
Giver = FeedbackItem.GiverRole

# Lived-experience people the host demo does not have: (email, first name, last name, host role).
EXTRA_PEOPLE = {
    "riverside": [
        ("member2@riverside.example.org", "Lena", "Brooks", Role.LIVED_EXPERIENCE_MEMBER),
        ("member3@riverside.example.org", "Marcus", "Reid", Role.LIVED_EXPERIENCE_MEMBER),
        ("member4@riverside.example.org", "Nadia", "Hussain", Role.LIVED_EXPERIENCE_MEMBER),
        ("member5@riverside.example.org", "Owen", "Lloyd", Role.LIVED_EXPERIENCE_MEMBER),
    ],
    "northfield": [
        ("lead@northfield.example.org", "Imani", "Cole", Role.LIVED_EXPERIENCE_LEAD),
        ("member@northfield.example.org", "Kit", "Morris", Role.LIVED_EXPERIENCE_MEMBER),
        ("member2@northfield.example.org", "Sunita", "Rao", Role.LIVED_EXPERIENCE_MEMBER),
    ],
}

LEAD = "lead@riverside.example.org"
MEMBER = "member@riverside.example.org"
RIVERSIDE_SPACE = {
    "name": "Willow House Voices",
    "service": "Willow House",
    "purpose": "People who live at Willow House, and people who have lived there, decide "
    "together what the home should change first, and check that it does.",
    "how_it_works": "We meet every two months in the garden room. Anyone in the group can raise "
    "an item at any time. Twice a year we vote on what matters most, and the manager tells us "
    "what was done about it.",
    "accessibility_notes": "Easy-read papers a week before each meeting. Hearing loop, step-free "
    "access and a quiet room. A break every 30 minutes. You can bring a supporter, and a staff "
    "ally can help you raise an item or vote if you ask them to.",
}
# (email, role in the space), the lead first (space_create adds them).
RIVERSIDE_MEMBERS = [
    (LEAD, SpaceRole.LEAD),
    (MEMBER, SpaceRole.MEMBER),
    ("member2@riverside.example.org", SpaceRole.MEMBER),
    ("member3@riverside.example.org", SpaceRole.MEMBER),
    ("member4@riverside.example.org", SpaceRole.MEMBER),
    ("member5@riverside.example.org", SpaceRole.MEMBER),
    ("staff@riverside.example.org", SpaceRole.STAFF_ALLY),
    ("supervisor@riverside.example.org", SpaceRole.STAFF_ALLY),
    ("leader@riverside.example.org", SpaceRole.OBSERVER),
]

# key: (who raised it, days ago, title, what it is about, why it matters)
RIVERSIDE_ITEMS = {
    "routines": (
        MEMBER,
        100,
        "Choosing when we get up and go to bed",
        "Getting-up and bed times are set by the staff rota, not by us. Some of us are woken at "
        "7 every day, and some are helped to bed at 8 in the evening.",
        "It is our home. Choosing when we sleep and when we get up is basic dignity, and people "
        "sleep better when they choose.",
    ),
    "nights": (
        "member2@riverside.example.org",
        98,
        "Staff who know us on night shifts",
        "At night there are often agency staff who have never met us. They do not know how we "
        "like things done, or how we show that something is wrong.",
        "People who do not use words rely on staff who know them. Being looked after by "
        "strangers at night is frightening.",
    ),
    "quiet_room": (
        "member3@riverside.example.org",
        95,
        "A quiet room that is not an office",
        "The only quiet room is also where staff do paperwork and make phone calls, so we "
        "cannot use it when we are upset or want time alone with family.",
        "Everyone needs somewhere calm. Without it people get more distressed and visits feel "
        "rushed.",
    ),
    "leaflet": (
        "member4@riverside.example.org",
        92,
        "An easy-read leaflet about making a complaint",
        "The complaints leaflet is four pages of small print. Several of us could not read it "
        "and did not know who we could talk to.",
        "If we cannot understand how to complain, problems stay hidden. It should be easy and "
        "safe to say that something is wrong.",
    ),
    "visitors": (
        "member5@riverside.example.org",
        40,
        "Visitors any time, without booking",
        "Friends and family have to book a visit the day before, and can only come between 2 "
        "and 5 in the afternoon.",
        "People who work cannot visit in the afternoon. Seeing the people we love should not "
        "need an appointment.",
    ),
    "going_out": (
        LEAD,
        38,
        "Getting out more: the shops, the park, the café",
        "Most weeks we only go out if a relative takes us. Trips are cancelled when the home "
        "is short of staff.",
        "Going out keeps us part of our community and gives us something to look forward to.",
    ),
    "rooms": (
        "member4@riverside.example.org",
        35,
        "Being asked before my room is changed",
        "Furniture has been moved, and one of us was moved to a different room, without being "
        "asked first.",
        "It is our space. Being asked first is about respect, and about feeling safe where we "
        "live.",
    ),
    "fire_alarm": (
        "member5@riverside.example.org",
        33,
        "Move the fire alarm test to the afternoon",
        "The weekly fire alarm test is at 9 on Monday morning. It frightens people who are "
        "still asleep.",
        "People start the week upset, and it can take hours to settle.",
    ),
    "trips": (
        "member3@riverside.example.org",
        30,
        "More trips out",
        "We should go on more trips, like the seaside or the garden centre.",
        "Days out are the best days.",
    ),
    "knock": (
        "member2@riverside.example.org",
        5,
        "Knock and wait before coming in",
        "Staff knock but then come straight in without waiting for an answer, even when we "
        "are getting dressed.",
        "Privacy and dignity. A knock only means something if you wait to be asked in.",
    ),
}
# Lena asked a staff ally to write her item up for her.
SUPPORTED = {
    "nights": (
        "staff@riverside.example.org",
        "Lena asked me at the Tuesday coffee morning to write this up for her. I read it back "
        "to her and she agreed the words before I sent it.",
    )
}
SUPPORTS = {
    "knock": [MEMBER, "member3@riverside.example.org", "member4@riverside.example.org"],
    "trips": ["member5@riverside.example.org", "member2@riverside.example.org"],
    "going_out": ["member2@riverside.example.org"],
    "routines": ["member3@riverside.example.org", "member4@riverside.example.org"],
}
COMMENTS = {
    "routines": [
        ("member3@riverside.example.org", "Same for me. I like to watch the late news."),
    ],
    "knock": [
        (
            "staff@riverside.example.org",
            "Thank you for raising this. I will bring it to the next staff meeting so that "
            "everyone hears it from you, not just from me.",
        ),
        (LEAD, "This matters to a lot of us. Add your support if it happens to you too."),
    ],
}
FIRE_ALARM_REASON = (
    "We asked the fire safety officer. The test has to happen when the most staff are on "
    "shift, and that is Monday morning, so it cannot move. Instead, staff now tell everyone "
    "the day before, and anyone who finds it frightening is offered ear defenders and someone "
    "to sit with them."
)

# The spring round: 5 dots each, at most 3 on one item. Owen did not vote; Lena asked Sam to
# put her dots on for her. Totals 9, 6, 6, 3: ranks 1, 2, 2, 4.
SPRING_BALLOTS = [
    (LEAD, {"routines": 3, "nights": 1, "quiet_room": 1}, None),
    (MEMBER, {"routines": 2, "nights": 2, "leaflet": 1}, None),
    ("member3@riverside.example.org", {"routines": 2, "quiet_room": 2, "leaflet": 1}, None),
    ("member4@riverside.example.org", {"nights": 3, "quiet_room": 2}, None),
    (
        "member2@riverside.example.org",
        {"routines": 2, "quiet_room": 1, "leaflet": 1},
        (
            "staff@riverside.example.org",
            "Lena told me where she wanted her dots when we met on Thursday, and watched me "
            "put them on.",
        ),
    ),
]
# The summer round (approval): who has voted so far. The demo member has not.
SUMMER_BALLOTS = [
    ("member3@riverside.example.org", ["visitors", "going_out"]),
    ("member4@riverside.example.org", ["going_out", "rooms"]),
    ("member2@riverside.example.org", ["going_out"]),
]

SPRING_MINUTES = """Present: Grace (chair), Dev, Marcus and Nadia.
From the staff team: Sam and Alex.
Apologies: Lena.

1. Choosing when we get up and go to bed (first in the spring vote)
Members said routines are set by the rota, not by them. Alex agreed that each person will have
their own plan, made with them, and that the rota will follow the plans.
Action: Priya to make a plan with each person before the summer meeting.

2. Staff who know us on night shifts (joint second)
Sam explained how agency staff are booked. Members asked for the same faces at night.
Action: Alex to book regular night staff and report back.

3. A quiet room that is not an office (joint second)
Members agreed this matters, and want to plan it with the new lounge next year. We will come
back to it.

Next meeting: the summer meeting, with the easy-read complaints leaflet."""

ROUTINES_OUTCOME = (
    "We met each person, and their family if they wanted, to write down when they like to get "
    "up and go to bed. The morning and evening rotas were changed to follow these plans, with "
    "an extra member of staff from 7 to 10 in the morning. We will check each plan with the "
    "person every three months."
)
ROUTINES_ANSWER = (
    "My weekday mornings are much better. At weekends I am still woken early because fewer "
    "staff are on, so please look at weekends too."
)

# (channel, who gave it, days ago, text, themes, recorded by): feedback about Willow House.
# "Not listening" comes up 4 times from 4 channels in 90 days: a repeated theme.
WILLOW_FEEDBACK = [
    (
        Channel.FORUM,
        Giver.FAMILY,
        10,
        "At the family forum, two relatives said the call bell often goes unanswered at tea "
        "time, and when they ask why they are told the home is busy.",
        ["hm_not_listening", "harm_practice"],
        "host@riverside.example.org",
    ),
    (
        Channel.SURVEY,
        Giver.FAMILY,
        25,
        "Family survey: staff are kind, but when I ask a question about my mother's care plan "
        "nobody gets back to me.",
        ["hm_not_listening", "harm_bureaucracy"],
        None,
    ),
    (
        Channel.COPRODUCTION,
        Giver.LIVED_EXPERIENCE,
        40,
        "At Willow House Voices, members said they are often asked for their views but rarely "
        "hear what happened next.",
        ["hm_not_listening"],
        LEAD,
    ),
    (
        Channel.COMPLAINT,
        Giver.FAMILY,
        60,
        "A son complained that he raised his worry about his father losing weight three times "
        "before anything was done.",
        ["hm_not_listening", "harm_practice"],
        "admin@riverside.example.org",
    ),
    (
        Channel.SPEAK_UP,
        Giver.STAFF,
        30,
        "A worker said the night team is often one person short, and agency staff do not know "
        "people's routines.",
        ["harm_no_support", "hm_fragmented"],
        None,
    ),
    (
        Channel.ADVOCACY,
        Giver.ADVOCATE,
        50,
        "An advocate said a resident was moved to another room without being asked, and "
        "nobody explained why.",
        ["harm_culture"],
        "safeguarding@riverside.example.org",
    ),
    (
        Channel.FORUM,
        Giver.FAMILY,
        120,
        "Relatives asked for evening visits, so that people who work can come.",
        ["harm_no_support"],
        "host@riverside.example.org",
    ),
]
ELM_FEEDBACK = [
    (
        Channel.SURVEY,
        Giver.FAMILY,
        15,
        "Family survey: the garden is lovely, but the doors to it are usually locked.",
        ["hm_risk_avoidance"],
        None,
    ),
    (
        Channel.FORUM,
        Giver.FAMILY,
        45,
        "At the forum, relatives thanked the night team for phoning them straight away when "
        "their father was unwell.",
        [],
        "host@riverside.example.org",
    ),
]
WEIGHT_OUTCOME = (
    "Everyone is now weighed every week and the result goes on the handover sheet. A loss of "
    "more than 2 kg in a month is passed to the nurse the same day, and the family is told. We "
    "checked every record from the last six months with the GP."
)

HOURLY_RATE = Decimal("20.00")
# (email, attendance status, minutes given, payment status, paid days ago)
SPRING_ATTENDANCE = [
    (LEAD, Attendance.Status.ATTENDED, 150, InvolvementRecord.Status.PAID, 30),
    (MEMBER, Attendance.Status.ATTENDED, 120, InvolvementRecord.Status.PAID, 30),
    (
        "member3@riverside.example.org",
        Attendance.Status.ATTENDED,
        90,
        InvolvementRecord.Status.DECLINED,
        None,
    ),
    (
        "member4@riverside.example.org",
        Attendance.Status.ATTENDED,
        120,
        InvolvementRecord.Status.DUE,
        None,
    ),
    ("member2@riverside.example.org", Attendance.Status.APOLOGIES, 0, None, None),
    ("member5@riverside.example.org", Attendance.Status.ABSENT, 0, None, None),
    ("staff@riverside.example.org", Attendance.Status.ATTENDED, 120, None, None),
    ("leader@riverside.example.org", Attendance.Status.ATTENDED, 60, None, None),
]

NORTHFIELD_SPACE = {
    "name": "Northfield People's Panel",
    "purpose": "People who use Northfield's services tell the trust what to change, across the "
    "ward, the community team and supported living.",
    "how_it_works": "We meet online once a month, and in person at Oak Lane every three months.",
    "accessibility_notes": "Easy-read papers, captions on online meetings, travel paid.",
}
NORTHFIELD_MEMBERS = [
    ("lead@northfield.example.org", SpaceRole.LEAD),
    ("member@northfield.example.org", SpaceRole.MEMBER),
    ("member2@northfield.example.org", SpaceRole.MEMBER),
    ("staff@northfield.example.org", SpaceRole.STAFF_ALLY),
]
# (who raised it, days ago, title, about, why, status, reason)
NORTHFIELD_ITEMS = [
    (
        "member@northfield.example.org",
        20,
        "Appointment letters we can understand",
        "Letters about appointments use long words, and some arrive after the appointment.",
        "People miss appointments and are then told they did not engage.",
        Status.PROPOSED,
        "",
    ),
    (
        "member2@northfield.example.org",
        18,
        "Being asked how I want to be supported on the ward",
        "On Beech Ward my care plan was written before anyone asked me what helps.",
        "Plans work when they are made with us, not about us.",
        Status.SHORTLISTED,
        "Shortlisted for the autumn priority round.",
    ),
    (
        "lead@northfield.example.org",
        15,
        "The same support worker each week",
        "In supported living the worker changes almost every week.",
        "Trust takes time. Telling your story again and again is exhausting.",
        Status.SHORTLISTED,
        "Shortlisted for the autumn priority round.",
    ),
    (
        "member@northfield.example.org",
        12,
        "Free parking for visitors",
        "Visitors to Beech Ward pay for parking, and some cannot afford to come often.",
        "Visits help people get better and go home sooner.",
        Status.NOT_TAKEN_FORWARD,
        "The car park belongs to the council, not the trust, so the panel cannot change it. The "
        "trust has written to the council and will tell the panel its answer. Meanwhile, "
        "visitors can claim their parking back from the ward office.",
    ),
]


def _people(organisation):
    """Every demo person of the organisation by email, with the extra lived-experience people
    made the way the host demo makes its accounts."""
    for email, first, last, role in EXTRA_PEOPLE.get(organisation.slug, []):
        user = demo_user(email, first, last)
        Membership.objects.get_or_create(
            user=user, organisation=organisation, service=None, role=role
        )
    user_ids = Membership.objects.filter(organisation=organisation).values("user_id")
    return {user.email: user for user in get_user_model().objects.filter(pk__in=user_ids)}


def _space(organisation, details, people, members, service=None):
    """The space, made through the services with its members, or None if it is already there
    (found by its slug, which the service makes from its name when no other space has it)."""
    if CoproductionSpace.objects.filter(
        organisation=organisation, slug=slugify(details["name"])
    ).exists():
        return None
    (lead_email, _role), *others = members
    space = spaces.space_create(
        organisation=organisation,
        service=service,
        lead=people[lead_email],
        name=details["name"],
        purpose=details["purpose"],
        how_it_works=details["how_it_works"],
        accessibility_notes=details["accessibility_notes"],
    )
    for email, role in others:
        spaces.member_add(space, people[email], role)
    backdate(space, created_at=at(150))
    SpaceMembership.objects.filter(space=space).update(joined_at=at(150))
    return space


def _propose(space, people, email, days_ago, title, about, why, supported=None):
    supporter, consent = supported or (None, "")
    item = spaces.item_propose(
        space,
        people[email],
        title=title,
        about=about,
        why_it_matters=why,
        supported_by=people[supporter] if supporter else None,
        consent_note=consent,
    )
    backdate(item, created_at=at(days_ago, 10), updated_at=at(days_ago, 10))
    return item


def _move(item, to_status, by, days_ago, reason=""):
    """Set the item's status through the service, then date the change `days_ago`."""
    item = spaces.status_set(item, to_status, by, reason=reason)
    when = at(days_ago, 16)
    change = AgendaStatusChange.objects.filter(item=item).latest("pk")
    backdate(change, changed_at=when)
    backdate(item, updated_at=when)
    return item


# --- Riverside ------------------------------------------------------------------------------


def _riverside(stdout):
    organisation = Organisation.objects.filter(slug="riverside").first()
    if organisation is None:
        return
    people = _people(organisation)
    willow = Service.objects.filter(organisation=organisation, name="Willow House").first()
    if willow is None or any(email not in people for email, _role in RIVERSIDE_MEMBERS):
        stdout.write("Co-production demo: the Riverside demo people are missing; skipped.\n")
        return
    space = _space(organisation, RIVERSIDE_SPACE, people, RIVERSIDE_MEMBERS, service=willow)
    if space is None:
        stdout.write("Co-production demo for Riverside: already there.\n")
        return
    lead = people[LEAD]

    items = {}
    for key, (email, days_ago, title, about, why) in RIVERSIDE_ITEMS.items():
        items[key] = _propose(space, people, email, days_ago, title, about, why, SUPPORTED.get(key))
    for key, emails in SUPPORTS.items():
        for email in emails:
            spaces.support_toggle(items[key], people[email])
    for key, comments in COMMENTS.items():
        for email, body in comments:
            comment = spaces.comment_add(items[key], people[email], body)
            backdate(comment, created_at=at(RIVERSIDE_ITEMS[key][1] - 1, 15))

    spring_keys = ["routines", "nights", "quiet_room", "leaflet"]
    for key in spring_keys:
        items[key] = _move(
            items[key], Status.SHORTLISTED, lead, 80, "Shortlisted for the spring priority round."
        )
    spring = _spring_round(space, people, lead, items, spring_keys)
    meeting = _spring_meeting(space, people, lead, items)
    _actions_on_items(people, lead, items, spring)
    _payments(organisation, space, people, meeting)

    for key in ("visitors", "going_out", "rooms"):
        items[key] = _move(
            items[key], Status.SHORTLISTED, lead, 20, "Shortlisted for the summer priority round."
        )
    spaces.item_merge(items["trips"], items["going_out"], lead)
    merged = AgendaStatusChange.objects.filter(item=items["trips"]).latest("pk")
    backdate(merged, changed_at=at(19, 16))
    items["fire_alarm"] = _move(
        items["fire_alarm"], Status.NOT_TAKEN_FORWARD, lead, 21, FIRE_ALARM_REASON
    )
    _summer_round(space, people, lead, items)
    _summer_meeting(space, lead, items)
    _feedback(organisation, willow, people)
    stdout.write(
        f"Co-production demo for Riverside: {space.name}, with {len(items)} agenda items, two "
        "priority rounds, two meetings and feedback about Willow House.\n"
    )


def _round_items(priority_round):
    return {ri.agenda_item_id: ri.pk for ri in priority_round.items.all()}


def _spring_round(space, people, lead, items, keys):
    opens = at(78, 9)
    spring = rounds.round_open(
        space,
        lead,
        title="Spring priorities",
        method=PriorityRound.Method.DOT,
        opens_at=opens,
        closes_at=at(64, 9),
        agenda_items=[items[key] for key in keys],
        dots_per_voter=5,
        max_dots_per_item=3,
        now=opens,
    )
    round_items = _round_items(spring)
    for days_ago, (email, dots, support) in enumerate(SPRING_BALLOTS):
        supporter, consent = support or (None, "")
        rounds.ballot_submit(
            spring,
            people[email],
            {round_items[items[key].pk]: value for key, value in dots.items()},
            now=at(77 - days_ago, 12),
            supporter=people[supporter] if supporter else None,
            consent_note=consent,
        )
    rounds.round_close(spring, lead, now=at(64, 10))
    return rounds.results_publish(spring, lead, now=at(63, 10))


def _backdate_latest_change(item, days_ago):
    """Date the item's latest status change (made by a meetings service) `days_ago`."""
    item.refresh_from_db()
    when = at(days_ago, 16)
    backdate(AgendaStatusChange.objects.filter(item=item).latest("pk"), changed_at=when)
    backdate(item, updated_at=when)
    return item


def _spring_meeting(space, people, lead, items):
    """The spring meeting: its agenda puts the three top items on it; afterwards they are
    discussed, and the minutes are published."""
    keys = ["routines", "nights", "quiet_room"]
    meeting = meetings.meeting_plan(
        space,
        lead,
        title="Spring meeting",
        starts_at=at(50, 14),
        duration_minutes=120,
        place="The garden room, Willow House. Step-free, with a hearing loop.",
        agenda_items=[items[key] for key in keys],
    )
    backdate(meeting, created_at=at(57, 15))
    for key in keys:
        items[key] = _backdate_latest_change(items[key], 57)
    meetings.attendance_record(
        meeting,
        lead,
        {
            people[email]: (status, minutes or None)
            for email, status, minutes, _payment, _paid in SPRING_ATTENDANCE
        },
    )
    meetings.minutes_save(
        meeting,
        lead,
        SPRING_MINUTES,
        publish=True,
        discussed_items=[items[key] for key in keys],
        now=at(47, 12),
    )
    for key in keys:
        items[key] = _backdate_latest_change(items[key], 50)
    return meeting


def _actions_on_items(people, lead, items, spring):
    """The two top items get actions; routines is done, its outcome published and answered
    "partly" by Dev, who raised it."""
    routines = tracker.action_create_from_agenda_item(
        items["routines"],
        title="Plan getting up and going to bed with each person",
        owner=people["supervisor@riverside.example.org"],
        due_on=timezone.localdate() - timedelta(days=10),
        recommendation_themes=["rec_principles"],
        priority_round=spring,
    )
    backdate(routines, created_at=at(47, 17))
    items["routines"] = _move(
        items["routines"],
        Status.ACTION_AGREED,
        lead,
        47,
        "Agreed at the spring meeting: a plan with each person, and a rota that follows it.",
    )
    tracker.action_complete(routines, outcome=ROUTINES_OUTCOME, now=at(12, 15))
    items["routines"] = _move(items["routines"], Status.CLOSED, lead, 11, ROUTINES_OUTCOME)
    answer = tracker.outcome_respond(
        routines,
        people[MEMBER],
        addressed=OutcomeResponse.Addressed.PARTLY,
        comment=ROUTINES_ANSWER,
    )
    backdate(answer, responded_at=at(9, 18))

    nights = tracker.action_create_from_agenda_item(
        items["nights"],
        title="Book the same night staff instead of different agency workers",
        owner=people["leader@riverside.example.org"],
        due_on=timezone.localdate() + timedelta(days=30),
        recommendation_themes=["rec_frontline"],
        priority_round=spring,
    )
    tracker.action_update(nights, status=Action.Status.IN_PROGRESS)
    backdate(nights, created_at=at(47, 17))
    items["nights"] = _move(
        items["nights"],
        Status.ACTION_AGREED,
        lead,
        47,
        "Agreed at the spring meeting: the home will book regular night staff.",
    )


def _payments(organisation, space, people, meeting):
    """The organisation's rate, what the spring meeting and a content review are worth, and
    what finance has paid or the member declined."""
    admin = people.get("admin@riverside.example.org")
    if not InvolvementRate.objects.filter(organisation=organisation).exists():
        payments.rate_set(organisation, HOURLY_RATE, admin)
    lead = people[LEAD]
    payments.records_from_meeting(meeting, lead)
    payments.record_add(
        space,
        member=lead,
        kind=InvolvementRecord.Kind.CONTENT_REVIEW,
        description="Reviewed the learning module on listening before it was published",
        occurred_on=timezone.localdate() - timedelta(days=15),
        minutes=60,
        by=lead,
    )
    records = InvolvementRecord.objects.filter(meeting=meeting)
    for email, _attended, _minutes, status, paid in SPRING_ATTENDANCE:
        record = records.filter(member=people[email])
        if status == InvolvementRecord.Status.PAID:
            payments.records_mark_paid(record, timezone.localdate() - timedelta(days=paid))
        elif status == InvolvementRecord.Status.DECLINED:
            payments.record_mark_declined(record.get())


def _summer_round(space, people, lead, items):
    """Open now, until 12 days from now. Three members have voted; the demo member has not."""
    opens = at(2, 9)
    summer = rounds.round_open(
        space,
        lead,
        title="Summer priorities",
        method=PriorityRound.Method.APPROVAL,
        opens_at=opens,
        closes_at=at(-12, 17),
        agenda_items=[items[key] for key in ("visitors", "going_out", "rooms")],
        now=opens,
    )
    round_items = _round_items(summer)
    for email, keys in SUMMER_BALLOTS:
        rounds.ballot_submit(summer, people[email], {round_items[items[key].pk]: 1 for key in keys})
    return summer


def _summer_meeting(space, lead, items):
    meeting = meetings.meeting_plan(
        space,
        lead,
        title="Summer meeting",
        starts_at=at(-14, 14),
        duration_minutes=120,
        place="The garden room, Willow House. Step-free, with a hearing loop.",
        online_link="https://meet.example.org/willow-house-voices",
        agenda_items=[items["leaflet"]],
    )
    items["leaflet"] = _backdate_latest_change(items["leaflet"], 3)
    return meeting


def _feedback(organisation, willow, people):
    """Feedback about Willow House and Elm Court, and the actions taken on two pieces."""
    recorded = {}
    elm = Service.objects.filter(organisation=organisation, name="Elm Court").first()
    rows = [(willow, row) for row in WILLOW_FEEDBACK]
    if elm is not None:
        rows += [(elm, row) for row in ELM_FEEDBACK]
    for service, (channel, giver, days_ago, text, themes, recorder) in rows:
        recorded[text] = tracker.feedback_record(
            channel=channel,
            giver_role=giver,
            service=service,
            text=text,
            themes=themes,
            received_on=timezone.localdate() - timedelta(days=days_ago),
            recorded_by=people.get(recorder) if recorder else None,
        )
    weight = recorded[WILLOW_FEEDBACK[3][3]]
    action = tracker.action_create_from_feedback(
        weight,
        title="Weigh people every week and act on any loss straight away",
        owner=people["supervisor@riverside.example.org"],
        due_on=timezone.localdate() - timedelta(days=25),
        recommendation_themes=["rec_assessment"],
    )
    backdate(action, created_at=at(55, 12))
    tracker.action_complete(action, outcome=WEIGHT_OUTCOME, now=at(20, 15))

    call_bells = recorded[WILLOW_FEEDBACK[0][3]]
    action = tracker.action_create_from_feedback(
        call_bells,
        title="Check call-bell times at tea time and report back to the family forum",
        owner=people["host@riverside.example.org"],
        due_on=timezone.localdate() + timedelta(days=21),
        recommendation_themes=["rec_frontline"],
    )
    backdate(action, created_at=at(8, 12))


# --- Northfield -----------------------------------------------------------------------------


def _northfield(stdout):
    organisation = Organisation.objects.filter(slug="northfield").first()
    if organisation is None:
        return
    people = _people(organisation)
    if any(email not in people for email, _role in NORTHFIELD_MEMBERS):
        stdout.write("Co-production demo: the Northfield demo people are missing; skipped.\n")
        return
    space = _space(organisation, NORTHFIELD_SPACE, people, NORTHFIELD_MEMBERS)
    if space is None:
        stdout.write("Co-production demo for Northfield: already there.\n")
        return
    lead = people[NORTHFIELD_MEMBERS[0][0]]
    for email, days_ago, title, about, why, status, reason in NORTHFIELD_ITEMS:
        item = _propose(space, people, email, days_ago, title, about, why)
        if status != Status.PROPOSED:
            _move(item, status, lead, days_ago - 5, reason)
    stdout.write(f"Co-production demo for Northfield: {space.name}.\n")


# --- Loading --------------------------------------------------------------------------------


def load(stdout):
    _riverside(stdout)
    _northfield(stdout)


def summary(stdout):
    """The co-production sign-ins (the same password as every demo account)."""
    if not CoproductionSpace.objects.filter(slug=slugify(RIVERSIDE_SPACE["name"])).exists():
        return
    stdout.write(f"Co-production ({RIVERSIDE_SPACE['name']}; password {DEMO_PASSWORD}):\n")
    stdout.write(f"  {LEAD:<38} the lead: run rounds, move items on, record actions\n")
    stdout.write(f"  {MEMBER:<38} a member: vote in the open round, answer an outcome\n")
    stdout.write("  member2@ to member5@riverside.example.org  more lived-experience members\n\n")
