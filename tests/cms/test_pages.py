import io

import pytest
from django.contrib.auth.models import Permission
from django.template import loader
from wagtail import hooks

from cms.organisations.models import Role
from cms.pages import demo
from cms.pages.models import (
    HomePage,
    ResourceIndexPage,
    ResourcePage,
    ResourceSource,
    Stakeholder,
    StandardPage,
    Theme,
)
from cms.pages.panels import HOME_PANEL_HOOK, NAVIGATION_HOOK, HomePanel

from .factories import OrganisationFactory, ServiceFactory, UserFactory, give_totp, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return HomePage.objects.get(slug="home")


@pytest.fixture
def bank(home):
    return home.add_child(
        instance=ResourceIndexPage(title="Resource bank", slug="resource-bank", intro="Guides.")
    )


def add_resource(bank, title, summary="A short guide.", stakeholders=(), themes=(), live=True):
    page = ResourcePage(title=title, summary=summary, live=live)
    page.stakeholders = list(Stakeholder.objects.filter(slug__in=stakeholders))
    page.themes = list(Theme.objects.filter(slug__in=themes))
    bank.add_child(instance=page)
    return page


def titles_listed(response):
    return [page.title for page in response.context["resources"]]


# --- Home page --------------------------------------------------------------------------


def test_home_page_for_anonymous_visitor_explains_the_site_and_invitation_only(client, home):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hello," not in html
    assert 'href="/accounts/login/"' in html
    assert "only join this site if you are invited" in html
    assert html.count("<h1") == 1


def test_home_page_greets_signed_in_person_and_lists_their_roles(client, home):
    service = ServiceFactory(name="Willow House", organisation__name="Riverside Care")
    user = member(Role.STAFF, service=service, first_name="Sam")
    client.force_login(user)

    html = client.get("/").content.decode()

    assert "Hello, Sam" in html
    assert "Here is what is waiting for you." in html
    assert "Staff at Willow House, Riverside Care" in html
    assert "Nothing is waiting for you right now." not in html
    assert "Manage people" not in html


def test_home_page_shows_empty_states_when_nothing_is_waiting(client, home):
    client.force_login(UserFactory(first_name="Ann"))

    html = client.get("/").content.decode()

    assert "Hello, Ann" in html
    assert "Nothing is waiting for you right now." in html
    assert "You do not have a role yet." in html


def test_home_page_links_to_resource_bank_and_latest_resources(client, bank):
    add_resource(bank, "What is a closed culture?")
    client.force_login(UserFactory())

    html = client.get("/").content.decode()

    assert 'href="/resource-bank/"' in html
    assert "Browse the resource bank" in html
    assert "What is a closed culture?" in html


def test_organisation_admin_gets_a_link_to_manage_people(client, home):
    client.force_login(
        member(Role.ORGANISATION_ADMIN, organisation=OrganisationFactory(name="Northfield Trust"))
    )

    html = client.get("/").content.decode()

    assert "Organisation admin across Northfield Trust" in html
    assert "Manage people" in html
    assert 'href="/admin/"' in html


def test_plugin_panels_from_the_hook_appear_on_the_home_page(client, home):
    def learning_panel(request):
        return {
            "title": "Your learning",
            "items": [("Listening and speaking up", "/learning/listening/"), "Due this week"],
            "link": ("All your learning", "/learning/"),
        }

    def quiet_panel(request):
        return HomePanel(title="Your forums", empty="No forum events coming up.")

    def hidden_panel(request):
        return None

    client.force_login(UserFactory())
    with hooks.register_temporarily(
        [
            (HOME_PANEL_HOOK, learning_panel),
            (HOME_PANEL_HOOK, quiet_panel),
            (HOME_PANEL_HOOK, hidden_panel),
        ]
    ):
        html = client.get("/").content.decode()

    assert "Your learning" in html
    assert '<a href="/learning/listening/">Listening and speaking up</a>' in html
    assert "Due this week" in html
    assert '<a href="/learning/">All your learning</a>' in html
    assert "Your forums" in html
    assert "No forum events coming up." in html
    assert "Nothing is waiting for you right now." not in html


# --- Navigation -------------------------------------------------------------------------


def test_navigation_shows_admin_only_to_people_allowed_into_the_admin(client, home):
    staff = member(Role.STAFF)
    client.force_login(staff)
    assert ">Admin</a>" not in client.get("/").content.decode()

    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    staff = type(staff).objects.get(pk=staff.pk)  # drop the cached permissions
    client.force_login(staff)
    assert '<a class="site-nav__link" href="/admin/">Admin</a>' in client.get("/").content.decode()


def test_navigation_shows_admin_to_superusers(client, home):
    admin = UserFactory(is_superuser=True, is_staff=True)
    give_totp(admin)
    client.force_login(admin)
    assert ">Admin</a>" in client.get("/").content.decode()


