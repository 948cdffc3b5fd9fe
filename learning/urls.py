from django.urls import include, path

app_name = "learning"

urlpatterns = [
    path("", include("learning.learner.urls")),
    path("", include("learning.enrolment.urls")),
]
