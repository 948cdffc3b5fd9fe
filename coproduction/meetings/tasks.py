"""Celery tasks of the meetings part."""
