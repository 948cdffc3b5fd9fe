"""The Content-Security-Policy middleware: django-csp's, with Wagtail's admin given what it needs.

Our own pages need no inline script or style, so the site-wide policy (CONTENT_SECURITY_POLICY)
allows none. Wagtail 8's admin does need them: its date and time pickers are inline scripts and its
editor's libraries insert style elements and attributes; the page editor shows its preview in a
frame from this site. So on Wagtail admin paths only, WAGTAIL_ADMIN_CONTENT_SECURITY_POLICY
replaces those directives; the rest of the policy stays as it is.
"""

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings
from django.urls import reverse


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        admin = reverse("wagtailadmin_home")
        if not report_only and parts.replace is None and request.path_info.startswith(admin):
            parts.replace = settings.WAGTAIL_ADMIN_CONTENT_SECURITY_POLICY
        return parts
