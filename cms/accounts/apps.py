from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """People: the user model (email is the login), invitations and the sign-in rules."""

    name = "cms.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import signals  # noqa: F401
