"""Permission rows for the learning plugin: enrolment (learning.enrolment)."""

from django.urls import reverse

from cms.organisations.models import Role
from tests.permission_table import (
    ANONYMOUS,
    LOGIN,
    NO_ROLE,
    VISITORS,
    Row,
    everyone,
    scoped_snippet_rows,
)


def _path(world):
    from tests.learning.factories import LearningIndexPageFactory, LearningPathPageFactory

    if not hasattr(world, "enrolment_path"):
        index = LearningIndexPageFactory(organisation=world.organisation)
        world.enrolment_path = LearningPathPageFactory(parent=index, title="Row path")
    return world.enrolment_path


def _enrol_url(world):
    return reverse("learning:enrol", kwargs={"path_id": _path(world).pk})


def _certificate_url(world):
    """A certificate earned by the staff member."""
    from django.utils import timezone

    from learning.enrolment.models import Enrolment
    from learning.enrolment.services import certificate_issue

    enrolment = Enrolment.objects.create(
        user=world.people[Role.STAFF],
        path=_path(world),
        organisation=world.organisation,
        source=Enrolment.Source.SELF,
        completed_at=timezone.now(),
    )
    certificate = certificate_issue(enrolment.pk)
    return reverse("learning:certificate_download", kwargs={"code": certificate.code})


def _members(outcome, otherwise):
    """Everyone holding a role in the world's organisation gets `outcome`."""
    return everyone(outcome).but(**{ANONYMOUS: LOGIN, NO_ROLE: otherwise})


ROWS = [
    Row(
        "learning:my_learning",
        lambda w: reverse("learning:my_learning"),
        everyone(200).but(**{ANONYMOUS: LOGIN}),
    ),
    # Self-enrolment: a confirmation page, then a POST; for members of the path's organisation.
    Row("learning:enrol", _enrol_url, _members(200, 403)),
    Row("learning:enrol", _enrol_url, _members(302, 403), method="post"),
    # Leaders assign learning; an empty POST comes back with its errors (400).
    Row(
        "learning:assign",
        lambda w: reverse("learning:assign"),
        everyone(403).but(**{ANONYMOUS: LOGIN, Role.LEADER: 200}),
    ),
    Row(
        "learning:assign",
        lambda w: reverse("learning:assign"),
        everyone(403).but(**{ANONYMOUS: LOGIN, Role.LEADER: 400}),
        method="post",
    ),
    # The learner and their organisation's leaders; anyone else is told there is no such file.
    Row(
        "learning:certificate_download",
        _certificate_url,
        everyone(404).but(**{ANONYMOUS: LOGIN, Role.STAFF: 200, Role.LEADER: 200}),
    ),
    # The public check of a code.
    Row(
        "learning:verify_certificate",
        lambda w: reverse("learning:verify_certificate") + "?code=ABCD-EFGH-JKMN",
        everyone(200),
    ),
    Row(
        "learning:learning_records",
        lambda w: reverse("learning:learning_records"),
        everyone(403).but(**{ANONYMOUS: LOGIN, Role.ORGANISATION_ADMIN: 200}),
    ),
    Row(
        "learning:xapi_export",
        lambda w: reverse("learning:xapi_export"),
        everyone(403).but(**{ANONYMOUS: LOGIN, Role.ORGANISATION_ADMIN: 200}),
    ),
]


# --- Enrolment rules in the Wagtail admin (learning.enrolment.wagtail_hooks) ----------------
# Organisation admins manage their organisation's rules. Other people who use the admin
# (leaders and lived-experience leads author and review pages there) are sent back to the
# dashboard from the listing and the add form, get 404 for a rule (it is outside what they
# administer, so its existence does not show), and see the choosers empty (200: the choosers'
# lists are scoped to what they administer, which is nothing); everyone else signs in.


def _rule(world):
    from learning.enrolment.models import EnrolmentRule

    return EnrolmentRule.objects.create(
        organisation=world.organisation, role=Role.STAFF, path=_path(world)
    )


ROWS += scoped_snippet_rows("learning_enrolmentrule", _rule)

assert all(set(row.expect) == set(VISITORS) for row in ROWS)
