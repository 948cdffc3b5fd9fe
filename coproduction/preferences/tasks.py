"""Celery tasks of the preferences part."""
