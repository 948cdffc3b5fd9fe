"""Celery discovers this module only: each part of the plugin keeps its tasks in its own
`tasks.py`, and a task's name is the dotted path of that module (cms/settings/base.py names
`leadership.snapshots.tasks.compute_snapshots` and `leadership.flags.tasks.evaluate_flags`)."""

from cms.parts import load_parts

from .apps import LeadershipConfig

load_parts("leadership", LeadershipConfig.parts, "tasks")
