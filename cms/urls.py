from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.accounts import urls as accounts_urls

urlpatterns = [
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
