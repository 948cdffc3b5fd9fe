from django.urls import path

from . import views

urlpatterns = [
    path("spaces/<int:space_id>/meetings/", views.meeting_list, name="meeting_list"),
    path("spaces/<int:space_id>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting_id>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path(
        "meetings/<int:meeting_id>/papers/new/",
        views.meeting_paper_upload,
        name="meeting_paper_upload",
    ),
    path(
        "meetings/<int:meeting_id>/papers/<int:paper_id>/",
        views.meeting_paper_download,
        name="meeting_paper_download",
    ),
    path(
        "meetings/<int:meeting_id>/papers/<int:paper_id>/delete/",
        views.meeting_paper_delete,
        name="meeting_paper_delete",
    ),
    path(
        "meetings/<int:meeting_id>/attendance/",
        views.meeting_attendance,
        name="meeting_attendance",
    ),
    path("meetings/<int:meeting_id>/minutes/", views.meeting_minutes, name="meeting_minutes"),
]
