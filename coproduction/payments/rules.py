"""Who may do what with involvement rates and records.

Finance is for the organisation's admins only (not its leaders): the records name people and
what they are paid. They set the hourly rate, see every record of their organisation, mark
records paid or declined and download the CSV. A space's lived-experience leads record the time
given in their space (from a meeting's attendance, or content reviews and other agreed work).
Only lived-experience leads and members are paid; everyone sees their own record. The object is
an Organisation or an InvolvementRecord (finance), a CoproductionSpace or a Meeting
(recording)."""

import rules

from cms.permissions import is_authenticated, is_organisation_admin
from coproduction.spaces.rules import has_space_role, is_space_lead

rules.add_perm("coproduction.change_involvementrate", is_organisation_admin)
rules.add_perm("coproduction.view_finance_involvementrecord", is_organisation_admin)
rules.add_perm("coproduction.pay_involvementrecord", is_organisation_admin)
rules.add_perm("coproduction.record_involvement_meeting", is_space_lead)
rules.add_perm("coproduction.view_space_involvementrecord", is_space_lead)
rules.add_perm("coproduction.add_involvementrecord", is_space_lead)
rules.add_perm("coproduction.receive_involvementrecord", has_space_role("lead", "member"))
rules.add_perm("coproduction.view_own_involvementrecord", is_authenticated)
