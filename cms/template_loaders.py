"""Finds templates in the `templates/` folder of each part of a plugin (cms.parts), as Django's
app_directories loader does for each app's."""

from django.template.loaders.filesystem import Loader as FilesystemLoader

from cms.parts import part_template_dirs


class PartsLoader(FilesystemLoader):
    def get_dirs(self):
        return part_template_dirs()
