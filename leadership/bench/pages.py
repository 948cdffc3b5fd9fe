"""The leadership plugin's pages and exports for `make bench`, and the snapshot recompute it
times (see cms/bench/pages.py).

Every page or export in leadership/urls.py is either registered here or listed in
NOT_MEASURED with the reason; tests/bench/test_bench_runner.py checks both lists against the
URL patterns, so a new leadership page cannot be left out unnoticed.
"""

from django.urls import reverse

from cms.bench.pages import EXPORT, LEADERSHIP, register, register_job

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
    # Files made by a Celery task when asked for, not read pages.
    "board_report_download": "the PDF a background task made; the page asking for it is measured",
    "inspection_pack_download": "the pack a background task made; the ledger page is measured",
    "import_template": "a fixed CSV of column headings, the same at every scale",
}


def _slug(facts):
    return facts.organisation.slug


def organisation_page(name, query=""):
    def build(facts):
        return reverse(f"leadership:{name}", args=[_slug(facts)]) + query

    return build


def service_page(name, which="big"):
    def build(facts):
        service_id = facts.big_service_id if which == "big" else facts.small_service_id
        return reverse(f"leadership:{name}", args=[_slug(facts), service_id])

    return build


def service_visits(facts):
    return reverse("leadership:service_visits", args=[facts.big_service_id])


def service_visit_create(facts):
    return reverse("leadership:service_visit_create", args=[facts.big_service_id])


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


def latest_visit(facts):
    from leadership.visits.models import ServiceVisit

    visit = (
        ServiceVisit.objects.filter(visitor=facts.user("leader")).order_by("pk").last()
        or ServiceVisit.objects.filter(service__organisation_id=facts.organisation_id)
        .order_by("pk")
        .last()
    )
    return visit and reverse("leadership:service_visit", args=[visit.pk])


PAGES = [
    # (name, role, url, kind, URL name)
    ("organisation overview", "leader", organisation_page("dashboard_overview"), LEADERSHIP),
    ("learning view", "leader", organisation_page("dashboard_learning"), LEADERSHIP),
    ("listening view", "leader", organisation_page("dashboard_listening"), LEADERSHIP),
    ("service dashboard (big)", "leader", service_page("dashboard_service"), LEADERSHIP),
    ("service dashboard (small)", "leader", service_page("dashboard_service", "small"), LEADERSHIP),
    ("overview CSV", "leader", organisation_page("dashboard_overview_csv"), EXPORT),
    ("learning CSV", "leader", organisation_page("dashboard_learning_csv"), EXPORT),
    ("listening CSV", "leader", organisation_page("dashboard_listening_csv"), EXPORT),
    ("service CSV", "leader", service_page("dashboard_service_csv"), EXPORT),
    ("red flags", "leader", organisation_page("flags_overview"), LEADERSHIP),
    ("red flag", "leader", latest_flag, LEADERSHIP),
    ("closed-culture alert", "leader", latest_alert, LEADERSHIP),
    ("red flag settings", "org_admin", organisation_page("flag_settings"), LEADERSHIP),
    ("evidence ledger summary", "leader", organisation_page("ledger_summary"), LEADERSHIP),
    ("evidence ledger framework", "leader", organisation_page("ledger_framework"), LEADERSHIP),
    ("evidence ledger service", "leader", service_page("ledger_service"), LEADERSHIP),
    ("evidence ledger CSV", "leader", service_page("ledger_service_csv"), EXPORT),
    ("board reports", "leader", lambda facts: reverse("leadership:board_reports"), LEADERSHIP),
    ("figures", "leader", lambda facts: reverse("leadership:figures"), LEADERSHIP),
    ("imports", "hr", organisation_page("import_list"), LEADERSHIP),
    ("import", "hr", latest_import, LEADERSHIP),
    ("rota import", "hr", latest_rota_import, LEADERSHIP),
    ("visits", "leader", lambda facts: reverse("leadership:visits_index"), LEADERSHIP),
    ("service visits", "leader", service_visits, LEADERSHIP),
    ("new service visit", "leader", service_visit_create, LEADERSHIP),
    ("service visit", "leader", latest_visit, LEADERSHIP),
]

for name, role, url, kind in PAGES:
    register(name, role=role, url=url, kind=kind)


def snapshot_recompute(facts):
    """Recompute every indicator of the biggest organisation, as the nightly run does."""
    from leadership.snapshots.services import snapshots_compute

    return snapshots_compute(facts.organisation)


register_job("snapshot recompute (biggest organisation)", snapshot_recompute)
