"""Setting up the lived-experience review for an organisation's learning."""

from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from ..models import LivedExperienceReviewTask

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
