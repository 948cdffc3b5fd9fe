"""Celery discovers only this module per app; each part of the plugin keeps its own tasks, named
by the module that defines them (`learning.enrolment.tasks.apply_rules`)."""

from cms.parts import load_parts

from .apps import LearningConfig

load_parts("learning", LearningConfig.parts, "tasks")
