"""What authoring listens to: membership changes and new learning indexes (keep the Wagtail
groups of authors and reviewers in step, `groups`), and a page submitted for the
lived-experience review (email the reviewers, `services`)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import task_submitted

from cms.organisations.models import Membership

from .groups import sync_organisation, sync_user
from .models import LearningIndexPage, LivedExperienceReviewTask
from .services import email_reviewers


@receiver(post_save, sender=Membership, dispatch_uid="learning_membership_saved")
@receiver(post_delete, sender=Membership, dispatch_uid="learning_membership_deleted")
def membership_changed(sender, instance, **kwargs):
    user = get_user_model().objects.filter(pk=instance.user_id).first()
    if user is not None:
        sync_user(user)


@receiver(post_save, sender=LearningIndexPage, dispatch_uid="learning_index_saved")
def index_saved(sender, instance, created, raw=False, **kwargs):
    if not raw and instance.organisation_id:
        sync_organisation(instance.organisation)


@receiver(task_submitted, dispatch_uid="learning_review_task_submitted")
def on_review_task_submitted(sender, instance, **kwargs):
    if isinstance(instance.task.specific, LivedExperienceReviewTask):
        # In the outbox, in the transaction that submits the page: sent once it commits.
        email_reviewers(instance.pk)
