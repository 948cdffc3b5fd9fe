"""Who may do what with a priority round.

A round is seen by the members of its space only. Its space's lived-experience leads open, close
and publish it. Lived-experience leads and members vote (staff allies too when the lead allows
it); whether the round is open right now is the service's business, so the voter gets a clear
message rather than a refusal. A lead or staff ally may submit a ballot for a member who asked
them to (assisted participation). Results are read by the space's members once published;
before that nobody sees them, not even the lead (who sees turnout only)."""

import rules

from coproduction.spaces.rules import (
    has_space_role,
    is_space_lead,
    is_space_member,
    may_propose_in_space,
)


@rules.predicate
def round_results_published(user, priority_round):
    return priority_round is not None and priority_round.results_published_at is not None


may_vote_in_space = may_propose_in_space

rules.add_perm("coproduction.add_priorityround", is_space_lead)
rules.add_perm("coproduction.view_priorityround", is_space_member)
rules.add_perm("coproduction.vote_priorityround", may_vote_in_space)
rules.add_perm("coproduction.vote_for_priorityround", has_space_role("lead", "staff_ally"))
rules.add_perm("coproduction.close_priorityround", is_space_lead)
rules.add_perm("coproduction.view_results_priorityround", is_space_member & round_results_published)
rules.add_perm("coproduction.view_turnout_priorityround", is_space_lead)
