"""The navigation keeps, per person, whether they are in a co-production space
(wagtail_hooks.py): joining or leaving one makes that stale for them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.pages.panels import forget_person

from .models import SpaceMembership

SPACES_PART = "spaces"


@receiver(post_save, sender=SpaceMembership)
@receiver(post_delete, sender=SpaceMembership)
def forget_spaces_in_navigation(sender, instance, **kwargs):
    forget_person(instance.user_id)
