from django.urls import path

from . import views

urlpatterns = [
    path("modules/<int:page_id>/check/", views.module_check, name="module_check"),
    path("modules/<int:page_id>/feedback/", views.module_feedback, name="module_feedback"),
    path("pages/<int:page_id>/feedback/", views.feedback_list, name="feedback_list"),
    path("scenarios/<int:page_id>/start/", views.attempt_start, name="attempt_start"),
    path("attempts/<int:pk>/", views.attempt_play, name="attempt_play"),
    path("attempts/<int:pk>/choose/", views.attempt_choose, name="attempt_choose"),
    path("journal/", views.journal, name="journal"),
    path("journal/write/", views.reflection_write, name="reflection_write"),
    path("journal/<int:pk>/", views.reflection_detail, name="reflection_detail"),
    path("journal/<int:pk>/share/", views.reflection_share, name="reflection_share"),
    path("journal/<int:pk>/reply/", views.reflection_reply, name="reflection_reply"),
    path("supervision/", views.supervision, name="supervision"),
]
