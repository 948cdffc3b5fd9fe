"""Permission rows for the leadership plugin: imports (HR, rota, occupancy, complaints,
practice and outcomes, and restrictive practice CSV files).

HR and organisation admins upload their organisation's figures; everyone else signed in is
refused (403), leaders and safeguarding leads included (they read the dashboards, they do not
upload). The rota's rows per coded person are for HR alone: an organisation admin is refused
them too. With one organisation, the imports address sends HR and admins straight to it (302).
tests/leadership/test_imports.py proves the refusals for another organisation's HR and admin,
and that another organisation's import is not found (404).
"""

from django.urls import reverse

from cms.organisations.models import Role
from leadership.imports.models import DataImport
from tests.permission_table import ANONYMOUS, LOGIN, Row, everyone

Kind = DataImport.Kind


def _importers(outcome):
    return everyone(403).but(
        **{ANONYMOUS: LOGIN, Role.HR: outcome, Role.ORGANISATION_ADMIN: outcome}
    )


def _hr_only(outcome):
    return everyone(403).but(**{ANONYMOUS: LOGIN, Role.HR: outcome})


def _import(world, kind=Kind.HR):
    from tests.leadership.factories import (
        DataImportFactory,
        HRMonthFactory,
        PracticeMonthFactory,
        RestrictivePracticeEpisodeFactory,
        RotaWeekFactory,
    )

    data_import = DataImportFactory(organisation=world.organisation, kind=kind, row_count=1)
    row_factory = {
        Kind.ROTA: RotaWeekFactory,
        Kind.PRACTICE: PracticeMonthFactory,
        Kind.RESTRICTIVE: RestrictivePracticeEpisodeFactory,
    }.get(kind, HRMonthFactory)
    row_factory(data_import=data_import, service=world.service)
    return data_import


def _organisation_url(name, *args):
    return lambda world: reverse(f"leadership:{name}", args=[world.organisation.slug, *args])


def _import_url(name, kind=Kind.HR):
    def build(world):
        return reverse(
            f"leadership:{name}", args=[world.organisation.slug, _import(world, kind).pk]
        )

    return build


ROWS = [
    Row("leadership:imports", lambda world: reverse("leadership:imports"), _importers(302)),
    Row("leadership:import_list", _organisation_url("import_list"), _importers(200)),
    # No file: the page again, with the error (400, as every form page shown with errors).
    Row(
        "leadership:import_list",
        _organisation_url("import_list"),
        _importers(400),
        method="post",
        data={"kind": Kind.HR},
    ),
    Row(
        "leadership:import_template",
        _organisation_url("import_template", Kind.ROTA),
        _importers(200),
    ),
    Row("leadership:import_detail", _import_url("import_detail"), _importers(200)),
    # A rota's page shows counts per service and week to both.
    Row("leadership:import_detail", _import_url("import_detail", Kind.ROTA), _importers(200)),
    Row(
        "leadership:import_rota_detail",
        _import_url("import_rota_detail", Kind.ROTA),
        _hr_only(200),
    ),
    # Issue 12: the practice and outcomes and restrictive practice files, through the same
    # pages, for the same people. Restrictive practice is shown as counts to both (no codes).
    *[
        row
        for kind in (Kind.PRACTICE, Kind.RESTRICTIVE)
        for row in (
            Row(
                "leadership:import_template",
                _organisation_url("import_template", kind),
                _importers(200),
            ),
            Row(
                "leadership:import_list",
                _organisation_url("import_list"),
                _importers(400),
                method="post",
                data={"kind": kind},
            ),
            Row("leadership:import_detail", _import_url("import_detail", kind), _importers(200)),
            Row(
                "leadership:import_rota_detail",
                _import_url("import_rota_detail", kind),
                _hr_only(404),
            ),
            Row("leadership:import_delete", _import_url("import_delete", kind), _importers(200)),
            Row(
                "leadership:import_delete",
                _import_url("import_delete", kind),
                _importers(302),
                method="post",
            ),
        )
    ],
    Row("leadership:import_delete", _import_url("import_delete"), _importers(200)),
    Row(
        "leadership:import_delete",
        _import_url("import_delete"),
        _importers(302),
        method="post",
    ),
]
