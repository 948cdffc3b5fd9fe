from django.urls import include, path

app_name = "coproduction"

urlpatterns = [
    path("", include("coproduction.spaces.urls")),
    path("", include("coproduction.rounds.urls")),
    path("", include("coproduction.tracker.urls")),
]
