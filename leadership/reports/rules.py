"""Who may ask for and read board reports, composed from the host's predicates
(cms.permissions).

Object: an Organisation, or a BoardReport (read through its organisation). A board report
covers every service of the organisation, so only a leader of the whole organisation asks for
one or downloads one: a leader of one service would otherwise read every other service's
figures. Safeguarding leads do not: the report holds the workforce and learning figures the
dashboards keep for leaders (safeguarding leads see the listening view and the alerts, which
they are sent already). Any leader of the organisation may download a report another leader
asked for: board papers are shared among the people who answer to the board."""

import rules

from cms.organisations.models import Role
from cms.permissions import is_superuser, organisation_wide

may_make_board_reports = is_superuser | organisation_wide(Role.LEADER)
rules.add_perm("leadership.request_board_report", may_make_board_reports)
rules.add_perm("leadership.view_board_report", may_make_board_reports)
