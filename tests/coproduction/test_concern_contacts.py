"""Safeguarding contacts (what a person at risk now is told to do, per service) in the Wagtail
admin: organisation admins keep those of the services they administer and nobody else's; the
phone numbers must be phone numbers, a service has one set; and what they save is what the
"raise a concern" page shows."""

import pytest
from django.urls import reverse

from cms.organisations.models import Role
from coproduction.concerns.models import ConcernContacts
from tests.cms.factories import OrganisationFactory, ServiceFactory, member, superuser
from tests.coproduction.factories_concerns import ConcernContactsFactory, ConcernFactory

pytestmark = pytest.mark.django_db

RAISE = reverse("coproduction:concern_raise")


def url(view="list", pk=None):
    return reverse(f"wagtailsnippets_coproduction_concerncontacts:{view}", args=[pk] if pk else [])


def chooser_url(view, pk=None):
    return reverse(
        f"wagtailsnippetchoosers_coproduction_concerncontacts:{view}", args=[pk] if pk else []
    )


def listed(response):
    return set(response.context["object_list"])


def contacts_data(service, **overrides):
    data = {
        "service": service.pk,
        "safeguarding_team": "Oakshire Adult Safeguarding",
        "safeguarding_phone": "0300 555 0101",
        "safeguarding_email": "safeguarding@oakshire.example",
        "out_of_hours_phone": "+44 (0)300 555 0199",
    }
    return {**data, **overrides}


@pytest.fixture
def world():
    """Organisation A (two services, contacts for one) with an organisation-wide admin and an
    admin of one service; organisation B (one service, with contacts) with its admin."""
    oak_care = OrganisationFactory(name="Oak Care", slug="oak-care")
    ash_care = OrganisationFactory(name="Ash Care", slug="ash-care")
    oak_house = ServiceFactory(organisation=oak_care, name="Oak House")
    oak_lodge = ServiceFactory(organisation=oak_care, name="Oak Lodge")
    ash_house = ServiceFactory(organisation=ash_care, name="Ash House")

    class World:
        pass

    world = World()
    world.__dict__.update(locals())
    world.oak_contacts = ConcernContactsFactory(
        service=oak_house, safeguarding_team="Oakshire Adult Safeguarding"
    )
    world.ash_contacts = ConcernContactsFactory(
        service=ash_house, safeguarding_team="Ashshire Adult Safeguarding"
    )
    world.admin_a = member(Role.ORGANISATION_ADMIN, organisation=oak_care, email="a@oak.example")
    world.lodge_admin = member(
        Role.ORGANISATION_ADMIN, service=oak_lodge, email="lodge@oak.example"
    )
    world.admin_b = member(Role.ORGANISATION_ADMIN, organisation=ash_care, email="b@ash.example")
    return world


# --- Organisation admins: their own services only -------------------------------------------


def test_an_admin_lists_only_their_organisations_contacts(client, world):
    client.force_login(world.admin_a)
    response = client.get(url())
    assert response.status_code == 200
    assert listed(response) == {world.oak_contacts}
    assert "Ashshire" not in response.content.decode()


def test_searching_stays_inside_what_the_admin_administers(client, world):
    client.force_login(world.admin_a)
    assert listed(client.get(url(), {"q": "House"})) == {world.oak_contacts}
    assert listed(client.get(url(), {"q": "Ashshire"})) == set()


def test_a_service_admin_lists_only_their_services_contacts(client, world):
    lodge_contacts = ConcernContactsFactory(service=world.oak_lodge)
    client.force_login(world.lodge_admin)
    assert listed(client.get(url())) == {lodge_contacts}
    assert client.get(url("edit", world.oak_contacts.pk)).status_code == 404


def test_the_add_form_offers_only_services_the_admin_administers(client, world):
    client.force_login(world.admin_a)
    response = client.get(url("add"))
    assert response.status_code == 200
    assert set(response.context["form"].fields["service"].queryset) == {
        world.oak_house,
        world.oak_lodge,
    }
    assert "Ash House" not in response.content.decode()
    client.force_login(world.lodge_admin)
    form = client.get(url("add")).context["form"]
    assert list(form.fields["service"].queryset) == [world.oak_lodge]


