"""The board report's "do we hear enough ... from all staff?": speak-up activity used to read
"not collected"; with the speak-up route its figures are in the staff table, withheld under 5
like every figure, and the point says where they come from."""

import pytest

from leadership.reports import services
from tests.cms.factories import ServiceFactory
from tests.leadership.factories_flags import snapshots
from tests.leadership.test_reports import pdf_text, queued_report

pytestmark = pytest.mark.django_db


def test_the_report_shows_speak_up_figures_instead_of_not_collected(organisation, leader):
    service = ServiceFactory(organisation=organisation, name="Northbrook House", beds=30)
    snapshots(service, "speakup_cases", [(7.0, 7)] * 6)
    snapshots(service, "speakup_detriment_share", [(42.9, 7)] * 5 + [(50.0, 2)])
    report = services.report_make(queued_report(organisation, leader).pk)
    text = pdf_text(report.pdf.open("rb").read())
    assert "Speak-up activity is collected through the speak-up route" in text
    assert "Not collected on this site: speak-up activity" not in text
    assert "Speak-up cases raised" in text
    # The last month's detriment share rests on 2 cases: withheld, never shown.
    assert "50%" not in text
