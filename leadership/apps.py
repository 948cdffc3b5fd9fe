from cms.parts import PluginConfig


class LeadershipConfig(PluginConfig):
    """Leadership dashboards: snapshots of every registered indicator per service and period,
    imports of the HR, rota, occupancy and complaints data the platform does not hold, red
    flags and closed-culture alerts, and the board report. Reads the other plugins only through
    the host's indicator registry (cms.indicators) and the learning plugin's public function to
    assign a path; no plugin imports this one.

    Its parts, each a folder: `imports` (the CSV files), `snapshots` (computing the indicators),
    `dashboards` (the screens and their CSV files), `flags` (red flags and closed-culture
    alerts), `reports` (the board report PDF), `visits` (board members' and senior leaders'
    visits to services, and the leader-presence figures they give) and `ledger` (the
    quality-statement ledger and the inspection pack)."""

    # This module holds two app configs (PluginConfig, imported): Django takes the one marked
    # default, and without the mark would fall back to a plain AppConfig with no parts.
    default = True
    name = "leadership"
    label = "leadership"
    verbose_name = "Leadership"
    parts = ("imports", "snapshots", "dashboards", "flags", "reports", "visits", "ledger")

    def ready(self):
        super().ready()
        from . import figures  # noqa: F401  (marks the months its writes touch: cms.figures)
