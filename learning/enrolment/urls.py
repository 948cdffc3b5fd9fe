from django.urls import path

from . import views

urlpatterns = [
    path("my/", views.my_learning, name="my_learning"),
    path("paths/<int:path_id>/enrol/", views.enrol, name="enrol"),
    path("assign/", views.assign, name="assign"),
    path(
        "certificates/<str:code>/download/",
        views.certificate_download,
        name="certificate_download",
    ),
    path("verify/", views.verify_certificate, name="verify_certificate"),
    path("xapi/", views.learning_records, name="learning_records"),
    path("xapi/export/", views.xapi_export, name="xapi_export"),
]
