from django.apps import AppConfig


class FiguresConfig(AppConfig):
    """Which months of which services' figures the data behind them has touched since the
    snapshots were last worked out, so the nightly run recomputes those months only. Plugins
    say what their indicators read (cms.figures.services.register_source, or `touched` for
    writes that send no signals); the leadership plugin consumes the marks."""

    name = "cms.figures"
    label = "figures"
    verbose_name = "Figures touched"
    default_auto_field = "django.db.models.BigAutoField"
