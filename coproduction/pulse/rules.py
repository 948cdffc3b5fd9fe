"""Who may do what with the staff pulse survey.

A round is run by the service's leaders, as a family survey is run by the forum's hosts: the
people who run the service and already read its staff-voice figures on the dashboards, with a
second sign-in step. Not supervisors: they manage the people answering from shift to shift, and
in a small team could tell who wrote a comment. Leaders open a round, close it and read its
results. The service's staff and supervisors answer it,
once each, whatever staff group they belong to. Anyone else in the organisation, and anyone
outside it, is told a round is "not found". The object is a Service or a PulseRound."""

import rules

from cms.permissions import has_role

from .selectors import RESPONDENT_ROLES, RUNNER_ROLES

is_service_staff = has_role(*RESPONDENT_ROLES)
is_service_leader = has_role(*RUNNER_ROLES)

rules.add_perm("coproduction.add_pulseround", is_service_leader)
rules.add_perm("coproduction.view_pulseround", is_service_leader | is_service_staff)
rules.add_perm("coproduction.respond_pulseround", is_service_staff)
rules.add_perm("coproduction.view_results_pulseround", is_service_leader)
rules.add_perm("coproduction.close_pulseround", is_service_leader)
