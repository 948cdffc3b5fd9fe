from django.urls import path

from . import views

urlpatterns = [
    path("imports/", views.imports_home, name="imports"),
    path("imports/<slug:slug>/", views.import_list, name="import_list"),
    path(
        "imports/<slug:slug>/templates/<str:kind>.csv",
        views.import_template,
        name="import_template",
    ),
    path("imports/<slug:slug>/<int:import_id>/", views.import_detail, name="import_detail"),
    path(
        "imports/<slug:slug>/<int:import_id>/rota/",
        views.import_rota_detail,
        name="import_rota_detail",
    ),
    path(
        "imports/<slug:slug>/<int:import_id>/delete/",
        views.import_delete,
        name="import_delete",
    ),
]
