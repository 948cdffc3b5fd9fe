"""What the navigation keeps per person (cms.pages.panels.person_cached) goes stale when the
person's roles change, and what it keeps about pages when a page is published, unpublished,
moved, renamed or deleted."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.organisations.models import Membership

from .panels import PAGES, forget_part, forget_person


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def forget_navigation_of_member(sender, instance, **kwargs):
    forget_person(instance.user_id)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def forget_pages_in_navigation(sender, **kwargs):
    forget_part(PAGES)


@receiver(post_delete)
def forget_deleted_page_in_navigation(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget_part(PAGES)
