from django.urls import path

from . import views

urlpatterns = [
    path("visits/", views.visits_index, name="visits_index"),
    path("services/<int:service_id>/visits/", views.service_visits, name="service_visits"),
    path(
        "services/<int:service_id>/visits/new/",
        views.service_visit_create,
        name="service_visit_create",
    ),
    path("visits/<int:visit_id>/", views.service_visit, name="service_visit"),
    path("visits/<int:visit_id>/edit/", views.service_visit_edit, name="service_visit_edit"),
    path("visits/<int:visit_id>/delete/", views.service_visit_delete, name="service_visit_delete"),
    path(
        "visits/<int:visit_id>/follow-ups/<int:follow_up_id>/done/",
        views.follow_up_done,
        name="visit_follow_up_done",
    ),
]
