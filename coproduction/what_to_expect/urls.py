from django.urls import path

from . import views

urlpatterns = [
    path(
        "forums/<int:forum_id>/what-to-expect/",
        views.what_to_expect_seed,
        name="what_to_expect_seed",
    ),
]
