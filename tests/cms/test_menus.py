"""Menus that fit each role (issue 14, point 7): a person is offered only links to what their
roles let them use, a person with many links sees them in sections, and every link of every demo
account's menu opens for that account."""

import re
from html import unescape

import pytest
from django.test import Client, RequestFactory
from django.test.client import RedirectCycleError
from django.urls import reverse

from cms.organisations.demo import PROVIDERS
from cms.organisations.models import Role
from cms.pages.panels import (
    DASHBOARDS,
    LEARNING,
    LISTENING,
    NavigationGroup,
    NavigationItem,
    navigation_items,
    navigation_menu,
)
from tests.cms.factories import UserFactory, member

pytestmark = pytest.mark.django_db

MAIN_NAV = re.compile(r'<nav class="site-nav" aria-label="Main">(.*?)</nav>', re.S)
LINK = re.compile(r'<a class="site-nav__link" href="([^"]*)"[^>]*>([^<]*)</a>')
SECTION = re.compile(r"<summary[^>]*>([^<]*)</summary>")


def demo_people():
    emails = [
        f"{local}@{provider['slug']}.example.org"
        for provider in PROVIDERS
        for local, *_ in provider["people"]
    ]
    return [*emails, "siteadmin@example.org"]


def menu_of(client):
    """The main menu the home page shows: [(label, url)] and the names of its sections."""
    html = client.get("/").content.decode()
    found = MAIN_NAV.search(html)
    assert found, "the home page has no main menu"
    links = [(unescape(label), unescape(url)) for url, label in LINK.findall(found.group(1))]
    return links, [unescape(name) for name in SECTION.findall(found.group(1))]


def opens(client, url):
    """The page at `url` opens for the client's person: 200, perhaps after a redirect to their
    own organisation's page, and not the sign-in page."""
    try:
        response = client.get(url, follow=True)
    except RedirectCycleError:  # the admin's sign-in sends a signed-in person back, and again
        return False
    return response.status_code == 200 and not response.request["PATH_INFO"].startswith(
        ("/accounts/login/", "/admin/login/")
    )


def client_for(email):
    from cms.accounts.models import User

    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    return client


# What each demo account is offered, in order, and the sections a long menu is grouped in. A
# family member, a lived-experience member and HR are offered no learning (they are no learners);
# each role finds the pages of its work.
MENUS = {
    None: ([], ["Home", "Resource bank", "Raise a concern"]),
    "staff@riverside.example.org": (
        [],
        ["Home", "Resource bank", "Learning", "My learning", "Co-production", "Staff pulse",
         "Raise a concern"],
    ),
    "supervisor@riverside.example.org": (
        [LEARNING, LISTENING],
        ["Home", "Resource bank", "Learning", "Supervision", "My learning", "Co-production",
         "Staff pulse", "Raise a concern"],
    ),
    "member@riverside.example.org": (
        [],
        ["Home", "Resource bank", "Co-production", "Your payments", "Raise a concern"],
    ),
    "lead@riverside.example.org": (
        [],
        ["Home", "Resource bank", "Co-production", "Your payments", "Raise a concern", "Admin"],
    ),
    "family@riverside.example.org": (
        [],
        ["Home", "Resource bank", "Family forum", "Your concerns", "Raise a concern"],
    ),
    "host@riverside.example.org": (
        [LEARNING, LISTENING],
        ["Home", "Resource bank", "Learning", "My learning", "Feedback tracker", "Family forum",
         "Concerns", "Raise a concern"],
    ),
    "safeguarding@riverside.example.org": (
        [DASHBOARDS, LEARNING],
        ["Home", "Resource bank", "Dashboards", "Red flags", "Learning", "My learning",
         "Feedback tracker", "Concerns", "Raise a concern"],
    ),
    "speakup@riverside.example.org": (
        [],
        ["Home", "Resource bank", "Concerns", "Speak-up return", "Raise a concern"],
    ),
    "leader@riverside.example.org": (
        [DASHBOARDS, LEARNING, LISTENING],
        ["Home", "Resource bank", "Dashboards", "Red flags", "Service visits", "Figures",
         "Board reports", "Evidence ledger", "Learning", "My learning", "Assign learning",
         "Co-production", "Feedback tracker", "Staff pulse", "Concerns", "Raise a concern",
         "Admin"],
    ),
    "hr@riverside.example.org": ([], ["Home", "Resource bank", "Data imports", "Raise a concern"]),
    "admin@riverside.example.org": (
        [DASHBOARDS, LISTENING],
        ["Home", "Resource bank", "Red flags", "Data imports", "Figures", "Involvement payments",
         "Feedback tracker", "Learning records", "Speak-up return", "Raise a concern", "Admin"],
    ),
}  # fmt: skip
LEARNING_LINKS = {"Learning", "My learning", "Supervision", "Assign learning", "Learning records"}

# Pages only some roles may open: whoever may open one finds it in their menu.
IMPORTANT = {
    "coproduction:concern_list": "Concerns",
    "coproduction:involvement_finance": "Involvement payments",
    "coproduction:feedback_list": "Feedback tracker",
    "leadership:dashboards": "Dashboards",
    "leadership:flags_home": "Red flags",
    "leadership:imports": "Data imports",
    "leadership:ledger_home": "Evidence ledger",
    "leadership:board_reports": "Board reports",
    "leadership:figures": "Figures",
    "leadership:visits_index": "Service visits",
    "learning:assign": "Assign learning",
    "learning:learning_records": "Learning records",
    "learning:supervision": "Supervision",
    "wagtailadmin_home": "Admin",
}


