"""The navigation keeps, per person, whether they raised a concern with their name on
(wagtail_hooks.py): a concern they raise makes that stale for them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.pages.panels import forget_person

from .models import Concern

RAISED_PART = "concerns_raised"


@receiver(post_save, sender=Concern)
@receiver(post_delete, sender=Concern)
def forget_raised_concerns_in_navigation(sender, instance, **kwargs):
    if instance.raised_by_id is not None:
        forget_person(instance.raised_by_id)
