from django.urls import reverse
from wagtail import hooks
from wagtail.models import Site
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.organisations.models import Membership, Role
from cms.permissions import roles

from .models import Stakeholder, Theme
from .panels import HOME_PANEL_HOOK, NAVIGATION_HOOK, PAGES, HomePanel, person_cached
from .selectors import latest_resources, resource_bank_for


class StakeholderViewSet(SnippetViewSet):
    model = Stakeholder
    icon = "group"
    menu_label = "Who it is for"
    list_display = ["name", "slug", "sort_order"]
    list_export = ["name", "slug"]
    ordering = ["sort_order", "name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Themes"
    list_display = ["name", "slug", "description", "sort_order"]
    list_export = ["name", "slug", "description"]
    ordering = ["sort_order", "name"]


class ResourceBankViewSetGroup(SnippetViewSetGroup):
    items = (StakeholderViewSet, ThemeViewSet)
    menu_label = "Resource bank"
    menu_icon = "folder-open-inverse"
    menu_order = 300


register_snippet(ResourceBankViewSetGroup)


# --- Home page panels ---------------------------------------------------------------------


@hooks.register(HOME_PANEL_HOOK, order=-200)
def your_roles_panel(request):
    memberships = Membership.objects.for_user(request.user).select_related(
        "organisation", "service"
    )
    items = [
        f"{m.get_role_display()} at {m.service.name}, {m.organisation.name}"
        if m.service_id
        else f"{m.get_role_display()} across {m.organisation.name}"
        for m in memberships
    ]
    return HomePanel(
        title="Your roles and services",
        items=items,
        empty="You do not have a role yet. Ask the organisation that invited you to add one.",
    )


@hooks.register(HOME_PANEL_HOOK, order=-100)
def resource_bank_panel(request):
    bank = resource_bank_for(request)
    if bank is None:
        return None
    return HomePanel(
        title="New in the resource bank",
        items=[(page.title, page.get_url(request)) for page in latest_resources(bank)],
        link=("Browse the resource bank", bank.get_url(request)),
        empty="There are no resources yet.",
    )


@hooks.register(HOME_PANEL_HOOK, order=1000)
def manage_people_panel(request):
    if Role.ORGANISATION_ADMIN not in roles(request.user):
        return None
    return HomePanel(
        title="Manage people",
        items=["Invite people, change their roles and services, or remove their access."],
        link=("Go to the admin area", reverse("wagtailadmin_home")),
    )


# --- Site navigation ----------------------------------------------------------------------


@hooks.register(NAVIGATION_HOOK, order=-200)
def home_navigation_item(request):
    site = Site.find_for_request(request)
    return ("Home", site.root_page.get_url(request) if site else "/")


@hooks.register(NAVIGATION_HOOK, order=-100)
def resource_bank_navigation_item(request):
    def link():
        bank = resource_bank_for(request)
        return (bank.title, bank.get_url(request)) if bank else ()

    site = Site.find_for_request(request)
    part = f"resource_bank:{site.pk if site else ''}"
    return person_cached(request, part, link, depends_on=(PAGES,)) or None


@hooks.register(NAVIGATION_HOOK, order=1000)
def admin_navigation_item(request):
    if request.user.has_perm("wagtailadmin.access_admin"):
        return ("Admin", reverse("wagtailadmin_home"))
    return None
