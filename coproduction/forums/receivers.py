"""The navigation keeps, per person, whether they are in a forum (wagtail_hooks.py): a forum
opened or closed makes that stale for everyone (a change of role, for the person: cms.pages)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.pages.panels import forget_part

from .models import FamilyForum

FORUMS_PART = "forums"


@receiver(post_save, sender=FamilyForum)
@receiver(post_delete, sender=FamilyForum)
def forget_forums_in_navigation(sender, **kwargs):
    forget_part(FORUMS_PART)
