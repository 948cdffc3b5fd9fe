from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    """Organisation -> Service -> Membership(user, role), and the invitations that create them."""

    name = "cms.organisations"
    label = "organisations"
    verbose_name = "Organisations"
    default_auto_field = "django.db.models.BigAutoField"
