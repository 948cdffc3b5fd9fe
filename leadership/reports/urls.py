from django.urls import path

from . import views

urlpatterns = [
    path("board-reports/", views.board_reports, name="board_reports"),
    path(
        "board-reports/<uuid:key>/download/",
        views.board_report_download,
        name="board_report_download",
    ),
]
