"""Who sees and acts on red flags and closed-culture alerts, composed from the host's
predicates (cms.permissions).

Object: an Organisation, a Service, or a RedFlag / ClosedCultureAlert (read through its
service, so a leader or safeguarding lead of one service sees that service's flags only).
Leaders and safeguarding leads see flags and alerts: alerts are sent to both. Both may
acknowledge an alert: a safeguarding lead is often the one who acts on it (sharing information
with the local authority, asking for a visit) and should be able to record it. Assigning
learning to a service's staff is a leader's decision about their work, as it is in the learning
plugin (`learning.assign_path`), so safeguarding leads may not. Leaders and organisation admins
(who run the organisation's set-up) adjust the detectors; admins do not see the flags
themselves. HR sees none of this."""

import rules

from cms.permissions import is_leader, is_organisation_admin, is_safeguarding_lead, is_superuser

may_view_flags = is_superuser | is_leader | is_safeguarding_lead
rules.add_perm("leadership.view_flags", may_view_flags)
rules.add_perm("leadership.acknowledge_alert", may_view_flags)
rules.add_perm("leadership.assign_path_from_alert", is_superuser | is_leader)
rules.add_perm("leadership.change_flag_settings", is_superuser | is_leader | is_organisation_admin)
