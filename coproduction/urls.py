"""The plugin's URLs: every part's `urls.py`, mounted at the plugin's root (cms/urls.py mounts
the plugin at "together/")."""

from cms.parts import part_urlpatterns

from .apps import CoproductionConfig

app_name = "coproduction"

urlpatterns = part_urlpatterns("coproduction", CoproductionConfig.parts)
