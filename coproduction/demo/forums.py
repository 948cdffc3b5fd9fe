"""Demo family forum and concerns (part of `coproduction.demo`).

Riverside's Willow House: the "Willow House Family Forum", hosted by the demo forum host
(host@riverside.example.org), with the demo family member (family@riverside.example.org) and
seven more families, each saying whom they visit (a first name). Three past evenings have RSVPs,
who came, published notes and what families raised, with "what we will do" (two done, so they
show on "you said, we did"); two events are coming up, and the demo family member has not
answered the first yet. Questions were sent in, some answered and some waiting for weeks (one
anonymous); threads have replies, one post hidden with its reason and another reported. The
first family survey is closed with 7 answers (so its recommend score shows) and a second one is
open; the demo family member has not answered it. Concerns about Willow House are in every
status, with the local safeguarding contacts for anyone at risk now: a possible safeguarding
concern about a resident's money, dealt with in hours and closed with its outcome; an anonymous
one being looked into; one from a visitor without an account; and a possible safeguarding
concern raised yesterday that nobody has acknowledged: the sweeper has re-alerted the
safeguarding leads and escalated it to the leaders.

How it is made:
- Everything goes through the services of `coproduction.forums`, `questions`, `surveys` and
  `concerns` (and the tracker's `feedback_tag`, `action_update` and `action_complete`), and
  their `now=` arguments where they have one. The services stamp the time of loading, so the
  demo then moves the stamps into the past with `backdate`, in the order things happened.
- Concerns are routed and re-alerted by calling the concerns services with the moment it
  happened (the routing task the service queues then finds them routed and does nothing), so
  each acknowledgement deadline, alert and escalation fits its concern's history.
- RSVPs are taken only before an event starts, as the service insists: a past evening is
  planned for next week, answered, then moved to its date.
- Emails: the services send what they always send (to the hosts, the safeguarding leads and
  leaders, the families, the person who raised a concern) at once or when the load commits, to
  demo accounts and example.org addresses only.

Safe to run again: if Willow House already has a family forum, nothing is added.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.organisations.demo import DEMO_PASSWORD, demo_user
from cms.organisations.models import Membership, Role, Service
from coproduction.concerns.models import Concern, ConcernContacts
from coproduction.forums.models import EventRSVP, FamilyForum
from coproduction.questions.models import ForumPost
from coproduction.tracker.models import Action

from ..concerns import services as concerns
from ..forums import services as forums
from ..questions import services as questions
from ..tracker import services as tracker
from .helpers import at, backdate, concern_raised, date_new_events, survey_held

Answer = EventRSVP.Answer
Raiser = Concern.RaiserRole
Status = Concern.Status

ORGANISATION = "riverside"
SERVICE = "Willow House"
HOST = "host@riverside.example.org"
FAMILY = "family@riverside.example.org"
SAFEGUARDING = "safeguarding@riverside.example.org"
SPEAK_UP_LEAD = "speakup@riverside.example.org"
LEADER = "leader@riverside.example.org"

FORUM = {
    "name": "Willow House Family Forum",
    "welcome": "A place for the families and friends of people who live at Willow House to "
    "meet, ask questions and tell us what we could do better. We meet every two months on a "
    "weekday evening, in the lounge and online, usually with a guest speaker. Send questions in "
    "ahead, with your name or without it. Tom Hughes hosts the forum: you can talk to him at "
    "reception any weekday.",
}

CONTACTS = {
    "safeguarding_team": "Riverside Borough Council, adult safeguarding team",
    "safeguarding_phone": "01632 960412",
    "safeguarding_email": "adult.safeguarding@riversideborough.example.org",
    "out_of_hours_phone": "01632 960735",
}

# (email, first name, last name, whom they visit); the demo family member is made by the host
# demo and visits her mother.
FAMILIES = [
    (FAMILY, "Helen", "Carter", "Margaret"),
    ("family2@riverside.example.org", "Ian", "Walsh", "Peter"),
    ("family3@riverside.example.org", "Amara", "Okoye", "Beatrice"),
    ("family4@riverside.example.org", "Gareth", "Price", "Joan"),
    ("family5@riverside.example.org", "Mei", "Chen", "Rose"),
    ("family6@riverside.example.org", "Sandra", "Kowalski", "Stanley"),
    ("family7@riverside.example.org", "Joe", "Fletcher", "Irene"),
    ("family8@riverside.example.org", "Priti", "Desai", "Harish"),
]
FAMILY2, FAMILY3, FAMILY4, FAMILY5, FAMILY6, FAMILY7, FAMILY8 = (row[0] for row in FAMILIES[1:])

LOUNGE = "The lounge, Willow House, 14 Mill Lane"
ONLINE = "https://meet.example.org/willow-house-family-forum"
ACCESS = "Step-free entrance by the side door. Hearing loop in the lounge."
# Agreed in the "Parking on forum evenings" thread.
ACCESS_AND_PARKING = (
    f"{ACCESS} On forum evenings families can park at St Mark's church hall across the road."
)

# Past evenings: key -> (days ago, details, RSVPs as (email, answer, guests, access needs,
# came), notes, what families raised, what we will do, themes, the outcome and when it was done
# (None: still being done)).
PAST_EVENTS = {
    "welcome": (
        120,
        {
            "title": "Welcome evening: starting the family forum",
            "duration_minutes": 90,
            "guest_speaker": "Alex Morgan, director of care, Riverside Care Group",
            "topic": "What the forum is for, how it will work, and what families want from it.",
            "refreshments": "Tea, coffee and cake from the Willow House kitchen",
            "place": LOUNGE,
            "online_link": "",
            "access_notes": ACCESS,
        },
        [
            (FAMILY, Answer.YES, 0, "", True),
            (FAMILY2, Answer.YES, 1, "", True),
            (FAMILY3, Answer.YES, 0, "", True),
            (FAMILY4, Answer.YES, 0, "I use a wheelchair. A space near the door, please.", True),
            (FAMILY5, Answer.MAYBE, 0, "", False),
            (FAMILY6, Answer.YES, 1, "", True),
            (FAMILY7, Answer.NO, 0, "", False),
        ],
        "Five families came, with two guests. Alex Morgan explained why Riverside wants "
        "a family forum in every home: families notice things first, and the home should hear "
        "them.\n\n"
        "We agreed to meet every two months on a weekday evening, to send questions in ahead "
        "(with a name or without), and that Tom Hughes will host.\n\n"
        "Several families said they hear about changes, like a new menu, a room move or a new "
        "night manager, only after they have happened. They asked to be told before.",
        "Families hear about changes at Willow House after they have happened, not before.",
        "Send every family a short letter each month about what is changing and who to ask.",
        ["hm_not_listening"],
        (
            "A one-page letter now goes to every family on the first Monday of each month, by "
            "email or on paper, saying what is changing at Willow House, when, and who to ask "
            "about it. Families can ask for it in large print.",
            100,
        ),
    ),
    "meals": (
        60,
        {
            "title": "Mealtimes at Willow House",
            "duration_minutes": 90,
            "guest_speaker": "Bea Lawson, head chef, and Priya Shah, care supervisor",
            "topic": "How the menus are planned, how people are helped to eat and drink, and "
            "how families can join a meal.",
            "refreshments": "Tasters from the new menu",
            "place": LOUNGE,
            "online_link": ONLINE,
            "access_notes": ACCESS,
        },
        [
            (FAMILY, Answer.YES, 0, "", True),
            (FAMILY2, Answer.YES, 0, "", True),
            (FAMILY3, Answer.YES, 1, "", True),
            (FAMILY4, Answer.NO, 0, "", False),
            (FAMILY5, Answer.YES, 0, "", True),
            (FAMILY6, Answer.MAYBE, 0, "", True),
            (FAMILY8, Answer.YES, 0, "", False),
        ],
        "Five families came, one of them online. Bea showed the new four-week menu "
        "and explained how people choose their meals the day before, with pictures for anyone "
        "who finds the printed menu hard.\n\n"
        "Families can join their relative for lunch or tea: tell the kitchen by 10 that "
        "morning.\n\n"
        "Families said that at tea time meals are sometimes left out of reach in people's "
        "rooms and go cold, when staff are busy. Priya said this should never happen and "
        "explained what will change.",
        "Meals are sometimes left out of reach in people's rooms and go cold at tea time.",
        "Protect mealtimes, and give each person who eats in their room a named carer at meals.",
        ["harm_practice"],
        (
            "At lunch and tea, staff now do no paperwork or cleaning. Each corridor has a named "
            "carer at every meal, who makes sure everyone eating in their room has their meal "
            "within reach and stays to help if they need it. The chef and a supervisor check a "
            "different corridor each week, and report to the forum.",
            30,
        ),
    ),
    "concerns": (
        18,
        {
            "title": "Raising a concern: what happens next",
            "duration_minutes": 90,
            "guest_speaker": "Jo Hartley, social worker, Riverside Borough Council",
            "topic": "What safeguarding means, when to raise a concern, what happens after you "
            "do, and how you are kept informed.",
            "refreshments": "Tea, coffee and biscuits",
            "place": LOUNGE,
            "online_link": ONLINE,
            "access_notes": ACCESS_AND_PARKING,
        },
        [
            (FAMILY, Answer.YES, 0, "", True),
            (FAMILY2, Answer.MAYBE, 0, "", False),
            (FAMILY3, Answer.YES, 0, "", True),
            (FAMILY4, Answer.YES, 0, "I use a wheelchair. A space near the door, please.", True),
            (FAMILY6, Answer.YES, 0, "", True),
            (FAMILY7, Answer.YES, 0, "", True),
            (FAMILY8, Answer.YES, 1, "", True),
        ],
        "Six families came, with one guest. Jo explained that anyone can raise a concern, that "
        "you do not need proof, and that the council's safeguarding team can be called "
        "directly. Tom showed how to raise a concern on this website, anonymously if you "
        "prefer, and how you are told the outcome.\n\n"
        "Families said they often do not know who is in charge at weekends, or whom to ask if "
        "something is wrong on a Saturday or Sunday.",
        "Families do not know who is in charge at weekends, or whom to ask if something is wrong.",
        "Show the name, photo and phone number of the manager on duty by the front door daily.",
        ["hm_disconnected"],
        None,
    ),
}

# Events coming up: (days from now, hour, details, RSVPs). The demo family member has not
# answered the first one.
UPCOMING_EVENTS = {
    "visiting": (
        12,
        18,
        {
            "title": "Visiting, going out and keeping in touch",
            "duration_minutes": 90,
            "guest_speaker": "Grace Mensah and members of Willow House Voices",
            "topic": "People who live at Willow House share what they want to change about "
            "visiting and trips out, and ask families what they think.",
            "refreshments": "Tea, coffee and scones",
            "place": LOUNGE,
            "online_link": ONLINE,
            "access_notes": ACCESS_AND_PARKING,
        },
        [
            (FAMILY2, Answer.YES, 1, ""),
            (FAMILY3, Answer.MAYBE, 0, ""),
            (FAMILY4, Answer.YES, 0, "I use a wheelchair. A space near the door, please."),
            (FAMILY6, Answer.NO, 0, ""),
        ],
    ),
    "open_afternoon": (
        54,
        14,
        {
            "title": "Open afternoon and forum",
            "duration_minutes": 180,
            "guest_speaker": "",
            "topic": "An afternoon of music and tea with residents, families and staff, with a "
            "short forum meeting at three o'clock.",
            "refreshments": "Sandwiches and cakes",
            "place": LOUNGE,
            "online_link": "",
            "access_notes": ACCESS,
        },
        [
            (FAMILY, Answer.MAYBE, 0, ""),
            (FAMILY5, Answer.YES, 2, ""),
            (FAMILY6, Answer.YES, 1, ""),
        ],
    ),
}

# Questions: (who asked, None when anonymous; days ago; text; the event key it was sent in for;
# the answer and days ago it was given, or None while it waits).
QUESTIONS = [
    (
        FAMILY,
        110,
        "Could the forum meet online as well? Some of us live a long way from Willow House.",
        None,
        (
            "Yes. From the mealtimes evening on, every forum meeting has an online link as "
            "well as the room, and the link is on the event's page.",
            106,
        ),
    ),
    (
        FAMILY3,
        66,
        "Can families join their relative for lunch or tea, and is there a charge?",
        "meals",
        (
            "Yes, and you are very welcome. Tell the kitchen by 10 that morning. There is no "
            "charge for one guest at a meal. Bea talked about this at the mealtimes evening.",
            60,
        ),
    ),
    (
        FAMILY2,
        45,
        "Dad's clothes keep coming back from the laundry with other people's names in them. "
        "Whom should I speak to?",
        None,
        (
            "Please speak to Sam Okafor, who looks after the laundry rota, or leave a note at "
            "reception. We are also labelling every new item of clothing when it arrives.",
            43,
        ),
    ),
    (
        FAMILY7,
        38,
        "What happens when the lift is out of order? Last time, people upstairs could not come "
        "down to the lounge for two days.",
        None,
        None,
    ),
    (
        None,
        24,
        "Are there enough staff on in the late afternoon? Around tea time it often feels as if "
        "nobody is about.",
        None,
        None,
    ),
    (
        FAMILY5,
        4,
        "Can children visit after school, around four o'clock, without booking?",
        "visiting",
        None,
    ),
]

# Threads: (who started it, days ago, title, first post, replies as (who, days ago, hour,
# text)). Hours keep replies on the same day in order.
THREADS = [
    (
        FAMILY2,
        50,
        "Parking on forum evenings",
        "The car park was full at the last forum and I ended up on the main road. Is there "
        "anywhere else we can park?",
        [
            (
                FAMILY4,
                50,
                21,
                "St Mark's church hall across the road lets people park there in the evenings "
                "if you ask. I did last time.",
            ),
            (
                HOST,
                49,
                10,
                "Thank you both. We have asked the church, and families are welcome to park "
                "there on forum evenings. We will say so on every invitation.",
            ),
            (
                FAMILY8,
                48,
                19,
                "If anyone needs a lift, my cousin runs a taxi firm. Ring 01632 960999 and say "
                "Willow House for 10% off.",
            ),
        ],
    ),
    (
        FAMILY4,
        32,
        "Clothes going missing from the laundry",
        "Is anyone else finding clothes going missing? Mum has lost two cardigans this month.",
        [
            (
                FAMILY,
                32,
                21,
                "Yes, Margaret's blue cardigan has gone too. The name labels seem to come off "
                "in the wash.",
            ),
            (
                FAMILY7,
                31,
                22,
                "It's obviously the new laundry assistant. She clearly doesn't care and should "
                "be sacked.",
            ),
            (
                HOST,
                30,
                10,
                "We are sorry about the missing clothes. From next week every new item gets an "
                "iron-on label, and Sam will check the lost-property cupboard every Friday and "
                "bring anything without a name to reception, where you can look through it.",
            ),
        ],
    ),
    (
        FAMILY6,
        9,
        "Ideas for the open afternoon",
        "The open afternoon is coming up. Could we have music from when our parents were young? "
        "My dad would love some 1960s songs.",
        [
            (FAMILY, 8, 20, "Margaret would love that. I can bring a lemon cake."),
            (
                HOST,
                7,
                10,
                "Lovely ideas, thank you. Keep them coming here and we will plan the afternoon "
                "together at the visiting evening.",
            ),
        ],
    ),
]
# (thread title, author of the reply) -> (who hid it, days ago, the reason its author is told)
HIDDEN = {
    ("Clothes going missing from the laundry", FAMILY7): (
        HOST,
        30,
        "We have hidden this because it blames a member of staff who can be recognised, for "
        "something nobody has looked into yet. If you think someone has done something wrong, "
        "please raise a concern: it will be looked into fairly, and you will be told the "
        "outcome.",
    ),
}
# (thread title, author of the reply) -> (who reported it, the reason); left for the hosts.
REPORTED = {
    ("Parking on forum evenings", FAMILY8): (
        FAMILY2,
        "This is an advert. I don't think it belongs on the forum.",
    ),
}

# Consent for quotes: the few words (questions, first posts, survey comments) whose writers
# agreed they may be quoted in reports. The demo family member's question is one, so the demo
# shows taking it back.
QUOTED = frozenset(
    {
        QUESTIONS[0][2],
        QUESTIONS[4][2],
        THREADS[1][3],
        "Clean and bright, and the garden is lovely.",
        "The forum evenings. We feel listened to.",
    }
)

# The first survey: (who answered, recommend 0-10, what is good, what could be better).
# Promoters 3, passives 2, detractors 2: a recommend score of +14.
FIRST_SURVEY = {
    "title": "Family survey: how are we doing?",
    "opens": 75,
    "closes": 47,
    "answers": [
        (
            FAMILY,
            9,
            "Staff know Margaret well and always have time for a chat when I visit.",
            "Tell us about changes before they happen.",
        ),
        (
            FAMILY2,
            6,
            "The activities coordinator is brilliant.",
            "Meals are sometimes cold, and clothes go missing in the laundry.",
        ),
        (FAMILY3, 10, "Beatrice is happy here, and the staff treat her like family.", ""),
        (
            FAMILY4,
            8,
            "Clean and bright, and the garden is lovely.",
            "More staff in the late afternoon.",
        ),
        (
            FAMILY5,
            4,
            "",
            "I had to ring three times before anyone got back to me about Mum's care plan.",
        ),
        (FAMILY6, 9, "The forum evenings. We feel listened to.", "Weekend staffing."),
        (FAMILY7, 7, "Friendly reception staff.", "Parking is very difficult."),
    ],
}
# The second survey is open: three families have answered, the demo family member has not.
OPEN_SURVEY = {
    "title": "Family survey: what has changed for you?",
    "opens": 3,
    "closes": -11,
    "answers": [
        (FAMILY3, 9, "The new mealtime helpers.", ""),
        (FAMILY4, 8, "", "The lift: it was out of order again last week."),
        (FAMILY6, 10, "Dad got out to the shops twice this month.", ""),
    ],
}

# Concerns, oldest first. Each: who raised it (None for a visitor without an account or an
# anonymous concern), how they raised it, and its history: (status, days ago, hour, who moved
# it, note), with the outcome for "outcome shared", and themes for the tracker.
CONCERNS = [
    {
        "key": "meals",
        "by": FAMILY,
        "raised": (115, 20),
        "raiser_role": Raiser.FAMILY,
        "what_happened": "Twice last week my mum's tea was left on the table at the end of her "
        "room, where she could not reach it. When I arrived at seven it was cold and she had "
        "not eaten. Nobody seemed to have noticed.",
        "who_is_affected": "My mum, Margaret.",
        "possible_safeguarding": False,
        "history": [
            (
                Status.ACKNOWLEDGED,
                114,
                10,
                HOST,
                "Thank you for telling us. I am looking into this with the supervisor who was "
                "on duty on those evenings.",
            ),
            (
                Status.LOOKING_INTO,
                113,
                15,
                HOST,
                "Checking the mealtime records and talking to the staff on both shifts.",
            ),
            (Status.OUTCOME_SHARED, 101, 16, HOST, ""),
            (Status.CLOSED, 96, 11, HOST, "Helen rang to say she is happy with the answer."),
        ],
        "outcome": "Thank you for raising this. We checked the records and talked to the staff "
        "on both evenings. Two members of staff were covering tea for the whole first floor, "
        "and Margaret's tray was put down without anyone checking that she could reach it. "
        "That should not have happened, and we are sorry. Each person who eats in their room "
        "now has a named carer at every meal, who stays to help if they need it. We will talk "
        "about mealtimes with all families at a forum evening.",
        "themes": ["harm_practice"],
    },
    {
        "key": "money",
        "by": FAMILY4,
        "raised": (92, 13),
        "raiser_role": Raiser.FAMILY,
        "what_happened": "Mum keeps some money in the office for the hairdresser and the shop "
        "trolley. The record sheet says £60, but when I asked to see it there was £20 in the "
        "envelope, and nobody could tell me why.",
        "who_is_affected": "My mum, Joan.",
        "possible_safeguarding": True,
        "history": [
            (
                Status.ACKNOWLEDGED,
                92,
                15,
                SAFEGUARDING,
                "Acknowledged. The envelope and the records are locked away, and I have told "
                "Gareth what happens next.",
            ),
            (
                Status.LOOKING_INTO,
                92,
                16,
                SAFEGUARDING,
                "Looking into this with the home manager. The council's safeguarding team has "
                "been told.",
            ),
            (Status.OUTCOME_SHARED, 71, 12, SAFEGUARDING, ""),
            (Status.CLOSED, 65, 10, SAFEGUARDING, "Agreed with the council: no further action."),
        ],
        "outcome": "We checked every entry since the start of the year against the "
        "hairdresser's and the shop's receipts. £40 had paid for two hair appointments of "
        "Joan's but was written on another resident's sheet. No money was taken, but the "
        "records were not good enough, and we are sorry for the worry this caused you and "
        "Joan. Both sheets are corrected. From now on two members of staff sign for every "
        "payment in or out, the receipt is kept with the sheet, and every family is offered a "
        "statement each month. The council's safeguarding team was told and agreed that no "
        "further action is needed.",
        "themes": [],
    },
    {
        "key": "visiting",
        "by": None,
        "contact_name": "Janet Moss",
        "contact_email": "janet.moss@example.org",
        "raised": (40, 17),
        "raiser_role": Raiser.VISITOR,
        "what_happened": "I have visited my friend Doris every Thursday for years. Last week I "
        "was told that visits must now be booked a day ahead and last no more than an hour, "
        "and I was turned away at the door because I had not booked. Doris was expecting me.",
        "who_is_affected": "My friend Doris.",
        "possible_safeguarding": False,
        "history": [
            (
                Status.ACKNOWLEDGED,
                38,
                11,
                HOST,
                "Acknowledged, and apologised to Janet by email for being turned away.",
            ),
            (
                Status.LOOKING_INTO,
                38,
                12,
                HOST,
                "Checking what reception staff have been told about visiting.",
            ),
            (Status.OUTCOME_SHARED, 26, 15, HOST, ""),
        ],
        "outcome": "Thank you, and we are sorry you were turned away. There is no rule that "
        "visits must be booked or kept to an hour: a new member of reception staff had been "
        "given out-of-date instructions. Everyone at reception now has the current visiting "
        "policy: visitors are welcome at any reasonable time without booking, and we only ask "
        "you to avoid mealtimes if the person you visit prefers that. Doris knows, and is "
        "looking forward to Thursday.",
        "themes": ["hm_risk_avoidance"],
    },
    {
        "key": "call_bells",
        "by": None,
        "anonymous": True,
        "raised": (16, 21),
        "raiser_role": Raiser.FAMILY,
        "what_happened": "Around tea time the call bells on the first floor often ring for a "
        "long time, sometimes more than fifteen minutes. Last week I saw a resident try to get "
        "up on their own because nobody came. Staff told me they were doing their best with two "
        "people on the floor.",
        "who_is_affected": "People on the first floor.",
        "possible_safeguarding": False,
        "history": [
            (Status.ACKNOWLEDGED, 15, 10, HOST, "Acknowledged."),
            (
                Status.LOOKING_INTO,
                14,
                16,
                HOST,
                "Asked for the call-bell response times for the last month, and looking at the "
                "tea-time rota with the manager.",
            ),
        ],
        "themes": ["hm_not_listening", "harm_practice"],
    },
    {
        "key": "glasses",
        "by": FAMILY5,
        "raised": (6, 18),
        "raiser_role": Raiser.FAMILY,
        "what_happened": "Mum's glasses have gone missing twice this month. The second time "
        "nobody could tell me when she last had them, and she could not read or do her "
        "crossword for three days.",
        "who_is_affected": "My mum, Rose.",
        "possible_safeguarding": False,
        "history": [
            (
                Status.ACKNOWLEDGED,
                5,
                11,
                HOST,
                "Acknowledged. Asked the day team to check where Rose's glasses are kept at night.",
            ),
        ],
        "themes": [],
    },
    {
        "key": "trips",
        "by": FAMILY6,
        "raised": (1, 19),
        "raiser_role": Raiser.FAMILY,
        "what_happened": "Dad's weekly trip to the shops has been cancelled three weeks running "
        "because there were not enough staff. He has not been out of the home for a month, "
        "and he misses it.",
        "who_is_affected": "My dad, Stanley.",
        "possible_safeguarding": False,
        "history": [],
        "themes": [],
    },
]
# Raised yesterday and still not acknowledged: the sweeper (every 15 minutes) re-alerted the
# safeguarding leads at its first run after the 24-hour deadline and every hour after that, and
# escalated to the leaders on the third re-alert, 40 minutes before loading (so the next
# reminder is about 20 minutes away).
OVERDUE = {
    "key": "night",
    "by": FAMILY8,
    "raiser_role": Raiser.FAMILY,
    "what_happened": "My father told me that two nights ago a carer on the night shift was "
    "rough with him when helping him to change, and spoke sharply to him when he asked her to "
    "slow down. He was upset the next morning and did not want to talk about it.",
    "who_is_affected": "My father, Harish.",
    "possible_safeguarding": True,
}
OVERDUE_RAISED_AGO = timedelta(hours=26, minutes=45)
OVERDUE_REALERTED_AGO = [
    timedelta(hours=2, minutes=40),
    timedelta(hours=1, minutes=40),
    timedelta(minutes=40),
]


def _willow():
    return Service.objects.filter(organisation__slug=ORGANISATION, name=SERVICE).first()


def _people(willow):
    """Every demo person of Riverside by email, with the extra families made the way the host
    demo makes its accounts (family members of Willow House)."""
    organisation = willow.organisation
    for email, first, last, _visits in FAMILIES:
        if email == FAMILY:
            continue
        user = demo_user(email, first, last)
        Membership.objects.get_or_create(
            user=user, organisation=organisation, service=willow, role=Role.FAMILY_MEMBER
        )
    user_ids = Membership.objects.filter(organisation=organisation).values("user_id")
    return {user.email: user for user in get_user_model().objects.filter(pk__in=user_ids)}


def load(stdout):
    willow = _willow()
    if willow is None:
        return
    if FamilyForum.objects.filter(service=willow).exists():
        stdout.write(f"Family forum demo for {SERVICE}: already there.\n")
        return
    people = _people(willow)
    if any(email not in people for email in (HOST, FAMILY, SAFEGUARDING, LEADER)):
        stdout.write("Family forum demo: the Riverside demo people are missing; skipped.\n")
        return
    forum = _forum(willow, people)
    events = _events(forum, people)
    _questions(forum, people, events)
    _threads(forum, people)
    _surveys(forum, people)
    codes = _concerns(willow, people)
    stdout.write(
        f"Family forum demo for {SERVICE}: {forum.name}, with {len(FAMILIES)} families, "
        f"{len(events)} events, questions, threads, two family surveys and "
        f"{len(CONCERNS) + 1} concerns.\n"
    )
    for reference, code in codes:
        stdout.write(
            f"  A visitor without an account follows concern {reference} with the tracking "
            f"code {code} (shown only now).\n"
        )


# --- The forum and its families -------------------------------------------------------------


def _forum(willow, people):
    ConcernContacts.objects.get_or_create(service=willow, defaults=CONTACTS)
    forum = forums.forum_create(willow, name=FORUM["name"], welcome=FORUM["welcome"])
    backdate(forum, created_at=at(150))
    for joined, (email, _first, _last, visits) in enumerate(FAMILIES):
        place = forums.family_visits_set(forum, people[email], visits)
        backdate(place, joined_at=at(148 - 3 * joined, 19))
    return forum


# --- Events ---------------------------------------------------------------------------------


def _answer(event, people, rsvps):
    for email, answer, guests, access_needs, *_came_or_not in rsvps:
        forums.rsvp_set(
            event, people[email], answer=answer, guests=guests, access_needs=access_needs
        )


def _events(forum, people):
    """The past evenings (planned a month ahead, answered, held, written up, with what families
    raised) and the ones coming up. Returns the events by key."""
    host = people[HOST]
    events = {}
    for key, (days_ago, details, rsvps, notes, *raised) in PAST_EVENTS.items():
        # Families answer only before an event starts, so it is answered while still to come,
        # then moved to its date.
        event = forums.event_create(
            forum, host, starts_at=timezone.now() + timedelta(days=7), **details
        )
        _answer(event, people, rsvps)
        backdate(event, starts_at=at(days_ago, 18), created_at=at(days_ago + 30, 10))
        came = {email for email, *_reply, attended in rsvps if attended}
        written_up = at(days_ago - 2, 12)
        forums.notes_save(
            event,
            notes=notes,
            publish=True,
            attended_ids=[
                rsvp.pk for rsvp in event.rsvps.select_related("user") if rsvp.user.email in came
            ],
            now=written_up,
        )
        event.rsvps.update(updated_at=written_up)
        _families_raised(event, host, written_up, *raised)
        events[key] = event
    for number, (key, (days_ahead, hour, details, rsvps)) in enumerate(UPCOMING_EVENTS.items()):
        event = forums.event_create(forum, host, starts_at=at(-days_ahead, hour), **details)
        backdate(event, created_at=at(5 - number, 10))
        _answer(event, people, rsvps)
        event.rsvps.update(updated_at=at(3 - number, 20))
        events[key] = event
    return events


def _families_raised(event, host, written_up, raised, will_do, themes, done):
    """What families raised at the event and what the home will do; done, with its outcome on
    "you said, we did", or still being done."""
    feedback, action = forums.event_action_record(
        event, host, raised=raised, will_do=will_do, themes=themes
    )
    backdate(feedback, created_at=written_up)
    backdate(action, created_at=written_up)
    if done is None:
        tracker.action_update(
            action,
            owner=host,
            due_on=timezone.localdate() + timedelta(days=14),
            status=Action.Status.IN_PROGRESS,
        )
        return
    outcome, done_days_ago = done
    tracker.action_update(action, owner=host)
    tracker.action_complete(action, outcome=outcome, now=at(done_days_ago, 15))


# --- Questions and threads ------------------------------------------------------------------


def _questions(forum, people, events):
    host = people[HOST]
    for email, days_ago, text, event_key, answer in QUESTIONS:
        asked = at(days_ago, 20)
        question = questions.question_ask(
            forum,
            people[email] if email else None,
            text=text,
            event=events.get(event_key),
            anonymous=email is None,
            may_quote=text in QUOTED,
            now=asked,
        )
        backdate(question, asked_at=asked)
        backdate(
            question.feedback_item,
            received_on=timezone.localdate(asked),
            created_at=asked,
        )
        if answer is not None:
            text, answered_days_ago = answer
            questions.question_answer(question, host, text, now=at(answered_days_ago, 19))


def _threads(forum, people):
    for email, days_ago, title, body, replies in THREADS:
        started = at(days_ago, 19)
        thread = questions.thread_start(
            forum, people[email], title=title, body=body, may_quote=body in QUOTED, now=started
        )
        backdate(thread, created_at=started)
        ForumPost.objects.filter(thread=thread).update(created_at=started)
        for author, reply_days_ago, hour, text in replies:
            when = at(reply_days_ago, hour)
            post = questions.post_reply(thread, people[author], text, now=when)
            backdate(post, created_at=when)
            hidden = HIDDEN.get((title, author))
            if hidden:
                by, hidden_days_ago, reason = hidden
                questions.post_hide(post, people[by], reason, now=at(hidden_days_ago, 9))
            reported = REPORTED.get((title, author))
            if reported:
                by, reason = reported
                report = questions.post_report(post, people[by], reason)
                backdate(report, created_at=at(reply_days_ago - 1, 9))


# --- Surveys --------------------------------------------------------------------------------


def _surveys(forum, people):
    host = people[HOST]
    for details in (FIRST_SURVEY, OPEN_SURVEY):
        survey_held(
            forum,
            host,
            title=details["title"],
            opens_at=at(details["opens"], 9),
            closes_at=at(details["closes"], 17),
            created_at=at(details["opens"] + 2, 10),
            answers=[
                (people[email], recommend, good, better)
                for email, recommend, good, better in details["answers"]
            ],
            quoted=QUOTED,
        )


# --- Concerns -------------------------------------------------------------------------------


def _concerns(willow, people):
    """The concerns in the order they were raised, each moved through its history. Returns the
    (reference, tracking code) of the one raised by a visitor without an account."""
    codes = []
    for details in CONCERNS:
        concern, code = concern_raised(willow, people, details, at(*details["raised"]))
        if code and not details.get("anonymous"):
            codes.append((concern.reference, code))
        for status, days_ago, hour, by, note in details["history"]:
            when = at(days_ago, hour)
            concerns.concern_status_set(
                concern,
                status,
                people[by],
                outcome=details.get("outcome", "") if status == Status.OUTCOME_SHARED else "",
                note=note,
                now=when,
            )
            date_new_events(concern, when)
    _overdue(willow, people)
    return codes


def _overdue(willow, people):
    now = timezone.now().replace(second=0, microsecond=0)
    concern, _code = concern_raised(willow, people, OVERDUE, now - OVERDUE_RAISED_AGO)
    for ago in OVERDUE_REALERTED_AGO:
        # What the sweeper did each hour once the deadline had passed (`concerns_sweep` runs
        # this for every overdue concern; the demo replays it for this one only).
        concerns.concern_realert(concern, now - ago)
        date_new_events(concern, now - ago)
    return concern


def summary(stdout):
    """The family forum sign-ins (the same password as every demo account)."""
    willow = _willow()
    forum = FamilyForum.objects.filter(service=willow).first() if willow else None
    if forum is None:
        return
    stdout.write(f"Family forum ({forum.name}; password {DEMO_PASSWORD}):\n")
    for email, what in [
        (FAMILY, "a family: answer the next event, ask a question, answer the open survey,"),
        ("", "raise a concern and follow your own"),
        (HOST, "the host: answer waiting questions, deal with a reported post, answer concerns"),
        (SAFEGUARDING, "the safeguarding lead: acknowledge the overdue concern"),
        (
            SPEAK_UP_LEAD,
            "the speak-up lead (Freedom to Speak Up): Elm Court's speak-up cases, some with "
            "detriment, and the quarterly speak-up return",
        ),
        (LEADER, "a leader: every concern, including the escalated one"),
    ]:
        stdout.write(f"  {email:<38} {what}\n")
    stdout.write("  family2@ to family8@riverside.example.org  more families\n\n")
