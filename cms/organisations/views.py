"""The Wagtail admin for organisations, scoped to what the signed-in person administers.

Superusers see everything. An organisation admin sees and manages only the organisations they
administer: the index querysets, the object views (edit, delete, inspect, history, usage) and the
snippet choosers all go through one permission policy, whose instance checks ask
`user.has_perm(codename, obj)`, which django-rules answers from `cms.permissions`.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views import snippets as snippet_views

from cms import access

from .models import Organisation, Role, Service
from .services import invitation_create

# --- Who administers what -------------------------------------------------------------------


class Administered:
    """The organisations and services `user` holds the organisation admin role for.

    `organisations`: every organisation with an admin role, whether for the whole organisation or
    for one service; `organisation_wide`: those where the role covers the whole organisation;
    `services`: services where the role is held for that service only. This mirrors
    `cms.permissions.has_role`, so querysets and `has_perm(codename, obj)` agree.
    """

    def __init__(self, user):
        admin = Role.ORGANISATION_ADMIN
        self.organisations = access.organisation_ids_where(user, admin)
        self.organisation_wide = access.organisation_ids_where(user, admin, organisation_wide=True)
        self.services = access.service_ids_where(user, admin)

    def service_q(self, prefix=""):
        """Services the admin role covers."""
        return Q(**{f"{prefix}organisation_id__in": self.organisation_wide}) | Q(
            **{f"{prefix}pk__in": self.services}
        )

    def held_q(self):
        """Memberships and invitations: organisation-wide ones in any administered organisation,
        service ones for a covered service."""
        organisation_wide = Q(service__isnull=True, organisation_id__in=self.organisations)
        for_a_service = Q(service__isnull=False) & self.service_q("service__")
        return organisation_wide | for_a_service


def scope_q(model, user):
    """The rows of `model` that `user` administers, as a Q (superusers: everything). `model` is
    an Organisation, a Service, or a model with a `service` and (unless it belongs to a service
    only) an `organisation`."""
    if user.is_active and user.is_superuser:
        return Q()
    administered = Administered(user)
    if model is Organisation:
        return Q(pk__in=administered.organisations)
    if model is Service:
        return Q(organisation_id__in=administered.organisations)
    if not any(field.name == "organisation" for field in model._meta.get_fields()):
        # Rows that belong to a service only (a plugin's per-service settings).
        return administered.service_q("service__")
    return administered.held_q()


def administered_organisations(user):
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(scope_q(Organisation, user))


def administered_services(user):
    """Services `user` may attach a membership or invitation to."""
    if user is None or not user.is_authenticated:
        return Service.objects.none()
    if user.is_superuser:
        return Service.objects.select_related("organisation")
    return Service.objects.filter(Administered(user).service_q()).select_related("organisation")


def people_in_administered_organisations(user):
    """People an organisation admin may give another role: those already in their organisations.
    New people come in through an invitation, so no admin can browse the site's whole user list."""
    User = get_user_model()
    if user is None or not user.is_authenticated:
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    organisations = Administered(user).organisations
    return User.objects.filter(memberships__organisation_id__in=organisations).distinct()


# --- The permission policy ------------------------------------------------------------------