def test_navigation_for_anonymous_visitor_offers_sign_in_only(client, bank):
    html = client.get("/resource-bank/").content.decode()

    assert 'href="/accounts/login/?next=/resource-bank/"' in html
    assert "Sign out" not in html
    assert ">Your account</a>" not in html
    assert 'href="/resource-bank/" aria-current="page">Resource bank</a>' in html
    assert 'href="/">Home</a>' in html


def test_navigation_for_signed_in_person_has_account_links_and_sign_out_form(client, home):
    client.force_login(UserFactory())
    html = client.get("/").content.decode()

    assert 'href="/" aria-current="page">Home</a>' in html
    assert 'href="/accounts/name/">Your account</a>' in html
    assert 'href="/accounts/2fa/">Two-step sign-in</a>' in html
    assert '<form class="inline-form" method="post" action="/accounts/logout/">' in html
    assert "Resource bank" not in html  # there is none yet


def test_plugins_add_navigation_items_through_the_hook(client, home):
    client.force_login(UserFactory())
    with hooks.register_temporarily(
        [
            (NAVIGATION_HOOK, lambda request: ("Learning", "/learning/")),
            (NAVIGATION_HOOK, lambda request: None),
        ]
    ):
        html = client.get("/").content.decode()
    assert '<a class="site-nav__link" href="/learning/">Learning</a>' in html


def test_sign_in_page_uses_the_site_layout_with_labelled_fields(client, home):
    html = client.get("/accounts/login/").content.decode()

    assert '<a class="skip-link" href="#main">' in html
    assert '<label class="field__label" for="id_login">' in html
    assert '<label class="field__label" for="id_password">' in html
    assert "invitation only" in html
    assert html.count("<h1") == 1


