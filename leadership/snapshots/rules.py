"""Who may bring the figures up to date, composed from the host's predicates
(cms.permissions) and the dashboards' own.

Object: an Organisation. The Figures page (when the figures were last worked out, the latest
runs, "Bring the figures up to date") is for the people who see the dashboards and for
organisation admins: admins upload the data and want to see it counted. Asking for a run only
recomputes figures the dashboards already show, so a leader of one service may ask for their
organisation's. The page shows no figure, so HR and safeguarding leads, who do not run the
dashboards, have no need of it."""

import rules

from cms.permissions import is_organisation_admin

from ..dashboards.rules import may_view_dashboards

rules.add_perm("leadership.refresh_snapshots", may_view_dashboards | is_organisation_admin)
