"""`make bench SCALEOUT=1` (issue 16, "scale-out shown, not claimed"): the site run as it would
be scaled out, two app servers behind a real load balancer, two Celery workers and one beat on
one PostgreSQL and one Redis, measured and checked for correctness under load.

The inner bench process (`manage.py bench --inside --scale-out`, in the bench environment plus
a broker, see `environment`) starts:

- two gunicorn app servers (`runner.Server`, as `make bench` starts one);
- haproxy (nginx when haproxy is missing; apt-get installs haproxy when neither is there) with
  two front ends: one sends everything to the first app server, the other balances across both,
  so both setups pay for the same balancer hop;
- two Celery workers (one process each) and one beat, on a queue of the run's own.

For each setup in turn (one app server, then two) it drives the same traffic through the
balancer: a fixed number of concurrent clients (threads, each with the signed-in sessions the
runner makes) share a fixed number of requests to the learner and leadership pages, while the
apps' registered writes go through the same balancer: each app's `bench/scaleout.py` registers
them with `register_write` (coproduction raises concerns as the family member; leadership asks
for a snapshot run from the Figures page, twice at the same moment), so `cms` names no plugin.
Once the background work has settled, each write's check says whether it happened exactly once
(a concern routed once, its alerts emailed once per person; one snapshot run, finished once,
one row per key). It prints the throughput table and the checks as pass/fail lines, writes them
as JSON to bench-results/scaleout-<scale>-<time>.json, and stops every process it started, on an
error or Ctrl+C too.

Two cores shared by everything (both app servers, the workers, PostgreSQL, the clients) will
not make two app servers faster: the ratio is reported as measured.
"""

import itertools
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.utils.module_loading import autodiscover_modules

from . import measure
from .pages import LEADERSHIP, LEARNER, Facts, registered_pages
from .runner import MANAGE, WORKERS, BenchError, Server, _path, free_port, local_session, sign_in

BROKER = "redis://127.0.0.1:6379/13"
CLIENTS = 8
REQUESTS = 400
WRITES = 10
SETTLE_TIMEOUT = 1800
BALANCERS = ("haproxy", "nginx")
ONE, TWO = "one app server", "two app servers"
# The page kinds the traffic is made of: what learners and leaders open all day.
TRAFFIC_KINDS = (LEARNER, LEADERSHIP)
STOP_TIMEOUT = 20


# --- What each app writes under load, and how it is checked -----------------------------------


@dataclass(frozen=True)
class Check:
    """One line of the table: did the background work happen exactly once?"""

    name: str
    passed: bool
    detail: str = ""


@dataclass(frozen=True)
class ScaleOutWrite:
    """A write sent through the balancer while the traffic runs, and its check.

    `send(session, base_url, facts)` makes the request(s) as `role` and returns a key naming
    what it wrote (a concern's reference) or None; it raises on an unexpected answer.
    `settled(facts, keys, since)` says whether the background work it started is over;
    `check(facts, keys, since)` returns the `Check`s. `rounds` is how many times it is sent in
    a setup (None: `--scale-out-writes`), `at_once` by how many clients at the same moment."""

    name: str
    role: str
    send: Callable
    settled: Callable
    check: Callable
    rounds: int | None = None
    at_once: int = 1


_writes: dict[str, ScaleOutWrite] = {}


def register_write(name, *, role, send, settled, check, rounds=None, at_once=1):
    if name in _writes:
        raise ValueError(f"a scale-out write named {name!r} is already registered")
    _writes[name] = ScaleOutWrite(name, role, send, settled, check, rounds, at_once)


def registered_writes():
    autodiscover_modules("bench.scaleout")
    return list(_writes.values())


def exactly_once(name, counts, expected, noun="record"):
    """A Check that every key in `expected` has exactly one `noun` in `counts` ({key: how
    many}); a key counted twice, or never, fails it and is named, as is a key not expected."""
    expected = list(expected)
    twice = {key: n for key, n in counts.items() if n > 1}
    never = [key for key in expected if counts.get(key, 0) == 0]
    stray = [key for key in counts if key not in set(expected)]
    problems = []
    if twice:
        problems.append(
            "more than once: " + ", ".join(f"{_key(k)} ({n} {noun}s)" for k, n in twice.items())
        )
    if never:
        problems.append(f"no {noun}: " + ", ".join(_key(k) for k in never))
    if stray:
        problems.append("not expected: " + ", ".join(_key(k) for k in stray))
    if not expected:
        problems.append("nothing to check")
    detail = "; ".join(problems) or f"{len(expected)} x 1 {noun}"
    return Check(name, not problems, detail)


