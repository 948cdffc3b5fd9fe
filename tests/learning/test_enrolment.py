"""Enrolment: rules, assignments (and the public function for the leadership plugin),
self-enrolment, completion, recertification, and their views."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from cms.pages.panels import home_panels
from learning.enrolment import selectors, services
from learning.enrolment.models import Certificate, Enrolment, EnrolmentRule
from learning.learner.models import ModuleCompletion
from learning.learner.signals import item_completed
from tests.cms.factories import OrganisationFactory, ServiceFactory, UserFactory, member
from tests.learning.factories import (
    LearningIndexPageFactory,
    LearningPathPageFactory,
    ModulePageFactory,
)

pytestmark = pytest.mark.django_db

Source = Enrolment.Source


def make_path(organisation, modules=1, **fields):
    """A live path of `modules` modules in `organisation`'s learning index."""
    index = LearningIndexPageFactory(organisation=organisation)
    path = LearningPathPageFactory(parent=index, **fields)
    for _ in range(modules):
        ModulePageFactory(parent=path)
    return path


def complete_path(user, path):
    """Pass every module of `path` as the learner service would, sending `item_completed`."""
    for module in path.items():
        ModuleCompletion.objects.create(user=user, module=module)
        item_completed.send(sender=ModuleCompletion, user=user, page=module, path=path)


@pytest.fixture
def path(organisation):
    return make_path(organisation, title="Listening and speaking up", recertify_months=12)


# --- Rules ----------------------------------------------------------------------------------


def test_rules_enrol_the_people_they_cover_once(organisation, service, path):
    staff = member(Role.STAFF, service=service)
    org_wide_staff = member(Role.STAFF, organisation=organisation)
    elsewhere = member(Role.STAFF, service=ServiceFactory(organisation=organisation))
    supervisor = member(Role.SUPERVISOR, service=service)
    EnrolmentRule.objects.create(
        organisation=organisation, role=Role.STAFF, service=service, path=path, due_within_days=10
    )
    now = datetime(2027, 3, 1, 9, tzinfo=UTC)

    assert services.apply_enrolment_rules(now=now) == 2
    assert services.apply_enrolment_rules(now=now) == 0
    assert services.apply_enrolment_rules(organisation=organisation, now=now) == 0

    enrolled = {e.user for e in Enrolment.objects.all()}
    assert enrolled == {staff, org_wide_staff}
    assert elsewhere not in enrolled and supervisor not in enrolled
    enrolment = Enrolment.objects.get(user=staff)
    assert enrolment.source == Source.RULE and enrolment.due_on == date(2027, 3, 11)
    assert enrolment.organisation == organisation and enrolment.cycle == 1


def test_a_rule_does_not_enrol_someone_who_already_completed_the_path(organisation, path):
    staff = member(Role.STAFF, organisation=organisation)
    Enrolment.objects.create(
        user=staff,
        path=path,
        organisation=organisation,
        source=Source.SELF,
        completed_at=timezone.now(),
    )
    EnrolmentRule.objects.create(organisation=organisation, role=Role.STAFF, path=path)
    assert services.apply_enrolment_rules() == 0


def test_a_rule_for_a_path_of_another_organisation_is_refused(organisation):
    other_path = make_path(OrganisationFactory())
    rule = EnrolmentRule(organisation=organisation, role=Role.STAFF, path=other_path)
    with pytest.raises(Exception, match="another organisation"):
        rule.full_clean()


# --- The database allows one open enrolment per person and path -----------------------------


def test_the_database_refuses_a_second_open_enrolment(organisation, path):
    user = member(Role.STAFF, organisation=organisation)
    Enrolment.objects.create(user=user, path=path, organisation=organisation, source="self")
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(
            user=user, path=path, organisation=organisation, source="self", cycle=2
        )


# --- Assignment -----------------------------------------------------------------------------


def test_assign_path_to_service_staff_is_idempotent(organisation, service, path):
    staff = member(Role.STAFF, service=service)
    supervisor = member(Role.SUPERVISOR, service=service)
    member(Role.FAMILY_MEMBER, service=service)
    member(Role.STAFF, service=ServiceFactory(organisation=organisation))
    due = date(2027, 5, 1)

    first = services.assign_path_to_service_staff(
        path, service, due_on=due, reason="Red flag: restraint incidents rising"
    )
    again = services.assign_path_to_service_staff(
        path, service, due_on=due, reason="Red flag: restraint incidents rising"
    )

    assert {e.user for e in first} == {staff, supervisor}
    assert sorted(e.pk for e in again) == sorted(e.pk for e in first)
    assert Enrolment.objects.count() == 2
    assert all(e.source == Source.RED_FLAG and e.due_on == due for e in first)
    assert first[0].reason == "Red flag: restraint incidents rising"

    # Completed for that red flag: calling again (the same flag) enrols nobody anew.
    Enrolment.objects.update(completed_at=timezone.now())
    services.assign_path_to_service_staff(
        path, service, due_on=due, reason="Red flag: restraint incidents rising"
    )
    assert Enrolment.objects.count() == 2
    # A new red flag does.
    services.assign_path_to_service_staff(path, service, due_on=due, reason="Another flag")
    assert Enrolment.objects.filter(cycle=2).count() == 2


