from django.urls import path

from . import views

urlpatterns = [
    path("forums/<int:forum_id>/surveys/new/", views.survey_create, name="survey_create"),
    path("surveys/<int:survey_id>/", views.survey_detail, name="survey_detail"),
    path("surveys/<int:survey_id>/respond/", views.survey_respond, name="survey_respond"),
    path(
        "surveys/<int:survey_id>/easy-read/<int:step>/",
        views.survey_easy_read,
        name="survey_easy_read",
    ),
    path("surveys/<int:survey_id>/close/", views.survey_close, name="survey_close"),
]
