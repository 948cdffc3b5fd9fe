"""The scale-out benchmark (cms/bench/scaleout.py, `make bench SCALEOUT=1`): the balancer's
configuration, the exactly-once checks the plugins register (coproduction/bench/scaleout.py,
leadership/bench/scaleout.py) on rows made to fail them, every process stopped when the run
fails, and one run end to end on the `tiny` dataset."""

import datetime
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import connection
from django.utils import timezone

from cms.bench import scaleout
from cms.bench.runner import BenchError, free_port
from cms.organisations.models import Role
from cms.outbox.models import OutboxMessage
from coproduction.bench.scaleout import check_routing, routed
from coproduction.concerns import services as concern_services
from coproduction.concerns.models import Concern, ConcernEvent
from leadership.bench.scaleout import check_snapshots, finished
from leadership.snapshots.models import SnapshotRun
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.leadership.factories_snapshots import IndicatorSnapshotFactory, SnapshotRunFactory

ROOT = Path(__file__).resolve().parents[2]


# --- The exactly-once check -------------------------------------------------------------------


def test_exactly_once_passes_when_each_key_has_one():
    check = scaleout.exactly_once("routed", {"C-A": 1, "C-B": 1}, ["C-A", "C-B"], noun="routing")
    assert check.passed and check.detail == "2 x 1 routing"


def test_exactly_once_names_a_key_counted_twice_and_one_never_counted():
    check = scaleout.exactly_once("routed", {"C-A": 2}, ["C-A", "C-B"], noun="routing")
    assert not check.passed
    assert "more than once: C-A (2 routings)" in check.detail
    assert "no routing: C-B" in check.detail


def test_exactly_once_fails_with_nothing_to_check_or_a_stray_key():
    assert not scaleout.exactly_once("x", {}, []).passed
    stray = scaleout.exactly_once("x", {("C-A", "a@x"): 1, ("C-B", "b@x"): 1}, [("C-A", "a@x")])
    assert not stray.passed and "not expected: C-B / b@x" in stray.detail


# --- The balancer's configuration -------------------------------------------------------------

FRONTS = {18001: [19001], 18002: [19001, 19002]}


def test_haproxy_config_balances_the_second_front_end_over_both_servers(tmp_path):
    balancer = scaleout.Balancer("haproxy", "/usr/sbin/haproxy", FRONTS, tmp_path)
    path = balancer.write_config()
    text = path.read_text()
    assert path == tmp_path / "haproxy.cfg"
    assert "bind 127.0.0.1:18001" in text and "bind 127.0.0.1:18002" in text
    assert "server app1_1 127.0.0.1:19001" in text
    assert "server app2_1 127.0.0.1:19001" in text and "server app2_2 127.0.0.1:19002" in text
    assert "option forwardfor" in text  # the app counts one proxy (TRUSTED_PROXY_COUNT=1)
    assert balancer.command() == ["/usr/sbin/haproxy", "-db", "-f", str(path)]


def test_nginx_config_keeps_everything_it_writes_in_the_run_folder(tmp_path):
    balancer = scaleout.Balancer("nginx", "/usr/sbin/nginx", FRONTS, tmp_path)
    text = balancer.write_config().read_text()
    assert "daemon off;" in text and f"pid {tmp_path / 'nginx.pid'};" in text
    assert "upstream app2 {\n        server 127.0.0.1:19001;\n        server 127.0.0.1:19002;" in (
        text
    )
    assert "listen 127.0.0.1:18002;" in text and (tmp_path / "proxy").is_dir()


