from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.accounts import urls as accounts_urls

# Every session comes through allauth, with its rate limits and its second step: Wagtail's
# login and password reset pages, and the Django login Wagtail mounts for private pages, hand
# over to allauth's. tests/cms/test_sign_in_paths.py lists every URL that could start a session.
to_sign_in = RedirectView.as_view(pattern_name="account_login", query_string=True)
to_password_reset = RedirectView.as_view(pattern_name="account_reset_password")
to_allauth = [
    path("admin/login/", to_sign_in, name="wagtailadmin_login_to_allauth"),
    path("_util/login/", to_sign_in, name="wagtailcore_login_to_allauth"),
    re_path(
        r"^admin/password_reset/", to_password_reset, name="wagtailadmin_password_reset_to_allauth"
    ),
]

urlpatterns = [
    *to_allauth,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("", include(accounts_urls)),
]

# Each plugin that is installed mounts its own URLs; the host names no plugin beyond this list.
for app_label, prefix in settings.PLUGIN_URLS:
    if app_label in settings.INSTALLED_APPS:
        urlpatterns.append(path(prefix, include(f"{app_label}.urls")))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving comes last: it catches every other path.
urlpatterns.append(path("", include(wagtail_urls)))
