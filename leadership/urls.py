"""Every part's pages, mounted at the plugin's root (cms/urls.py mounts the plugin where
settings.PLUGIN_URLS says: /leadership/)."""

from cms.parts import part_urlpatterns

from .apps import LeadershipConfig

app_name = "leadership"

urlpatterns = part_urlpatterns("leadership", LeadershipConfig.parts)
