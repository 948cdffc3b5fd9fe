"""The leadership plugin's pages and exports for `make bench`, and the snapshot recompute it
times (see cms/bench/pages.py).

Every page or export in leadership/urls.py is either registered here or listed in
NOT_MEASURED with the reason; tests/bench/test_bench_runner.py checks both lists against the
URL patterns, so a new leadership page cannot be left out unnoticed.
"""

from django.urls import reverse

from cms.bench.pages import EXPORT, LEADERSHIP, OTHER, register, register_job

# URL names (in the `leadership` namespace) deliberately not measured.
NOT_MEASURED = {
    # Index pages that send a person on to their organisation's page, measured below.
    "dashboards": "redirects to the organisation overview",
    "flags_home": "redirects to the organisation's red flags",
    "ledger_home": "redirects to the organisation's ledger summary",
    "imports": "redirects to the organisation's imports",
    # Actions: POST only (or a form whose GET is the page it belongs to).
    "alert_acknowledge": "POST only: acknowledges an alert",
    "alert_assign_path": "POST only: assigns a learning path from an alert",
    "figures_refresh": "POST only: starts a snapshot run (timed as a job instead)",
    "visit_follow_up_done": "POST only: marks a follow-up done",
    "import_delete": "a confirmation that deletes an import when posted",
    "service_visit_delete": "a confirmation that deletes a visit when posted",
    # Files made by a Celery task when asked for, not read pages.
    "board_report_download": "the PDF a background task made; the page asking for it is measured",
    "inspection_pack_download": "the pack a background task made; the ledger page is measured",
    "import_template": "a fixed CSV of column headings, the same at every scale",
}


def _slug(facts):
    return facts.organisation.slug


def organisation_page(name):
    return lambda facts: reverse(f"leadership:{name}", args=[_slug(facts)])


def service_page(name):
    """The organisation's big service's page."""
    return lambda facts: reverse(f"leadership:{name}", args=[_slug(facts), facts.big_service_id])


def small_service_page(name):
    return lambda facts: reverse(f"leadership:{name}", args=[_slug(facts), facts.small_service_id])


def service_visits(name):
    return lambda facts: reverse(f"leadership:{name}", args=[facts.big_service_id])


def latest_flag(facts):
    from leadership.flags.models import RedFlag

    flag = RedFlag.objects.filter(service__organisation_id=facts.organisation_id).last()
    return flag and reverse("leadership:flag_detail", args=[_slug(facts), flag.pk])


def latest_alert(facts):
    from leadership.flags.models import ClosedCultureAlert

    alert = ClosedCultureAlert.objects.filter(service__organisation_id=facts.organisation_id).last()
    return alert and reverse("leadership:alert_detail", args=[_slug(facts), alert.pk])


def _latest_import(facts, **filters):
    from leadership.imports.models import DataImport

    return (
        DataImport.objects.filter(organisation_id=facts.organisation_id, **filters)
        .order_by("pk")
        .last()
    )


def latest_import(facts):
    data_import = _latest_import(facts)
    return data_import and reverse("leadership:import_detail", args=[_slug(facts), data_import.pk])


def latest_rota_import(facts):
    data_import = _latest_import(facts, kind="rota")
    return data_import and reverse(
        "leadership:import_rota_detail", args=[_slug(facts), data_import.pk]
    )


def latest_visit(facts, name="service_visit"):
    from leadership.visits.models import ServiceVisit

    visit = (
        ServiceVisit.objects.filter(visitor=facts.user("leader")).order_by("pk").last()
        or ServiceVisit.objects.filter(service__organisation_id=facts.organisation_id)
        .order_by("pk")
        .last()
    )
    return visit and reverse(f"leadership:{name}", args=[visit.pk])


def latest_visit_edit(facts):
    return latest_visit(facts, "service_visit_edit")


def _reverse(name):
    return lambda facts: reverse(f"leadership:{name}")


