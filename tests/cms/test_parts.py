"""A plugin is made of parts and a part is a folder (cms.parts): every part is listed once in its
plugin's app config, and everything Django, Celery and Wagtail look for is found through that
list."""

from pathlib import Path

import pytest
from django.apps import apps
from django.template.loader import get_template

from cms.parts import PluginConfig, load_parts, part_template_dirs

PART_MODULES = ("models.py", "views.py", "urls.py", "rules.py", "services.py", "tasks.py")


def plugins():
    return [config for config in apps.get_app_configs() if isinstance(config, PluginConfig)]


def test_every_installed_plugin_is_a_plugin_config_with_parts():
    # A plain AppConfig would load no part's rules, indicators or receivers: Django picks it
    # silently when apps.py holds two configs and none is marked default.
    assert {config.name for config in plugins()} == {"learning", "coproduction", "leadership"}
    assert all(config.parts for config in plugins())


@pytest.mark.parametrize("plugin", ["learning", "coproduction", "leadership"])
def test_every_folder_that_holds_a_part_is_listed_and_every_listed_part_is_a_folder(plugin):
    config = apps.get_app_config(plugin)
    root = Path(config.path)
    folders = {
        folder.name
        for folder in root.iterdir()
        if folder.is_dir() and any((folder / module).exists() for module in PART_MODULES)
    }
    assert folders == set(config.parts)
    assert len(config.parts) == len(set(config.parts))


def test_a_part_template_is_found_in_the_part_folder():
    template = get_template("coproduction/concerns/concern_list.html")

    assert Path(template.origin.name).is_relative_to(
        Path(apps.get_app_config("coproduction").path) / "concerns" / "templates"
    )
    assert all(Path(folder).is_dir() for folder in part_template_dirs())


def test_load_parts_imports_only_the_parts_that_have_the_module():
    config = apps.get_app_config("leadership")

    loaded = load_parts(config.name, config.parts, "models")

    assert [module.__name__ for module in loaded] == [
        f"leadership.{part}.models"
        for part in config.parts
        if (Path(config.path) / part / "models.py").exists()
    ]
    assert load_parts(config.name, config.parts, "no_such_module") == []
