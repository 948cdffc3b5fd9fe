"""Learning completion per workforce role, per bundled path and per path an organisation wrote
itself: the families the leadership dashboards find by prefix, and the red flags path the "low
learning completion" rule reads."""

from datetime import UTC, date, datetime

import pytest

from cms.indicators import all_indicators, get_indicator
from cms.organisations.models import Role
from learning.enrolment.selectors import WORKFORCE_ROLES
from tests.cms.factories import ServiceFactory, member
from tests.learning.test_enrolment import make_path
from tests.learning.test_indicators import END, START, enrol

pytestmark = pytest.mark.django_db

DUE = date(2027, 1, 20)  # in the period [START, END)
ON_TIME = datetime(2027, 1, 18, tzinfo=UTC)
AFTER_THE_PERIOD = datetime(2027, 2, 3, tzinfo=UTC)


def role_rate(role, service):
    return get_indicator(f"learning_completion_rate:role:{role}")(service, START, END)


def path_rate(slug, service):
    return get_indicator(f"learning_completion_rate:path:{slug}")(service, START, END)


def test_one_completion_rate_per_workforce_role_and_per_bundled_path():
    for role in WORKFORCE_ROLES:
        indicator = get_indicator(f"learning_completion_rate:role:{role}")
        assert indicator.unit == "%" and indicator.good_direction == "up"
        assert indicator.label == f"Learning completed on time: {Role(role).label}"
    for slug, title in (
        ("listening", "Listening and speaking up"),
        ("legal-literacy", "Legal literacy for safe care"),
        ("red-flags", "Spotting the red flags of closed cultures"),
        ("values-recruitment", "Values-based recruitment and induction"),
        ("leadership", "Leading openly and with compassion"),
    ):
        indicator = get_indicator(f"learning_completion_rate:path:{slug}")
        assert indicator.unit == "%" and indicator.good_direction == "up"
        assert indicator.label == f"Learning completed on time: {title}"
        assert indicator.labels["path"] == slug
    # People who are not workforce are never counted by role.
    with pytest.raises(KeyError):
        get_indicator(f"learning_completion_rate:role:{Role.FAMILY_MEMBER}")


def test_completion_per_role_counts_only_that_role_at_the_service(service):
    path = make_path(service.organisation)
    staff = [member(Role.STAFF, service=service) for _ in range(5)]
    supervisors = [member(Role.SUPERVISOR, service=service) for _ in range(2)]
    elsewhere = member(Role.STAFF, service=ServiceFactory(organisation=service.organisation))
    organisation_wide = member(Role.STAFF, organisation=service.organisation)
    # Staff: 3 of 5 on time (one finished after the period ended, one not at all).
    for person in staff[:3]:
        enrol(person, path, DUE, completed_at=ON_TIME)
    enrol(staff[3], path, DUE, completed_at=AFTER_THE_PERIOD)
    enrol(staff[4], path, DUE)
    # Supervisors: 1 of 2.
    enrol(supervisors[0], path, DUE, completed_at=ON_TIME)
    enrol(supervisors[1], path, DUE)
    # Not this service's people: never counted, done or not.
    enrol(elsewhere, path, DUE)
    enrol(organisation_wide, path, DUE)

    staff_rate = role_rate(Role.STAFF, service)
    assert (staff_rate.value, staff_rate.people) == (60.0, 5)
    assert staff_rate.shown() == 60.0

    supervisor_rate = role_rate(Role.SUPERVISOR, service)
    assert (supervisor_rate.value, supervisor_rate.people) == (50.0, 2)
    # Two supervisors are too few to show a figure for.
    assert supervisor_rate.shown() is None

    assert role_rate(Role.LEADER, service).value is None
    # All the workforce together: 4 of 7.
    assert get_indicator("learning_completion_rate")(service, START, END).value == 57.1