def _key(key):
    return " / ".join(map(str, key)) if isinstance(key, tuple) else str(key)


# --- Configuration and processes --------------------------------------------------------------


def haproxy_config(frontends):
    """haproxy's configuration: {port: [app server port, ...]}, one front end each."""
    lines = [
        "global",
        "    maxconn 512",
        "defaults",
        "    mode http",
        "    timeout connect 5s",
        "    timeout client 300s",
        "    timeout server 300s",
        # The app counts one proxy in front of it (TRUSTED_PROXY_COUNT=1).
        "    option forwardfor",
        "    option http-server-close",
    ]
    for number, (port, servers) in enumerate(frontends.items(), start=1):
        lines += [
            f"frontend front{number}",
            f"    bind 127.0.0.1:{port}",
            f"    default_backend app{number}",
            f"backend app{number}",
            "    balance roundrobin",
        ]
        lines += [
            f"    server app{number}_{i} 127.0.0.1:{server}"
            for i, server in enumerate(servers, start=1)
        ]
    return "\n".join(lines) + "\n"


def nginx_config(frontends, folder):
    """nginx's configuration (foreground, everything it writes under `folder`)."""
    folder = Path(folder)
    lines = [
        "daemon off;",
        "worker_processes 1;",
        f"pid {folder / 'nginx.pid'};",
        f"error_log {folder / 'nginx-error.log'} warn;",
        "events { worker_connections 512; }",
        "http {",
        "    access_log off;",
        f"    client_body_temp_path {folder / 'body'};",
        f"    proxy_temp_path {folder / 'proxy'};",
        f"    fastcgi_temp_path {folder / 'fastcgi'};",
        f"    uwsgi_temp_path {folder / 'uwsgi'};",
        f"    scgi_temp_path {folder / 'scgi'};",
        "    client_max_body_size 50m;",
    ]
    for number, (port, servers) in enumerate(frontends.items(), start=1):
        lines.append(f"    upstream app{number} {{")
        lines += [f"        server 127.0.0.1:{server};" for server in servers]
        lines += [
            "    }",
            "    server {",
            f"        listen 127.0.0.1:{port};",
            "        location / {",
            f"            proxy_pass http://app{number};",
            "            proxy_set_header Host $http_host;",
            "            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
            "            proxy_read_timeout 300s;",
            "        }",
            "    }",
        ]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _find(program):
    return shutil.which(program) or next(
        (str(p) for p in (Path("/usr/sbin") / program,) if p.exists()), None
    )


