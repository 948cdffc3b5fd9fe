"""Who sees the dashboards, composed from the host's predicates (cms.permissions).

Object: an Organisation or a Service. Leaders see every view of their organisation (the
overview, a service, learning and listening); a leader of one service sees that service.
Safeguarding leads also see the listening view: concerns and their timeliness, repeated themes
and "you said, we did" are what they act on, and they are told of closed-culture alerts.
Workforce, HR and learning figures stay with leaders. Nobody else sees a dashboard. Figures are
about services, never people."""

import rules

from cms.permissions import is_leader, is_safeguarding_lead, is_superuser

may_view_dashboards = is_superuser | is_leader
rules.add_perm("leadership.view_dashboards", may_view_dashboards)
rules.add_perm("leadership.view_listening_dashboard", may_view_dashboards | is_safeguarding_lead)