def test_an_admin_adds_and_changes_their_services_contacts(client, world):
    client.force_login(world.admin_a)
    response = client.post(url("add"), contacts_data(world.oak_lodge))
    assert response.status_code == 302, response.context["form"].errors
    added = ConcernContacts.objects.get(service=world.oak_lodge)
    assert added.safeguarding_phone == "0300 555 0101"
    assert added.out_of_hours_phone == "+44 (0)300 555 0199"

    response = client.post(
        url("edit", world.oak_contacts.pk),
        contacts_data(world.oak_house, safeguarding_phone="01632  960 123 "),
    )
    assert response.status_code == 302, response.context["form"].errors
    world.oak_contacts.refresh_from_db()
    assert world.oak_contacts.safeguarding_phone == "01632 960 123"


@pytest.mark.parametrize("view", ["edit", "delete", "inspect", "history", "usage"])
def test_another_organisations_admin_cannot_open_them(client, world, view):
    client.force_login(world.admin_b)
    assert client.get(url(view, world.oak_contacts.pk)).status_code == 404


def test_another_organisations_admin_cannot_change_delete_or_list_them(client, world):
    client.force_login(world.admin_b)
    response = client.post(
        url("edit", world.oak_contacts.pk),
        contacts_data(world.oak_house, safeguarding_phone="0300 000 0000"),
    )
    assert response.status_code == 404
    assert client.post(url("delete", world.oak_contacts.pk)).status_code == 404
    world.oak_contacts.refresh_from_db()
    assert world.oak_contacts.safeguarding_phone == "0300 123 4567"
    assert listed(client.get(url())) == {world.ash_contacts}


def test_another_organisations_admin_cannot_add_contacts_to_their_service(client, world):
    client.force_login(world.admin_b)
    response = client.post(url("add"), contacts_data(world.oak_lodge))
    assert response.status_code == 200
    assert "service" in response.context["form"].errors
    assert not ConcernContacts.objects.filter(service=world.oak_lodge).exists()


def test_bulk_delete_cannot_reach_another_organisations_contacts(client, world):
    client.force_login(world.admin_b)
    bulk = reverse("wagtail_bulk_action", args=("coproduction", "concerncontacts", "delete"))
    client.post(bulk + f"?id={world.oak_contacts.pk}&id={world.ash_contacts.pk}", {})
    assert ConcernContacts.objects.filter(pk=world.oak_contacts.pk).exists()
    assert not ConcernContacts.objects.filter(pk=world.ash_contacts.pk).exists()


def test_the_chooser_offers_only_the_admins_own(client, world):
    client.force_login(world.admin_b)
    response = client.get(chooser_url("choose"))
    assert response.status_code == 200
    assert "Ash House" in response.content.decode()
    assert "Oak House" not in response.content.decode()
    assert client.get(chooser_url("chosen", world.oak_contacts.pk)).status_code == 404


def test_superusers_see_and_change_every_services_contacts(client, world):
    client.force_login(superuser())
    assert listed(client.get(url())) == {world.oak_contacts, world.ash_contacts}
    response = client.post(
        url("edit", world.ash_contacts.pk),
        contacts_data(world.ash_house, safeguarding_team="Ashshire Safeguarding Hub"),
    )
    assert response.status_code == 302, response.context["form"].errors
    world.ash_contacts.refresh_from_db()
    assert world.ash_contacts.safeguarding_team == "Ashshire Safeguarding Hub"


def test_the_admin_menu_shows_safeguarding_contacts_to_an_admin(client, world):
    client.force_login(world.admin_a)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Safeguarding contacts" in page
    assert url() in page


# --- Everyone else is kept out --------------------------------------------------------------


