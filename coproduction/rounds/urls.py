from django.urls import path

from . import views

urlpatterns = [
    path("spaces/<int:space_id>/rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:round_id>/", views.round_detail, name="round_detail"),
    path("rounds/<int:round_id>/ballot/", views.ballot_submit, name="ballot_submit"),
    path(
        "rounds/<int:round_id>/easy-read/<int:step>/",
        views.ballot_easy_read,
        name="ballot_easy_read",
    ),
    path("rounds/<int:round_id>/close/", views.round_close, name="round_close"),
]