@pytest.mark.parametrize("name", ["haproxy", "nginx"])
def test_the_balancer_accepts_the_written_config(name, tmp_path):
    path = scaleout._find(name)
    if not path:
        pytest.skip(f"{name} is not installed")
    balancer = scaleout.Balancer(name, path, FRONTS, tmp_path)
    balancer.write_config()
    done = subprocess.run(balancer.command(test=True), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_missing_balancer_is_installed_with_apt_get(monkeypatch):
    installed = set()
    commands = []
    monkeypatch.setattr(
        scaleout, "_find", lambda name: f"/usr/sbin/{name}" if name in installed else None
    )
    monkeypatch.setattr(scaleout.os, "geteuid", lambda: 1000)

    def run(command, **kwargs):
        commands.append(command)
        if command[-1] == "haproxy":
            installed.add("haproxy")
        return SimpleNamespace(returncode=0, stderr="")

    assert scaleout.find_balancer(run=run) == ("haproxy", "/usr/sbin/haproxy")
    assert commands == [
        ["sudo", "apt-get", "update"],
        ["sudo", "apt-get", "install", "-y", "haproxy"],
    ]


def test_an_installed_balancer_is_used_as_it_is(monkeypatch):
    monkeypatch.setattr(
        scaleout, "_find", lambda name: "/usr/sbin/nginx" if name == "nginx" else None
    )

    def run(command, **kwargs):
        raise AssertionError(f"nothing is installed when nginx is there: {command}")

    assert scaleout.find_balancer(run=run) == ("nginx", "/usr/sbin/nginx")


def test_the_run_has_a_broker_queue_of_its_own_and_one_proxy():
    environment = scaleout.environment({"TRUSTED_PROXY_COUNT": "0"}, "redis://h/3", "q-1")
    assert environment == {
        "TRUSTED_PROXY_COUNT": "1",
        "CELERY_BROKER_URL": "redis://h/3",
        "CELERY_TASK_DEFAULT_QUEUE": "q-1",
    }
    assert scaleout.new_queue() != scaleout.new_queue()


# --- Processes stopped ------------------------------------------------------------------------


def test_a_process_deaf_to_sigint_is_stopped_all_the_same():
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import signal, time; signal.signal(signal.SIGINT, signal.SIG_IGN); "
            "print('ready', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
    )
    process.stdout.readline()
    scaleout.stop_process(process, signal.SIGINT, timeout=1)
    assert process.poll() == -signal.SIGTERM


class Started:
    """Stands in for an app server, the balancer or a Celery process."""

    everything = []

    def __init__(self, *args, **kwargs):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.kind = self.name = "fake"
        self.stopped = False
        Started.everything.append(self)

    def start(self):
        pass

    def wait_ready(self):
        pass

    def stop(self):
        self.stopped = True

    def version(self):
        return "fake"


def test_every_process_is_stopped_when_the_run_fails(monkeypatch, tmp_path):
    Started.everything = []
    for name in ("Server", "Balancer", "CeleryProcess"):
        monkeypatch.setattr(scaleout, name, Started)
    monkeypatch.setattr(scaleout, "find_balancer", lambda balancers: ("haproxy", "/x"))
    monkeypatch.setattr(scaleout, "registered_writes", lambda: [])
    monkeypatch.setattr(scaleout, "traffic_targets", lambda facts: [("leader", "/page/")])

    def refuse(*args):
        raise BenchError("the sign-in failed")

    monkeypatch.setattr(scaleout, "sign_in", refuse)
    facts = {
        "organisation_id": 1,
        "big_service_id": 1,
        "small_service_id": 2,
        "users": {"leader": "l@example.org"},
        "password": "x",
    }
    with pytest.raises(BenchError, match="sign-in failed"):
        scaleout.run_scale_out(
            facts=facts,
            scale="tiny",
            dataset="bench",
            clients=1,
            total=1,
            writes_count=1,
            stdout=SimpleNamespace(write=lambda text: None),
            results_dir=tmp_path,
        )
    # Two app servers, the balancer, two workers and the beat: all started, all stopped.
    assert len(Started.everything) == 6
    assert all(process.stopped for process in Started.everything)
    assert not list(tmp_path.glob("scaleout-*.json"))


class Interrupted(Started):
    def stop(self):
        if not self.stopped:
            self.stopped = True
            raise KeyboardInterrupt


def test_ctrl_c_while_one_process_stops_still_stops_the_others():
    processes = [Started(), Interrupted(), Started()]
    with pytest.raises(KeyboardInterrupt):
        scaleout.stop_all(processes)
    assert all(process.stopped for process in processes)


# --- The report -------------------------------------------------------------------------------


