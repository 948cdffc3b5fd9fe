"""A plugin is made of parts, and a part is a folder.

Each part of a plugin (`coproduction/concerns/`, `learning/enrolment/`, ...) holds its own
`models.py`, `rules.py`, `services.py`, `selectors.py`, `views.py`, `forms.py`, `urls.py`,
`tasks.py`, `indicators.py`, `wagtail_hooks.py` and `templates/`, each only if it needs one. The
plugin's app config lists its parts once, in `parts`. Django, Wagtail and Celery each look for one
module per app (`models`, `wagtail_hooks`, `tasks`, `urls`); the plugin's module of that name is
an index built from the list with `load_parts` or `part_urlpatterns`, so adding a part is adding
a folder and a name. Templates in a part's `templates/` folder are found by
`cms.template_loaders.PartsLoader`.

App labels stay those of the plugins, so a model moving between a plugin's modules moves no row.
"""

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import AppConfig, apps
from django.urls import include, path


class PluginConfig(AppConfig):
    """An app config that lists the plugin's parts. On `ready` every part's `rules`,
    `indicators`, `evidence` and `receivers` modules are imported: permissions, indicators,
    evidence kinds and signal receivers register themselves when imported."""

    parts: tuple[str, ...] = ()
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        for module in ("rules", "indicators", "evidence", "receivers"):
            load_parts(self.name, self.parts, module)


def load_parts(plugin, parts, module):
    """Import `<plugin>.<part>.<module>` for each part that has one, in the order listed;
    return the modules imported."""
    loaded = []
    for part in parts:
        dotted = f"{plugin}.{part}.{module}"
        if find_spec(dotted) is not None:
            loaded.append(import_module(dotted))
    return loaded


def part_urlpatterns(plugin, parts):
    """The URL patterns of every part that has a `urls.py`, mounted at the plugin's root."""
    return [
        path("", include(f"{plugin}.{part}.urls"))
        for part in parts
        if find_spec(f"{plugin}.{part}.urls") is not None
    ]


def part_template_dirs():
    """The `templates/` folders of every installed plugin's parts, in INSTALLED_APPS order."""
    return [
        folder
        for config in apps.get_app_configs()
        for part in getattr(config, "parts", ())
        if (folder := Path(config.path) / part / "templates").is_dir()
    ]
