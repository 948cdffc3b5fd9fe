from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    """Leadership dashboards: snapshots of every registered indicator per service and period,
    imports of the HR, rota, occupancy and complaints data the platform does not hold, red
    flags and closed-culture alerts, and the board report. Reads the other plugins only through
    the host's indicator registry (cms.indicators) and the learning plugin's public function to
    assign a path; no plugin imports this one."""

    name = "leadership"
    label = "leadership"
    verbose_name = "Leadership"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import indicators, rules  # noqa: F401  (register indicators and permissions)
