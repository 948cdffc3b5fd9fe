from django import forms
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BaseStreamBlock


class HomePage(Page):
    """The front door: greets each person with what is waiting for them."""

    intro = RichTextField(
        blank=True,
        help_text="What the site is for, shown to people who have not signed in.",
    )
    max_count = 1
    content_panels = [*Page.content_panels, "intro"]

    def get_context(self, request, *args, **kwargs):
        from .panels import home_panels

        context = super().get_context(request, *args, **kwargs)
        if request.user.is_authenticated:
            panels = home_panels(request)
            context["panels"] = panels
            context["has_waiting"] = any(panel.items for panel in panels)
        return context


class StandardPage(Page):
    """A plain content page: about the site, accessibility, help."""

    intro = models.TextField(blank=True, help_text="One or two sentences that open the page.")
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = [*Page.content_panels, "intro", "body"]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]


class Stakeholder(models.Model):
    """Who a resource is for: staff, families, lived-experience members, leaders and so on."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = ["name", "slug", "sort_order"]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Theme(models.Model):
    """What a resource is about: one of the five imperatives, or a topic such as red flags."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = ["name", "slug", "description", "sort_order"]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ResourceIndexPage(Page):
    """The resource bank: every resource, searchable and filtered by who it is for and theme."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ResourcePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from .selectors import resource_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(resource_listing(self, request.GET))
        return context


class ResourcePage(Page):
    """One resource in the bank: a short, sourced explainer written in the project's own words."""

    summary = models.TextField(
        max_length=400, help_text="One or two sentences shown in search results and listings."
    )
    body = StreamField(BaseStreamBlock(), blank=True)
    stakeholders = ParentalManyToManyField(
        Stakeholder, blank=True, related_name="resources", verbose_name="who it is for"
    )
    themes = ParentalManyToManyField(Theme, blank=True, related_name="resources")

    content_panels = [
        *Page.content_panels,
        "summary",
        "body",
        MultiFieldPanel(
            [
                FieldPanel("stakeholders", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Who it is for and what it is about",
        ),
        InlinePanel("sources", heading="Sources", label="Source"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
    ]
    parent_page_types = ["pages.ResourceIndexPage"]
    subpage_types = []


class ResourceSource(Orderable, models.Model):
    """What a resource's facts rest on: a report, an Act, guidance."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="sources")
    citation = models.CharField(max_length=400)
    url = models.URLField(blank=True, verbose_name="link")

    panels = ["citation", "url"]

    def __str__(self):
        return self.citation
