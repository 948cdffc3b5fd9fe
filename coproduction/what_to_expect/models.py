""" "What to expect" pages: for each service, what good care looks like, fees and the contract,
how to raise a concern or complaint, independent advocacy and the regulator. Wagtail pages,
seeded for each forum, edited by the organisation's authors."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.organisations.models import Service
from cms.pages.blocks import BaseStreamBlock

__all__ = ["WhatToExpectIndexPage", "WhatToExpectPage"]


class WhatToExpectIndexPage(Page):
    """The "what to expect" pages of one service, in order."""

    service = models.OneToOneField(
        Service, on_delete=models.PROTECT, related_name="what_to_expect_index"
    )
    intro = models.TextField(blank=True)

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["coproduction.WhatToExpectPage"]
    content_panels = [*Page.content_panels, "service", "intro"]

    class Meta:
        verbose_name = "what to expect index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = self.get_children().live().specific()
        return context


class WhatToExpectPage(Page):
    class Topic(models.TextChoices):
        GOOD_CARE = "good_care", "What good care looks like"
        FEES = "fees", "Fees and what the contract says"
        CONCERNS = "concerns", "How to raise a concern or complaint"
        ADVOCACY = "advocacy", "Independent advocacy"
        REGULATOR = "regulator", "The regulator"

    topic = models.CharField(max_length=16, choices=Topic.choices)
    summary = models.TextField(help_text="One or two plain sentences that open the page.")
    body = StreamField(BaseStreamBlock(), blank=True)
    facts_to_check = models.TextField(
        "facts to check",
        blank=True,
        help_text="Statements on this page that no source bundled with the platform supports. "
        "Check each against the source it names (or remove it), then empty this box. Families "
        "never see this box; while it has text, the admin warns whoever opens the page.",
    )

    parent_page_types = ["coproduction.WhatToExpectIndexPage"]
    subpage_types = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("facts_to_check", heading="Facts an author must check"),
        "topic",
        "summary",
        "body",
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = "what to expect page"

    @property
    def service(self):
        return self.get_parent().specific.service
