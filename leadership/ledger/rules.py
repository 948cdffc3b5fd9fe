"""Who reads the ledger, makes inspection packs and loads framework versions, composed from the
host's predicates (cms.permissions).

Object: a Service (its ledger, its packs) or an Organisation. The ledger holds the figures of
the dashboards and the same red flags, so it goes to the same people: leaders see the ledger of
every service of their organisation, a leader of one service that service's. The summary of
every service is for leaders of the whole organisation. Loading a framework version changes what
every ledger of the organisation reads, so it is for organisation admins of the whole
organisation (as the organisation's other settings are)."""

import rules

from cms.organisations.models import Role
from cms.permissions import is_leader, is_superuser, organisation_wide

may_view_ledger = is_superuser | is_leader
rules.add_perm("leadership.view_ledger", may_view_ledger)
rules.add_perm("leadership.request_inspection_pack", may_view_ledger)
rules.add_perm("leadership.view_ledger_summary", is_superuser | organisation_wide(Role.LEADER))
rules.add_perm(
    "leadership.manage_quality_framework",
    is_superuser | organisation_wide(Role.ORGANISATION_ADMIN),
)