def test_the_report_shows_each_check_as_pass_or_fail():
    phase = scaleout.PhaseResult("two app servers", 2, requests=4, seconds=2.0)
    phase.timings_ms = [10.0, 20.0, 30.0, 40.0]
    phase.checks = [
        scaleout.Check("every concern routed exactly once", True, "3 x 1 routing"),
        scaleout.Check("one snapshot run", False, "more than once: 7 (2 runs)"),
    ]
    document = {
        "phases": [phase.summary()],
        "throughput_ratio": None,
        "all_passed": False,
    }
    text = scaleout.format_report(document)
    assert phase.summary()["requests_per_s"] == 2.0 and phase.summary()["p50_ms"] == 25.0
    assert "two app servers: every concern routed exactly once  pass" in text
    assert "two app servers: one snapshot run" in text and "FAIL    more than once" in text
    assert text.endswith("all checks passed: NO")


def test_served_check_fails_when_an_app_server_of_the_setup_served_nothing():
    assert scaleout.served_check({"app server 1": 5, "app server 2": 0}, ["app server 1"]).passed
    check = scaleout.served_check(
        {"app server 1": 5, "app server 2": 0}, ["app server 1", "app server 2"]
    )
    assert not check.passed and check.detail == "app server 1 5, app server 2 0"


# --- The plugins' checks, on rows made to pass and to fail them -------------------------------


@pytest.fixture
def concerns(db):
    """Three concerns raised at a service with a forum host and a safeguarding lead: two
    routed (one alert each), one not."""
    service = ServiceFactory()
    member(Role.FORUM_HOST, service=service, email="host@example.org")
    member(Role.SAFEGUARDING_LEAD, organisation=service.organisation, email="lead@example.org")
    raised = []
    for safeguarding in (False, True, False):
        concern, _code = concern_services.concern_raise(
            service=service,
            raiser_role=Concern.RaiserRole.FAMILY,
            what_happened="The call bell was not answered.",
            at_risk_now=False,
            possible_safeguarding=safeguarding,
            anonymous=True,
        )
        raised.append(concern)
    for concern in raised[:2]:
        assert concern_services.concern_route(concern.pk) == 1
    return raised


def references(concerns):
    return [concern.reference for concern in concerns]


def test_routed_concerns_pass_both_checks(concerns):
    routed_ones = references(concerns[:2])
    assert routed(None, routed_ones, None)
    checks = check_routing(None, routed_ones, None)
    assert [check.passed for check in checks] == [True, True], checks
    assert checks[1].detail == "2 x 1 email"


def test_a_concern_not_routed_fails_the_routing_check(concerns):
    assert not routed(None, references(concerns), None)
    routing, emails = check_routing(None, references(concerns), None)
    assert not routing.passed and f"no routing: {concerns[2].reference}" in routing.detail
    # Nobody was alerted about it either.
    assert not emails.passed and f"no email: {concerns[2].reference} / host@example.org" in (
        emails.detail
    )


def test_a_second_routing_record_fails_the_routing_check(concerns):
    ConcernEvent.objects.create(concern=concerns[0], kind=ConcernEvent.Kind.ROUTED)
    routing, _emails = check_routing(None, references(concerns[:2]), None)
    assert not routing.passed
    assert f"more than once: {concerns[0].reference} (2 routings)" in routing.detail


def test_a_second_alert_email_fails_the_email_check(concerns):
    alert = OutboxMessage.objects.filter(subject__contains=concerns[1].reference).get()
    alert.pk, alert.message_id = None, "<another@example.org>"
    alert.save()
    _routing, emails = check_routing(None, references(concerns[:2]), None)
    assert not emails.passed
    assert f"{concerns[1].reference} / lead@example.org (2 emails)" in emails.detail


def test_a_missing_alert_email_fails_the_email_check(concerns):
    OutboxMessage.objects.filter(subject__contains=concerns[0].reference).delete()
    _routing, emails = check_routing(None, references(concerns[:2]), None)
    assert not emails.passed
    assert f"no email: {concerns[0].reference} / host@example.org" in emails.detail


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


def a_run(organisation, status=SnapshotRun.Status.DONE, **fields):
    now = timezone.now()
    return SnapshotRunFactory(
        organisation=organisation,
        status=status,
        started_at=now,
        finished_at=now if status == SnapshotRun.Status.DONE else None,
        **fields,
    )


def test_one_finished_run_with_its_rows_passes(organisation):
    since = timezone.now() - datetime.timedelta(seconds=1)
    a_run(organisation, snapshots_written=1)
    IndicatorSnapshotFactory(service=ServiceFactory(organisation=organisation))
    facts = SimpleNamespace(organisation_id=organisation.pk)
    assert finished(facts, [], since)
    checks = check_snapshots(facts, [], since)
    assert [check.passed for check in checks] == [True, True, True], checks


