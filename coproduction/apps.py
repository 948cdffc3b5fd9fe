from cms.parts import PluginConfig


class CoproductionConfig(PluginConfig):
    """Co-production spaces led by people with lived experience: agendas, priority rounds,
    actions and "you said, we did", and the feedback tracker; family forums, their questions
    and threads, concerns and the family survey; the staff pulse survey. Depends on the host
    only."""

    # apps.py also holds the imported PluginConfig: `default` tells Django which one is ours.
    default = True
    name = "coproduction"
    label = "coproduction"
    verbose_name = "Co-production"
    parts = (
        "spaces",
        "rounds",
        "meetings",
        "payments",
        "tracker",
        "preferences",
        "forums",
        "questions",
        "concerns",
        "surveys",
        "pulse",
        "what_to_expect",
    )

    def ready(self):
        super().ready()
        from . import figures  # noqa: F401  (marks the months its writes touch: cms.figures)
