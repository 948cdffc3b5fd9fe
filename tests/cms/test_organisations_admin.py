"""Organisations in the Wagtail admin: superusers manage everything, an organisation admin only
their own organisation, and an invitation created there is emailed once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Invitation, Membership, Organisation, Role, Service
from cms.organisations.tasks import send_invitation_email
from cms.outbox.models import OutboxMessage
from tests.cms.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    ServiceFactory,
    UserFactory,
    member,
    superuser,
)

pytestmark = pytest.mark.django_db

MODELS = ("organisation", "service", "membership", "invitation")


def url(model, view="list", pk=None):
    return reverse(f"wagtailsnippets_organisations_{model}:{view}", args=[pk] if pk else [])


def listed(response):
    """The objects shown in a Wagtail index view."""
    return set(response.context["object_list"])


@pytest.fixture
def world():
    """Two organisations, each with a service, a member and a pending invitation, and an admin
    of the first."""
    home = OrganisationFactory(name="Home Care", slug="home-care")
    away = OrganisationFactory(name="Away Care", slug="away-care")
    home_service = ServiceFactory(organisation=home, name="Home House")
    away_service = ServiceFactory(organisation=away, name="Away House")
    admin = member(Role.ORGANISATION_ADMIN, organisation=home, email="admin@home.example")
    home_staff = member(Role.STAFF, service=home_service, email="staff@home.example")
    away_staff = member(Role.STAFF, service=away_service, email="staff@away.example")
    home_invitation = InvitationFactory(organisation=home, email="new@home.example")
    away_invitation = InvitationFactory(organisation=away, email="new@away.example")

    class World:
        pass

    world = World()
    world.__dict__.update(locals())
    world.objects = {
        "organisation": (home, away),
        "service": (home_service, away_service),
        "membership": (
            Membership.objects.get(user=home_staff),
            Membership.objects.get(user=away_staff),
        ),
        "invitation": (home_invitation, away_invitation),
    }
    return world


# --- Who sees what --------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS)
def test_superuser_sees_everything(client, world, model):
    client.force_login(superuser())
    response = client.get(url(model))
    assert response.status_code == 200
    model_class = type(world.objects[model][0])
    assert listed(response) == set(model_class.objects.all())


@pytest.mark.parametrize("model", MODELS)
def test_organisation_admin_sees_only_their_organisation(client, world, model):
    client.force_login(world.admin)
    response = client.get(url(model))
    assert response.status_code == 200
    own, other = world.objects[model]
    assert own in listed(response)
    assert other not in listed(response)
    assert str(other) not in response.content.decode()


def test_organisation_admin_index_lists_exactly_their_rows(client, world):
    client.force_login(world.admin)
    assert listed(client.get(url("organisation"))) == {world.home}
    assert listed(client.get(url("service"))) == {world.home_service}
    assert listed(client.get(url("membership"))) == set(
        Membership.objects.filter(organisation=world.home)
    )
    assert listed(client.get(url("invitation"))) == {world.home_invitation}


def test_search_and_filters_stay_inside_the_organisation(client, world):
    client.force_login(world.admin)
    response = client.get(url("membership"), {"q": "staff@"})
    assert listed(response) == {world.objects["membership"][0]}
    # Filtering by another organisation's id does not reveal its rows.
    response = client.get(url("service"), {"organisation": world.away.pk})
    assert world.away_service not in listed(response)
    # The filter's organisation choices name only the admin's own.
    assert "Away Care" not in client.get(url("service")).content.decode()


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("view", ["edit", "delete", "inspect", "history", "usage"])
def test_organisation_admin_cannot_open_another_organisations_object(client, world, model, view):
    client.force_login(world.admin)
    other = world.objects[model][1]
    response = client.get(url(model, view, other.pk))
    assert response.status_code == 404


@pytest.mark.parametrize("model", MODELS)
def test_organisation_admin_cannot_change_or_delete_another_organisations_object(
    client, world, model
):
    client.force_login(world.admin)
    other = world.objects[model][1]
    assert client.post(url(model, "delete", other.pk)).status_code == 404
    assert type(other).objects.filter(pk=other.pk).exists()
    assert client.post(url(model, "edit", other.pk), {"name": "Taken over"}).status_code == 404


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("view", ["edit", "inspect", "history"])
def test_organisation_admin_opens_their_own_objects(client, world, model, view):
    client.force_login(world.admin)
    own = world.objects[model][0]
    assert client.get(url(model, view, own.pk)).status_code == 200


def test_organisation_admin_can_rename_their_organisation_but_not_its_slug(client, world):
    client.force_login(world.admin)
    response = client.post(
        url("organisation", "edit", world.home.pk), {"name": "Home Care Group", "slug": "stolen"}
    )
    assert response.status_code == 302
    world.home.refresh_from_db()
    assert world.home.name == "Home Care Group"
    assert world.home.slug == "home-care"


def test_organisation_admin_cannot_create_or_delete_organisations(client, world):
    client.force_login(world.admin)
    # Wagtail answers a refused admin action by sending the person to the dashboard.
    response = client.get(url("organisation", "add"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    response = client.post(url("organisation", "add"), {"name": "Mine Too", "slug": "mine-too"})
    assert not Organisation.objects.filter(slug="mine-too").exists()
    response = client.post(url("organisation", "delete", world.home.pk))
    assert response.status_code == 302
    assert Organisation.objects.filter(pk=world.home.pk).exists()


def test_organisation_admin_manages_their_own_services(client, world):
    client.force_login(world.admin)
    response = client.post(
        url("service", "add"),
        {"organisation": world.home.pk, "name": "Home Lodge", "kind": "care_home", "beds": "8"},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Service.objects.filter(organisation=world.home, name="Home Lodge").exists()
    service = Service.objects.get(name="Home Lodge")
    assert client.post(url("service", "delete", service.pk)).status_code == 302
    assert not Service.objects.filter(pk=service.pk).exists()


# --- Forms offer only the admin's own organisations -----------------------------------------


@pytest.mark.parametrize("model", ["service", "membership", "invitation"])
def test_create_form_offers_only_own_organisations_and_services(client, world, model):
    client.force_login(world.admin)
    response = client.get(url(model, "add"))
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["organisation"].queryset) == [world.home]
    if "service" in form.fields:
        assert list(form.fields["service"].queryset) == [world.home_service]
    if "user" in form.fields:
        people = set(form.fields["user"].queryset)
        assert world.home_staff in people
        assert world.away_staff not in people
    page = response.content.decode()
    assert "Away Care" not in page
    assert "Away House" not in page


def test_superuser_create_form_offers_every_organisation(client, world):
    client.force_login(superuser())
    form = client.get(url("invitation", "add")).context["form"]
    assert set(form.fields["organisation"].queryset) == {world.home, world.away}
    assert set(form.fields["service"].queryset) == {world.home_service, world.away_service}


def invitation_data(organisation, email="invitee@example.org", role=Role.STAFF, service=None):
    return {
        "email": email,
        "organisation": organisation.pk,
        "service": service.pk if service else "",
        "role": role,
        "expires_at": (timezone.now() + timedelta(days=7)).strftime("%Y-%m-%d %H:%M"),
    }


def test_organisation_admin_cannot_invite_into_another_organisation(client, world):
    client.force_login(world.admin)
    response = client.post(url("invitation", "add"), invitation_data(world.away))
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Invitation.objects.filter(email="invitee@example.org").exists()
    assert mail.outbox == [] and not OutboxMessage.objects.exists()


def test_organisation_admin_cannot_invite_to_another_organisations_service(client, world):
    client.force_login(world.admin)
    response = client.post(
        url("invitation", "add"), invitation_data(world.home, service=world.away_service)
    )
    assert response.status_code == 200
    assert "service" in response.context["form"].errors
    assert not Invitation.objects.filter(email="invitee@example.org").exists()


def test_service_must_belong_to_the_chosen_organisation(client, world):
    second = OrganisationFactory(name="Second Home", slug="second-home")
    MembershipFactory(user=world.admin, organisation=second, role=Role.ORGANISATION_ADMIN)
    client.force_login(world.admin)
    response = client.post(
        url("membership", "add"),
        {
            "user": world.home_staff.pk,
            "organisation": second.pk,
            "service": world.home_service.pk,
            "role": Role.LEADER,
        },
    )
    assert response.status_code == 200
    assert "service" in response.context["form"].errors
    assert not Membership.objects.filter(user=world.home_staff, role=Role.LEADER).exists()


def test_organisation_admin_cannot_give_a_role_to_someone_outside_their_organisation(client, world):
    client.force_login(world.admin)
    response = client.post(
        url("membership", "add"),
        {"user": world.away_staff.pk, "organisation": world.home.pk, "role": Role.LEADER},
    )
    assert response.status_code == 200
    assert "user" in response.context["form"].errors
    assert not Membership.objects.filter(user=world.away_staff, role=Role.LEADER).exists()


def test_organisation_admin_gives_a_colleague_another_role(client, world):
    client.force_login(world.admin)
    response = client.post(
        url("membership", "add"),
        {
            "user": world.home_staff.pk,
            "organisation": world.home.pk,
            "service": world.home_service.pk,
            "role": Role.SUPERVISOR,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Membership.objects.filter(user=world.home_staff, role=Role.SUPERVISOR).exists()


# --- Invitations from the admin -------------------------------------------------------------


def test_creating_an_invitation_emails_the_invitee_once(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            url("invitation", "add"),
            invitation_data(world.home, role=Role.LEADER, service=world.home_service),
        )
    assert response.status_code == 302, response.context["form"].errors
    assert len(callbacks) == 2  # the email task, then the send of the outbox row it wrote

    invitation = Invitation.objects.get(email="invitee@example.org")
    assert invitation.invited_by == world.admin
    assert invitation.organisation == world.home
    assert invitation.email_sent_at is not None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["invitee@example.org"]
    assert "Home Care" in message.subject
    link = f"http://testserver/invitations/{invitation.token}/"
    assert link in message.body
    assert "Leader" in message.body
    assert "authenticator app" in message.body  # a leader will need a second sign-in step
    assert "Home House" in message.body
    assert timezone.localtime(invitation.expires_at).strftime("%-d %B %Y") in message.body

    # The link in the email is the real accept link.
    assert client.get(link.removeprefix("http://testserver")).status_code in (200, 403)


def test_invitation_is_not_sent_before_the_transaction_commits(client, world):
    client.force_login(world.admin)
    # Without running on-commit callbacks (the test transaction never commits), nothing is sent.
    response = client.post(url("invitation", "add"), invitation_data(world.home))
    assert response.status_code == 302
    assert mail.outbox == []
    assert Invitation.objects.get(email="invitee@example.org").email_sent_at is None


def test_running_the_email_task_twice_sends_one_email(world, django_capture_on_commit_callbacks):
    invitation = world.home_invitation
    with django_capture_on_commit_callbacks(execute=True):
        first = send_invitation_email.delay(invitation.pk)
        second = send_invitation_email.delay(invitation.pk)
    assert (first.get(), second.get()) == (True, False)
    assert len(mail.outbox) == 1
    invitation.refresh_from_db()
    assert invitation.email_sent_at is not None


def test_email_is_not_sent_for_a_used_or_expired_invitation(world):
    used = InvitationFactory(organisation=world.home, accepted_at=timezone.now())
    expired = InvitationFactory(
        organisation=world.home, expires_at=timezone.now() - timedelta(days=1)
    )
    assert send_invitation_email.delay(used.pk).get() is False
    assert send_invitation_email.delay(expired.pk).get() is False
    assert mail.outbox == [] and not OutboxMessage.objects.exists()


def test_a_failed_send_stays_in_the_outbox_and_is_tried_again(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.mail import EmailMessage

    from cms.organisations.services import invitation_send_email
    from cms.outbox.services import outbox_sweep

    def broken(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP is down")

    with monkeypatch.context() as patch, django_capture_on_commit_callbacks(execute=True):
        patch.setattr(EmailMessage, "send", broken)
        assert invitation_send_email(invitation_id=world.home_invitation.pk) is True
    assert mail.outbox == []
    [row] = OutboxMessage.objects.all()
    assert row.status == OutboxMessage.Status.PENDING and row.attempts == 1
    assert row.to == world.home_invitation.email

    # The mail server is back; the sweeper sends it once its retry is due.
    OutboxMessage.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert outbox_sweep()["sent"] == 1
    assert [m.to for m in mail.outbox] == [[world.home_invitation.email]]
    assert invitation_send_email(invitation_id=world.home_invitation.pk) is False


def test_invitation_list_shows_status(client, world):
    InvitationFactory(
        organisation=world.home, email="joined@home.example", accepted_at=timezone.now()
    )
    InvitationFactory(
        organisation=world.home,
        email="late@home.example",
        expires_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(world.admin)
    page = client.get(url("invitation")).content.decode()
    for status in ("Pending", "Accepted", "Expired"):
        assert status in page
    response = client.get(url("invitation"), {"status": "expired"})
    assert {i.email for i in listed(response)} == {"late@home.example"}
    response = client.get(url("invitation"), {"status": "pending"})
    assert {i.email for i in listed(response)} == {"new@home.example"}


def test_invitation_screens_never_show_the_token(client, world):
    client.force_login(world.admin)
    token = world.home_invitation.token
    for view in ("list", "inspect", "edit"):
        pk = None if view == "list" else world.home_invitation.pk
        assert token not in client.get(url("invitation", view, pk)).content.decode()


def test_accepted_invitation_cannot_be_changed(client, world):
    invitation = InvitationFactory(organisation=world.home, accepted_at=timezone.now())
    client.force_login(world.admin)
    data = invitation_data(world.home, email=invitation.email, role=Role.LEADER)
    response = client.post(url("invitation", "edit", invitation.pk), data)
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.role == Role.STAFF


# --- Who is refused the admin ---------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.STAFF, Role.LEADER, Role.SAFEGUARDING_LEAD])
@pytest.mark.parametrize("model", MODELS)
def test_people_without_the_admin_role_are_refused(client, world, role, model):
    person = member(role, organisation=world.home)
    client.force_login(person)
    for address in (url(model), url(model, "add"), url(model, "edit", world.objects[model][0].pk)):
        response = client.get(address)
        # Sent to sign in; or, where a plugin lets this role into the admin for its own work,
        # back to the admin's home page, and objects they do not administer are not found.
        if response.status_code == 404 and person.has_perm("wagtailadmin.access_admin"):
            continue
        assert response.status_code == 302, address
        assert response["Location"].startswith(("/accounts/login/", "/admin/")), address


def test_is_staff_alone_does_not_open_the_admin(client, world):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(url("service"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_organisation_admin_without_totp_is_sent_to_set_it_up(client, world):
    admin = UserFactory()
    MembershipFactory(user=admin, organisation=world.home, role=Role.ORGANISATION_ADMIN)
    client.force_login(admin)
    response = client.get(url("service"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


# --- Choosers -------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["organisation", "service"])
def test_snippet_choosers_list_only_own_organisation(client, world, model):
    client.force_login(world.admin)
    response = client.get(reverse(f"wagtailsnippetchoosers_organisations_{model}:choose"))
    assert response.status_code == 200
    page = response.content.decode()
    assert ("Away Care" if model == "organisation" else "Away House") not in page
    assert ("Home Care" if model == "organisation" else "Home House") in page
    other = world.objects[model][1]
    chosen = reverse(f"wagtailsnippetchoosers_organisations_{model}:chosen", args=[other.pk])
    assert client.get(chosen).status_code == 404


def test_organisation_admin_dashboard_shows_people_and_services(client, world):
    client.force_login(world.admin)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "People and services" in response.content.decode()


def test_bulk_delete_cannot_reach_another_organisation(client, world):
    client.force_login(world.admin)
    bulk = reverse("wagtail_bulk_action", args=("organisations", "service", "delete"))
    ids = f"?id={world.away_service.pk}&id={world.home_service.pk}"
    client.post(bulk + ids, {})
    assert Service.objects.filter(pk=world.away_service.pk).exists()
    # ... while the admin's own service, in the same request, is deleted.
    assert not Service.objects.filter(pk=world.home_service.pk).exists()
