"""The quarterly speak-up return (coproduction.concerns.selectors.speak_up_return): the national
return's shape, and never a cell built from fewer than 5 cases, shown or worked out. The
attacker adds and subtracts what the return shows (cells, the total, other quarters) and what
the monthly figures of each service show, to recover a hidden number."""

import csv
import io
import random
from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.concerns import selectors
from coproduction.concerns.models import Concern, SpeakUpCase
from coproduction.concerns.selectors import RETURN_MIN_CASES, _withhold, quarter_return
from tests.cms.factories import ServiceFactory, member
from tests.coproduction.factories_concerns import SpeakUpCaseFactory

pytestmark = pytest.mark.django_db

QUARTER = date(2026, 4, 1)  # April to June 2026
GROUPS = SpeakUpCase.ProfessionalGroup
AGAIN = SpeakUpCase.Again


def case(service, month=4, day=10, **fields):
    """A speak-up case raised at `service` on `day` of `month` 2026."""
    raised = timezone.make_aware(datetime(2026, month, day, 11))
    made = SpeakUpCaseFactory(concern__service=service, **fields)
    Concern.objects.filter(pk=made.pk).update(created_at=raised)
    return made


def partitions(quarter):
    """Each group of cells that adds up to the total: (keys shown or withheld, whether a cell
    that is never shown completes it, i.e. the cases not counted)."""
    keys = [cell.key for cell in quarter.cells]
    singles = ["anonymous", "detriment", *(k for k in keys if k.startswith("category:"))]
    return [([key], True) for key in singles] + [
        ([k for k in keys if k.startswith(prefix)], False) for prefix in ("group:", "again:")
    ]


def attack(quarter):
    """What an attacker recovers from one quarter: every number worked out from the total and
    the cells shown. Fails if any is a small number (0 to 4) standing for hidden cells."""
    total = quarter.cell("cases").value
    shown = [cell for cell in quarter.cells if cell.value is not None]
    for cell in shown:
        assert cell.value >= RETURN_MIN_CASES, f"{cell.label} shows {cell.value}"
    if total is None:
        assert not shown, "a withheld quarter shows nothing"
        return
    for keys, completed in partitions(quarter):
        cells = [quarter.cell(key) for key in keys]
        hidden = [cell for cell in cells if cell.value is None] + ([None] if completed else [])
        residual = total - sum(cell.value for cell in cells if cell.value is not None)
        if hidden:
            assert residual >= RETURN_MIN_CASES, (keys, residual)


def test_the_return_has_the_national_shape(service):
    columns = dict(selectors.return_columns())
    assert columns["cases"] == "Cases raised"
    assert "Raised anonymously" in columns.values()
    assert "Said they suffered detriment for speaking up" in columns.values()
    for _name, label in SpeakUpCase.CATEGORIES:
        assert f"Category: {label}" in columns.values()
    for _value, label in GROUPS.choices:
        assert f"Professional group: {label}" in columns.values()
    for _value, label in AGAIN.choices:
        assert f"Would speak up again: {label}" in columns.values()


def test_a_quarter_of_fewer_than_5_cases_shows_nothing(service):
    for _ in range(4):
        case(service)
    quarter = quarter_return(service.organisation, QUARTER)
    assert all(cell.value is None for cell in quarter.cells)
    attack(quarter)


def test_small_cells_and_the_cells_that_would_give_them_away_are_withheld(service):
    """12 cases in one month: 3 bullying, 2 anonymous, 9 care assistants and 3 porters."""
    for number in range(12):
        case(
            service,
            bullying=number < 3,
            patient_safety=True,
            professional_group=GROUPS.CARE_ASSISTANTS if number < 9 else GROUPS.ESTATES_ANCILLARY,
            concern__anonymous=number < 2,
            detriment=number < 6,
            would_speak_up_again=AGAIN.YES if number < 7 else "",
        )
    quarter = quarter_return(service.organisation, QUARTER)
    assert quarter.cell("cases").value == 12
    assert quarter.cell("category:bullying").value is None  # 3
    assert quarter.cell("anonymous").value is None  # 2
    assert quarter.cell("detriment").value == 6  # 6 and 6: both sides 5 or more
    # All 12 are about patient safety: "not about it" would be 0, so it is withheld.
    assert quarter.cell("category:patient_safety").value is None
    # 3 porters hidden; then the 9 care assistants would give them away, so hidden too.
    assert quarter.cell("group:estates_ancillary").value is None
    assert quarter.cell("group:care_assistants").value is None
    # 7 yes and 5 not answered; no, maybe and don't know are 0 each, withheld (zero is a small
    # number), and since together they would be 12 - 7 - 5 = 0, the 5 not answered go too.
    assert quarter.cell("again:yes").value == 7
    assert quarter.cell("again:no").value is None
    assert quarter.cell("again:").value is None
    attack(quarter)


