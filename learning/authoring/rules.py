"""Who may read, write and review learning pages, composed from the host's predicates
(cms.permissions).

Any member of the page's organisation (through its LearningIndexPage) may read it. Leaders and
organisation admins write learning content (as drafts: publishing goes through the
lived-experience review, `LivedExperienceReviewTask`); lived-experience leads review it. Both
need the Wagtail admin, so they are added to the host's rule; the page permissions themselves
are Wagtail's, granted per organisation by `learning.authoring.groups`.

`on_page_organisation` and `is_page_learner` are the learning page's concept, used by the
learner and enrolment parts too.
"""

import rules

from cms.organisations.models import Role
from cms.permissions import has_role, is_leader, is_member, is_organisation_admin, is_superuser

from .models import learning_organisation_of


def on_page_organisation(predicate):
    """`predicate`, asked about the organisation a learning page belongs to."""

    @rules.predicate(name=f"{predicate.name}@page_organisation")
    def check(user, page):
        organisation = learning_organisation_of(page) if page is not None else None
        return organisation is not None and predicate.test(user, organisation)

    return check


is_page_learner = on_page_organisation(is_member)
is_learning_author = has_role(Role.LEADER, Role.ORGANISATION_ADMIN)
is_lived_experience_lead = has_role(Role.LIVED_EXPERIENCE_LEAD)

rules.add_perm("learning.view_learning_page", is_superuser | is_member)
rules.add_perm("learning.author_learning_page", is_superuser | is_learning_author)
rules.add_perm("learning.review_learning_page", is_superuser | is_lived_experience_lead)
rules.set_perm(
    "wagtailadmin.access_admin",
    is_superuser | is_organisation_admin | is_leader | is_lived_experience_lead,
)