@pytest.mark.parametrize(
    "role", [Role.FORUM_HOST, Role.SAFEGUARDING_LEAD, Role.FAMILY_MEMBER, Role.LEADER]
)
def test_people_who_are_not_admins_cannot_reach_the_screens(client, world, role):
    person = member(role, service=world.oak_house)
    client.force_login(person)
    for address in (url(), url("add"), url("edit", world.oak_contacts.pk)):
        response = client.get(address)
        # Sent to sign in; or, where a plugin lets the role into the admin for its own work
        # (leaders author learning), back to the admin's home page or "not found".
        assert response.status_code in (302, 404), address
        if response.status_code == 302:
            assert response["Location"].startswith(("/accounts/login/", "/admin/")), address
    response = client.post(url("add"), contacts_data(world.oak_lodge))
    assert response.status_code == 302
    assert not ConcernContacts.objects.filter(service=world.oak_lodge).exists()


def test_a_forum_host_is_sent_to_sign_in(client, world):
    client.force_login(member(Role.FORUM_HOST, service=world.oak_house))
    response = client.get(url())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- Validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone", ["call the council", "0300 555 0101 ext. 2", "0300-555-0101", "44+ 300", "12"]
)
def test_a_phone_number_must_look_like_one(client, world, phone):
    client.force_login(world.admin_a)
    response = client.post(url("add"), contacts_data(world.oak_lodge, safeguarding_phone=phone))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["safeguarding_phone"]
    assert "digits, spaces and brackets" in errors["safeguarding_phone"][0]
    assert "digits, spaces and brackets" in response.content.decode()
    assert not ConcernContacts.objects.filter(service=world.oak_lodge).exists()


def test_the_out_of_hours_number_is_checked_too_and_may_be_left_empty(client, world):
    client.force_login(world.admin_a)
    response = client.post(
        url("add"), contacts_data(world.oak_lodge, out_of_hours_phone="evenings: ask reception")
    )
    assert list(response.context["form"].errors) == ["out_of_hours_phone"]
    response = client.post(url("add"), contacts_data(world.oak_lodge, out_of_hours_phone=""))
    assert response.status_code == 302
    assert ConcernContacts.objects.get(service=world.oak_lodge).out_of_hours_phone == ""


def test_a_service_has_one_set_of_contacts(client, world):
    client.force_login(world.admin_a)
    response = client.post(url("add"), contacts_data(world.oak_house))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["service"]
    assert "Oak House already has safeguarding contacts" in errors["service"][0]
    assert ConcernContacts.objects.filter(service=world.oak_house).count() == 1


def test_moving_contacts_onto_a_service_that_has_some_is_refused(client, world):
    lodge_contacts = ConcernContactsFactory(service=world.oak_lodge)
    client.force_login(world.admin_a)
    response = client.post(url("edit", lodge_contacts.pk), contacts_data(world.oak_house))
    assert response.status_code == 200
    assert "service" in response.context["form"].errors
    lodge_contacts.refresh_from_db()
    assert lodge_contacts.service == world.oak_lodge


# --- What people raising a concern see ------------------------------------------------------


def test_the_raise_page_shows_the_contacts_an_admin_saved(client, world):
    client.force_login(world.admin_a)
    client.post(url("add"), contacts_data(world.oak_lodge))
    client.logout()
    response = client.post(
        RAISE, {"step": "start", "service": str(world.oak_lodge.pk), "at_risk_now": "yes"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Oakshire Adult Safeguarding" in html
    assert '<a href="tel:03005550101">0300 555 0101</a>' in html
    # Written as people in the country read it; dialled as a phone abroad needs it.
    assert '<a href="tel:+443005550199">+44 (0)300 555 0199</a>' in html
    assert "safeguarding@oakshire.example" in html


def test_staff_see_a_prompt_when_a_service_has_no_contacts(client, world):
    lead = member(Role.SAFEGUARDING_LEAD, organisation=world.oak_care)
    client.force_login(lead)
    without = ConcernFactory(service=world.oak_lodge)
    page = client.get(without.get_absolute_url()).content.decode()
    assert "No safeguarding contacts for Oak Lodge" in page
    assert "organisation admin" in page
    with_contacts = ConcernFactory(service=world.oak_house)
    page = client.get(with_contacts.get_absolute_url()).content.decode()
    assert "No safeguarding contacts" not in page
