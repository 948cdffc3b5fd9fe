"""What the leadership plugin's own indicators read (the imports, the service visits), so the
nightly snapshot run recomputes the months a write can have changed (cms.figures). Loaded by
the app config's `ready`.

An import is marked through its `DataImport`: saving one marks every service of the
organisation for every month of its period, and so does deleting one (a file replaced or
removed). Its rows are written by `bulk_create`, which sends no signal, and deleted with it;
so rows are marked only when one is saved on its own (a correction), as it was and as it is,
and their deletion is left to the import's (a signal per row would load every row of a
cascade).
"""

from datetime import timedelta

from cms.indicators import months_between, register_source
from cms.organisations.models import Service

from .imports.models import (
    ComplaintsMonth,
    DataImport,
    HRMonth,
    OccupancyMonth,
    PracticeMonth,
    RestrictivePracticeEpisode,
    RotaWeek,
)
from .visits.models import ServiceVisit


def organisation_services(organisation_id):
    return Service.objects.filter(organisation_id=organisation_id)


register_source(
    DataImport,
    services=lambda data_import: organisation_services(data_import.organisation_id),
    when=lambda data_import: months_between(data_import.period_start, data_import.period_end),
)
for _model in (HRMonth, OccupancyMonth, ComplaintsMonth, PracticeMonth, RestrictivePracticeEpisode):
    register_source(
        _model,
        services=lambda row: [row.service_id],
        when=lambda row: row.month,
        uid="rows",
        deletes=False,
    )
# A week can straddle two months.
register_source(
    RotaWeek,
    services=lambda row: [row.service_id],
    when=lambda row: [row.week_start, row.week_start + timedelta(days=6)],
    uid="rows",
    deletes=False,
)
# "Days since a senior visit" reads the latest visit before each month's end, and a service
# never visited counts from the organisation's first visit anywhere: a visit touches every
# service of its organisation from its month on.
register_source(
    ServiceVisit,
    services=lambda visit: organisation_services(visit.service.organisation_id),
    when=lambda visit: months_between(visit.started_at),
)