# (name, role, URL name in the leadership namespace, how its path is built, kind)
PAGES = [
    ("organisation overview", "leader", "dashboard_overview", organisation_page, LEADERSHIP),
    ("learning view", "leader", "dashboard_learning", organisation_page, LEADERSHIP),
    ("listening view", "leader", "dashboard_listening", organisation_page, LEADERSHIP),
    ("service dashboard (big)", "leader", "dashboard_service", service_page, LEADERSHIP),
    ("service dashboard (small)", "leader", "dashboard_service", small_service_page, LEADERSHIP),
    ("overview CSV", "leader", "dashboard_overview_csv", organisation_page, EXPORT),
    ("learning CSV", "leader", "dashboard_learning_csv", organisation_page, EXPORT),
    ("listening CSV", "leader", "dashboard_listening_csv", organisation_page, EXPORT),
    ("service CSV", "leader", "dashboard_service_csv", service_page, EXPORT),
    ("red flags", "leader", "flags_overview", organisation_page, LEADERSHIP),
    ("red flag", "leader", "flag_detail", latest_flag, LEADERSHIP),
    ("closed-culture alert", "leader", "alert_detail", latest_alert, LEADERSHIP),
    ("red flag settings", "org_admin", "flag_settings", organisation_page, LEADERSHIP),
    ("evidence ledger summary", "leader", "ledger_summary", organisation_page, LEADERSHIP),
    ("evidence ledger framework", "leader", "ledger_framework", organisation_page, LEADERSHIP),
    ("evidence ledger service", "leader", "ledger_service", service_page, LEADERSHIP),
    ("evidence ledger CSV", "leader", "ledger_service_csv", service_page, EXPORT),
    ("board reports", "leader", "board_reports", _reverse, LEADERSHIP),
    ("figures", "leader", "figures", _reverse, LEADERSHIP),
    # What the Figures page polls while a snapshot run is open (JSON).
    ("figures progress", "leader", "figures_progress", _reverse, LEADERSHIP),
    ("imports", "hr", "import_list", organisation_page, LEADERSHIP),
    ("import", "hr", "import_detail", latest_import, LEADERSHIP),
    ("rota import", "hr", "import_rota_detail", latest_rota_import, LEADERSHIP),
    ("visits", "leader", "visits_index", _reverse, LEADERSHIP),
    ("service visits", "leader", "service_visits", service_visits, LEADERSHIP),
    ("new service visit", "leader", "service_visit_create", service_visits, LEADERSHIP),
    ("service visit", "leader", "service_visit", latest_visit, LEADERSHIP),
    ("edit service visit", "leader", "service_visit_edit", latest_visit_edit, LEADERSHIP),
]
# Builders that need the URL name; the others name their own pattern.
_BY_NAME = (organisation_page, service_page, small_service_page, service_visits, _reverse)

for name, role, url_name, build, kind in PAGES:
    url = build(url_name) if build in _BY_NAME else build
    register(name, role=role, url=url, kind=kind, url_name=f"leadership:{url_name}")


def gathered_afresh(url):
    """The page asked to gather its ledger again now (ledger/caching.py): it works the ledger
    out, keeps it and answers 302 back to the page."""
    return lambda facts: (path := url(facts)) and f"{path}?fresh=1"


# A ledger is kept for 5 minutes, so the rows above time the kept one; these time what gathering
# it costs, once per reader, page and period every 5 minutes (not held to the 2x target: what a
# person waits for then, shown beside it).
for name, url_name, build in (
    ("evidence ledger summary, gathered afresh", "ledger_summary", organisation_page),
    ("evidence ledger service, gathered afresh", "ledger_service", service_page),
):
    register(
        name,
        role="leader",
        url=gathered_afresh(build(url_name)),
        kind=OTHER,
        url_name=f"leadership:{url_name}",
        status=302,
    )


def snapshot_recompute(facts):
    """Recompute every indicator of the biggest organisation in one process, recorded as a
    run is (so the pages say how up to date the figures are as they would in use), its parts
    one after another."""
    from django.utils import timezone

    from leadership.snapshots.models import SnapshotRun
    from leadership.snapshots.services import run_execute, run_give_up_stalled

    run_give_up_stalled()
    run = SnapshotRun.objects.create(
        organisation=facts.organisation,
        status=SnapshotRun.Status.QUEUED,
        progressed_at=timezone.now(),
    )
    run = run_execute(run.pk)
    if run.status != SnapshotRun.Status.DONE:
        raise RuntimeError(f"the run failed: {run.error}")
    return {
        "snapshots_written": run.snapshots_written,
        "summary": f"{run.services_total} services, {run.snapshots_written} figures written",
    }


def snapshot_recompute_on_workers(facts):
    """The same recompute as a run on real Celery workers: with one worker, then two."""
    from leadership.snapshots.bench import recompute_on_workers

    return recompute_on_workers(facts.organisation)


def snapshot_nightly_on_workers(facts):
    """The nightly run of every organisation on two workers: everything, then a usual night."""
    from leadership.snapshots.bench import nightly_on_workers

    return nightly_on_workers()


def flags_evaluate(facts):
    """Evaluate the red-flag rules on the snapshots just computed, as the nightly run does."""
    from leadership.flags.services import flags_evaluate

    return flags_evaluate(organisation=facts.organisation)


# In this order, before the pages are timed: the dashboards and flags read what they write.
register_job("snapshot recompute (biggest organisation)", snapshot_recompute)
register_job("red flags evaluation (biggest organisation)", flags_evaluate)
register_job(
    "snapshot run on 1 and 2 workers (biggest organisation)", snapshot_recompute_on_workers
)
register_job(
    "nightly run of the whole area on 2 workers (everything, then a usual night)",
    snapshot_nightly_on_workers,
)
