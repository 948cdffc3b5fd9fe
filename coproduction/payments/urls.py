from django.urls import path

from . import views

urlpatterns = [
    path("payments/", views.involvement_finance, name="involvement_finance"),
    path("payments/export.csv", views.involvement_export, name="involvement_export"),
    path("payments/mark-paid/", views.involvement_mark_paid, name="involvement_mark_paid"),
    path(
        "payments/<int:record_id>/decline/",
        views.involvement_decline,
        name="involvement_decline",
    ),
    path("payments/rate/", views.involvement_rate, name="involvement_rate"),
    path("payments/mine/", views.my_involvement, name="my_involvement"),
    path(
        "meetings/<int:meeting_id>/involvement/",
        views.meeting_involvement,
        name="meeting_involvement",
    ),
    path(
        "spaces/<int:space_id>/involvement/",
        views.space_involvement,
        name="space_involvement",
    ),
    path(
        "spaces/<int:space_id>/involvement/new/",
        views.involvement_add,
        name="involvement_add",
    ),
]
