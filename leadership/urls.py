from django.urls import include, path

app_name = "leadership"

urlpatterns = [
    path("", include("leadership.imports.urls")),
    path("", include("leadership.snapshots.urls")),
    path("", include("leadership.dashboards.urls")),
    path("", include("leadership.flags.urls")),
    path("", include("leadership.reports.urls")),
]
