"""Reading the "what to expect" pages."""

from .models import WhatToExpectIndexPage


def index_for_service(service):
    """The service's "what to expect" index page, or None before it is seeded."""
    return WhatToExpectIndexPage.objects.filter(service=service).first()
