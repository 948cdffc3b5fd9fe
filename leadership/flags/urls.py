from django.urls import path

from . import views

urlpatterns = [
    path("red-flags/", views.flags_home, name="flags_home"),
    path("red-flags/<slug:slug>/", views.flags_overview, name="flags_overview"),
    path("red-flags/<slug:slug>/settings/", views.flag_settings, name="flag_settings"),
    path("red-flags/<slug:slug>/flags/<int:flag_id>/", views.flag_detail, name="flag_detail"),
    path("red-flags/<slug:slug>/alerts/<int:alert_id>/", views.alert_detail, name="alert_detail"),
    path(
        "red-flags/<slug:slug>/alerts/<int:alert_id>/acknowledge/",
        views.alert_acknowledge,
        name="alert_acknowledge",
    ),
    path(
        "red-flags/<slug:slug>/alerts/<int:alert_id>/assign/",
        views.alert_assign_path,
        name="alert_assign_path",
    ),
]
