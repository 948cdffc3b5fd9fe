"""Organisations, services, memberships and invitations in the Wagtail admin ("People and
services"). Superusers manage everything; an organisation admin manages their own
organisation(s) only. The scoping lives in `views` (policy, querysets, object views, choosers)
and `forms` (choices); this module wires them into snippet viewsets."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.dateformat import format as format_date
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import views
from .forms import InvitationForm, MembershipForm, OrganisationForm, ServiceForm
from .models import Invitation, Membership, Organisation, Service

# The policies come first, before anything asks Wagtail for a fallback policy.
for _model in (Organisation, Service, Membership, Invitation):
    register_permission_policy(_model, views.OrganisationScopedPermissionPolicy(_model))


def _organisations_for_filter(request):
    return views.administered_organisations(getattr(request, "user", None))


def _services_for_filter(request):
    return views.administered_services(getattr(request, "user", None))


class ServiceFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(queryset=_organisations_for_filter)

    class Meta:
        model = Service
        fields = ["organisation", "kind"]


class MembershipFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(queryset=_organisations_for_filter)
    service = django_filters.ModelChoiceFilter(queryset=_services_for_filter)

    class Meta:
        model = Membership
        fields = ["organisation", "service", "role"]


class InvitationStatus:
    PENDING, ACCEPTED, EXPIRED = "pending", "accepted", "expired"
    CHOICES = [(PENDING, "Pending"), (ACCEPTED, "Accepted"), (EXPIRED, "Expired")]

    @classmethod
    def of(cls, invitation):
        if invitation.is_accepted:
            return cls.ACCEPTED
        if invitation.is_expired:
            return cls.EXPIRED
        return cls.PENDING

    @classmethod
    def label(cls, invitation):
        return dict(cls.CHOICES)[cls.of(invitation)]

    @classmethod
    def q(cls, status):
        now = timezone.now()
        return {
            cls.ACCEPTED: Q(accepted_at__isnull=False),
            cls.EXPIRED: Q(accepted_at__isnull=True, expires_at__lte=now),
            cls.PENDING: Q(accepted_at__isnull=True, expires_at__gt=now),
        }[status]


class InvitationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=InvitationStatus.CHOICES, method="filter_status"
    )
    organisation = django_filters.ModelChoiceFilter(queryset=_organisations_for_filter)

    class Meta:
        model = Invitation
        fields = ["status", "organisation", "role"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(InvitationStatus.q(value)) if value else queryset


class ScopedSnippetViewSet(SnippetViewSet):
    index_view_class = views.IndexView
    add_view_class = views.CreateView
    edit_view_class = views.EditView
    delete_view_class = views.DeleteView
    inspect_view_class = views.InspectView
    history_view_class = views.HistoryView
    usage_view_class = views.UsageView
    chooser_viewset_class = views.ScopedSnippetChooserViewSet
    inspect_view_enabled = True
    copy_view_enabled = False
    select_related = ()

    def get_queryset(self, request):
        queryset = views.policy_for(self.model).instances_user_has_any_permission_for(
            request.user, ["change"]
        )
        return queryset.select_related(*self.select_related)


class OrganisationViewSet(ScopedSnippetViewSet):
    model = Organisation
    icon = "site"
    menu_label = "Organisations"
    list_display = ["name", "slug", DateColumn("created_at", label="Added")]
    search_fields = ["name", "slug"]
    inspect_view_fields = ["name", "slug", "created_at"]
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("slug")], base_form_class=OrganisationForm
    )


class ServiceViewSet(ScopedSnippetViewSet):
    model = Service
    icon = "home"
    menu_label = "Services"
    select_related = ("organisation",)
    list_display = ["name", "organisation", "kind", "beds", "people_supported"]
    filterset_class = ServiceFilterSet
    search_fields = ["name", "organisation__name"]
    inspect_view_fields = ["organisation", "name", "kind", "beds", "people_supported"]
    edit_handler = ObjectList(
        [
            FieldPanel("organisation", widget=forms.Select),
            FieldPanel("name"),
            FieldPanel("kind"),
            FieldPanel("beds"),
            FieldPanel("people_supported"),
        ],
        base_form_class=ServiceForm,
    )


class MembershipViewSet(ScopedSnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = "Memberships"
    select_related = ("user", "organisation", "service")
    list_display = [
        Column("person", label="Person", accessor=lambda m: m.user.email),
        "role",
        "organisation",
        Column(
            "where",
            label="Service",
            accessor=lambda m: m.service.name if m.service_id else "Whole organisation",
        ),
        DateColumn("created_at", label="Since"),
    ]
    filterset_class = MembershipFilterSet
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    inspect_view_fields = ["user", "organisation", "service", "role", "created_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("user", widget=forms.Select),
            FieldPanel("organisation", widget=forms.Select),
            FieldPanel("service", widget=forms.Select),
            FieldPanel("role"),
        ],
        base_form_class=MembershipForm,
    )


def _amount(delta):
    """A length of time in one plain unit, rounded: "14 days", "5 hours", "1 minute". Rounded
    rather than cut down: a 14-day invitation seen a second after it was sent is "14 days", not
    Django's timeuntil's "1 week, 6 days" (or "1 week" with one unit)."""
    seconds = abs(delta.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size or unit == "minute":
            count = max(1, round(seconds / size))
            return f"{count} {unit}{'' if count == 1 else 's'}"


def invitation_expiry(invitation, now=None):
    """When an invitation expires, in words: "in 14 days (18 December 2026)", or "Expired 3 days
    ago (...)". Not Wagtail's date column: it words every date as time since, so an expiry two
    weeks ahead read "Just now"."""
    if invitation.is_accepted:
        return "Accepted: no longer needed"
    now = now or timezone.now()
    expires = invitation.expires_at
    day = format_date(timezone.localtime(expires), "j F Y")
    if expires > now:
        return f"in {_amount(expires - now)} ({day})"
    return f"Expired {_amount(now - expires)} ago ({day})"


class InvitationViewSet(ScopedSnippetViewSet):
    model = Invitation
    icon = "mail"
    menu_label = "Invitations"
    add_view_class = views.InvitationCreateView
    select_related = ("organisation", "service", "invited_by")
    list_display = [
        "email",
        "role",
        "organisation",
        Column(
            "where",
            label="Service",
            accessor=lambda i: i.service.name if i.service_id else "Whole organisation",
        ),
        StatusTagColumn(
            "status",
            label="Status",
            accessor=InvitationStatus.label,
            primary=lambda i: InvitationStatus.of(i) == InvitationStatus.PENDING,
        ),
        Column("expires_at", label="Expires", accessor=invitation_expiry, sort_key="expires_at"),
    ]
    filterset_class = InvitationFilterSet
    search_fields = ["email"]
    # Never the token: it is the invitee's key.
    inspect_view_fields = [
        "email",
        "organisation",
        "service",
        "role",
        "invited_by",
        "created_at",
        "email_sent_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("email"),
            FieldPanel("organisation", widget=forms.Select),
            FieldPanel("service", widget=forms.Select),
            FieldPanel("role"),
            FieldPanel("expires_at"),
        ],
        base_form_class=InvitationForm,
    )


class PeopleAndServicesGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, ServiceViewSet, MembershipViewSet, InvitationViewSet)
    menu_label = "People and services"
    menu_icon = "group"
    menu_name = "people-and-services"


register_snippet(PeopleAndServicesGroup)
