from django.urls import path

from . import views

urlpatterns = [
    path("emails/", views.email_preferences, name="email_preferences"),
]
