"""Tell the lived-experience leads of an organisation that learning content waits for their
review. Wagtail emails the reviewers of its own group-approval task; this task is ours."""

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse
from wagtail.models import TaskState
from wagtail.signals import task_submitted

from cms.organisations.models import Membership, Role
from cms.outbox.services import email_send

from ..models import LivedExperienceReviewTask, learning_organisation_of


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


@receiver(task_submitted)
def on_review_task_submitted(sender, instance, **kwargs):
    if isinstance(instance.task.specific, LivedExperienceReviewTask):
        # In the outbox, in the transaction that submits the page: sent once it commits.
        email_reviewers(instance.pk)
