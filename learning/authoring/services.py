"""The lived-experience review of an organisation's learning: setting up the workflow, and
telling the organisation's lived-experience leads that content waits for them. Wagtail emails
the reviewers of its own group-approval task; this task is ours."""

from django.conf import settings
from django.urls import reverse
from wagtail.models import TaskState, Workflow, WorkflowPage, WorkflowTask

from cms.organisations.models import Membership, Role
from cms.outbox.services import email_send

from .models import LivedExperienceReviewTask, learning_organisation_of

WORKFLOW_NAME = "Learning content review"
TASK_NAME = "Lived-experience review"


def review_workflow():
    """The workflow with the lived-experience review task, created once."""
    task = LivedExperienceReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = LivedExperienceReviewTask.objects.create(name=TASK_NAME)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def attach_review_workflow(index):
    """Send every page under the learning index `index` through the lived-experience review."""
    workflow = review_workflow()
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def reviewers_of(page):
    organisation = learning_organisation_of(page)
    if organisation is None:
        return []
    return sorted(
        set(
            Membership.objects.filter(
                organisation=organisation, role=Role.LIVED_EXPERIENCE_LEAD, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    )


def email_reviewers(task_state_id):
    task_state = TaskState.objects.select_related("workflow_state").get(pk=task_state_id)
    page = task_state.workflow_state.content_object.specific
    recipients = reviewers_of(page)
    if not recipients:
        return 0
    context = {
        "page": page,
        "submitted_by": task_state.workflow_state.requested_by,
        "review_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("wagtailadmin_pages:edit", args=[page.pk]),
    }
    # One message per reviewer, so no reviewer sees the others' addresses.
    return email_send("learning/email/review_requested", context, recipients)
