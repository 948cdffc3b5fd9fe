"""What a learner may do, composed from the host's predicates (cms.permissions).

A learner takes modules and scenarios of an organisation they belong to. Their attempts and
reflections are theirs alone; a reflection they share is seen (and answered) by their
supervisor: someone holding Role.SUPERVISOR at a service where the author holds a role, or
across the author's organisation. Module feedback is read by the organisation's authors
(leaders, organisation admins) and its lived-experience leads.
"""

import rules

from cms.organisations.models import Role, Service
from cms.permissions import has_role, is_member, memberships, roles

from ..authoring.models import learning_organisation_of
from ..authoring.rules import is_page_learner, on_page_organisation

is_page_feedback_reader = on_page_organisation(
    has_role(Role.LEADER, Role.ORGANISATION_ADMIN, Role.LIVED_EXPERIENCE_LEAD)
)
is_supervisor_anywhere = has_role(Role.SUPERVISOR)


@rules.predicate
def is_attempt_owner(user, attempt):
    return user.is_authenticated and attempt is not None and attempt.user_id == user.pk


@rules.predicate
def is_reflection_author(user, reflection):
    return user.is_authenticated and reflection is not None and reflection.author_id == user.pk


@rules.predicate
def is_shared_reflection(user, reflection):
    return reflection is not None and reflection.shared_with_supervisor_at is not None


@rules.predicate
def supervises_reflection_author(user, reflection):
    """The user supervises the reflection's author in the organisation of its page."""
    if not user.is_authenticated or reflection is None or reflection.author_id == user.pk:
        return False
    organisation = learning_organisation_of(reflection.page)
    if organisation is None:
        return False
    author = reflection.author
    for organisation_id, service_id, role in memberships(user):
        if role != Role.SUPERVISOR or organisation_id != organisation.pk:
            continue
        if service_id is None:
            if roles(author, organisation=organisation):
                return True
        elif roles(author, service=Service(pk=service_id, organisation_id=organisation_id)):
            return True
    return False


is_reflection_supervisor = is_shared_reflection & supervises_reflection_author

rules.add_perm("learning.learn_page", is_page_learner)
rules.add_perm("learning.view_scenarioattempt", is_attempt_owner)
rules.add_perm("learning.play_scenarioattempt", is_attempt_owner)
rules.add_perm("learning.view_journal", is_member)
rules.add_perm("learning.add_reflection", is_page_learner)
rules.add_perm("learning.view_reflection", is_reflection_author | is_reflection_supervisor)
rules.add_perm("learning.share_reflection", is_reflection_author)
rules.add_perm("learning.reply_reflection", is_reflection_supervisor)
rules.add_perm("learning.view_supervision", is_supervisor_anywhere)
rules.add_perm("learning.add_modulefeedback", is_page_learner)
rules.add_perm("learning.view_modulefeedback", is_page_feedback_reader)
