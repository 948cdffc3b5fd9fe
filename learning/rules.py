"""Who may do what in the learning plugin, composed from the host's predicates (cms.permissions).

Each part of the plugin adds its rules here, in its own section.
"""


# --- learner: what a learner does (learning.learner) ----------------------------------------
# A learner takes modules and scenarios of an organisation they belong to. Their attempts and
# reflections are theirs alone; a reflection they share is seen (and answered) by their
# supervisor: someone holding Role.SUPERVISOR at a service where the author holds a role, or
# across the author's organisation. Module feedback is read by the organisation's authors
# (leaders, organisation admins) and its lived-experience leads.

import rules as _rules

from cms.organisations.models import Role as _Role
from cms.organisations.models import Service as _Service
from cms.permissions import has_role as _has_role
from cms.permissions import is_member as _is_member
from cms.permissions import memberships as _memberships
from cms.permissions import roles as _roles


def _page_organisation(page):
    from .models import learning_organisation_of

    return learning_organisation_of(page)


def on_page_organisation(predicate):
    """`predicate`, asked about the organisation a learning page belongs to."""

    @_rules.predicate(name=f"{predicate.name}@page_organisation")
    def check(user, page):
        organisation = _page_organisation(page) if page is not None else None
        return organisation is not None and predicate.test(user, organisation)

    return check


is_page_learner = on_page_organisation(_is_member)
is_page_feedback_reader = on_page_organisation(
    _has_role(_Role.LEADER, _Role.ORGANISATION_ADMIN, _Role.LIVED_EXPERIENCE_LEAD)
)
is_supervisor_anywhere = _has_role(_Role.SUPERVISOR)


@_rules.predicate
def is_attempt_owner(user, attempt):
    return user.is_authenticated and attempt is not None and attempt.user_id == user.pk


@_rules.predicate
def is_reflection_author(user, reflection):
    return user.is_authenticated and reflection is not None and reflection.author_id == user.pk


@_rules.predicate
def is_shared_reflection(user, reflection):
    return reflection is not None and reflection.shared_with_supervisor_at is not None


@_rules.predicate
def supervises_reflection_author(user, reflection):
    """The user supervises the reflection's author in the organisation of its page."""
    if not user.is_authenticated or reflection is None or reflection.author_id == user.pk:
        return False
    organisation = _page_organisation(reflection.page)
    if organisation is None:
        return False
    author = reflection.author
    for organisation_id, service_id, role in _memberships(user):
        if role != _Role.SUPERVISOR or organisation_id != organisation.pk:
            continue
        if service_id is None:
            if _roles(author, organisation=organisation):
                return True
        elif _roles(author, service=_Service(pk=service_id, organisation_id=organisation_id)):
            return True
    return False


is_reflection_supervisor = is_shared_reflection & supervises_reflection_author

_rules.add_perm("learning.learn_page", is_page_learner)
_rules.add_perm("learning.view_scenarioattempt", is_attempt_owner)
_rules.add_perm("learning.play_scenarioattempt", is_attempt_owner)
_rules.add_perm("learning.view_journal", _is_member)
_rules.add_perm("learning.add_reflection", is_page_learner)
_rules.add_perm("learning.view_reflection", is_reflection_author | is_reflection_supervisor)
_rules.add_perm("learning.share_reflection", is_reflection_author)
_rules.add_perm("learning.reply_reflection", is_reflection_supervisor)
_rules.add_perm("learning.view_supervision", is_supervisor_anywhere)
_rules.add_perm("learning.add_modulefeedback", is_page_learner)
_rules.add_perm("learning.view_modulefeedback", is_page_feedback_reader)

# --- pages: authoring, review and reading learning pages -----------------------------------
# Any member of the page's organisation (through its LearningIndexPage) may read it. Leaders and
# organisation admins write learning content (as drafts: publishing goes through the
# lived-experience review, learning.models.workflow); lived-experience leads review it. Both
# need the Wagtail admin, so they are added to the host's rule; the page permissions themselves
# are Wagtail's, granted per organisation by learning.pages_admin.groups.
import rules  # noqa: E402

from cms.organisations.models import Role  # noqa: E402
from cms.permissions import (  # noqa: E402
    has_role,
    is_leader,
    is_member,
    is_organisation_admin,
    is_superuser,
)

from .pages_admin import groups as _page_groups  # noqa: E402, F401  (keeps groups in step)

is_learning_author = has_role(Role.LEADER, Role.ORGANISATION_ADMIN)
is_lived_experience_lead = has_role(Role.LIVED_EXPERIENCE_LEAD)

rules.add_perm("learning.view_learning_page", is_superuser | is_member)
rules.add_perm("learning.author_learning_page", is_superuser | is_learning_author)
rules.add_perm("learning.review_learning_page", is_superuser | is_lived_experience_lead)
rules.set_perm(
    "wagtailadmin.access_admin",
    is_superuser | is_organisation_admin | is_leader | is_lived_experience_lead,
)

# --- enrolment: assignments, certificates, xAPI export (learning.enrolment) -----------------
# Anyone signed in sees their own learning. A member of a path's organisation may enrol on it.
# Leaders assign learning in their organisation (or, for a service leader, their service). A
# certificate is downloaded by the person who earned it and by the leaders of the organisation
# whose path it certifies; anyone may verify a code. Organisation admins export learning records
# (xAPI) and manage enrolment rules in the Wagtail admin.


@rules.predicate
def is_enrolment_learner(user, obj):
    """The user is the learner of an enrolment or certificate."""
    return user.is_authenticated and obj is not None and obj.user.pk == user.pk


rules.add_perm("learning.view_my_learning", rules.is_authenticated)
rules.add_perm("learning.enrol_self", is_page_learner)
rules.add_perm("learning.assign_path", is_superuser | is_leader)
rules.add_perm(
    "learning.download_certificate", is_superuser | is_enrolment_learner | has_role(Role.LEADER)
)
rules.add_perm("learning.verify_certificate", rules.always_allow)
rules.add_perm("learning.export_xapi", is_superuser | is_organisation_admin)
for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"learning.{_action}_enrolmentrule", is_superuser | is_organisation_admin)