def test_assign_path_to_service_staff_refuses_another_organisations_path(service):
    with pytest.raises(ValidationError) as refused:
        services.assign_path_to_service_staff(
            make_path(OrganisationFactory()), service, due_on=date(2027, 1, 1), reason="x"
        )
    assert list(refused.value.message_dict) == ["path"]
    assert not Enrolment.objects.exists()


def test_a_later_assignment_only_brings_the_due_date_forward(organisation, path):
    user = member(Role.STAFF, organisation=organisation)
    leader = member(Role.LEADER, organisation=organisation)
    [e] = services.assign_path(path, users=[user], assigned_by=leader, due_on=date(2027, 6, 1))
    services.assign_path(path, users=[user], assigned_by=leader, due_on=date(2027, 9, 1))
    e.refresh_from_db()
    assert e.due_on == date(2027, 6, 1)
    services.assign_path(path, users=[user], assigned_by=leader, due_on=date(2027, 4, 1))
    e.refresh_from_db()
    assert e.due_on == date(2027, 4, 1) and Enrolment.objects.count() == 1


def test_assign_to_the_whole_organisation_reaches_its_workforce(organisation, service, path):
    staff = member(Role.STAFF, service=service)
    leader = member(Role.LEADER, organisation=organisation)
    member(Role.FAMILY_MEMBER, service=service)
    member(Role.STAFF, organisation=OrganisationFactory())
    enrolments = services.assign_path(
        path, organisation=organisation, assigned_by=leader, due_on=date(2027, 6, 1)
    )
    assert {e.user for e in enrolments} == {staff, leader}


def test_self_enrolment_needs_membership_of_the_paths_organisation(organisation, path):
    staff = member(Role.STAFF, organisation=organisation)
    enrolment = services.enrol_self(staff, path)
    assert enrolment.source == Source.SELF and enrolment.due_on is None
    assert services.enrol_self(staff, path) == enrolment
    with pytest.raises(PermissionDenied):
        services.enrol_self(member(Role.STAFF), path)


# --- Completion and recertification ---------------------------------------------------------


def test_completing_every_item_completes_the_enrolment_and_issues_a_certificate(
    organisation, django_capture_on_commit_callbacks, mailoutbox
):
    path = make_path(organisation, modules=2)
    staff = member(Role.STAFF, organisation=organisation)
    enrolment = services.enrol_self(staff, path)
    first, second = path.items()

    ModuleCompletion.objects.create(user=staff, module=first)
    item_completed.send(sender=ModuleCompletion, user=staff, page=first, path=path)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None

    with django_capture_on_commit_callbacks(execute=True):
        ModuleCompletion.objects.create(user=staff, module=second)
        item_completed.send(sender=ModuleCompletion, user=staff, page=second, path=path)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.pdf and len(mailoutbox) == 1


def test_completing_a_path_without_an_enrolment_records_one(organisation, path):
    staff = member(Role.STAFF, organisation=organisation)
    complete_path(staff, path)
    enrolment = Enrolment.objects.get(user=staff, path=path)
    assert enrolment.completed_at is not None and enrolment.source == Source.SELF


def test_recertification_reopens_after_the_interval_once(organisation, path):
    staff = member(Role.STAFF, organisation=organisation)
    completed = datetime(2026, 1, 31, 12, tzinfo=UTC)
    Enrolment.objects.create(
        user=staff,
        path=path,
        organisation=organisation,
        source=Source.RULE,
        due_on=date(2026, 2, 1),
        completed_at=completed,
    )

    assert services.reopen_due_recertifications(now=completed + timedelta(days=364)) == []
    reopened_at = datetime(2027, 1, 31, 13, tzinfo=UTC)
    [reopened] = services.reopen_due_recertifications(now=reopened_at)
    assert reopened.cycle == 2 and reopened.completed_at is None
    assert reopened.source == Source.RULE
    assert reopened.due_on == date(2027, 1, 31) + timedelta(days=services.RECERTIFICATION_DUE_DAYS)
    assert services.reopen_due_recertifications(now=reopened_at + timedelta(days=5)) == []
    assert Enrolment.objects.filter(user=staff).count() == 2


def test_a_reopened_path_counts_only_what_is_done_again(organisation, path):
    staff = member(Role.STAFF, organisation=organisation)
    complete_path(staff, path)
    Enrolment.objects.update(completed_at=timezone.now() - timedelta(days=400))
    services.reopen_due_recertifications()
    reopened = Enrolment.objects.open().get(user=staff)
    [module] = path.items()
    # The old pass does not complete the new cycle; a new pass does.
    assert services.enrolment_check_complete(staff, path) is None
    ModuleCompletion.objects.create(user=staff, module=module)
    assert services.enrolment_check_complete(staff, path) == reopened


def test_paths_that_never_recertify_are_not_reopened(organisation):
    path = make_path(organisation, recertify_months=0)
    staff = member(Role.STAFF, organisation=organisation)
    complete_path(staff, path)
    assert services.reopen_due_recertifications(now=timezone.now() + timedelta(days=4000)) == []


