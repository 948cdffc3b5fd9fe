"""Wagtail hooks of the payments part."""
