from django.urls import path

from . import views

urlpatterns = [
    path("figures/", views.figures, name="figures"),
    path("figures/refresh/", views.figures_refresh, name="figures_refresh"),
    path("figures/progress/", views.figures_progress, name="figures_progress"),
]
