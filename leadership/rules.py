"""Who may do what in the leadership plugin, composed from the host's predicates
(cms.permissions). Each part adds its own section.

Leaders see their organisation's dashboards, flags and alerts; safeguarding leads see alerts
(they are told of them) and the listening view; HR and organisation admins upload data; only HR
sees rota and HR detail per (coded) person. Figures are about services, never people."""

import rules

from cms.organisations.models import Role
from cms.permissions import (
    is_leader,
    is_organisation_admin,
    is_safeguarding_lead,
    is_superuser,
    organisation_wide,
)

# --- imports: HR, rota, occupancy and complaints CSV files (leadership.imports) ---------------
# Object: an Organisation (or a DataImport, read through its organisation); without one, "for
# any organisation" (the navigation item). A file holds every service's figures, so the role
# must be held for the whole organisation: HR for one service would otherwise see the coded
# hours of every other service.

may_import_data = is_superuser | organisation_wide(Role.HR, Role.ORGANISATION_ADMIN)
rules.add_perm("leadership.import_data", may_import_data)
# Rota rows name (coded) people: HR only, never leaders' dashboards.
rules.add_perm("leadership.view_rota_detail", is_superuser | organisation_wide(Role.HR))


# --- snapshots: computing the indicators (leadership.snapshots) -------------------------------
# Object: an Organisation. The Figures page (when the figures were last worked out, the latest
# runs, "Bring the figures up to date") is for leaders and organisation admins: admins upload
# the data and want to see it counted. Asking for a run only recomputes figures the dashboards
# already show, so a leader of one service may ask for their organisation's. The page shows no
# figure, so HR and safeguarding leads, who do not run the dashboards, have no need of it.

may_view_dashboards = is_superuser | is_leader
rules.add_perm("leadership.view_dashboards", may_view_dashboards)
rules.add_perm("leadership.refresh_snapshots", may_view_dashboards | is_organisation_admin)


# --- dashboards: organisation overview, service, learning and listening views -----------------
# (leadership.dashboards). Object: an Organisation or a Service. Leaders see every view of their
# organisation (`leadership.view_dashboards`, above); a leader of one service sees that service.
# Safeguarding leads also see the listening view: concerns and their timeliness, repeated
# themes and "you said, we did" are what they act on, and they are told of closed-culture
# alerts. Workforce, HR and learning figures stay with leaders. Nobody else sees a dashboard.

rules.add_perm("leadership.view_listening_dashboard", may_view_dashboards | is_safeguarding_lead)


# --- flags: red flags and closed-culture alerts (leadership.flags) ----------------------------
# Object: an Organisation, a Service, or a RedFlag / ClosedCultureAlert (read through its
# service, so a leader or safeguarding lead of one service sees that service's flags only).
# Leaders and safeguarding leads see flags and alerts: alerts are sent to both. Both may
# acknowledge an alert: a safeguarding lead is often the one who acts on it (sharing
# information with the local authority, asking for a visit) and should be able to record it.
# Assigning learning to a service's staff is a leader's decision about their work, as it is in
# the learning plugin (`learning.assign_path`), so safeguarding leads may not. Leaders and
# organisation admins (who run the organisation's set-up) adjust the rules; admins do not see
# the flags themselves. HR sees none of this.

may_view_flags = is_superuser | is_leader | is_safeguarding_lead
rules.add_perm("leadership.view_flags", may_view_flags)
rules.add_perm("leadership.acknowledge_alert", may_view_flags)
rules.add_perm("leadership.assign_path_from_alert", is_superuser | is_leader)
rules.add_perm("leadership.change_flag_settings", is_superuser | is_leader | is_organisation_admin)


# --- reports: the board report PDF (leadership.reports) --------------------------------------
# Object: an Organisation, or a BoardReport (read through its organisation). A board report
# covers every service of the organisation, so only a leader of the whole organisation asks for
# one or downloads one: a leader of one service would otherwise read every other service's
# figures. Safeguarding leads do not: the report holds the workforce and learning figures the
# dashboards keep for leaders (safeguarding leads see the listening view and the alerts, which
# they are sent already). Any leader of the organisation may download a report another leader
# asked for: board papers are shared among the people who answer to the board.

may_make_board_reports = is_superuser | organisation_wide(Role.LEADER)
rules.add_perm("leadership.request_board_report", may_make_board_reports)
rules.add_perm("leadership.view_board_report", may_make_board_reports)