def test_the_monthly_figures_beside_it_cannot_be_subtracted_from_the_quarter(service):
    """The dashboards show a service's month of 5 cases or more. April 5 and May 5 are shown
    there; June's 2 would be the quarter's 12 less them, so the quarter is withheld."""
    for month, count in ((4, 5), (5, 5), (6, 2)):
        for day in range(count):
            case(service, month=month, day=day + 1)
    quarter = quarter_return(service.organisation, QUARTER)
    assert quarter.cell("cases").value is None
    attack(quarter)
    # With June's cases at another service (its month not shown either), the same.
    other = ServiceFactory(organisation=service.organisation, name="Elm Court")
    Concern.objects.filter(created_at__month=6).update(service=other)
    assert quarter_return(service.organisation, QUARTER).cell("cases").value is None


def test_quarters_stand_alone_with_no_total_across_them(client, service):
    """Q1 has 3 cases (withheld), Q2 has 7: adding or subtracting quarters gives nothing, as
    there is no year's total to subtract them from."""
    for day in range(3):
        case(service, month=1, day=day + 1)
    for day in range(7):
        case(service, month=4, day=day + 1)
    lead = member(Role.SPEAK_UP_LEAD, organisation=service.organisation)
    client.force_login(lead)
    with _today(date(2026, 7, 15)):
        response = client.get(
            reverse("coproduction:speak_up_return_csv", args=[service.organisation.slug])
        )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    header, quarters = rows[0], rows[1:]
    assert header[:3] == ["Organisation", "Quarter", "Cases raised"]
    assert [row[1] for row in quarters] == [
        "July 2025 to September 2025",
        "October 2025 to December 2025",
        "January 2026 to March 2026",
        "April 2026 to June 2026",
    ]
    by_quarter = {row[1]: row for row in quarters}
    assert by_quarter["January 2026 to March 2026"][2] == "withheld"
    assert by_quarter["April 2026 to June 2026"][2] == "7"
    # No cell anywhere shows a number under 5.
    for row in quarters:
        for value in row[2:]:
            assert value == "withheld" or int(value) >= RETURN_MIN_CASES


def test_random_returns_never_give_a_small_number_away(service):
    """An attacker's sweep: many random compositions of a quarter, each attacked."""
    generator = random.Random(12)
    shown = 0
    for _round in range(6):
        Concern.objects.all().delete()
        for _ in range(generator.randint(15, 40)):
            categories = generator.sample(
                [name for name, _label in SpeakUpCase.CATEGORIES], generator.randint(1, 3)
            )
            case(
                service,
                month=generator.choice((4, 5, 6)),
                day=generator.randint(1, 28),
                **{"bullying": False, **dict.fromkeys(categories, True)},
                professional_group=generator.choice(GROUPS.values),
                concern__anonymous=generator.random() < 0.3,
                detriment=generator.random() < 0.3,
                would_speak_up_again=generator.choice(["", *AGAIN.values]),
            )
        quarter = quarter_return(service.organisation, QUARTER)
        attack(quarter)
        shown += sum(cell.value is not None for cell in quarter.cells)
    assert shown >= 20, "the sweep attacked returns that show figures"


@pytest.mark.parametrize("seed", range(200))
def test_withholding_leaves_no_small_sum_in_any_partition(seed):
    """The rule itself over random partitions: what is withheld adds up to 0 or to 5 or more,
    and the cells shown are 5 or more."""
    generator = random.Random(seed)
    choices = [0, 0, 1, 2, 3, 4, 5, 6, 9, 14]
    values = [generator.choice(choices) for _ in range(generator.randint(2, 8))]
    total = sum(values)
    if total < RETURN_MIN_CASES:  # a quarter this small is withheld whole
        return
    parts = [(f"cell{i}", value) for i, value in enumerate(values)]
    withheld = _withhold(parts, total)
    shown = [value for key, value in parts if key not in withheld]
    assert all(value >= RETURN_MIN_CASES for value in shown)
    residual = total - sum(shown)
    assert (residual == 0 and not withheld) or residual >= RETURN_MIN_CASES
    hidden = [value for key, value in parts if key in withheld]
    if hidden and all(value < RETURN_MIN_CASES for value in hidden):
        assert residual != (RETURN_MIN_CASES - 1) * len(hidden)


def _today(day):
    from unittest import mock

    return mock.patch("django.utils.timezone.localdate", return_value=day)
