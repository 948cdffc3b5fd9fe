from django.apps import AppConfig


class LearningConfig(AppConfig):
    """Learning paths built from practice dilemmas: authoring, the learner's records, enrolment,
    reminders and certificates. Depends on the host (`cms`) only."""

    name = "learning"
    label = "learning"
    verbose_name = "Learning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import indicators, rules  # noqa: F401  (register indicators and permissions)
        from .enrolment import receivers  # noqa: F401  (completion -> enrolment, rules -> enrol)
        from .pages_admin import notifications  # noqa: F401  (review requested -> email leads)
