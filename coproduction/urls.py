from django.urls import include, path

app_name = "coproduction"

urlpatterns = [
    path("", include("coproduction.spaces.urls")),
    path("", include("coproduction.rounds.urls")),
    path("", include("coproduction.meetings.urls")),
    path("", include("coproduction.payments.urls")),
    path("", include("coproduction.tracker.urls")),
    path("", include("coproduction.preferences.urls")),
    path("", include("coproduction.forums.urls")),
    path("", include("coproduction.questions.urls")),
    path("", include("coproduction.concerns.urls")),
    path("", include("coproduction.surveys.urls")),
]