def test_two_runs_for_two_presses_fail_the_snapshot_check(organisation):
    since = timezone.now() - datetime.timedelta(seconds=1)
    a_run(organisation)
    a_run(organisation)
    IndicatorSnapshotFactory(service=ServiceFactory(organisation=organisation))
    one_run, finished_once, _rows = check_snapshots(
        SimpleNamespace(organisation_id=organisation.pk), [], since
    )
    assert not one_run.passed and "(2 runs)" in one_run.detail
    assert not finished_once.passed


def test_a_run_still_open_is_not_settled_and_fails(organisation):
    since = timezone.now() - datetime.timedelta(seconds=1)
    a_run(organisation, status=SnapshotRun.Status.RUNNING)
    facts = SimpleNamespace(organisation_id=organisation.pk)
    assert not finished(facts, [], since)
    one_run, finished_once, rows = check_snapshots(facts, [], since)
    assert one_run.passed and not finished_once.passed and not rows.passed


def test_no_run_at_all_fails(organisation):
    facts = SimpleNamespace(organisation_id=organisation.pk)
    one_run, finished_once, rows = check_snapshots(facts, [], timezone.now())
    assert not one_run.passed and "no run" in one_run.detail
    assert not finished_once.passed and not rows.passed


# --- End to end -------------------------------------------------------------------------------


def _server_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"


def _listening(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


# The dataset is tests/bench/test_bench_end_to_end.py's: one xdist worker builds it, once.
@pytest.mark.postgres
@pytest.mark.xdist_group("bench_e2e_tiny")
def test_make_bench_scale_out_serves_two_app_servers_and_checks_exactly_once(
    postgres_db, redis_url, tmp_path
):
    if not (shutil.which("haproxy") or shutil.which("nginx") or Path("/usr/sbin/haproxy").exists()):
        pytest.skip("neither haproxy nor nginx is installed (make bench installs one)")
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "bench",
            "--scale",
            "tiny",
            "--scale-out",
            "--clients",
            "2",
            "--scale-out-requests",
            "10",
            "--writes",
            "2",
            "--settle-timeout",
            "240",
            "--database-url",
            f"{_server_url()}/bench_e2e_tiny",
            "--redis-url",
            redis_url,
            # The run listens on a queue of its own there.
            "--broker-url",
            redis_url,
            "--results-dir",
            str(tmp_path),
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-3000:]
    written = list(tmp_path.glob("scaleout-tiny-*.json"))
    assert len(written) == 1, written
    document = json.loads(written[0].read_text())
    assert document["app_servers"] == 2 and document["celery_workers"] == 2
    assert document["balancer"]["name"] in ("haproxy", "nginx")
    one, two = document["phases"]
    assert (one["name"], one["app_servers"], two["app_servers"]) == ("one app server", 1, 2)
    for phase in (one, two):
        assert phase["requests"] == 10 and phase["errors"] == 0, phase
        assert phase["requests_per_s"] > 0 and phase["p95_ms"] >= phase["p50_ms"] > 0
        assert phase["writes"]["concerns raised"] == {"sent": 2, "errors": []}
        names = {check["name"]: check["passed"] for check in phase["checks"]}
        assert all(names.values()), phase["checks"]
        assert {
            "every concern routed exactly once (2 raised)",
            "every alert emailed once to each person",
            "one snapshot run for two presses at once",
            "the snapshot run finished once",
            "one snapshot row per key",
        } <= set(names)
    # One app server took everything in the first setup; the balancer shared the second.
    # (gunicorn logs a request after answering it: a loaded machine may log the last request
    # before the setup, through both servers, a moment into it.)
    assert one["served"]["app server 2"] <= 1 and one["served"]["app server 1"] > 10
    assert two["served"]["app server 1"] > 0 and two["served"]["app server 2"] > 0
    assert document["throughput_ratio"] > 0 and document["all_passed"] is True
    # The table, its pass lines, and nothing left listening.
    assert "two / one app servers, requests per second:" in done.stdout
    routed_line = r"two app servers: every concern routed exactly once \(2 raised\) +pass"
    assert re.search(routed_line, done.stdout)
    for port in document["app_server_ports"] + document["balancer_ports"]:
        assert not _listening(port), port
