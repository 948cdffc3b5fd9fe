from django.urls import path

from . import views

urlpatterns = [
    path("feedback/", views.feedback_list, name="feedback_list"),
    path("feedback/add/", views.feedback_add, name="feedback_add"),
    path("feedback/export.csv", views.feedback_export, name="feedback_export"),
    path("feedback/<int:feedback_id>/themes/", views.feedback_themes, name="feedback_themes"),
    path(
        "feedback/<int:feedback_id>/action/",
        views.action_create_from_feedback,
        name="action_create_from_feedback",
    ),
    path(
        "agenda-items/<int:item_id>/action/",
        views.action_create_from_agenda_item,
        name="action_create_from_agenda_item",
    ),
    path(
        "rounds/<int:round_id>/items/<int:round_item_id>/action/",
        views.action_create_from_round_result,
        name="action_create_from_round_result",
    ),
    path("actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:action_id>/complete/", views.action_complete, name="action_complete"),
    path("actions/<int:action_id>/respond/", views.action_respond, name="action_respond"),
    path(
        "spaces/<int:space_id>/you-said-we-did/",
        views.space_you_said_we_did,
        name="space_you_said_we_did",
    ),
    path(
        "services/<int:service_id>/you-said-we-did/",
        views.service_you_said_we_did,
        name="service_you_said_we_did",
    ),
]
