"""The board report's "do we hear enough from all staff?" question shows the staff pulse figures
where they are collected, and no longer calls the staff survey "not collected"; a pulse figure
from fewer than 10 people is withheld there as on the dashboards."""

import pytest

from cms.periods import Months, add_months
from leadership.reports import sections
from leadership.reports.selectors import report_data
from tests.cms.factories import OrganisationFactory, ServiceFactory
from tests.leadership.factories_flags import MONTH, snapshots

pytestmark = pytest.mark.django_db


def _hearing_enough(organisation):
    data = report_data(organisation, Months(add_months(MONTH, -5), MONTH))
    report = sections.board_report(data)
    return next(q for q in report.questions if q.question_id == "hearing-enough")


def _staff_table(question):
    return next(table for table in question.tables if table.table_id == "question-hearing-staff")


def test_the_staff_survey_is_shown_where_collected_and_withheld_under_ten():
    organisation = OrganisationFactory()
    elm = ServiceFactory(organisation=organisation, name="Elm Court")
    willow = ServiceFactory(organisation=organisation, name="Willow House")
    snapshots(
        elm,
        "staff_pulse_safe_to_speak",
        [None, 80.0, None, None, 55.0, None],
        people=40,
        min_people=10,
    )
    snapshots(
        willow,
        "staff_pulse_safe_to_speak",
        [None, 90.0, None, None, (60.0, 9), None],
        people=14,
        min_people=10,
    )
    question = _hearing_enough(organisation)
    text = " ".join(question.points)
    assert "a staff survey's raising-concerns score" not in text
    # Neither the survey nor speak-up (registered by coproduction too) is "not collected".
    assert "staff survey" not in text and "speak-up activity" not in text.split("Not collected")[-1]
    table = _staff_table(question)
    labels = [column.label for column in table.columns]
    assert "Staff who feel safe to speak up" in labels
    cells = {
        row.header: row.cells[labels.index("Staff who feel safe to speak up")] for row in table.rows
    }
    # A share stands for a count: 55% of 40 staff is 22 people, over the staff-voice floor.
    assert cells["Elm Court"].figure.value == 55.0
    # Willow House's last round had 9 answers: withheld, as on the dashboards.
    assert cells["Willow House"].figure.value is None
    assert cells["Willow House"].figure.state == "withheld"


def test_sources_list_the_staff_pulse_survey():
    assert ("Staff pulse survey", "staff_pulse_safe_to_speak") in sections.SOURCES
