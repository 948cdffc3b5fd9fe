"""Celery tasks of the payments part."""
