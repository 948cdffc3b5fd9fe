from django.urls import path

from . import views

urlpatterns = [
    path("dashboards/", views.dashboards, name="dashboards"),
    path("dashboards/<slug:slug>/", views.overview, name="dashboard_overview"),
    path("dashboards/<slug:slug>/overview.csv", views.overview_csv, name="dashboard_overview_csv"),
    path("dashboards/<slug:slug>/learning/", views.learning, name="dashboard_learning"),
    path("dashboards/<slug:slug>/learning.csv", views.learning_csv, name="dashboard_learning_csv"),
    path("dashboards/<slug:slug>/listening/", views.listening, name="dashboard_listening"),
    path(
        "dashboards/<slug:slug>/listening.csv",
        views.listening_csv,
        name="dashboard_listening_csv",
    ),
    path(
        "dashboards/<slug:slug>/services/<int:service_id>/",
        views.service,
        name="dashboard_service",
    ),
    path(
        "dashboards/<slug:slug>/services/<int:service_id>/export.csv",
        views.service_csv,
        name="dashboard_service_csv",
    ),
]
