"""What authors write and reviewers approve: the Wagtail pages of learning (an organisation's
learning index, its paths, and their modules and scenarios) and the lived-experience review
task every page goes through before it is published."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Task, TaskState

from cms.organisations.models import Membership, Organisation, Role
from cms.permissions import roles

from ..blocks import ModuleBodyBlock, ScenarioStepsBlock
from ..principles import Imperative


class LinesField(forms.CharField):
    """A list of short texts edited as one per line."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(line) for line in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(line).strip() for line in value if str(line).strip()]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data or "")


class LearningPathPageForm(WagtailAdminPageForm):
    """Audiences as tick boxes of roles, outcomes as one per line."""

    audiences = forms.MultipleChoiceField(
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The roles this path is written for.",
    )
    outcomes = LinesField(
        required=False,
        help_text="What a learner will be able to do afterwards: one outcome per line.",
    )


def _learning_ancestor(page, model):
    if isinstance(page, model):
        return page
    return model.objects.ancestor_of(page).order_by("-depth").first()


def learning_organisation_of(page):
    """The organisation a learning page (of any class, specific or not) belongs to, or None."""
    return getattr(getattr(page, "specific", page), "organisation", None)


class LearningPageMixin:
    """Shared by every learning page: which organisation and path it belongs to."""

    @cached_property
    def learning_index(self):
        return _learning_ancestor(self, LearningIndexPage)

    @cached_property
    def learning_path(self):
        """The LearningPathPage this page is part of (itself for a path), or None."""
        return _learning_ancestor(self, LearningPathPage)


class LearningIndexPage(Page):
    """An organisation's learning: the paths its people can follow. Every path, module and scenario
    below it belongs to that organisation, and its lived-experience leads review them."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="learning_indexes"
    )
    intro = RichTextField(blank=True)

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["learning.LearningPathPage"]
    content_panels = [*Page.content_panels, "organisation", "intro"]

    @property
    def learning_index(self):
        return self

    def paths(self):
        """The live paths of this index, in tree order."""
        return LearningPathPage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["paths"] = self.paths()
        return context


class LearningPathPage(LearningPageMixin, Page):
    """A learning path: modules and scenarios, in order, towards one of the five imperatives."""

    imperative = models.CharField(max_length=16, choices=Imperative.choices)
    audiences = models.JSONField(
        default=list, blank=True, help_text="The roles this path is written for."
    )
    summary = models.TextField()
    outcomes = models.JSONField(default=list, blank=True)
    estimated_minutes = models.PositiveIntegerField(default=30)
    recertify_months = models.PositiveIntegerField(
        default=0, help_text="Reopen the path this many months after completion (0: never)."
    )

    base_form_class = LearningPathPageForm
    parent_page_types = ["learning.LearningIndexPage"]
    subpage_types = ["learning.ModulePage", "learning.ScenarioPage"]
    content_panels = [
        *Page.content_panels,
        "imperative",
        FieldPanel("audiences"),
        "summary",
        FieldPanel("outcomes"),
        "estimated_minutes",
        "recertify_months",
    ]

    @property
    def organisation(self):
        index = self.learning_index
        return index.organisation if index else None

    def items(self):
        """The live modules and scenarios of this path, specific, in tree order."""
        return list(
            self.get_children().live().type(ModulePage, ScenarioPage).order_by("path").specific()
        )

    def get_audiences_display(self):
        labels = dict(Role.choices)
        return [labels.get(value, value) for value in self.audiences]


class ModulePage(LearningPageMixin, Page):
    """A module: teaching content ending in a knowledge check."""

    summary = models.TextField(blank=True)
    body = StreamField(ModuleBodyBlock())

    parent_page_types = ["learning.LearningPathPage"]
    subpage_types = []
    content_panels = [*Page.content_panels, "summary", "body"]

    @property
    def organisation(self):
        index = self.learning_index
        return index.organisation if index else None


class ScenarioPage(LearningPageMixin, Page):
    """A branching practice dilemma: a graph of steps whose choices lead to other steps or to an
    ending. The first step is the start."""

    summary = models.TextField(blank=True)
    steps = StreamField(ScenarioStepsBlock())
    reflection_prompt = models.TextField(blank=True)

    parent_page_types = ["learning.LearningPathPage"]
    subpage_types = []
    content_panels = [*Page.content_panels, "summary", "steps", "reflection_prompt"]

    @property
    def organisation(self):
        index = self.learning_index
        return index.organisation if index else None


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
