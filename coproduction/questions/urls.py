from django.urls import path

from . import views

urlpatterns = [
    path("forums/<int:forum_id>/questions/", views.forum_questions, name="forum_questions"),
    path(
        "forums/<int:forum_id>/questions/ask/",
        views.forum_question_ask,
        name="forum_question_ask",
    ),
    path(
        "forums/<int:forum_id>/questions/<int:question_id>/answer/",
        views.forum_question_answer,
        name="forum_question_answer",
    ),
    path("forums/<int:forum_id>/threads/", views.forum_threads, name="forum_threads"),
    path(
        "forums/<int:forum_id>/threads/new/",
        views.forum_thread_create,
        name="forum_thread_create",
    ),
    path(
        "forums/questions/<int:question_id>/quote/",
        views.forum_question_quote,
        name="forum_question_quote",
    ),
    path("forums/threads/<int:thread_id>/", views.forum_thread_detail, name="forum_thread_detail"),
    path("forums/threads/<int:thread_id>/reply/", views.forum_post_reply, name="forum_post_reply"),
    path("forums/posts/<int:post_id>/hide/", views.forum_post_hide, name="forum_post_hide"),
    path("forums/posts/<int:post_id>/quote/", views.forum_post_quote, name="forum_post_quote"),
    path("forums/posts/<int:post_id>/report/", views.forum_post_report, name="forum_post_report"),
    path("forums/<int:forum_id>/reports/", views.forum_reports, name="forum_reports"),
    path(
        "forums/<int:forum_id>/reports/<int:report_id>/resolve/",
        views.forum_report_resolve,
        name="forum_report_resolve",
    ),
]
