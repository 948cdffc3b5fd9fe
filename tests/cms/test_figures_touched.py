"""Figures touched (cms.figures): a write to data an indicator reads marks the months of the
services whose figures can have changed, so the nightly snapshot run recomputes those months;
an edit that moves a row marks where it was and where it is; a run consumes only the marks it
read and that nobody touched again since."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db.models import F
from django.utils import timezone

from cms.figures.models import EVERY_MONTH, FiguresTouched
from cms.figures.services import marks_consume, marks_read, months_between, touched
from cms.organisations.models import Role
from leadership.imports.models import DataImport
from leadership.imports.services import import_delete
from learning.enrolment.models import Enrolment
from tests.cms.factories import MembershipFactory, OrganisationFactory, ServiceFactory
from tests.coproduction.factories_concerns import ConcernFactory
from tests.leadership.factories import DataImportFactory, HRMonthFactory, RotaWeekFactory
from tests.learning.factories import LearningPathPageFactory

pytestmark = pytest.mark.django_db


def marked(service=None):
    marks = FiguresTouched.objects.order_by("service_id", "month")
    if service is not None:
        marks = marks.filter(service=service)
    return {(mark.service_id, mark.month) for mark in marks}


def months_of(service):
    return {month for _service, month in marked(service)}


def at(year, month, day=10):
    return timezone.make_aware(datetime(year, month, day, 12))


@pytest.fixture
def clean():
    """Forget the marks left by making the fixtures (a new service marks all its months)."""

    def forget():
        FiguresTouched.objects.all().delete()

    return forget


# --- touched ------------------------------------------------------------------------------


def test_touched_marks_each_service_and_month_once(clean):
    oak, elm = ServiceFactory.create_batch(2)
    clean()

    written = touched([oak, elm.pk], [date(2026, 3, 31), at(2026, 3, 1), date(2026, 1, 5), None])

    assert written == 4
    assert marked() == {
        (oak.pk, date(2026, 1, 1)),
        (oak.pk, date(2026, 3, 1)),
        (elm.pk, date(2026, 1, 1)),
        (elm.pk, date(2026, 3, 1)),
    }


def test_touching_a_marked_month_again_keeps_one_mark_and_moves_its_time_on(clean):
    oak = ServiceFactory()
    clean()
    touched(oak, date(2026, 3, 4))
    FiguresTouched.objects.update(touched_at=F("touched_at") - timedelta(hours=1))
    before = FiguresTouched.objects.get().touched_at

    touched(oak, date(2026, 3, 20))

    assert FiguresTouched.objects.count() == 1
    assert FiguresTouched.objects.get().touched_at > before


def test_a_month_is_the_local_month_of_a_moment(clean):
    oak = ServiceFactory()
    clean()
    # 23:30 UTC on 31 May is 00:30 on 1 June in London (summer time).
    touched(oak, datetime(2026, 5, 31, 23, 30, tzinfo=UTC))

    assert months_of(oak) == {date(2026, 6, 1)}


def test_touched_takes_a_queryset_of_services(clean):
    organisation = OrganisationFactory()
    oak, elm = ServiceFactory.create_batch(2, organisation=organisation)
    ServiceFactory()  # another organisation's
    clean()

    touched(organisation.services.all(), EVERY_MONTH)

    assert marked() == {(oak.pk, EVERY_MONTH), (elm.pk, EVERY_MONTH)}


def test_months_between_gives_every_month_of_a_span():
    assert months_between(date(2025, 11, 20), at(2026, 2, 3)) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert months_between(None) == []


# --- consuming ----------------------------------------------------------------------------


def test_consuming_leaves_a_mark_touched_again_after_it_was_read(clean):
    oak = ServiceFactory()
    clean()
    touched(oak, [date(2026, 1, 1), date(2026, 2, 1)])
    FiguresTouched.objects.update(touched_at=F("touched_at") - timedelta(minutes=5))
    read = marks_read()
    touched(oak, date(2026, 2, 14))  # while the run was at work
    touched(oak, date(2026, 4, 1))  # a new mark the run never read

    assert marks_consume(read) == 1
    assert months_of(oak) == {date(2026, 2, 1), date(2026, 4, 1)}


# --- what the plugins register ------------------------------------------------------------


def test_a_concern_raised_in_the_month_under_way_marks_nothing(clean, monkeypatch):
    # March has no snapshot until it ends, and then the nightly run recomputes it anyway.
    oak = ServiceFactory()
    clean()
    monkeypatch.setattr(timezone, "now", lambda: at(2026, 3, 12))

    ConcernFactory(service=oak)

    assert marked() == set()


def test_a_concern_raised_in_march_marks_march_when_it_changes_later(clean, monkeypatch):
    oak = ServiceFactory()
    monkeypatch.setattr(timezone, "now", lambda: at(2026, 3, 12))
    concern = ConcernFactory(service=oak)
    clean()
    monkeypatch.setattr(timezone, "now", lambda: at(2026, 4, 2))

    concern.acknowledged_at = timezone.now()
    concern.save()

    assert months_of(oak) == {date(2026, 3, 1)}


def test_closing_a_concern_marks_the_month_it_closed_and_the_month_it_was_raised(
    clean, monkeypatch
):
    oak = ServiceFactory()
    monkeypatch.setattr(timezone, "now", lambda: at(2026, 3, 12))
    concern = ConcernFactory(service=oak)
    clean()
    monkeypatch.setattr(timezone, "now", lambda: at(2026, 6, 1))

    concern.outcome_shared_at = concern.closed_at = at(2026, 5, 2)
    concern.save()

    assert months_of(oak) == {date(2026, 3, 1), date(2026, 5, 1)}


def test_a_month_not_yet_ended_is_never_marked(clean):
    oak = ServiceFactory()
    clean()
    this_month = timezone.localdate().replace(day=1)

    touched(oak, [this_month, this_month + timedelta(days=40), date(2026, 1, 3)])

    assert months_of(oak) == {date(2026, 1, 1)}


def test_editing_an_imported_row_in_an_old_month_marks_that_month(clean):
    row = HRMonthFactory(data_import__period_start=date(2024, 2, 1))
    clean()

    row.leavers = 9
    row.save()

    assert marked() == {(row.service_id, date(2024, 2, 1))}


def test_moving_a_row_to_another_month_marks_both_months(clean):
    row = HRMonthFactory(data_import__period_start=date(2024, 2, 1))
    clean()

    row.month = date(2024, 5, 1)
    row.save()

    assert months_of(row.service) == {date(2024, 2, 1), date(2024, 5, 1)}


def test_moving_a_row_to_another_service_marks_both_services(clean):
    row = HRMonthFactory(data_import__period_start=date(2024, 2, 1))
    elm = ServiceFactory(organisation=row.service.organisation)
    oak = row.service
    clean()

    row.service = elm
    row.save()

    assert marked() == {(oak.pk, date(2024, 2, 1)), (elm.pk, date(2024, 2, 1))}


def test_a_rota_week_across_two_months_marks_both(clean):
    row = RotaWeekFactory(data_import__period_start=date(2024, 1, 29))
    clean()

    row.hours = Decimal("12.00")
    row.save()

    assert months_of(row.service) == {date(2024, 1, 1), date(2024, 2, 1)}


def test_an_import_marks_its_period_for_every_service_of_the_organisation_and_so_does_its_removal(
    clean,
):
    organisation = OrganisationFactory()
    oak, elm = ServiceFactory.create_batch(2, organisation=organisation)
    clean()

    data_import = DataImportFactory(
        organisation=organisation,
        kind=DataImport.Kind.HR,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 2, 29),
    )
    expected = {
        (service.pk, month)
        for service in (oak, elm)
        for month in (date(2024, 1, 1), date(2024, 2, 1))
    }
    assert marked() == expected

    HRMonthFactory(data_import=data_import, service=oak, month=date(2024, 1, 1))
    clean()
    import_delete(data_import, by=None)

    assert marked() == expected


def test_an_enrolment_marks_its_services_for_each_month_it_was_open(clean):
    organisation = OrganisationFactory()
    oak = ServiceFactory(organisation=organisation)
    person = MembershipFactory(organisation=organisation, service=oak, role=Role.STAFF).user
    path = LearningPathPageFactory()
    clean()

    Enrolment.objects.create(
        user=person,
        path=path,
        organisation=organisation,
        due_on=date(2026, 2, 20),
        enrolled_at=at(2026, 1, 5),
        completed_at=at(2026, 3, 2),
    )

    assert months_of(oak) == {date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)}


def test_who_works_at_a_service_marks_all_its_months(clean):
    oak = ServiceFactory()
    clean()

    MembershipFactory(organisation=oak.organisation, service=oak, role=Role.STAFF)

    assert months_of(oak) == {EVERY_MONTH}


def test_tagging_feedback_with_a_theme_marks_the_months_of_its_repeat_window(clean):
    from coproduction.tracker.models import FeedbackItem, Theme

    oak = ServiceFactory()
    item = FeedbackItem.objects.create(
        service=oak, channel=FeedbackItem.Channel.FORUM, received_on=date(2026, 1, 20), text="x"
    )
    theme = Theme.objects.first()
    clean()

    item.themes.add(theme)

    # Among the repeated themes at the end of each month of the 90 days that follow it.
    assert months_of(oak) == {date(2026, m, 1) for m in (1, 2, 3, 4)}
    clean()
    theme.feedback_items.remove(item)
    assert months_of(oak) == {date(2026, m, 1) for m in (1, 2, 3, 4)}


def test_an_edit_that_changes_nothing_the_figures_read_marks_nothing(clean):
    oak = ServiceFactory(beds=30)
    membership = MembershipFactory(organisation=oak.organisation, service=oak, role=Role.STAFF)
    clean()

    oak.name = "Oak House, renamed"
    oak.save()
    membership.save(update_fields=["role"])  # saved, but the same role
    assert marked() == set()

    oak.beds = 32
    oak.save()
    assert months_of(oak) == {EVERY_MONTH}
    clean()
    membership.role = Role.SUPERVISOR
    membership.save(update_fields=["role"])
    assert months_of(oak) == {EVERY_MONTH}
