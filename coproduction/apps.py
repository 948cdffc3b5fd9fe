from django.apps import AppConfig


class CoproductionConfig(AppConfig):
    """Co-production spaces led by people with lived experience: agendas, priority rounds,
    actions and "you said, we did", and the feedback tracker. Depends on the host only."""

    name = "coproduction"
    label = "coproduction"
    verbose_name = "Co-production"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import indicators, rules  # noqa: F401  (register indicators and permissions)
