"""Enrolment in the site and the Wagtail admin: the "Your learning" home panel, the "My learning"
(and, for leaders, "Assign learning"; for organisation admins, "Learning records") navigation
items, and enrolment rules as a snippet that organisation admins manage for their own
organisation (scoped as cms.organisations does)."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from cms.organisations import views as organisation_views
from cms.organisations.forms import ScopedAdminForm
from cms.organisations.wagtail_hooks import ScopedSnippetViewSet
from cms.pages.panels import HOME_PANEL_HOOK, LEARNING, NAVIGATION_HOOK, HomePanel, NavigationItem
from cms.permissions import may, roles

from . import selectors
from .models import EnrolmentRule

PANEL_ITEMS = 5


def _due_text(enrolment, today):
    if enrolment.due_on is None:
        return "no date set"
    if enrolment.due_on < today:
        return f"overdue: it was due on {enrolment.due_on:%-d %B %Y}"
    return f"complete by {enrolment.due_on:%-d %B %Y}"


@hooks.register(HOME_PANEL_HOOK)
def your_learning_panel(request):
    user = request.user
    if not user.is_authenticated:
        return None
    assigned = list(selectors.assigned_to(user)[: PANEL_ITEMS + 1])
    if not assigned and not roles(user) & set(selectors.WORKFORCE_ROLES):
        return None
    today = timezone.localdate()
    items = [
        (f"{e.path.title} ({_due_text(e, today)})", e.path.url or "")
        for e in assigned[:PANEL_ITEMS]
    ]
    if len(assigned) > PANEL_ITEMS:
        items.append("… and more in My learning")
    return HomePanel(
        title="Your learning",
        items=items,
        link=("My learning", reverse("learning:my_learning")),
        empty="No learning is assigned to you right now.",
    )


@hooks.register(NAVIGATION_HOOK)
def my_learning_navigation(request):
    # For the workforce, whom learning is for: a family member, a lived-experience member or
    # HR, who are assigned none, finds what is assigned to them on their home page.
    if roles(request.user) & set(selectors.WORKFORCE_ROLES):
        return NavigationItem("My learning", reverse("learning:my_learning"), LEARNING)
    return None


@hooks.register(NAVIGATION_HOOK)
def assign_learning_navigation(request):
    if may(request.user, "learning.assign_path"):
        return NavigationItem("Assign learning", reverse("learning:assign"), LEARNING)
    return None


@hooks.register(NAVIGATION_HOOK)
def learning_records_navigation(request):
    if may(request.user, "learning.export_xapi"):
        return NavigationItem("Learning records", reverse("learning:learning_records"), LEARNING)
    return None


# --- Enrolment rules in the Wagtail admin ---------------------------------------------------

register_permission_policy(
    EnrolmentRule, organisation_views.OrganisationScopedPermissionPolicy(EnrolmentRule)
)


class EnrolmentRuleForm(ScopedAdminForm):
    """Organisation, service and path choices narrowed to what the admin administers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "path" in self.fields:
            organisations = organisation_views.administered_organisations(self.for_user)
            self.fields["path"].queryset = selectors.paths_in(organisations)


class EnrolmentRuleViewSet(ScopedSnippetViewSet):
    model = EnrolmentRule
    icon = "list-ul"
    menu_label = "Enrolment rules"
    menu_name = "enrolment-rules"
    add_to_admin_menu = True
    menu_order = 310
    select_related = ("organisation", "service", "path")
    list_display = [
        "path",
        "role",
        "organisation",
        "service",
        "due_within_days",
        "active",
    ]
    list_filter = ["role", "active"]
    inspect_view_fields = [
        "organisation",
        "service",
        "role",
        "path",
        "due_within_days",
        "active",
        "created_at",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("organisation", widget=forms.Select),
            FieldPanel("service", widget=forms.Select),
            FieldPanel("role"),
            FieldPanel("path", widget=forms.Select),
            FieldPanel("due_within_days"),
            FieldPanel("active"),
        ],
        base_form_class=EnrolmentRuleForm,
    )


register_snippet(EnrolmentRuleViewSet)
