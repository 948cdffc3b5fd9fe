from django.urls import path

from . import views

urlpatterns = [
    path("ledger/", views.ledger_home, name="ledger_home"),
    path("ledger/<slug:slug>/", views.ledger_summary, name="ledger_summary"),
    path("ledger/<slug:slug>/framework/", views.framework_map, name="ledger_framework"),
    path(
        "ledger/<slug:slug>/services/<int:service_id>/",
        views.ledger_service,
        name="ledger_service",
    ),
    path(
        "ledger/<slug:slug>/services/<int:service_id>/ledger.csv",
        views.ledger_service_csv,
        name="ledger_service_csv",
    ),
    path("ledger/packs/<uuid:key>/download/", views.pack_download, name="inspection_pack_download"),
]
