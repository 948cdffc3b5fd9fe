from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    # Beside allauth's account pages (email addresses, password), in their layout.
    path("accounts/name/", views.account_name, name="account_name"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
