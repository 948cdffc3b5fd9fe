from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The host site's own page types: home page, standard page and the resource bank."""

    name = "cms.pages"
    label = "pages"
    verbose_name = "Pages"

    def ready(self):
        from . import receivers  # noqa: F401
