"""Demo organisations, services and one sign-in for every role (used by `manage.py load_demo`).

Two fictional providers. Every demo account shares one password; the roles that need a second
sign-in step share one authenticator secret, and `manage.py demo_totp <email>` prints the code.
"""

import base64
import hashlib
import hmac
import struct
import time
from functools import cache

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from .models import MFA_REQUIRED_ROLES, Membership, Organisation, Role, Service

DEMO_PASSWORD = "safer-cultures-demo"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

PROVIDERS = [
    {
        "name": "Riverside Care Group",
        "slug": "riverside",
        "services": [
            ("Willow House", Service.Kind.CARE_HOME, {"beds": 42}),
            ("Elm Court", Service.Kind.CARE_HOME, {"beds": 28}),
            ("Riverside Home Care", Service.Kind.HOME_CARE, {"people_supported": 85}),
            ("Hawthorn Cottage", Service.Kind.CARE_HOME, {"beds": 6}),
        ],
        # (email local part, first name, last name, role, service name or None for org-wide)
        "people": [
            ("staff", "Sam", "Okafor", Role.STAFF, "Willow House"),
            ("supervisor", "Priya", "Shah", Role.SUPERVISOR, "Willow House"),
            ("member", "Dev", "Patel", Role.LIVED_EXPERIENCE_MEMBER, None),
            ("lead", "Grace", "Mensah", Role.LIVED_EXPERIENCE_LEAD, None),
            ("family", "Helen", "Carter", Role.FAMILY_MEMBER, "Willow House"),
            ("host", "Tom", "Hughes", Role.FORUM_HOST, "Willow House"),
            ("safeguarding", "Ruth", "Adeyemi", Role.SAFEGUARDING_LEAD, None),
            ("speakup", "Nadia", "Osei", Role.SPEAK_UP_LEAD, None),
            ("leader", "Alex", "Morgan", Role.LEADER, None),
            ("hr", "Jo", "Baker", Role.HR, None),
            ("admin", "Chris", "Evans", Role.ORGANISATION_ADMIN, None),
        ],
    },
    {
        "name": "Northfield Health and Care Trust",
        "slug": "northfield",
        "services": [
            ("Beech Ward", Service.Kind.HOSPITAL_WARD, {"beds": 12}),
            (
                "Northfield Community Learning Disability Team",
                Service.Kind.COMMUNITY_TEAM,
                {"people_supported": 160},
            ),
            ("Oak Lane Supported Living", Service.Kind.SUPPORTED_LIVING, {"people_supported": 9}),
        ],
        "people": [
            ("staff", "Jordan", "Lee", Role.STAFF, "Beech Ward"),
            ("leader", "Morgan", "Ellis", Role.LEADER, None),
            ("admin", "Fatima", "Khan", Role.ORGANISATION_ADMIN, None),
        ],
    },
]


@cache
def demo_password_hash():
    """The shared demo password, hashed once per load rather than once per account: hashing is
    slow on purpose (about a third of a second each), the demo has some sixty accounts, and
    the password they share is printed for anyone to use, so one salt hides nothing."""
    return make_password(DEMO_PASSWORD)


def demo_user(email, first_name, last_name):
    """A demo account with the shared password and a verified address."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "password": demo_password_hash(),
        },
    )
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def give_totp(user, secret=DEMO_TOTP_SECRET):
    """Set up an authenticator app for `user` holding `secret`, stored as allauth stores one
    (its Authenticator model, the secret encrypted by its MFA adapter)."""
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": get_adapter().encrypt(secret)}
    )


def totp_code(secret=DEMO_TOTP_SECRET, steps=0, at=None):
    """The code an authenticator app holding `secret` shows at `at` (a Unix time, default now),
    `steps` periods later: RFC 6238 with allauth's period and digits. allauth keeps its own
    code helper internal, so the demo and the tests compute it here."""
    counter = int(time.time() if at is None else at) // mfa_settings.TOTP_PERIOD + steps
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**mfa_settings.TOTP_DIGITS:0{mfa_settings.TOTP_DIGITS}}"


def _give_totp(user):
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        give_totp(user)


def sign_ins():
    """(email, what the account is, whether it needs a second step) for every demo account."""
    for provider in PROVIDERS:
        for local, _first, _last, role, service_name in provider["people"]:
            where = service_name or "whole organisation"
            yield (
                f"{local}@{provider['slug']}.example.org",
                f"{Role(role).label}, {where}",
                role in MFA_REQUIRED_ROLES,
            )
    yield ("siteadmin@example.org", "Site administrator (every organisation)", True)


def load(stdout):
    for provider in PROVIDERS:
        organisation, _ = Organisation.objects.get_or_create(
            slug=provider["slug"], defaults={"name": provider["name"]}
        )
        services = {}
        for name, kind, sizes in provider["services"]:
            services[name], _ = Service.objects.get_or_create(
                organisation=organisation, name=name, defaults={"kind": kind, **sizes}
            )
        for local, first, last, role, service_name in provider["people"]:
            email = f"{local}@{provider['slug']}.example.org"
            user = demo_user(email, first, last)
            Membership.objects.get_or_create(
                user=user,
                organisation=organisation,
                service=services.get(service_name),
                role=role,
            )
            if role in MFA_REQUIRED_ROLES:
                _give_totp(user)

    site_admin = demo_user("siteadmin@example.org", "Site", "Administrator")
    if not site_admin.is_superuser:
        site_admin.is_superuser = site_admin.is_staff = True
        site_admin.save()
    _give_totp(site_admin)


def summary(stdout):
    """The demo sign-ins, printed last by `load_demo` so they are the last thing on screen."""
    stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD})\n")
    for email, label, needs_code in sign_ins():
        stdout.write(f"  {email:<38} {label}{'  [two-step]' if needs_code else ''}\n")
    stdout.write(
        "  [two-step] accounts ask for a 6-digit code: add the secret "
        f"{DEMO_TOTP_SECRET} to an authenticator app,\n"
        "  or run `.venv/bin/python manage.py demo_totp <email>` to print the current code.\n\n"
    )
