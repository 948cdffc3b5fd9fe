"""The host's part of the benchmark's dataset: organisations, their services, the people who
sign in (a verified address each, all with the one password) and their memberships.

Services get their staff by a lognormal spread (a few big services, many small ones); the
other roles follow in proportion: a supervisor for about ten staff, a family member for about
four, a forum host per service; each organisation has a leader, an organisation admin, HR, a
safeguarding lead, a speak-up lead, and lived-experience members with their lead. The people
the runner signs in as are named in `build.facts["users"]`: those of the biggest organisation.
"""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from cms.organisations.demo import DEMO_TOTP_SECRET, give_totp
from cms.organisations.models import MFA_REQUIRED_ROLES, Membership, Organisation, Role, Service

from .data import HOST, builder, organisation_sizes, skewed_split

FIRST_NAMES = (
    "Amara Ben Chloe Daniel Erin Farid Gemma Hassan Isla Jakub Kemi Liam Maya Noah Olivia Paul "
    "Rosa Stefan Tara Uma Victor Wen Yusuf Zara Aisha Bogdan Ciara Dev Elena Femi Grace Harry"
).split()
LAST_NAMES = (
    "Bello Walsh Nowak Osei Murphy Rahman Doyle Ali Grant Kowalski Afolabi O'Brien Singh Bennett "
    "Price Mwangi Fernandes Ionescu Quinn Patel Jones Evans Khan Lewis Okafor Hughes Shah Reid"
).split()
PLACES = (
    "Willow Elm Oak Beech Rowan Hazel Birch Ash Holly Cedar Maple Alder Aspen Juniper Laurel "
    "Linden Poplar Yew Larch Hawthorn"
).split()
KINDS = [
    (Service.Kind.CARE_HOME, "House"),
    (Service.Kind.SUPPORTED_LIVING, "Court"),
    (Service.Kind.HOME_CARE, "Home Care"),
    (Service.Kind.HOSPITAL_WARD, "Ward"),
    (Service.Kind.COMMUNITY_TEAM, "Community Team"),
]
ORGANISATION_KINDS = ("Care", "Health NHS Trust", "Homes", "Support", "Living")
TOTP_SECRET = DEMO_TOTP_SECRET


@dataclass
class Place:
    """A service and the people at it (user ids)."""

    id: int
    organisation_id: int
    name: str
    kind: str
    staff: list = field(default_factory=list)
    supervisors: list = field(default_factory=list)
    families: list = field(default_factory=list)
    host: int = 0


@dataclass
class Provider:
    """An organisation, its services and the people across it (user ids)."""

    id: int
    slug: str
    name: str
    services: list = field(default_factory=list)
    leader: int = 0
    admin: int = 0
    hr: int = 0
    safeguarding: int = 0
    speak_up: int = 0
    lived_lead: int = 0
    lived_members: list = field(default_factory=list)


@dataclass
class Host:
    organisations: list
    # user id -> (email, first name, last name, date joined)
    people: dict

    def name(self, user_id):
        _email, first, last, _joined = self.people[user_id]
        return f"{first} {last}"

    @property
    def services(self):
        return [place for provider in self.organisations for place in provider.services]


