import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the demo organisations, people and content. Safe to run again: it finds what is "
        "already there instead of adding copies. Each installed app may contribute a `demo` module "
        "with a `load(stdout)` function; they run in INSTALLED_APPS order, and then any "
        "`summary(stdout)` functions, so what a person needs (the sign-ins) is printed last."
    )

    def handle(self, *args, **options):
        modules = []
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if importlib.util.find_spec(module_name) is not None:
                modules.append(importlib.import_module(module_name))
        for module in modules:
            with transaction.atomic():
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo loaded."))
        for module in modules:
            if hasattr(module, "summary"):
                module.summary(self.stdout)
