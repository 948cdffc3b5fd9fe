from django.urls import path

from . import views

urlpatterns = [
    path("", views.space_list, name="space_list"),
    path("spaces/new/", views.space_create, name="space_create"),
    path("spaces/<int:space_id>/", views.space_detail, name="space_detail"),
    path("spaces/<int:space_id>/edit/", views.space_edit, name="space_edit"),
    path("spaces/<int:space_id>/members/", views.space_members, name="space_members"),
    path(
        "spaces/<int:space_id>/members/<int:membership_id>/remove/",
        views.space_member_remove,
        name="space_member_remove",
    ),
    path("spaces/<int:space_id>/allies/", views.space_allies, name="space_allies"),
    path("spaces/<int:space_id>/items/new/", views.agenda_item_create, name="agenda_item_create"),
    path(
        "spaces/<int:space_id>/items/new-for-a-member/",
        views.agenda_item_submit_for,
        name="agenda_item_submit_for",
    ),
    path(
        "spaces/<int:space_id>/items/<int:item_id>/",
        views.agenda_item_detail,
        name="agenda_item_detail",
    ),
    path(
        "spaces/<int:space_id>/items/<int:item_id>/support/",
        views.agenda_item_support,
        name="agenda_item_support",
    ),
    path(
        "spaces/<int:space_id>/items/<int:item_id>/comment/",
        views.agenda_item_comment,
        name="agenda_item_comment",
    ),
    path(
        "spaces/<int:space_id>/items/<int:item_id>/quote/",
        views.agenda_item_quote,
        name="agenda_item_quote",
    ),
    path(
        "spaces/<int:space_id>/items/<int:item_id>/comments/<int:comment_id>/quote/",
        views.agenda_comment_quote,
        name="agenda_comment_quote",
    ),
    path(
        "spaces/<int:space_id>/items/<int:item_id>/status/",
        views.agenda_item_status,
        name="agenda_item_status",
    ),
    path(
        "spaces/<int:space_id>/items/<int:item_id>/merge/",
        views.agenda_item_merge,
        name="agenda_item_merge",
    ),
]
