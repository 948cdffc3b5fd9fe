from cms.parts import PluginConfig


class LearningConfig(PluginConfig):
    """Learning paths built from practice dilemmas: authoring, the learner's records, enrolment,
    reminders and certificates. Depends on the host (`cms`) only.

    Its parts: `authoring` (the learning pages, their lived-experience review and who may write
    them), `learner` (what a learner does: modules, scenarios, reflections, feedback) and
    `enrolment` (who must follow which path by when, reminders, certificates, xAPI)."""

    name = "learning"
    label = "learning"
    verbose_name = "Learning"
    # PluginConfig is imported here too: without this, Django would find two app configs in
    # this module and use neither.
    default = True
    parts = ("authoring", "learner", "enrolment")

    def ready(self):
        super().ready()
        from . import figures  # noqa: F401  (marks the months its writes touch: cms.figures)