def test_add_months_keeps_to_the_end_of_short_months():
    assert services.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert services.add_months(date(2026, 11, 15), 14) == date(2028, 1, 15)


# --- Views ----------------------------------------------------------------------------------


def test_my_learning_lists_due_dates_and_marks_overdue(client, organisation, path):
    staff = member(Role.STAFF, organisation=organisation)
    other = make_path(organisation, title="Legal literacy")
    leader = member(Role.LEADER, organisation=organisation)
    today = timezone.localdate()
    services.assign_path(path, users=[staff], assigned_by=leader, due_on=today - timedelta(1))
    services.assign_path(other, users=[staff], assigned_by=leader, due_on=today + timedelta(9))
    client.force_login(staff)
    response = client.get(reverse("learning:my_learning"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Listening and speaking up" in html and "Legal literacy" in html
    assert html.count("badge--warning") == 1 and "Overdue" in html
    assert (today + timedelta(9)).strftime("%B") in html


def test_my_learning_has_an_empty_state(client):
    client.force_login(UserFactory())
    response = client.get(reverse("learning:my_learning"))
    assert "You have no learning to do right now." in response.content.decode()


def test_self_enrolment_asks_for_confirmation_then_enrols(client, organisation, path):
    staff = member(Role.STAFF, organisation=organisation)
    client.force_login(staff)
    url = reverse("learning:enrol", kwargs={"path_id": path.pk})
    response = client.get(url)
    assert "Yes, enrol me" in response.content.decode()
    assert not Enrolment.objects.exists()
    response = client.post(url)
    assert response.status_code == 302
    assert Enrolment.objects.get().user == staff
    client.post(url)
    assert Enrolment.objects.count() == 1


def test_the_path_page_include_shows_the_enrolment(client, organisation, path):
    staff = member(Role.STAFF, organisation=organisation)
    client.force_login(staff)
    html = client.get(path.url).content.decode()
    enrol_url = reverse("learning:enrol", kwargs={"path_id": path.pk})
    assert "Your enrolment" in html and enrol_url in html
    services.assign_path(path, users=[staff], assigned_by=None, due_on=date(2020, 1, 1))
    html = client.get(path.url).content.decode()
    assert "1 January 2020" in html and "Overdue" in html and enrol_url not in html


def _assign_data(path, **extra):
    return {"path": path.pk, "due_on": (timezone.localdate() + timedelta(30)).isoformat(), **extra}


def test_a_leader_assigns_a_path_to_a_service(client, organisation, service, path):
    leader = member(Role.LEADER, organisation=organisation)
    staff = member(Role.STAFF, service=service)
    client.force_login(leader)
    response = client.post(
        reverse("learning:assign"), _assign_data(path, assign_to="service", service=service.pk)
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert enrolment.user == staff and enrolment.assigned_by == leader
    assert enrolment.source == Source.ASSIGNMENT


def test_the_assignment_form_explains_what_is_wrong(client, organisation, service, path):
    leader = member(Role.LEADER, organisation=organisation)
    client.force_login(leader)
    response = client.post(
        reverse("learning:assign"),
        {"path": path.pk, "assign_to": "person", "due_on": "2001-01-01"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose the person to assign the path to." in html
    assert "must be today or later" in html
    assert not Enrolment.objects.exists()


def test_the_assignment_form_offers_only_the_leaders_organisation(client, organisation, path):
    leader = member(Role.LEADER, organisation=organisation)
    outsider = member(Role.STAFF)
    other_path = make_path(OrganisationFactory(), title="Someone else's path")
    client.force_login(leader)
    html = client.get(reverse("learning:assign")).content.decode()
    assert path.title in html and "Someone else&#x27;s path" not in html
    response = client.post(
        reverse("learning:assign"),
        _assign_data(other_path, assign_to="person", person=outsider.pk),
    )
    assert response.status_code == 400 and not Enrolment.objects.exists()


# --- Home panel -----------------------------------------------------------------------------


def test_the_home_panel_lists_assigned_paths(organisation, path):
    staff = member(Role.STAFF, organisation=organisation)
    request = RequestFactory().get("/")
    request.user = staff
    [panel] = [p for p in home_panels(request) if p.title == "Your learning"]
    assert panel.items == () and "No learning" in panel.empty
    services.assign_path(path, users=[staff], assigned_by=None, due_on=date(2020, 1, 1))
    [panel] = [p for p in home_panels(request) if p.title == "Your learning"]
    assert "overdue" in panel.items[0].label and panel.items[0].url == path.url


def test_selectors_assigned_to_and_overdue(organisation, path):
    staff = member(Role.STAFF, organisation=organisation)
    services.assign_path(path, users=[staff], assigned_by=None, due_on=date(2020, 1, 1))
    assert list(selectors.assigned_to(staff).values_list("path_id", flat=True)) == [path.pk]
    assert selectors.overdue().count() == 1
    assert selectors.overdue(today=date(2019, 12, 1)).count() == 0
