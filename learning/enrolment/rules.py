"""Who may enrol, assign, download and export, composed from the host's predicates
(cms.permissions).

Anyone signed in sees their own learning. A member of a path's organisation may enrol on it.
Leaders assign learning in their organisation (or, for a service leader, their service). A
certificate is downloaded by the person who earned it and by the leaders of the organisation
whose path it certifies; anyone may verify a code. Organisation admins export learning records
(xAPI) and manage enrolment rules in the Wagtail admin.
"""

import rules

from cms.organisations.models import Role
from cms.permissions import has_role, is_leader, is_organisation_admin, is_superuser

from ..authoring.rules import is_page_learner


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
