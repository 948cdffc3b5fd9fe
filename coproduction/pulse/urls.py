from django.urls import path

from . import views

urlpatterns = [
    path("pulse/", views.pulse_index, name="pulse_index"),
    path(
        "services/<int:service_id>/pulse/new/",
        views.pulse_round_create,
        name="pulse_round_create",
    ),
    path("pulse/<int:round_id>/", views.pulse_round, name="pulse_round"),
    path("pulse/<int:round_id>/respond/", views.pulse_respond, name="pulse_respond"),
    path("pulse/<int:round_id>/close/", views.pulse_round_close, name="pulse_round_close"),
]
