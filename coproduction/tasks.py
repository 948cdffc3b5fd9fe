"""Celery discovers this module only: it imports every part's own `tasks.py`. A task's name is
the dotted path of the module that defines it (`coproduction.concerns.tasks.sweep_concerns`)."""

from cms.parts import load_parts

from .apps import CoproductionConfig

load_parts("coproduction", CoproductionConfig.parts, "tasks")
