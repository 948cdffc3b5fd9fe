"""Reads of the imports part: whose data a person may import, an organisation's imports, what
one import holds (counts per service and month or week; rota rows per coded person for HR), and
what the template files hold."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from cms import access

from .models import DataImport, PracticeMonth, RestrictivePracticeEpisode, RotaWeek
from .services import SPECS, describe_period, kind_noun

Kind = DataImport.Kind

IMPORT_PERMISSION = "leadership.import_data"


def import_organisations(user):
    """The organisations whose data `user` may import, by name (every one for a superuser)."""
    return access.organisations_with(user, IMPORT_PERMISSION)


def imports_of(organisation):
    """The organisation's imports, newest upload first."""
    return (
        DataImport.objects.filter(organisation=organisation)
        .select_related("uploaded_by")
        .order_by("-uploaded_at", "-pk")
    )


def period_text(data_import):
    return describe_period(data_import.kind, data_import.period_start, data_import.period_end)


def uploader_name(data_import):
    person = data_import.uploaded_by
    if person is None:
        return "A person whose account has been removed"
    return person.get_full_name() or person.email


def with_descriptions(imports):
    """The imports, each with `period_text`, `kind_noun` and `uploader` for display."""
    imports = list(imports)
    for data_import in imports:
        describe(data_import)
    return imports


def describe(data_import):
    data_import.period_text = period_text(data_import)
    data_import.kind_noun = kind_noun(data_import.kind)
    data_import.uploader = uploader_name(data_import)
    return data_import


# --- What one import holds ----------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnHeading:
    field: str
    label: str


def _headings(kind):
    """The figures' columns of a monthly kind, in the template's order (service and month are
    shown separately)."""
    return [
        ColumnHeading(column.name, column.name.replace("_", " ").capitalize())
        for column in SPECS[kind].columns
        if column.name not in ("service", "month")
    ]


# A restrictive practice import is shown as counts per service and month: the codes of the
# people and shifts stay in the file and in the indicators that read them.
RESTRICTIVE_HEADINGS = [
    ColumnHeading("episodes", "Episodes"),
    ColumnHeading("people", "People"),
    ColumnHeading("without_debrief", "Episodes without a debrief"),
]


@dataclass(frozen=True)
class MonthCounts:
    service: object
    month: object
    figures: list


def restrictive_months(data_import):
    """A restrictive practice import as counts per service and month, without codes."""
    rows = (
        RestrictivePracticeEpisode.objects.filter(data_import=data_import)
        .values("service", "service__name", "month")
        .annotate(
            episodes=Count("pk"),
            people=Count("person_code", distinct=True),
            without_debrief=Count("pk", filter=Q(debrief=False)),
        )
        .order_by("service__name", "month")
    )
    return [
        MonthCounts(
            service=_Named(row["service__name"]),
            month=row["month"],
            figures=[row[heading.field] for heading in RESTRICTIVE_HEADINGS],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class _Named:
    name: str


def monthly_rows(data_import):
    """(headings, rows) of an import made of months (every kind but the rota): each row is a
    service's month, with `figures` in the headings' order (restrictive practice as counts).
    These are counts, so everyone who may import sees them; a figure the file did not give
    (a group of columns left out) is None."""
    if data_import.kind == Kind.RESTRICTIVE:
        return RESTRICTIVE_HEADINGS, restrictive_months(data_import)
    spec = SPECS[data_import.kind]
    headings = _headings(data_import.kind)
    rows = (
        spec.model.objects.filter(data_import=data_import)
        .select_related("service")
        .order_by("service__name", "month")
    )
    return headings, rows


def figures_of(rows, headings):
    """Each row with `figures`, its values in the headings' order."""
    rows = list(rows)
    for row in rows:
        if not isinstance(row, MonthCounts):
            row.figures = [getattr(row, heading.field) for heading in headings]
    return rows


def rota_weeks(data_import):
    """A rota import as counts per service and week: people, hours, and hours worked by bank or
    agency staff. No codes: this is what everyone who may import sees."""
    return (
        RotaWeek.objects.filter(data_import=data_import)
        .values("service__name", "week_start")
        .annotate(
            people=Count("pk"),
            total_hours=Sum("hours"),
            non_permanent_hours=Sum(
                "hours", filter=~Q(contract=RotaWeek.Contract.PERMANENT), default=0
            ),
        )
        .order_by("service__name", "week_start")
    )


def rota_rows(data_import):
    """A rota import's rows, one per coded person per week: for HR only."""
    return (
        RotaWeek.objects.filter(data_import=data_import)
        .select_related("service")
        .order_by("service__name", "week_start", "person_code")
    )


# --- Templates ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindGuide:
    kind: str
    label: str
    noun: str
    description: str
    columns: list  # (name, note)


def kind_guides():
    """What each kind of file holds, for the upload page's notes beside each template."""
    return [
        KindGuide(
            kind=spec.kind.value,
            label=spec.kind.label,
            noun=kind_noun(spec.kind),
            description=spec.description,
            columns=[(column.name, column.note) for column in spec.columns],
        )
        for spec in SPECS.values()
    ]


def example_service_name(organisation):
    """The service the template's example row names: the organisation's first by name."""
    service = organisation.services.order_by("name").first()
    return service.name if service else "Your service's name"


# --- Restrictive practice by kind, for the board report's review (issue 12) --------------------


@dataclass(frozen=True)
class KindCount:
    """One kind of restrictive practice at one service over a period: its uses and the number
    of (coded) people it was used on. The codes are counted here and go no further."""

    practice: str
    label: str
    uses: int
    people: int


@dataclass(frozen=True)
class RestrictiveKinds:
    months_reported: int  # months of the period with a practice and outcomes row
    kinds: tuple  # KindCount for every kind, in the order of the import's choices


def restrictive_practice_by_kind(service_ids, first, end):
    """{service id: RestrictiveKinds} over the months [first, end) for the services that
    reported practice in some month of it. As the indicators count them, an episode counts only
    in a month the service reported."""
    reported = {}
    for service_id, month in PracticeMonth.objects.filter(
        service_id__in=service_ids, month__gte=first, month__lt=end
    ).values_list("service_id", "month"):
        reported.setdefault(service_id, set()).add(month)
    uses, people = {}, {}
    for service_id, month, practice, person in RestrictivePracticeEpisode.objects.filter(
        service_id__in=list(reported), month__gte=first, month__lt=end
    ).values_list("service_id", "month", "practice", "person_code"):
        if month not in reported[service_id]:
            continue
        key = (service_id, practice)
        uses[key] = uses.get(key, 0) + 1
        people.setdefault(key, set()).add(person)
    Practice = RestrictivePracticeEpisode.Practice
    return {
        service_id: RestrictiveKinds(
            len(months),
            tuple(
                KindCount(
                    practice,
                    label,
                    uses.get((service_id, practice), 0),
                    len(people.get((service_id, practice), ())),
                )
                for practice, label in Practice.choices
            ),
        )
        for service_id, months in reported.items()
    }
