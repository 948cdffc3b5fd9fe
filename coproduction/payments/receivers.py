"""The navigation keeps, per person, whether they have been paid for their time
(wagtail_hooks.py): a record of their involvement made or removed makes that stale for them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.organisations.models import Role
from cms.pages.panels import forget_person

from .models import InvolvementRecord

PAID_PART = "involvement"
# The people whose time is paid for: "Your payments" is theirs whether or not they have a record.
PAID_ROLES = frozenset({Role.LIVED_EXPERIENCE_MEMBER, Role.LIVED_EXPERIENCE_LEAD})


@receiver(post_save, sender=InvolvementRecord)
@receiver(post_delete, sender=InvolvementRecord)
def forget_involvement_in_navigation(sender, instance, **kwargs):
    forget_person(instance.member_id)
