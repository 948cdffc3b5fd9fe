"""Journey (issue 6, imports): HR uploads a rota file with mistakes and sees each one by line and
column with nothing saved; uploads the corrected file; re-uploads the same week, which replaces
it; sees the coded hours; deletes it after confirming."""

import re

from playwright.sync_api import expect

from cms.organisations.models import Role
from leadership.imports.models import DataImport, RotaWeek
from tests.cms.factories import ServiceFactory, member
from tests.e2e.journeys import main_nav, sign_in
from tests.leadership.factories import last_whole_week

HEADER = "service,week_start,person_code,hours,contract"


def _file(*lines, name="rota.csv"):
    return {
        "name": name,
        "mimeType": "text/csv",
        "buffer": ("\n".join([HEADER, *lines]) + "\n").encode(),
    }


def _upload(page, kind, upload):
    page.get_by_role("radio", name=kind, exact=True).check()
    page.get_by_label("CSV file").set_input_files(upload)
    page.get_by_role("button", name="Upload and check the file").click()


def test_hr_uploads_a_bad_rota_then_a_good_one_then_replaces_it(
    live_server, page, check_accessibility
):
    service = ServiceFactory(name="Willow House")
    hr = member(
        Role.HR, organisation=service.organisation, email="hana@example.org", first_name="Hana"
    )
    monday = last_whole_week()[0]

    sign_in(page, check_accessibility, hr.email, totp=True)
    main_nav(page, "Data imports")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Data imports")
    expect(page.get_by_text("No files have been uploaded")).to_be_visible()
    check_accessibility(page)

    # A file with a name instead of a code and too many hours: nothing is saved.
    _upload(
        page,
        "Rota",
        _file(
            f"Willow House,{monday},S0001,37.5,permanent",
            f"Willow House,{monday},Jane Smith,40,agency",
            f"Willow House,{monday},S0003,170,bank",
            name="rota-with-mistakes.csv",
        ),
    )
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_text("“rota-with-mistakes.csv” was not imported")).to_be_visible()
    problems = page.get_by_role("table", name=re.compile("Each problem found"))
    expect(problems.get_by_role("row")).to_have_count(3)  # heading row and two problems
    name_cells = problems.get_by_role("row").nth(1).get_by_role("cell")
    expect(name_cells).to_have_text(["3", "person_code", re.compile("use a code, not a name")])
    hours_cells = problems.get_by_role("row").nth(2).get_by_role("cell")
    expect(hours_cells).to_have_text(["4", "hours", re.compile("more than 168")])
    check_accessibility(page)
    assert DataImport.objects.count() == 0 and RotaWeek.objects.count() == 0

    # The corrected file.
    _upload(
        page,
        "Rota",
        _file(
            f"Willow House,{monday},S0001,37.5,permanent",
            f"Willow House,{monday},S0002,40,agency",
            f"Willow House,{monday},S0003,60,bank",
        ),
    )
    expect(page.get_by_text("imported: 3 rows saved")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rota figures for the week of")
    check_accessibility(page)

    # HR sees the coded people's hours.
    page.get_by_role("link", name="See the hours of each coded person").click()
    expect(page.get_by_role("rowheader", name="S0003")).to_be_visible()
    check_accessibility(page)

    # The same week again replaces it.
    page.get_by_role("link", name="Back to the rota").click()
    page.get_by_role("link", name="Back to data imports").click()
    _upload(page, "Rota", _file(f"Willow House,{monday},S0001,45,permanent"))
    expect(page.get_by_text("replaced: 1 row saved")).to_be_visible()
    assert RotaWeek.objects.count() == 1 and DataImport.objects.count() == 1

    # And it can be deleted, after confirming.
    page.get_by_role("link", name="Delete this import").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delete the rota figures")
    check_accessibility(page)
    page.get_by_role("button", name="Yes, delete these figures").click()
    expect(page.get_by_text("No files have been uploaded")).to_be_visible()
    check_accessibility(page)
    assert DataImport.objects.count() == 0
