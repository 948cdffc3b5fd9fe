"""Every way to a session goes through allauth: its rate limits and, for two-step roles, its
second step (issue 11, part 1). The tests play the attacker who knows a password but has no
authenticator app, and walk every URL of the project that could start or reset a session."""

import re
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from cms.organisations.models import Role
from cms.outbox.models import OutboxMessage
from tests.cms.factories import (
    PASSWORD,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    give_totp,
    member,
    superuser,
    totp_code,
)
from tests.cms.sign_in import password_only_login, sign_in

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"
ADMIN_PASSWORD_RESET = "/admin/password_reset/"
DJANGO_LOGIN = "/_util/login/"
LOGIN = "/accounts/login/"
REAUTHENTICATE = "/accounts/2fa/reauthenticate/"
TWO_STEP = [Role.LEADER, Role.SAFEGUARDING_LEAD, Role.HR, Role.ORGANISATION_ADMIN, "superuser"]


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def two_step_person(role, organisation):
    if role == "superuser":
        return superuser()
    return member(role, organisation=organisation)


def pages_of(role, organisation):
    """Pages each role's password must not open on its own."""
    concerns = reverse("coproduction:concern_list")
    listening = reverse("leadership:dashboard_listening", args=[organisation.slug])
    feedback_csv = reverse("coproduction:feedback_export")
    imports = reverse("leadership:import_list", args=[organisation.slug])
    return {
        Role.LEADER: [concerns, listening, feedback_csv],
        Role.SAFEGUARDING_LEAD: [concerns, listening, feedback_csv],
        Role.HR: [imports],
        Role.ORGANISATION_ADMIN: ["/admin/", feedback_csv],
        "superuser": ["/admin/", concerns],
    }[role]


def opened(client, urls):
    """The pages among `urls` that answered with their content."""
    answers = {url: client.get(url).status_code for url in urls}
    return {url: status for url, status in answers.items() if status == 200}


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Attacked Care", slug="attacked-care")


# --- Wagtail's and Django's login and password reset ------------------------------------------


@pytest.mark.parametrize("role", [Role.LEADER, Role.SAFEGUARDING_LEAD, Role.ORGANISATION_ADMIN])
@pytest.mark.parametrize("login_url", [ADMIN_LOGIN, DJANGO_LOGIN])
def test_a_password_alone_at_another_login_page_opens_nothing(
    client, organisation, role, login_url
):
    person = two_step_person(role, organisation)
    client.post(login_url, {"username": person.email, "password": PASSWORD})
    assert opened(client, pages_of(role, organisation)) == {}
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize("login_url", [ADMIN_LOGIN, DJANGO_LOGIN])
def test_forty_wrong_passwords_then_the_right_one_at_another_login_page_sign_nobody_in(
    client, login_url
):
    person = member(Role.STAFF, email="staff@example.org")
    for n in range(40):
        client.post(login_url, {"username": person.email, "password": f"guess-{n}"})
    client.post(login_url, {"username": person.email, "password": PASSWORD})
    assert signed_in_user_id(client) is None


