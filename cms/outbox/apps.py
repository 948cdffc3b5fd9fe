from django.apps import AppConfig


class OutboxConfig(AppConfig):
    """The one outbox every email of the platform goes through: a row per message, written in
    the same transaction as its cause, sent by a task that marks it sent only once the mail
    server took it."""

    name = "cms.outbox"
    label = "outbox"
    verbose_name = "Email outbox"
    default_auto_field = "django.db.models.BigAutoField"
