"""Wagtail hooks of the preferences part."""
