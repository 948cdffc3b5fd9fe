"""Who may import data, composed from the host's predicates (cms.permissions).

Object: an Organisation (or a DataImport, read through its organisation); without one, "for any
organisation" (the navigation item). A file holds every service's figures, so the role must be
held for the whole organisation: HR for one service would otherwise see the coded hours of
every other service. HR and organisation admins upload data; figures are about services, never
people."""

import rules

from cms.organisations.models import Role
from cms.permissions import is_superuser, organisation_wide

may_import_data = is_superuser | organisation_wide(Role.HR, Role.ORGANISATION_ADMIN)
rules.add_perm("leadership.import_data", may_import_data)
# Rota rows name (coded) people: HR only, never leaders' dashboards.
rules.add_perm("leadership.view_rota_detail", is_superuser | organisation_wide(Role.HR))
