"""Journey (issue 12, imports): HR uploads a restrictive practice file with mistakes and sees each
one by line and column with nothing saved; uploads the corrected file and sees counts, never the
codes; uploads the month's practice and outcomes file; re-uploads the restrictive practice file
for the same month, which replaces it and leaves the practice file alone."""

import re

from playwright.sync_api import expect

from cms.organisations.models import Role
from leadership.imports.models import DataImport, PracticeMonth, RestrictivePracticeEpisode
from tests.cms.factories import ServiceFactory, member
from tests.e2e.journeys import main_nav, sign_in
from tests.leadership.factories import last_whole_month

RESTRICTIVE_HEADER = "service,month,person_code,shift_code,practice,debrief"
PRACTICE_HEADER = (
    "service,month,incidents,near_misses,safeguarding_enquiries,medication_errors,"
    "pressure_ulcers,unplanned_weight_loss,long_term_segregation_days"
)


def _file(header, *lines, name="figures.csv"):
    return {
        "name": name,
        "mimeType": "text/csv",
        "buffer": ("\n".join([header, *lines]) + "\n").encode(),
    }


def _upload(page, kind, upload):
    page.get_by_role("radio", name=kind, exact=True).check()
    page.get_by_label("CSV file").set_input_files(upload)
    page.get_by_role("button", name="Upload and check the file").click()


def test_hr_uploads_restrictive_practice_and_practice_and_outcomes(
    live_server, page, check_accessibility
):
    service = ServiceFactory(name="Elm Court")
    hr = member(
        Role.HR, organisation=service.organisation, email="hana@example.org", first_name="Hana"
    )
    month = f"{last_whole_month()[0]:%Y-%m}"

    sign_in(page, check_accessibility, hr.email, totp=True)
    main_nav(page, "Data imports")
    expect(
        page.get_by_role("link", name="Download the restrictive practice template (CSV)")
    ).to_be_visible()
    expect(
        page.get_by_role("link", name="Download the practice and outcomes template (CSV)")
    ).to_be_visible()

    # A name instead of a person's code, and a debrief that is neither yes nor no.
    _upload(
        page,
        "Restrictive practice",
        _file(
            RESTRICTIVE_HEADER,
            f"Elm Court,{month},ECR01,NIGHT,restraint,yes",
            f"Elm Court,{month},John Smith,NIGHT,restraint,no",
            f"Elm Court,{month},ECR02,LATE,seclusion,perhaps",
            name="episodes-with-mistakes.csv",
        ),
    )
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_text("“episodes-with-mistakes.csv” was not imported")).to_be_visible()
    problems = page.get_by_role("table", name=re.compile("Each problem found"))
    expect(problems.get_by_role("row")).to_have_count(3)
    expect(problems.get_by_role("row").nth(1).get_by_role("cell")).to_have_text(
        ["3", "person_code", re.compile("use a code, not a name")]
    )
    expect(problems.get_by_role("row").nth(2).get_by_role("cell")).to_have_text(
        ["4", "debrief", re.compile("not yes or no")]
    )
    check_accessibility(page)
    assert DataImport.objects.count() == 0

    # The corrected file: counts by service and month, never the codes.
    _upload(
        page,
        "Restrictive practice",
        _file(
            RESTRICTIVE_HEADER,
            f"Elm Court,{month},ECR01,NIGHT,restraint,yes",
            f"Elm Court,{month},ECR01,NIGHT,restraint,no",
            f"Elm Court,{month},ECR02,LATE,seclusion,no",
        ),
    )
    expect(page.get_by_text("imported: 3 rows saved")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Restrictive practice figures")
    figures = page.get_by_role("table", name=re.compile("The figures for each service"))
    expect(figures.get_by_role("row").nth(1).get_by_role("cell")).to_have_text(
        [re.compile(r"\w+ \d{4}"), "3", "2", "2"]
    )
    expect(page.get_by_text("ECR01")).to_have_count(0)
    check_accessibility(page)

    # The month's practice and outcomes file.
    page.get_by_role("link", name="Back to data imports").click()
    _upload(
        page,
        "Practice and outcomes",
        _file(PRACTICE_HEADER, f"Elm Court,{month},9,2,1,1,0,1,0"),
    )
    expect(page.get_by_text("imported: 1 row saved")).to_be_visible()
    check_accessibility(page)

    # The restrictive practice file again for the same month replaces the first one only.
    page.get_by_role("link", name="Back to data imports").click()
    _upload(
        page,
        "Restrictive practice",
        _file(RESTRICTIVE_HEADER, f"Elm Court,{month},ECR01,NIGHT,restraint,yes"),
    )
    expect(page.get_by_text("replaced: 1 row saved")).to_be_visible()
    assert RestrictivePracticeEpisode.objects.count() == 1
    assert PracticeMonth.objects.count() == 1
    assert DataImport.objects.count() == 2
    check_accessibility(page)
