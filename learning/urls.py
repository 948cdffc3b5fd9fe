"""The learning plugin's URLs: those of each part that has a `urls.py`."""

from cms.parts import part_urlpatterns

from .apps import LearningConfig

app_name = "learning"

urlpatterns = part_urlpatterns("learning", LearningConfig.parts)
