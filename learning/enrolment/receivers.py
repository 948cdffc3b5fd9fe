"""What enrolment listens to: a learner completing an item (is the path now complete?), and new
enrolment rules and memberships (apply the rules once the transaction commits)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from ..learner.signals import item_completed


@receiver(item_completed, dispatch_uid="learning.enrolment.item_completed")
def on_item_completed(sender, user, page, path, **kwargs):
    if path is None:
        return
    from .services import enrolment_check_complete

    enrolment_check_complete(user, path)


def _apply_rules_on_commit(organisation_id):
    from .tasks import apply_rules

    apply_rules.delay_on_commit(organisation_id)


@receiver(post_save, sender="learning.EnrolmentRule", dispatch_uid="learning.enrolment.rule")
def on_rule_saved(sender, instance, **kwargs):
    if instance.active:
        _apply_rules_on_commit(instance.organisation_id)


@receiver(
    post_save, sender="organisations.Membership", dispatch_uid="learning.enrolment.membership"
)
def on_membership_created(sender, instance, created, **kwargs):
    from .models import EnrolmentRule

    if (
        created
        and EnrolmentRule.objects.filter(
            organisation_id=instance.organisation_id, role=instance.role, active=True
        ).exists()
    ):
        _apply_rules_on_commit(instance.organisation_id)
