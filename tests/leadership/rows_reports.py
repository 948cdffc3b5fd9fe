"""Permission rows for the leadership plugin: board reports (the page that lists them and takes
a request, and the download of a ready report).

Only leaders of the whole organisation ask for and download board reports: a report covers
every service, and holds workforce and learning figures that the dashboards keep for leaders.
Everyone else in the organisation is refused (403), safeguarding leads and HR included; to a
person with no role in the organisation a report is "not found" (404), and the page, which
belongs to no one organisation, refuses them (403). tests/leadership/test_reports.py proves that
another organisation's leader does not find a report (404) and that a leader of one service is
refused (403).
"""

from django.core.files.base import ContentFile
from django.urls import reverse

from cms.organisations.models import Role
from cms.periods import add_months, last_whole_month
from tests.permission_table import ANONYMOUS, LOGIN, NO_ROLE, Row, everyone

_LEADERS_ONLY = everyone(403).but(**{ANONYMOUS: LOGIN})
_LAST = last_whole_month()
_PERIOD = {"from_month": f"{add_months(_LAST, -2):%Y-%m}", "to_month": f"{_LAST:%Y-%m}"}


def _download_url(world):
    from leadership.reports.models import BoardReport

    report = BoardReport.objects.create(
        organisation=world.organisation,
        start=add_months(_LAST, -2),
        end=add_months(_LAST, 1),
        status=BoardReport.Status.READY,
    )
    report.pdf.save("report.pdf", ContentFile(b"%PDF-1.4 a board report"), save=True)
    return reverse("leadership:board_report_download", args=[report.key])


ROWS = [
    Row(
        "leadership:board_reports",
        lambda world: reverse("leadership:board_reports"),
        _LEADERS_ONLY.but(**{Role.LEADER: 200}),
    ),
    Row(
        "leadership:board_reports",
        lambda world: reverse("leadership:board_reports"),
        _LEADERS_ONLY.but(**{Role.LEADER: 302}),
        method="post",
        data=_PERIOD,
    ),
    Row(
        "leadership:board_report_download",
        _download_url,
        _LEADERS_ONLY.but(**{NO_ROLE: 404, Role.LEADER: 200}),
    ),
]