def find_balancer(preferred=BALANCERS, install=True, run=subprocess.run):
    """(name, path) of the first balancer of `preferred` installed; when none is, install the
    first with apt-get (as root, or through sudo)."""
    for name in preferred:
        path = _find(name)
        if path:
            return name, path
    if not install:
        raise BenchError(f"none of {', '.join(preferred)} is installed")
    name = preferred[0]
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", name]):
        done = run([*sudo, *command], env=environment, capture_output=True, text=True)
        if done.returncode != 0:
            raise BenchError(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    path = _find(name)
    if not path:
        raise BenchError(f"{name} is not on the PATH after apt-get installed it")
    return name, path


class Balancer:
    """haproxy or nginx in the foreground, its configuration written to `folder`."""

    def __init__(self, name, path, frontends, folder):
        self.name, self.path, self.frontends, self.folder = name, path, frontends, Path(folder)
        self.process = None
        self.log_path = self.folder / f"{name}.log"

    def write_config(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.name == "haproxy":
            self.config_path = self.folder / "haproxy.cfg"
            self.config_path.write_text(haproxy_config(self.frontends))
        else:
            for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
                (self.folder / sub).mkdir(exist_ok=True)
            self.config_path = self.folder / "nginx.conf"
            self.config_path.write_text(nginx_config(self.frontends, self.folder))
        return self.config_path

    def command(self, test=False):
        if self.name == "haproxy":
            return [self.path, "-c" if test else "-db", "-f", str(self.config_path)]
        return [
            self.path,
            *(["-t"] if test else []),
            "-p",
            str(self.folder),
            "-c",
            str(self.config_path),
        ]

    def version(self):
        done = subprocess.run(
            [self.path, "-v"], capture_output=True, text=True, check=False, timeout=30
        )
        return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else ""

    def start(self, timeout=30):
        import socket

        self.write_config()
        done = subprocess.run(
            self.command(test=True), capture_output=True, text=True, check=False, timeout=30
        )
        if done.returncode != 0:
            raise BenchError(f"{self.name} refused its configuration:\n{done.stderr[-2000:]}")
        log = open(self.log_path, "a")  # closed with the process
        self.process = subprocess.Popen(
            self.command(), stdout=log, stderr=subprocess.STDOUT, cwd=self.folder
        )
        deadline = time.monotonic() + timeout
        for port in self.frontends:
            while True:
                if self.process.poll() is not None:
                    raise BenchError(f"{self.name} exited:\n{self.log()[-2000:]}")
                try:
                    socket.create_connection(("127.0.0.1", port), 1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise BenchError(f"{self.name} is not listening on {port}") from None
                    time.sleep(0.2)

    def stop(self):
        stop_process(self.process)
        self.process = None

    def log(self):
        return self.log_path.read_text() if self.log_path.exists() else ""


def stop_all(processes):
    """Stop every one of `processes`; a second Ctrl+C (or an error) while one stops does not
    leave the others running: it is raised once all are stopped."""
    interrupted = None
    for process in processes:
        try:
            process.stop()
        except BaseException as error:  # noqa: BLE001 (raised below, after the others)
            interrupted = interrupted or error
            try:
                process.stop()  # again: the first try may have been cut short
            except BaseException:  # noqa: BLE001
                pass
    if interrupted is not None:
        raise interrupted


def stop_process(process, sig=signal.SIGINT, timeout=STOP_TIMEOUT):
    """Stop a process we started: `sig` first (a quick shutdown for gunicorn, haproxy, nginx),
    SIGTERM then SIGKILL if it lingers."""
    if process is None or process.poll() is not None:
        return
    for signal_to_send in (sig, signal.SIGTERM):
        process.send_signal(signal_to_send)
        try:
            process.wait(timeout=timeout)
            return
        except subprocess.TimeoutExpired:
            continue
    process.kill()
    process.wait()


class CeleryProcess:
    """A Celery worker (one process, `concurrency` 1) or beat, on the run's queue."""

    def __init__(self, kind, name, folder):
        self.kind, self.name, self.folder = kind, name, Path(folder)
        self.log_path = self.folder / f"{name}.log"
        self.process = None

    def command(self):
        base = [sys.executable, "-m", "celery", "-A", "cms", self.kind, "--loglevel=WARNING"]
        if self.kind == "beat":
            return [*base, "--schedule", str(self.folder / "beat-schedule")]
        return [
            *base,
            "--concurrency=1",
            f"--hostname={self.name}@%h",
            "--without-gossip",
            "--without-mingle",
        ]

    def start(self):
        log = open(self.log_path, "a")  # closed with the process
        self.process = subprocess.Popen(
            self.command(), cwd=MANAGE.parent, stdout=log, stderr=subprocess.STDOUT
        )

    def wait_ready(self, timeout=120):
        from cms.celery import app

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"celery {self.name} exited:\n{self.log()[-3000:]}")
            if self.kind == "beat" or app.control.ping(
                destination=[f"{self.name}@{os.uname().nodename}"], timeout=1
            ):
                return
        raise BenchError(f"celery {self.name} did not answer in {timeout}s")

    def stop(self):
        # SIGTERM: Celery's warm shutdown (finish the task at hand).
        stop_process(self.process, signal.SIGTERM, timeout=60)
        self.process = None

    def log(self):
        return self.log_path.read_text() if self.log_path.exists() else ""


def environment(base, broker_url, queue):
    """The bench environment of the scale-out run: a real broker on a queue of the run's own
    (tasks the web servers and workers enqueue go to it), and one proxy in front of the apps."""
    return {
        **base,
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "TRUSTED_PROXY_COUNT": "1",
    }


def new_queue():
    return f"bench-scaleout-{secrets.token_hex(6)}"


def start_together(items):
    """Start each of `items` (`start()` waits until it answers) in a thread of its own."""
    errors = []

    def start(item):
        try:
            item.start()
        except BaseException as error:  # noqa: BLE001 (raised below, in this thread)
            errors.append(error)

    threads = [threading.Thread(target=start, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def logged_requests(path):
    """How many requests gunicorn's access log at `path` holds (one line each)."""
    try:
        with open(path, "rb") as log:
            return sum(1 for _ in log)
    except FileNotFoundError:
        return 0


def served_check(served, balanced):
    """The balancer sent requests to every app server of the setup (`balanced`: their names)."""
    idle = [name for name in balanced if not served.get(name)]
    detail = ", ".join(f"{name} {served.get(name, 0)}" for name in served)
    return Check(f"each of its {len(balanced)} app server(s) served requests", not idle, detail)


def run_inner(arguments, env, cwd):
    """Run the inner process; on Ctrl+C (which it gets too) give it time to stop what it
    started before it is killed."""
    process = subprocess.Popen(arguments, env=env, cwd=cwd)
    try:
        return process.wait()
    except KeyboardInterrupt:
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        raise


# --- Traffic ----------------------------------------------------------------------------------


@dataclass
class PhaseResult:
    name: str
    app_servers: int
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    timings_ms: list = field(default_factory=list, repr=False)
    error_samples: list = field(default_factory=list)
    writes: dict = field(default_factory=dict)
    checks: list = field(default_factory=list)
    settle_seconds: float = 0.0
    # Requests each app server logged while the setup ran (the traffic and the writes).
    served: dict = field(default_factory=dict)

    @property
    def requests_per_s(self):
        return len(self.timings_ms) / self.seconds if self.seconds else None

    def summary(self):
        timed = self.timings_ms
        return {
            "name": self.name,
            "app_servers": self.app_servers,
            "requests": self.requests,
            "errors": self.errors,
            "error_samples": self.error_samples[:5],
            "seconds": round(self.seconds, 2),
            "requests_per_s": _round(self.requests_per_s, 2),
            "p50_ms": _round(measure.percentile(timed, 50) if timed else None),
            "p95_ms": _round(measure.percentile(timed, 95) if timed else None),
            "writes": self.writes,
            "settle_seconds": round(self.settle_seconds, 1),
            "served": self.served,
            "checks": [asdict(check) for check in self.checks],
        }


def _round(value, digits=1):
    return None if value is None else round(value, digits)


def traffic_targets(facts, pages=None):
    """(role, path) of every learner and leadership page the dataset has a row for."""
    targets = []
    for page in pages if pages is not None else registered_pages():
        if page.kind in TRAFFIC_KINDS:
            url = page.url(facts)
            if url:
                targets.append((page.role, _path(url)))
    return targets


def clone(session):
    """A session of its own for one client thread, signed in as `session` is (requests'
    sessions are not shared between threads)."""
    copy = local_session()
    copy.cookies.update(session.cookies)
    return copy


def drive(base_url, targets, sessions, clients, total, result, timeout=300):
    """`clients` threads share `total` requests, round the `targets`; each answer but 200
    counts as an error. Fills `result` (timings, errors, seconds)."""
    counter = itertools.count()
    lock = threading.Lock()

    def client():
        own = {role: clone(session) for role, session in sessions.items()}
        while True:
            number = next(counter)
            if number >= total:
                return
            role, path = targets[number % len(targets)]
            started = time.perf_counter()
            try:
                response = own[role].get(base_url + path, allow_redirects=False, timeout=timeout)
                response.content  # noqa: B018 (to the last byte)
                problem = None if response.status_code == 200 else f"{path}: {response.status_code}"
            except Exception as error:  # noqa: BLE001 (a failed request is counted, not raised)
                problem = f"{path}: {error.__class__.__name__}"
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                result.requests += 1
                if problem:
                    result.errors += 1
                    result.error_samples.append(problem)
                else:
                    result.timings_ms.append(elapsed)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result


def send_writes(write, base_url, session, facts, rounds):
    """Send `write` `rounds` times, `at_once` clients together each round. Returns (keys,
    errors)."""
    keys, errors = [], []
    for _ in range(rounds):
        barrier = threading.Barrier(write.at_once)
        answers = [None] * write.at_once

        def one(index, barrier=barrier, answers=answers):
            own = clone(session)
            try:
                barrier.wait(timeout=60)
                answers[index] = ("key", write.send(own, base_url, facts))
            except Exception as error:  # noqa: BLE001 (reported in the table)
                answers[index] = ("error", f"{error.__class__.__name__}: {error}"[:300])

        threads = [threading.Thread(target=one, args=(i,)) for i in range(write.at_once)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for kind, value in answers:
            if kind == "error":
                errors.append(value)
            elif value is not None:
                keys.append(value)
    return keys, errors


def run_phase(
    result,
    base_url,
    targets,
    sessions,
    facts,
    writes,
    *,
    clients,
    total,
    writes_count,
    settle_timeout,
    stdout,
):
    """The traffic and the writes together through `base_url`; then wait for the background
    work and run the checks."""
    from django.utils import timezone

    since = timezone.now()
    sent = {}

    def writer(write):
        rounds = write.rounds if write.rounds is not None else writes_count
        sent[write.name] = send_writes(write, base_url, sessions[write.role], facts, rounds)

    threads = [threading.Thread(target=writer, args=(write,)) for write in writes]
    for thread in threads:
        thread.start()
    drive(base_url, targets, sessions, clients, total, result)
    for thread in threads:
        thread.join()
    stdout.write(
        f"  {result.requests} requests in {result.seconds:.1f} s, {result.errors} errors; "
        "waiting for the background work"
    )
    started = time.monotonic()
    pending = list(writes)
    while pending and time.monotonic() - started < settle_timeout:
        pending = [w for w in pending if not w.settled(facts, sent[w.name][0], since)]
        if pending:
            time.sleep(1)
    result.settle_seconds = time.monotonic() - started
    for write in writes:
        keys, errors = sent[write.name]
        result.writes[write.name] = {"sent": len(keys), "errors": errors}
        result.checks.append(
            Check(
                f"{write.name}: every request answered",
                not errors,
                "; ".join(errors[:3]) or f"{len(keys) or write.at_once} answered",
            )
        )
        if write in pending:
            result.checks.append(
                Check(f"{write.name}: settled", False, f"not within {settle_timeout} s")
            )
        result.checks.extend(write.check(facts, keys, since))
    return result


# --- The run ----------------------------------------------------------------------------------


def ratio(one, two):
    if one.requests_per_s and two.requests_per_s:
        return round(two.requests_per_s / one.requests_per_s, 2)
    return None


def format_report(document):
    """The throughput table and the checks, as plain text."""
    header = ("setup", "requests", "errors", "req/s", "p50 ms", "p95 ms")
    lines = [header]
    for phase in document["phases"]:
        lines.append(
            (
                phase["name"],
                str(phase["requests"]),
                str(phase["errors"]),
                measure._cell(phase["requests_per_s"], "{:.2f}"),
                measure._cell(phase["p50_ms"]),
                measure._cell(phase["p95_ms"]),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    ]
    text.insert(1, "  ".join("-" * width for width in widths))
    text.append(f"two / one app servers, requests per second: {document['throughput_ratio']}x")
    text.append("")
    checks = [
        (f"{phase['name']}: {check['name']}", check)
        for phase in document["phases"]
        for check in phase["checks"]
    ]
    width = max((len(name) for name, _ in checks), default=5)
    text.append(f"{'check'.ljust(width)}  result  detail")
    text.append(f"{'-' * width}  ------  ------")
    for name, check in checks:
        verdict = "pass" if check["passed"] else "FAIL"
        text.append(f"{name.ljust(width)}  {verdict}    {check['detail']}".rstrip())
    text.append(f"all checks passed: {'yes' if document['all_passed'] else 'NO'}")
    return "\n".join(text)


def results_path(folder, scale, stamp):
    return Path(folder) / f"scaleout-{scale}-{stamp}.json"


def _stop_on_sigterm():
    """SIGTERM unwinds like Ctrl+C, so the `finally` that stops the processes runs. Returns
    the handler it replaced (None when it could not: not the main thread)."""

    def handler(signum, frame):
        raise SystemExit(128 + signum)

    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:
        return None


def run_scale_out(
    *,
    facts,
    scale,
    dataset,
    clients,
    total,
    writes_count,
    stdout,
    results_dir,
    settle_timeout=SETTLE_TIMEOUT,
    balancers=BALANCERS,
):
    """Start everything, measure one then two app servers, check, report, stop everything.
    Runs in the scale-out bench environment (`environment`). Returns the results document."""
    started_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    facts = Facts(facts)
    results_dir = Path(results_dir)
    results_dir.mkdir(parents=True, exist_ok=True)
    writes = registered_writes()
    targets = traffic_targets(facts)
    if not targets:
        raise BenchError("the dataset gives no learner or leadership page to request")
    folder = Path(tempfile.mkdtemp(prefix=f"bench-scaleout-{scale}-"))
    name, path = find_balancer(balancers)
    servers = [
        Server(
            0,
            folder / f"gunicorn-{n}.log",
            arguments=("--access-logfile", str(folder / f"access-{n}.log")),
        )
        for n in (1, 2)
    ]
    fronts = {free_port(): [servers[0].port], free_port(): [s.port for s in servers]}
    balancer = Balancer(name, path, fronts, folder)
    # Named after the run's queue: two runs on one machine do not share a worker name.
    queue = os.environ.get("CELERY_TASK_DEFAULT_QUEUE") or "bench-scaleout"
    celery = [CeleryProcess("worker", f"{queue}-worker{n}", folder) for n in (1, 2)]
    celery.append(CeleryProcess("beat", "beat", folder))
    started = []
    previous_handler = _stop_on_sigterm()
    stdout.write(f"Scale-out: configuration and logs in {folder}")
    try:
        for server in servers:
            stdout.write(f"  gunicorn ({WORKERS} workers) on {server.base_url}")
        started += servers
        start_together(servers)
        stdout.write(
            f"  {balancer.version() or name}: "
            + ", ".join(f"127.0.0.1:{port} -> {ports}" for port, ports in fronts.items())
        )
        started.append(balancer)
        balancer.start()
        for process in celery:
            stdout.write(f"  celery {process.kind} {process.name}")
            started.append(process)
            process.start()
        for process in celery:
            process.wait_ready()
        one_url, two_url = (f"http://127.0.0.1:{port}" for port in fronts)
        roles = {role for role, _ in targets} | {write.role for write in writes}
        sessions = {role: sign_in(two_url, facts.users[role], facts.password) for role in roles}
        phases = []
        logs = {f"app server {n}": folder / f"access-{n}.log" for n in (1, 2)}
        for label, base_url, count in ((ONE, one_url, 1), (TWO, two_url, 2)):
            stdout.write(
                f"{label}: {clients} clients, {total} requests, "
                + ", ".join(w.name for w in writes)
            )
            # gunicorn logs a request once it has answered: let the last lines (the sign-in,
            # the setup before) land before counting.
            time.sleep(1)
            before = {name: logged_requests(log) for name, log in logs.items()}
            phase = run_phase(
                PhaseResult(label, count),
                base_url,
                targets,
                sessions,
                facts,
                writes,
                clients=clients,
                total=total,
                writes_count=writes_count,
                settle_timeout=settle_timeout,
                stdout=stdout,
            )
            phase.served = {name: logged_requests(log) - before[name] for name, log in logs.items()}
            phase.checks.insert(0, served_check(phase.served, list(logs)[:count]))
            phases.append(phase)
    finally:
        stop_all(reversed(started))
        if previous_handler is not None:
            signal.signal(signal.SIGTERM, previous_handler)
    document = {
        "kind": "scale-out",
        "scale": scale,
        "dataset": dataset,
        "started_at": started_at,
        "balancer": {"name": name, "version": balancer.version()},
        "app_servers": len(servers),
        "app_server_ports": [server.port for server in servers],
        "balancer_ports": list(fronts),
        "gunicorn_workers_per_server": WORKERS,
        "celery_workers": 2,
        "celery_beat": 1,
        "clients": clients,
        "requests": total,
        "pages": sorted({path for _, path in targets}),
        "writes": [
            {
                "name": w.name,
                "role": w.role,
                "rounds": w.rounds or writes_count,
                "at_once": w.at_once,
            }
            for w in writes
        ],
        "phases": [phase.summary() for phase in phases],
        "throughput_ratio": ratio(*phases),
        "all_passed": all(check.passed for phase in phases for check in phase.checks),
        "logs": str(folder),
    }
    path = results_path(results_dir, scale, stamp)
    path.write_text(json.dumps(document, indent=2))
    stdout.write("")
    stdout.write(format_report(document))
    stdout.write(f"\nWritten to {path}")
    return document


def forget_queue(broker_url, queue):
    """Delete the run's queue from the broker (what a worker left in it, and its binding)."""
    import redis

    try:
        redis.Redis.from_url(broker_url, socket_connect_timeout=5).delete(
            queue, f"_kombu.binding.{queue}"
        )
    except redis.RedisError:
        pass