class OrganisationScopedPermissionPolicy(ModelPermissionPolicy):
    """Model-level checks as Wagtail's `ModelPermissionPolicy` (`user.has_perm(codename)`, which
    rules answers "does the user hold the role anywhere"), plus instance-level checks through
    `user.has_perm(codename, obj)` and querysets limited to what the user administers."""

    def user_has_permission_for_instance(self, user, action, instance):
        return user.has_perm(self._get_permission_name(action), instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if not (user.is_authenticated and user.is_active):
            return manager.none()
        if not self.user_has_any_permission(user, actions):
            return manager.none()
        return manager.filter(scope_q(self.model, user))

    def users_with_any_permission(self, actions):
        users = super().users_with_any_permission(actions)
        admin_actions = {
            action
            for action in actions
            if self.model is not Organisation or action in ("change", "view")
        }
        if not admin_actions:
            return users
        admins = get_user_model().objects.filter(
            is_active=True, memberships__role=Role.ORGANISATION_ADMIN
        )
        return (users | admins).distinct()


def policy_for(model):
    return policy_registry.get_by_type(model)


# --- Views ----------------------------------------------------------------------------------


class ScopedObjectMixin:
    """Refuse an object outside the user's organisations (404, so its existence does not leak),
    and an action the rules do not allow on it (PermissionDenied, which the Wagtail admin turns
    into a redirect to its dashboard with a message)."""

    object_actions = ("change",)

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is None:  # the create view of the optional-features mixin
            return obj
        user = self.request.user
        policy = policy_for(self.model)
        in_scope = policy.instances_user_has_any_permission_for(user, ["change"])
        if not in_scope.filter(pk=obj.pk).exists():
            raise Http404
        if not policy.user_has_any_permission_for_instance(user, self.object_actions, obj):
            raise PermissionDenied
        return obj


class IndexView(snippet_views.IndexView):
    """The listing: only what the user administers, however the viewset builds its queryset."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return queryset.filter(scope_q(self.model, self.request.user))


class CreateView(snippet_views.CreateView):
    pass


class EditView(ScopedObjectMixin, snippet_views.EditView):
    object_actions = ("change",)


class DeleteView(ScopedObjectMixin, snippet_views.DeleteView):
    object_actions = ("delete",)


class InspectView(ScopedObjectMixin, snippet_views.InspectView):
    object_actions = ("view", "change")


class HistoryView(ScopedObjectMixin, snippet_views.HistoryView):
    object_actions = ("change", "delete", "view")


class UsageView(ScopedObjectMixin, snippet_views.UsageView):
    object_actions = ("change",)


class InvitationCreateView(CreateView):
    """Creating an invitation records who sent it and emails the invitee (on commit)."""

    def save_instance(self):
        data = self.form.cleaned_data
        invitation = invitation_create(
            invited_by=self.request.user,
            organisation=data["organisation"],
            service=data.get("service"),
            email=data["email"],
            role=data["role"],
            expires_at=data.get("expires_at"),
        )
        log(instance=invitation, action="wagtail.create", user=self.request.user)
        return invitation

    def get_success_message(self, instance):
        return (
            f"Invitation for {instance.email} created. We are emailing them a link that works "
            f"until {timezone.localtime(instance.expires_at):%d %B %Y}."
        )


# --- Snippet choosers -----------------------------------------------------------------------


class ScopedChooserMixin:
    def get_object_list(self):
        return super().get_object_list().filter(scope_q(self.model_class, self.request.user))


class ChooseView(ScopedChooserMixin, chooser_views.ChooseView):
    pass


class ChooseResultsView(ScopedChooserMixin, chooser_views.ChooseResultsView):
    pass


class ChosenView(chooser_views.SnippetChosenView):
    def get_object(self, pk):
        return self.model_class.objects.filter(scope_q(self.model_class, self.request.user)).get(
            pk=pk
        )


class ChosenMultipleView(chooser_views.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return super().get_objects(pks).filter(scope_q(self.model_class, self.request.user))


class ScopedSnippetChooserViewSet(chooser_views.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    # No "create" tab (creation_form_class stays None): new objects go through the scoped forms.


__all__ = [
    "Administered",
    "ChooseResultsView",
    "ChooseView",
    "CreateView",
    "DeleteView",
    "EditView",
    "HistoryView",
    "IndexView",
    "InspectView",
    "InvitationCreateView",
    "OrganisationScopedPermissionPolicy",
    "ScopedSnippetChooserViewSet",
    "UsageView",
    "administered_organisations",
    "administered_services",
    "people_in_administered_organisations",
    "scope_q",
]
