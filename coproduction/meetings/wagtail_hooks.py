"""Wagtail hooks of the meetings part."""
