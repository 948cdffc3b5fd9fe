from django.urls import path

from . import views

urlpatterns = [
    path("forums/", views.forum_list, name="forum_list"),
    path("forums/new/", views.forum_create, name="forum_create"),
    path("forums/join/", views.forum_join, name="forum_join"),
    path("forums/<int:forum_id>/", views.forum_detail, name="forum_detail"),
    path("forums/<int:forum_id>/welcome/", views.forum_welcome, name="forum_welcome"),
    path("forums/<int:forum_id>/families/", views.forum_families, name="forum_families"),
    path("forums/<int:forum_id>/invite/", views.forum_invite, name="forum_invite"),
    path("forums/<int:forum_id>/code/", views.forum_code_renew, name="forum_code_renew"),
    path("forums/<int:forum_id>/events/new/", views.forum_event_create, name="forum_event_create"),
    path("forums/events/<int:event_id>/", views.forum_event_detail, name="forum_event_detail"),
    path("forums/events/<int:event_id>/edit/", views.forum_event_edit, name="forum_event_edit"),
    path("forums/events/<int:event_id>/rsvp/", views.forum_event_rsvp, name="forum_event_rsvp"),
    path(
        "forums/events/<int:event_id>/cancel/", views.forum_event_cancel, name="forum_event_cancel"
    ),
    path("forums/events/<int:event_id>/notes/", views.forum_event_notes, name="forum_event_notes"),
    path(
        "forums/events/<int:event_id>/actions/new/",
        views.forum_event_action,
        name="forum_event_action",
    ),
]
