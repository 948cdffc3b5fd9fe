from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The host site: shared templates, static files, the demo command and the shared services."""

    name = "cms"
    label = "cms"
    verbose_name = "Site"

    def ready(self):
        from . import permissions  # noqa: F401  (registers the host's rules)