@builder(HOST, "organisations and people")
def build(bench):
    rng = bench.rng("people")
    scale = bench.scale
    sizes = organisation_sizes(scale.services)
    staff_per_service = skewed_split(scale.staff, scale.services, rng, sigma=0.9, minimum=3)
    organisation_ids = bench.ids(Organisation, len(sizes))
    service_ids = iter(bench.ids(Service, scale.services))
    staff_counts = iter(staff_per_service)
    organisations, service_rows = [], []
    for number, (organisation_id, size) in enumerate(zip(organisation_ids, sizes, strict=True)):
        place = PLACES[number % len(PLACES)]
        name = f"{place} {ORGANISATION_KINDS[number % len(ORGANISATION_KINDS)]} {number + 1}"
        provider = Provider(id=organisation_id, slug=f"bench-{number + 1}", name=name)
        for index in range(size):
            kind, word = KINDS[rng.randrange(len(KINDS))]
            service_name = f"{PLACES[index % len(PLACES)]} {word} {index // len(PLACES) + 1}"
            service = Place(next(service_ids), organisation_id, service_name, kind)
            service.staff = [0] * next(staff_counts)  # filled with ids below
            provider.services.append(service)
            bedded = kind in (Service.Kind.CARE_HOME, Service.Kind.HOSPITAL_WARD)
            size_of_place = max(4, len(service.staff) // 2)
            service_rows.append(
                (
                    service.id,
                    organisation_id,
                    service_name,
                    kind,
                    size_of_place if bedded else None,
                    None if bedded else size_of_place * 2,
                )
            )
        organisations.append(provider)

    bench.copy(
        Organisation,
        ["id", "name", "slug", "created_at"],
        ((p.id, p.name, p.slug, bench.start) for p in organisations),
    )
    bench.copy(
        Service,
        ["id", "organisation", "name", "kind", "beds", "people_supported"],
        service_rows,
    )

    people, memberships = {}, []
    User = get_user_model()
    next_user = iter(bench.ids(User, _people_count(organisations)))

    def person(provider, local, role, service=None, joined=None):
        user_id = next(next_user)
        joined = joined or bench.start
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        people[user_id] = (f"{local}@{provider.slug}.example.org", first, last, joined)
        memberships.append((provider.id, service.id if service else None, role, user_id, joined))
        return user_id

    for provider in organisations:
        provider.leader = person(provider, "leader", Role.LEADER)
        provider.admin = person(provider, "admin", Role.ORGANISATION_ADMIN)
        provider.hr = person(provider, "hr", Role.HR)
        provider.safeguarding = person(provider, "safeguarding", Role.SAFEGUARDING_LEAD)
        provider.speak_up = person(provider, "speakup", Role.SPEAK_UP_LEAD)
        provider.lived_lead = person(provider, "lead", Role.LIVED_EXPERIENCE_LEAD)
        provider.lived_members = [
            person(provider, f"member{n}", Role.LIVED_EXPERIENCE_MEMBER)
            for n in range(1, _lived_members(provider) + 1)
        ]
        counter = 0
        for service in provider.services:
            staff = len(service.staff)
            # People joined across the history, half of them before it began.
            service.staff = []
            for _ in range(staff):
                counter += 1
                joined = (
                    bench.start
                    if rng.random() < 0.5
                    else bench.moment(rng, before=bench.now - (bench.now - bench.start) / 12)
                )
                service.staff.append(
                    person(provider, f"staff{counter}", Role.STAFF, service, joined)
                )
            service.supervisors = [
                person(provider, f"supervisor{counter}-{n}", Role.SUPERVISOR, service)
                for n in range(1, max(1, staff // 10) + 1)
            ]
            service.families = [
                person(provider, f"family{counter}-{n}", Role.FAMILY_MEMBER, service)
                for n in range(1, max(2, staff // 4) + 1)
            ]
            service.host = person(provider, f"host{counter}", Role.FORUM_HOST, service)

    bench.copy(
        User,
        [
            "id",
            "password",
            "is_superuser",
            "first_name",
            "last_name",
            "is_staff",
            "is_active",
            "date_joined",
            "email",
        ],
        (
            (user_id, bench.password_hash, False, first, last, False, True, joined, email)
            for user_id, (email, first, last, joined) in people.items()
        ),
    )
    addresses = bench.ids(EmailAddress, len(people))
    bench.copy(
        EmailAddress,
        ["id", "user", "email", "verified", "primary"],
        (
            (address_id, user_id, email, True, True)
            for address_id, (user_id, (email, *_rest)) in zip(
                addresses, people.items(), strict=True
            )
        ),
    )
    bench.copy(
        Membership,
        ["id", "organisation", "service", "role", "user", "created_at"],
        (
            (membership_id, *row)
            for membership_id, row in zip(
                bench.ids(Membership, len(memberships)), memberships, strict=True
            )
        ),
    )
    bench.host = Host(organisations=organisations, people=people)
    _facts(bench)


def _lived_members(provider):
    return min(60, max(6, 2 * len(provider.services)))


def _people_count(organisations):
    total = 0
    for provider in organisations:
        total += 6 + _lived_members(provider)
        for service in provider.services:
            staff = len(service.staff)
            total += staff + max(1, staff // 10) + max(2, staff // 4) + 1
    return total


def _facts(bench):
    """The organisation with the most services, its biggest and smallest service, and one
    person in each role there. The roles that must use a second sign-in step get an
    authenticator app holding `TOTP_SECRET` (allauth's own record): the runner computes the
    code as an authenticator app would."""
    host = bench.host
    biggest = max(host.organisations, key=lambda p: (len(p.services), -p.id))
    by_staff = sorted(biggest.services, key=lambda s: (len(s.staff), -s.id))
    big, small = by_staff[-1], by_staff[0]
    users = {
        Role.LEADER: biggest.leader,
        Role.ORGANISATION_ADMIN: biggest.admin,
        Role.HR: biggest.hr,
        Role.SAFEGUARDING_LEAD: biggest.safeguarding,
        Role.SPEAK_UP_LEAD: biggest.speak_up,
        Role.LIVED_EXPERIENCE_LEAD: biggest.lived_lead,
        Role.LIVED_EXPERIENCE_MEMBER: biggest.lived_members[0],
        Role.STAFF: big.staff[0],
        Role.SUPERVISOR: big.supervisors[0],
        Role.FAMILY_MEMBER: big.families[0],
        Role.FORUM_HOST: big.host,
    }
    User = get_user_model()
    for role in sorted(MFA_REQUIRED_ROLES):
        give_totp(User.objects.get(pk=users[role]), TOTP_SECRET)
    bench.facts.update(
        organisation_id=biggest.id,
        organisation_slug=biggest.slug,
        organisation_services=len(biggest.services),
        big_service_id=big.id,
        big_service_staff=len(big.staff),
        small_service_id=small.id,
        small_service_staff=len(small.staff),
        users={str(role): host.people[user_id][0] for role, user_id in users.items()},
        user_ids={str(role): user_id for role, user_id in users.items()},
        second_step_roles=sorted(str(role) for role in MFA_REQUIRED_ROLES),
        totp_secret=TOTP_SECRET,
    )