def test_wagtails_login_and_password_reset_hand_over_to_allauth(client):
    response = client.get(ADMIN_LOGIN + "?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == LOGIN + "?next=/admin/pages/"
    for path in ("", "done/", "confirm/MQ/set-password/", "complete/"):
        response = client.get(ADMIN_PASSWORD_RESET + path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("account_reset_password"), path


def test_wagtails_password_reset_sends_no_email(client):
    person = member(Role.LEADER, email="leader@example.org")
    for _ in range(10):
        client.post(ADMIN_PASSWORD_RESET, {"email": person.email})
    assert [message.subject for message in mail.outbox] == []
    assert not OutboxMessage.objects.exists()


def test_allauths_password_reset_is_rate_limited_per_address(
    client, django_capture_on_commit_callbacks
):
    """The one password reset left: allauth's, 5 a minute for one address."""
    person = member(Role.LEADER, email="leader@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(10):
            client.post(reverse("account_reset_password"), {"email": person.email})
    assert 1 <= len(mail.outbox) <= 5
    assert OutboxMessage.objects.count() == len(mail.outbox)


# --- The session's own record of the second step ----------------------------------------------


@pytest.mark.parametrize("role", TWO_STEP)
def test_a_session_without_the_second_step_reaches_only_the_sign_in_pages(
    client, organisation, role
):
    """A session made without allauth (another login view, force_login) for a person who has an
    authenticator app: their TOTP device exists, but this session never asked for a code."""
    person = two_step_person(role, organisation)
    password_only_login(client, person)
    assert opened(client, pages_of(role, organisation)) == {}
    for path in [*pages_of(role, organisation), "/", "/accounts/email/", "/accounts/2fa/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == f"{REAUTHENTICATE}?next={path}", path
    # Only signing out and the second step itself stay open.
    assert client.get(REAUTHENTICATE).status_code == 200
    assert client.get("/accounts/logout/").status_code == 200


def test_the_second_step_on_that_session_lets_the_person_through(client, organisation):
    person = two_step_person(Role.LEADER, organisation)
    password_only_login(client, person)
    concerns = reverse("coproduction:concern_list")
    response = client.post(f"{REAUTHENTICATE}?next={concerns}", {"code": totp_code()})
    assert response.status_code == 302
    assert response["Location"] == concerns
    assert client.get(concerns).status_code == 200


def test_a_session_from_before_the_person_got_the_role_must_pass_the_second_step(
    client, organisation
):
    """Signed in as staff through allauth (a password is all staff need); then made a leader,
    with an authenticator app set up elsewhere. This session never passed the second step."""
    person = member(Role.STAFF, organisation=organisation, email="rising@example.org")
    client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    assert signed_in_user_id(client) == str(person.pk)
    MembershipFactory(user=person, organisation=organisation, role=Role.LEADER)
    give_totp(person)
    concerns = reverse("coproduction:concern_list")
    response = client.get(concerns)
    assert response.status_code == 302
    assert response["Location"] == f"{REAUTHENTICATE}?next={concerns}"


def test_the_second_step_of_another_person_does_not_count(client, organisation):
    """allauth keys its records to the person: a session that passed the second step as one
    person and is then made another person's carries nothing over."""
    first = two_step_person(Role.LEADER, organisation)
    second = two_step_person(Role.LEADER, organisation)
    sign_in(client, first)
    pages = pages_of(Role.LEADER, organisation)
    assert opened(client, pages).keys() == set(pages)
    session = client.session
    session["_auth_user_id"] = str(second.pk)
    session.save()
    assert opened(client, pages) == {}


# --- Every URL that could start or reset a session -------------------------------------------

# Names and paths that look as if they could start, resume or reset a session.
SESSION_WORDS = re.compile(
    r"log_?in|password|reset|sign_?up|code|reauth|confirm|invit|accept|authenticat|2fa|mfa|"
    r"totp|recovery|webauthn|token|verif|key|account|wagtailusers_users:(add|edit|copy)$",
    re.I,
)

# allauth's own pages: its flows, with its rate limits and its second step.
ALLAUTH = "allauth"
# Other login and password reset pages: every request is sent on to allauth's.
TO_ALLAUTH = "to allauth"
# Pages that sign nobody in: they hand over to allauth, need a session already (and so the
# second step), or are not about people's accounts at all.
NO_SESSION = "no session"

CLASSIFIED = {
    **dict.fromkeys(
        [
            "account_login",
            "account_logout",
            "account_inactive",
            "account_signup",
            "account_reauthenticate",
            "account_email",
            "account_email_verification_sent",
            "account_confirm_email",
            "account_change_password",
            "account_set_password",
            "account_reset_password",
            "account_reset_password_done",
            "account_reset_password_from_key",
            "account_reset_password_from_key_done",
            "account_confirm_login_code",
            "mfa_index",
            "mfa_authenticate",
            "mfa_reauthenticate",
            "mfa_activate_totp",
            "mfa_deactivate_totp",
            "mfa_view_recovery_codes",
            "mfa_generate_recovery_codes",
            "mfa_download_recovery_codes",
        ],
        ALLAUTH,
    ),
    **dict.fromkeys(
        [
            # Wagtail's and Django's login and password reset, and cms.urls' redirects that
            # stand in front of them.
            "wagtailadmin_login",
            "wagtailadmin_password_reset",
            "wagtailadmin_password_reset_done",
            "wagtailadmin_password_reset_confirm",
            "wagtailadmin_password_reset_complete",
            "wagtailcore_login",
            "wagtailadmin_login_to_allauth",
            "wagtailadmin_password_reset_to_allauth",
            "wagtailcore_login_to_allauth",
        ],
        TO_ALLAUTH,
    ),
    **dict.fromkeys(
        [
            # Wagtail's own account settings: its password and email forms are switched off.
            "wagtailadmin_account",
            # Wagtail's people admin: setting another person's password is switched off.
            "wagtailusers_users:add",
            "wagtailusers_users:edit",
            "wagtailusers_users:copy",
            # The invitation link hands over to allauth's sign-up or sign-in.
            "accounts:invitation_accept",
            # A password on a private page or document: a mark in the session for that page, not
            # a person's sign-in.
            "wagtailcore_authenticate_with_password",
            "wagtaildocs_authenticate_with_password",
            # Admin screens behind sign-in, named for invitations or confirmations.
            "wagtailadmin_pages:move_confirm",
            "wagtailadmin_pages:confirm_workflow_cancellation",
            *(
                f"wagtailsnippets_organisations_invitation:{view}"
                for view in (
                    "list",
                    "list_results",
                    "add",
                    "edit",
                    "delete",
                    "usage",
                    "history",
                    "history_results",
                    "inspect",
                )
            ),
            *(
                f"wagtailsnippetchoosers_organisations_invitation:{view}"
                for view in ("choose", "choose_results", "chosen", "chosen_multiple", "create")
            ),
            # Codes and keys that name a certificate, a forum or a report, not a person.
            "learning:certificate_download",
            "learning:verify_certificate",
            "coproduction:forum_invite",
            "coproduction:forum_code_renew",
            "leadership:board_report_download",
            "leadership:inspection_pack_download",
            # The person's own name: changed behind sign-in, no session made or reset.
            "accounts:account_name",
        ],
        NO_SESSION,
    ),
}


def session_like_patterns(patterns=None, prefix="", namespace=""):
    """(name, path, pattern) of every URL pattern whose name or path looks session-related."""
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += session_like_patterns(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            path = prefix + str(entry.pattern)
            name = f"{namespace}{entry.name}" if entry.name else None
            if SESSION_WORDS.search(path) or (name and SESSION_WORDS.search(name)):
                assert name, f"URL pattern {path} has no name: name it and classify it"
                found.append((name, path, entry))
    return found


def example_url(name, pattern):
    """A URL for the pattern, with a made-up value for each of its parts."""
    kwargs = {}
    converters = getattr(pattern.pattern, "converters", {})
    for group in re.compile(pattern.pattern.regex.pattern).groupindex:
        converter = converters.get(group)
        kind = type(converter).__name__ if converter else ""
        kwargs[group] = {"IntConverter": 1, "UUIDConverter": uuid.uuid4()}.get(kind, "x1")
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # a pattern whose parts cannot all be filled by these values
        return reverse(name, kwargs=dict.fromkeys(kwargs, "MQ"))


def test_every_url_that_could_start_or_reset_a_session_is_classified():
    found = {name for name, _path, _pattern in session_like_patterns()}
    assert found - set(CLASSIFIED) == set(), "classify these URL patterns in CLASSIFIED"
    assert set(CLASSIFIED) - found == set(), "these classified URL patterns no longer exist"


def test_the_allauth_ones_are_allauths_views():
    for name, path, pattern in session_like_patterns():
        if CLASSIFIED.get(name) == ALLAUTH:
            module = pattern.callback.__module__
            assert module.startswith("allauth."), f"{name} ({path}) is served by {module}"


def test_no_other_one_signs_anyone_in_or_sends_an_email(client):
    """Anonymous GET and POST, with a real person's email and password in every field name a
    login or reset form might read: nobody is signed in and no email goes out."""
    person = member(Role.STAFF, email="staff@example.org")
    emails = ("username", "login", "email", "email1", "email2")
    passwords = ("password", "password1", "password2", "new_password1", "new_password2")
    credentials = dict.fromkeys(emails, person.email) | dict.fromkeys(passwords, PASSWORD)
    for name, _path, pattern in session_like_patterns():
        kind = CLASSIFIED.get(name)
        if kind == ALLAUTH:
            continue
        url = example_url(name, pattern)
        for method in ("get", "post"):
            response = getattr(client, method)(url, credentials if method == "post" else {})
            said = f"{method.upper()} {url} ({name})"
            assert signed_in_user_id(client) is None, said
            assert mail.outbox == [], f"{said} sent an email"
            assert not OutboxMessage.objects.exists(), f"{said} wrote an email"
            location = response.get("Location", "")
            if kind == TO_ALLAUTH:
                assert response.status_code == 302, said
                assert location.startswith(("/accounts/login/", "/accounts/password/reset/"))
            elif response.status_code in (301, 302):
                assert location.startswith(("/accounts/", "/admin/", url)), (said, location)


def test_wagtails_account_page_and_people_admin_set_no_password(client):
    """An administrator past the second step cannot set a password, theirs or anyone's, outside
    allauth's password change (which asks for the current password)."""
    admin = superuser(email="root@example.org")
    other = member(Role.STAFF, email="staff@example.org")
    client.force_login(admin)
    for url in ("/admin/account/", f"/admin/users/edit/{other.pk}/", "/admin/users/new/"):
        page = client.get(url).content.decode()
        assert 'type="password"' not in page, url


# --- Rate limits behind a load balancer -------------------------------------------------------


def test_behind_a_load_balancer_one_clients_failures_do_not_lock_out_another(client, settings):
    """Every request comes from the load balancer's address; the client's is in
    X-Forwarded-For. With the proxy counted, the per-address limit follows the client."""
    from django.test import Client

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    member(Role.STAFF, email="guessed@example.org")
    other = member(Role.STAFF, email="other@example.org")
    balancer = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = Client(**balancer, HTTP_X_FORWARDED_FOR="198.51.100.7")
    for n in range(6):
        attacker.post(LOGIN, {"login": "guessed@example.org", "password": f"guess-{n}"})
    response = attacker.post(LOGIN, {"login": "other@example.org", "password": "guess"})
    assert "Too many failed login attempts" in response.content.decode()

    neighbour = Client(**balancer, HTTP_X_FORWARDED_FOR="203.0.113.9")
    neighbour.post(LOGIN, {"login": other.email, "password": PASSWORD})
    assert signed_in_user_id(neighbour) == str(other.pk)


# --- allauth's other ways in still end at the second step -------------------------------------


def _link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_a_password_reset_by_email_does_not_sign_a_two_step_role_in(
    client, organisation, django_capture_on_commit_callbacks
):
    person = two_step_person(Role.LEADER, organisation)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": person.email})
    response = client.get(_link_in(mail.outbox[-1]))
    assert response.status_code == 302
    form = response["Location"]
    response = client.post(
        form, {"password1": "a-new-long-password", "password2": "a-new-long-password"}
    )
    assert response.status_code == 302
    assert signed_in_user_id(client) is None
    # The new password is only the first step.
    response = client.post(LOGIN, {"login": person.email, "password": "a-new-long-password"})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert signed_in_user_id(client) is None


def test_confirming_an_email_address_does_not_skip_the_second_step(
    client, organisation, django_capture_on_commit_callbacks
):
    """allauth signs a person in when they confirm their address in the browser that tried to
    sign in; for a two-step role that sign-in still asks for the code."""
    person = UserFactory(email="unconfirmed@example.org", verified=False)
    person.save()  # the factory saves the password only with the verified address
    EmailAddress.objects.create(user=person, email=person.email, verified=False, primary=True)
    MembershipFactory(user=person, organisation=organisation, role=Role.LEADER)
    give_totp(person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    assert signed_in_user_id(client) is None
    response = client.post(_link_in(mail.outbox[-1]))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert signed_in_user_id(client) is None
    assert opened(client, pages_of(Role.LEADER, organisation)) == {}


def test_an_invitation_to_a_two_step_role_leads_to_setting_up_the_app(client, organisation):
    invitation = InvitationFactory(
        organisation=organisation, role=Role.SAFEGUARDING_LEAD, email="new.lead@example.org"
    )
    client.get(invitation.get_absolute_url())
    password = "a-new-long-password"
    response = client.post(
        reverse("account_signup"),
        {
            "email": invitation.email,
            "first_name": "Lee",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 302
    assert signed_in_user_id(client) is not None
    for url in pages_of(Role.SAFEGUARDING_LEAD, organisation):
        assert client.get(url)["Location"] == reverse("mfa_activate_totp"), url