def test_each_demo_role_is_offered_what_fits_it(demo):
    for email, (sections, labels) in MENUS.items():
        links, shown_sections = menu_of(client_for(email))
        assert [label for label, _url in links] == labels, email
        assert shown_sections == sections, email


def test_every_link_of_every_menu_opens_for_that_person(demo):
    """Walks every demo account's menu (every role, an organisation admin and a site
    administrator of every organisation, and a visitor): each link opens a page (200, perhaps
    after a redirect to the person's own organisation's page), never a refusal or the sign-in
    page."""
    for email in [None, *demo_people()]:
        client = client_for(email)
        links, _sections = menu_of(client)
        assert links, email
        for label, url in links:
            assert opens(client, url), f"{email}: {label} ({url}) does not open"


def test_a_page_only_some_roles_open_is_in_the_menu_of_each_of_them(demo):
    """The other side of the walk: a page that a person with no role is refused, but this
    person may open, is in their menu."""
    nobody = Client()
    nobody.force_login(UserFactory())
    restricted = {
        name: label for name, label in IMPORTANT.items() if not opens(nobody, reverse(name))
    }
    assert set(restricted) == set(IMPORTANT), "a page here is open to anyone signed in"
    # Every role's demo account; a site administrator may open almost any page, even the empty
    # supervision list of someone who supervises nobody, so is left out.
    for email in [email for email in demo_people() if email != "siteadmin@example.org"]:
        client = client_for(email)
        links, _sections = menu_of(client)
        offered = {url.split("?")[0] for _label, url in links}
        for name, label in restricted.items():
            url = reverse(name)
            if opens(client, url):
                assert url in offered, f"{email} may open {label} ({url}) but is not offered it"


# --- Without the demo: the rules behind the menus ----------------------------------------


def labels_for(user):
    request = RequestFactory().get("/")
    request.user = type(user).objects.get(pk=user.pk)
    return [label for label, _url in navigation_items(request)]


def test_no_learning_for_families_lived_experience_members_and_hr(rf):
    from tests.coproduction.factories import SpaceMembershipFactory
    from tests.coproduction.factories_forums import FamilyForumFactory, forum_family
    from tests.learning.factories import LearningIndexPageFactory

    forum = FamilyForumFactory()
    organisation = forum.service.organisation
    LearningIndexPageFactory(organisation=organisation)
    family = forum_family(forum)
    hr = member(Role.HR, organisation=organisation)
    lived = SpaceMembershipFactory(space__organisation=organisation).user
    staff = member(Role.STAFF, service=forum.service)

    assert not set(labels_for(family)) & LEARNING_LINKS
    assert "Family forum" in labels_for(family)
    assert not set(labels_for(hr)) & LEARNING_LINKS
    assert "Data imports" in labels_for(hr)
    assert not set(labels_for(lived)) & LEARNING_LINKS
    assert {"Co-production", "Your payments"} <= set(labels_for(lived))
    # A learner of the same organisation is offered the learning.
    assert {"Learning", "My learning"} <= set(labels_for(staff))
    # And the family's home page does not offer them a reflection journal.
    client = Client()
    client.force_login(family)
    assert "Your reflection journal" not in client.get("/").content.decode()


def test_a_family_member_of_another_service_is_not_offered_its_forum():
    from tests.cms.factories import ServiceFactory
    from tests.coproduction.factories_forums import FamilyForumFactory

    forum = FamilyForumFactory()
    elsewhere = member(
        Role.FAMILY_MEMBER, service=ServiceFactory(organisation=forum.service.organisation)
    )
    assert "Family forum" not in labels_for(elsewhere)


def test_a_short_menu_stands_flat():
    items = [NavigationItem(f"Link {n}", f"/{n}/", LEARNING) for n in range(7)]
    assert navigation_menu(items) == items


def test_a_long_menu_groups_its_sections_in_order_and_leaves_single_links_alone():
    home = NavigationItem("Home", "/")
    learning = NavigationItem("Learning", "/learning/", LEARNING)
    my_learning = NavigationItem("My learning", "/learning/my/", LEARNING)
    dashboards = NavigationItem("Dashboards", "/dashboards/", DASHBOARDS)
    flags = NavigationItem("Red flags", "/red-flags/", DASHBOARDS)
    concerns = NavigationItem("Concerns", "/concerns/", "Safeguarding")
    visits = NavigationItem("Service visits", "/visits/", DASHBOARDS)
    raise_one = NavigationItem("Raise a concern", "/concerns/raise/")
    admin = NavigationItem("Admin", "/admin/")
    items = [home, learning, my_learning, dashboards, flags, concerns, visits, raise_one, admin]

    assert navigation_menu(items) == [
        home,
        NavigationGroup(DASHBOARDS, (dashboards, flags, visits)),
        NavigationGroup(LEARNING, (learning, my_learning)),
        concerns,
        raise_one,
        admin,
    ]


def test_a_hook_may_still_answer_with_a_pair():
    assert NavigationItem.from_hook_result(("Learning", "/learning/")) == NavigationItem(
        "Learning", "/learning/"
    )
