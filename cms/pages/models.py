from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The front door: greets each person with what is waiting for them."""

    intro = RichTextField(blank=True)
    max_count = 1
    content_panels = [*Page.content_panels, "intro"]