def test_sign_in_errors_are_shown_and_announced(client, home):
    response = client.post("/accounts/login/", {"login": "nobody@example.org", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html and '<div role="alert">' in html
    assert html.startswith("<!DOCTYPE html>") and "<title>Error: " in html


# --- Resource bank ----------------------------------------------------------------------


@pytest.fixture
def resources(bank):
    return {
        "capacity": add_resource(
            bank,
            "Mental capacity principles",
            "Assume a person can decide unless shown otherwise.",
            stakeholders=["staff", "family"],
            themes=["legal-literacy"],
        ),
        "red_flags": add_resource(
            bank,
            "Warning signs for leaders",
            "Patterns that should prompt questions.",
            stakeholders=["leader"],
            themes=["red-flags"],
        ),
        "families": add_resource(
            bank,
            "Raising a concern",
            "What families can expect when they raise a concern.",
            stakeholders=["family"],
            themes=["listen-and-act"],
        ),
        "draft": add_resource(
            bank,
            "Draft about capacity",
            "Not published yet: capacity.",
            stakeholders=["family"],
            themes=["legal-literacy"],
            live=False,
        ),
    }


def test_resource_bank_lists_live_resources_only(client, resources):
    response = client.get("/resource-bank/")
    assert response.status_code == 200
    assert titles_listed(response) == [
        "Mental capacity principles",
        "Raising a concern",
        "Warning signs for leaders",
    ]
    assert "Draft about capacity" not in response.content.decode()


def test_resource_bank_search(client, resources):
    response = client.get("/resource-bank/", {"q": "capacity"})
    assert titles_listed(response) == ["Mental capacity principles"]


def test_resource_bank_filters_by_stakeholder(client, resources):
    response = client.get("/resource-bank/", {"stakeholder": "family"})
    assert sorted(titles_listed(response)) == ["Mental capacity principles", "Raising a concern"]


def test_resource_bank_filters_by_theme(client, resources):
    response = client.get("/resource-bank/", {"theme": "red-flags"})
    assert titles_listed(response) == ["Warning signs for leaders"]


def test_resource_bank_combines_search_and_filters(client, resources):
    response = client.get("/resource-bank/", {"stakeholder": "family", "theme": "listen-and-act"})
    assert titles_listed(response) == ["Raising a concern"]

    response = client.get("/resource-bank/", {"q": "concern", "stakeholder": "family"})
    assert titles_listed(response) == ["Raising a concern"]

    response = client.get("/resource-bank/", {"q": "capacity", "theme": "red-flags"})
    assert titles_listed(response) == []


def test_resource_bank_empty_state_names_the_filters_and_offers_to_clear_them(client, resources):
    response = client.get("/resource-bank/", {"q": "zebra", "theme": "red-flags"})
    html = response.content.decode()
    assert "No resources match “zebra” in the theme “Red flags”." in html
    assert '<a href="/resource-bank/">clear the search and filters</a>' in html


def test_resource_bank_reports_an_unknown_filter_at_its_field(client, resources):
    response = client.get("/resource-bank/", {"stakeholder": "nobody", "theme": "red-flags"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_stakeholder_error"' in html
    assert titles_listed(response) == ["Warning signs for leaders"]


def test_resource_bank_paginates_and_page_links_keep_filters(client, bank):
    for number in range(12):
        add_resource(bank, f"Red flag guide {number:02}", themes=["red-flags"])
    add_resource(bank, "Unrelated guide", themes=["recruitment"])

    first = client.get("/resource-bank/", {"theme": "red-flags"})
    assert len(titles_listed(first)) == 10
    html = first.content.decode()
    assert 'href="?theme=red-flags&amp;page=2"' in html
    assert "Showing 1 to 10 of 12 resources." in html

    second = client.get("/resource-bank/", {"theme": "red-flags", "page": "2"})
    assert titles_listed(second) == ["Red flag guide 10", "Red flag guide 11"]
    assert 'href="?theme=red-flags&amp;page=1"' in second.content.decode()


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0", ""])
def test_resource_bank_survives_bad_page_numbers(client, resources, page):
    response = client.get("/resource-bank/", {"page": page})
    assert response.status_code == 200
    assert len(titles_listed(response)) == 3


def test_resource_page_shows_who_it_is_for_themes_and_sources(client, resources):
    page = resources["capacity"]
    page.sources = [ResourceSource(citation="Mental Capacity Act 2005, section 1")]
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert html.count("<h1") == 1
    assert '<a class="tag" href="/resource-bank/?stakeholder=family">Families</a>' in html
    assert '<a class="tag" href="/resource-bank/?theme=legal-literacy">Legal literacy</a>' in html
    assert "Mental Capacity Act 2005, section 1" in html


# --- Demo content, errors ---------------------------------------------------------------


def test_demo_load_twice_creates_no_duplicates(client, home):
    demo.load(io.StringIO())
    counts = (
        ResourceIndexPage.objects.count(),
        ResourcePage.objects.count(),
        StandardPage.objects.count(),
    )
    demo.load(io.StringIO())

    assert counts == (
        ResourceIndexPage.objects.count(),
        ResourcePage.objects.count(),
        StandardPage.objects.count(),
    )
    assert counts[1] >= 8
    assert all(page.live for page in ResourcePage.objects.all())
    assert all(page.sources.exists() for page in ResourcePage.objects.all())

    html = client.get("/resource-bank/").content.decode()
    assert "What is a closed culture?" in html
    assert 'href="/accessibility/">Accessibility statement</a>' in html
    assert client.get("/about/").status_code == 200
    assert client.get("/resource-bank/what-is-a-closed-culture/").status_code == 200


def test_demo_load_again_corrects_resources_nobody_edited_and_keeps_edited_ones(home, monkeypatch):
    """A site loaded before a correction to the bundled resources gets it on the next run,
    unless an editor has changed the resource (then the output names it)."""
    import copy

    old = copy.deepcopy(demo.RESOURCES)
    warning = next(data for data in old if data["slug"] == "warning-signs-for-leaders")
    warning["body"][-1]["value"]["fact"] = "NHS England asked NHS boards two questions."
    closed = next(data for data in old if data["slug"] == "what-is-a-closed-culture")
    closed["summary"] = "An old summary."
    monkeypatch.setattr(demo, "RESOURCES", old)
    demo.load(io.StringIO())
    edited = ResourcePage.objects.get(slug="what-is-a-closed-culture")
    edited.title = "Closed cultures, in our words"
    edited.save_revision(user=UserFactory()).publish()

    monkeypatch.undo()
    out = io.StringIO()
    demo.load(out)

    corrected = ResourcePage.objects.get(slug="warning-signs-for-leaders")
    assert "two questions" not in str(corrected.body.get_prep_value())
    assert "four questions" in str(corrected.body.get_prep_value())
    edited.refresh_from_db()
    assert edited.summary == "An old summary."
    assert "Kept resource Closed cultures, in our words" in out.getvalue()
    assert "1 brought up to date" in out.getvalue()
    demo.load(out := io.StringIO())
    assert "0 brought up to date" in out.getvalue()


def test_not_found_page_uses_the_site_layout(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We cannot find that page" in html
    assert '<a class="skip-link" href="#main">' in html


def test_server_error_page_renders_without_a_request():
    html = loader.get_template("500.html").render()
    assert "Sorry, something went wrong" in html


# --- Layout (issue 14, smaller points) -----------------------------------------------------


def test_every_page_links_a_favicon_that_is_bundled(client, home):
    from django.contrib.staticfiles import finders

    html = client.get(home.url).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert finders.find("favicon.svg")


def test_the_home_page_title_says_the_site_name_once(client, home):
    html = client.get(home.url).content.decode()
    assert "<title>Safer Cultures</title>" in html
    home.title = "Welcome"
    home.save_revision().publish()
    assert "<title>Welcome | Safer Cultures</title>" in client.get(home.url).content.decode()
