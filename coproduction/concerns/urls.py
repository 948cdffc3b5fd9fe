from django.urls import path

from . import views

urlpatterns = [
    path("concerns/raise/", views.concern_raise, name="concern_raise"),
    path(
        "services/<int:service_id>/concerns/raise/",
        views.concern_raise,
        name="concern_raise_for_service",
    ),
    path(
        "concerns/raise/easy-read/<int:step>/",
        views.concern_raise_easy_read,
        name="concern_raise_easy_read",
    ),
    path(
        "services/<int:service_id>/concerns/raise/easy-read/<int:step>/",
        views.concern_raise_easy_read,
        name="concern_raise_for_service_easy_read",
    ),
    path("concerns/track/", views.concern_track, name="concern_track"),
    path("concerns/mine/", views.concern_mine, name="concern_mine"),
    path("concerns/", views.concern_list, name="concern_list"),
    path("concerns/<int:concern_id>/", views.concern_detail, name="concern_detail"),
    path(
        "concerns/<int:concern_id>/acknowledge/",
        views.concern_acknowledge,
        name="concern_acknowledge",
    ),
    path("concerns/<int:concern_id>/status/", views.concern_status, name="concern_status"),
    path("concerns/<int:concern_id>/themes/", views.concern_themes, name="concern_themes"),
    path(
        "concerns/<int:concern_id>/speak-up-again/",
        views.concern_speak_up_again,
        name="concern_speak_up_again",
    ),
    path("speak-up/<slug:slug>/return/", views.speak_up_return, name="speak_up_return"),
    path("speak-up/<slug:slug>/return.csv", views.speak_up_return_csv, name="speak_up_return_csv"),
]
