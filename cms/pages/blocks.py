"""The blocks every page body is built from, shared by the host and the plugins."""

from wagtail.blocks import (
    CharBlock,
    ChoiceBlock,
    RichTextBlock,
    StreamBlock,
    StructBlock,
    TextBlock,
    URLBlock,
)
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

# Rich text stays simple: headings come from HeadingBlock so that they stay in order.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(StructBlock):
    """A section heading. The page title is the only h1, so sections start at h2."""

    heading_text = CharBlock(classname="title", required=True)
    size = ChoiceBlock(
        choices=[("h2", "Section (H2)"), ("h3", "Sub-section (H3)"), ("h4", "Minor (H4)")],
        default="h2",
        help_text="Use H2 for a new section and H3 or H4 only inside one; do not skip a level.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class KeyFactBlock(StructBlock):
    """A fact the reader should remember, with the source it rests on."""

    fact = TextBlock(help_text="One fact, in plain words.")
    source = CharBlock(help_text="Where the fact comes from, e.g. 'Care Act 2014, section 42'.")
    source_url = URLBlock(required=False, label="Source link")

    class Meta:
        icon = "pick"
        template = "blocks/key_fact_block.html"


class QuoteBlock(StructBlock):
    """Something a person said, with who said it."""

    text = TextBlock()
    attribution = CharBlock(required=False, help_text="Who said it, and where.")

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class ImageFigureBlock(StructBlock):
    """An image with alternative text, and an optional caption and credit."""

    image = ImageBlock()
    caption = CharBlock(required=False)
    attribution = CharBlock(required=False, help_text="Who made or owns the image.")

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"


class EmbedFigureBlock(StructBlock):
    """A video or other media from another site, with a title for screen readers."""

    embed = EmbedBlock(help_text="A link to a video, e.g. on YouTube or Vimeo.")
    title = CharBlock(help_text="What the media is, e.g. 'Video: a family forum in practice'.")
    transcript_url = URLBlock(required=False, help_text="A link to a transcript, if there is one.")

    class Meta:
        icon = "media"
        template = "blocks/embed_block.html"


class BaseStreamBlock(StreamBlock):
    """The body of a content page."""

    heading_block = HeadingBlock()
    paragraph_block = RichTextBlock(
        features=PARAGRAPH_FEATURES, icon="pilcrow", template="blocks/paragraph_block.html"
    )
    key_fact_block = KeyFactBlock()
    quote_block = QuoteBlock()
    image_block = ImageFigureBlock()
    embed_block = EmbedFigureBlock()
