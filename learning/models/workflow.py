from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Task, TaskState

from cms.organisations.models import Membership, Role
from cms.permissions import roles

from .pages import LearningIndexPage, learning_organisation_of

__all__ = ["LivedExperienceReviewTask"]


class LivedExperienceReviewTask(Task):
    """A workflow step that only a lived-experience lead of the page's own organisation can
    approve or reject. Rejecting asks for a comment, which Wagtail sends back to the author."""

    def _is_reviewer(self, obj, user):
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        organisation = learning_organisation_of(obj)
        if organisation is None:
            return False
        return Role.LIVED_EXPERIENCE_LEAD in roles(user, organisation=organisation)

    def user_can_access_editor(self, obj, user):
        return self._is_reviewer(obj, user)

    def locked_for_user(self, obj, user):
        return not self._is_reviewer(obj, user)

    def user_can_lock(self, obj, user):
        return self._is_reviewer(obj, user) and not user.is_superuser

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if self._is_reviewer(obj, user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        if not self._is_reviewer(obj, user):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        if not user.is_authenticated:
            return TaskState.objects.none()
        organisation_ids = Membership.objects.filter(
            user=user, role=Role.LIVED_EXPERIENCE_LEAD
        ).values_list("organisation_id", flat=True)
        indexes = LearningIndexPage.objects.filter(organisation_id__in=organisation_ids)
        if not indexes:
            return TaskState.objects.none()
        page_ids = set()
        for index in indexes:
            page_ids.update(
                str(pk) for pk in index.get_descendants(inclusive=True).values_list("pk", flat=True)
            )
        return states.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id__in=page_ids,
        )

    @classmethod
    def get_description(cls):
        return _(
            "A lived-experience lead of the page's own organisation reviews it before it is "
            "published"
        )

    class Meta:
        verbose_name = _("Lived-experience review")
        verbose_name_plural = _("Lived-experience reviews")