def test_completion_per_path_counts_only_live_paths_with_that_slug(service):
    organisation = service.organisation
    red_flags = make_path(organisation, slug="red-flags")
    listening = make_path(organisation, slug="listening")
    withdrawn = make_path(organisation, slug="red-flags", live=False)
    other_organisation_path = make_path(ServiceFactory().organisation, slug="red-flags")
    people = [member(Role.SUPERVISOR, service=service) for _ in range(6)]
    other_service = ServiceFactory(organisation=organisation)
    elsewhere = member(Role.SUPERVISOR, service=other_service)

    # The red flags path: 2 of 5 on time.
    for person in people[:2]:
        enrol(person, red_flags, DUE, completed_at=ON_TIME)
    for person in people[2:5]:
        enrol(person, red_flags, DUE)
    enrol(elsewhere, red_flags, DUE)
    # Listening: all done, and it must not lift the red flags figure.
    for person in people:
        enrol(person, listening, DUE, completed_at=ON_TIME)
    enrol(people[5], withdrawn, DUE)
    enrol(people[5], other_organisation_path, DUE)

    rate = path_rate("red-flags", service)
    assert (rate.value, rate.people) == (40.0, 5)
    assert rate.shown() == 40.0

    listening_rate = path_rate("listening", service)
    assert (listening_rate.value, listening_rate.people) == (100.0, 6)

    # The other service has one person on the path: a figure, but too few people to show it.
    other = path_rate("red-flags", other_service)
    assert (other.value, other.people) == (0.0, 1)
    assert other.shown() is None

    assert path_rate("leadership", service).value is None
    assert path_rate("leadership", service).people == 0


def test_each_figure_is_one_query(service, django_assert_num_queries):
    path = make_path(service.organisation, slug="red-flags")
    enrol(member(Role.STAFF, service=service), path, DUE, completed_at=ON_TIME)
    with django_assert_num_queries(1):
        assert path_rate("red-flags", service).value == 100.0
    with django_assert_num_queries(1):
        assert role_rate(Role.STAFF, service).value == 100.0


def own_path_keys(organisation):
    return [
        indicator.key
        for indicator in all_indicators(organisation)
        if indicator.key.startswith("learning_completion_rate:path:")
        and indicator.key.removeprefix("learning_completion_rate:path:").isdigit()
    ]


def test_a_path_an_organisation_writes_has_its_own_completion_rate(service):
    """Not only the five bundled paths: each live path an organisation wrote itself is a member
    of the per-path family, keyed by its page (its slug may repeat in another organisation, or
    change), labelled with its title, and counted like a bundled one."""
    organisation = service.organisation
    handover = make_path(organisation, title="Safe handovers at night", slug="handovers")
    draft = make_path(organisation, title="Not published yet", slug="draft", live=False)
    bundled_copy = make_path(organisation, slug="red-flags")
    elsewhere = make_path(ServiceFactory().organisation, title="Their own path", slug="handovers")

    key = f"learning_completion_rate:path:{handover.pk}"
    # The organisation's own live path, and nothing else: a draft is not learning anyone is
    # due; its copy of a bundled path keeps the bundled key; another organisation's path is
    # theirs.
    assert own_path_keys(organisation) == [key]
    assert own_path_keys(elsewhere.organisation) == [
        f"learning_completion_rate:path:{elsewhere.pk}"
    ]
    assert f"learning_completion_rate:path:{draft.pk}" not in own_path_keys(organisation)
    assert f"learning_completion_rate:path:{bundled_copy.pk}" not in own_path_keys(organisation)

    indicator = get_indicator(key)
    assert indicator.label == "Learning completed on time: Safe handovers at night"
    assert indicator.unit == "%" and indicator.good_direction == "up"
    assert indicator.labels["path"] == "handovers"

    people = [member(Role.STAFF, service=service) for _ in range(5)]
    for person in people[:4]:
        enrol(person, handover, DUE, completed_at=ON_TIME)
    enrol(people[4], handover, DUE)
    # The other organisation's path of the same slug is not this one.
    enrol(people[0], elsewhere, DUE)
    rate = indicator(service, START, END)
    assert (rate.value, rate.people) == (80.0, 5)


def test_an_own_path_withdrawn_later_keeps_its_label_but_has_no_figure(service):
    handover = make_path(service.organisation, title="Safe handovers at night")
    enrol(member(Role.STAFF, service=service), handover, DUE, completed_at=ON_TIME)
    key = f"learning_completion_rate:path:{handover.pk}"
    handover.unpublish()

    assert key not in own_path_keys(service.organisation)
    # Its earlier figures still read under its title on the dashboards.
    indicator = get_indicator(key)
    assert indicator.label == "Learning completed on time: Safe handovers at night"
    assert indicator(service, START, END).value is None
    # A page that is not a learning path is no member of the family.
    with pytest.raises(KeyError):
        get_indicator(f"learning_completion_rate:path:{service.organisation.pk + 10**6}")
