"""`make bench`: build (or reuse) a dataset on PostgreSQL, serve it with gunicorn as production
would, sign each role in through allauth's pages, time every registered page against the bare
Wagtail page, count each page's queries, time the registered jobs in processes of their own,
and print one table (written as JSON to bench-results/ too).

Two processes do the work. `manage.py bench` (the outer one, any settings) checks PostgreSQL and
Redis, creates the database, builds the dataset (`bench_data`, or the demo) and collects the
static files; it then runs `manage.py bench --inside` with the production settings the server
uses (`bench_environment`), which starts gunicorn, measures and prints. Work timed for its
memory (a job, an export) runs in one more process each (`--job`, `--export`), so that its peak
resident memory is its own.
"""

import json
import os
import re
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from django.conf import settings

from . import measure
from .pages import EXPORT, ROLES, Facts, registered_jobs, registered_pages

MANAGE = Path(settings.BASE_DIR) / "manage.py"
RESULTS = Path(settings.BASE_DIR) / "bench-results"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/12"
PASSWORD = "bench-password"
WORKERS = 2
WARM_UP = 3
# A page slower than REQUESTS requests in this many seconds allow is timed fewer times (the
# JSON says how many), but at least MIN_TIMED.
PAGE_BUDGET = 60
MIN_TIMED = 5
JOB_TIMEOUT = 1800
# How much of an export is read before its timer stops (see time_page).
FIRST_BYTES = 1024
# Printed by a child process before the JSON it hands back.
MARKER = "BENCH-RESULT "
# The demo's people, by the roles the facts name.
DEMO_ROLES = {
    "leader": "leader",
    "org_admin": "organisation_admin",
    "safeguarding_lead": "safeguarding_lead",
    "hr": "hr",
    "learner": "staff",
    "family": "family_member",
    "lived_experience": "lived_experience_member",
    "forum_host": "forum_host",
}


# The roles the facts name, by the names cms.organisations.models.Role gives them too.
ROLE_ALIASES = {
    "org_admin": ("organisation_admin",),
    "learner": ("staff",),
    "family": ("family_member",),
    "lived_experience": ("lived_experience_member", "lived_experience_lead"),
}


class BenchError(Exception):
    """Something the benchmark needs is missing; the message says what to do."""


# --- Set-up (the outer process) ---------------------------------------------------------------


def database_url_for(scale, dataset, base=POSTGRES):
    name = "bench_demo" if dataset == "demo" else f"bench_{scale}"
    return f"{base.rstrip('/')}/{name}"


def _maintenance_url(database_url):
    return urlunparse(urlparse(database_url)._replace(path="/postgres"))


def _database_name(database_url):
    return urlparse(database_url).path.lstrip("/")


def check_services(database_url, redis_url):
    """PostgreSQL and Redis answer, or BenchError saying which does not."""
    import psycopg
    import redis

    try:
        psycopg.connect(_maintenance_url(database_url), connect_timeout=5).close()
    except psycopg.Error as error:
        raise BenchError(f"PostgreSQL does not answer at {database_url}: {error}") from error
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=5).ping()
    except redis.RedisError as error:
        raise BenchError(f"Redis does not answer at {redis_url}: {error}") from error


def ensure_database(database_url):
    """Create the benchmark's database when it is missing; True when it was created."""
    import psycopg
    from psycopg import sql

    name = _database_name(database_url)
    with psycopg.connect(_maintenance_url(database_url), autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return not exists


def bench_environment(database_url, redis_url, static_root=None):
    """The environment gunicorn and the measuring process run in: the production settings,
    DEBUG off, behind no proxy (so no TLS redirect), a Redis cache, no email sent."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "CACHE_URL": redis_url.replace("redis://", "rediscache://", 1),
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "TRUSTED_PROXY_COUNT": "0",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "EMAIL_URL": "dummymail://",
        "CELERY_BROKER_URL": "",
        "LOG_LEVEL": "WARNING",
    }
    if static_root:
        environment["STATIC_ROOT"] = str(static_root)
    return environment


def _manage(*arguments, environment=None, capture=False, timeout=None):
    return subprocess.run(
        [sys.executable, str(MANAGE), *arguments],
        env=environment,
        cwd=MANAGE.parent,
        check=False,
        text=True,
        capture_output=capture,
        timeout=timeout,
    )


def parse_facts(output):
    """bench_data's JSON (the whole output, or its last line that is a JSON object)."""
    for candidate in (output, *reversed(output.strip().splitlines())):
        try:
            data = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(data, dict):
            return normalise_facts(data)
    raise BenchError(f"bench_data printed no JSON facts:\n{output[-2000:]}")


def _first(data, *names):
    for name in names:
        if data.get(name) is not None:
            return data[name]
    return None


def _an_id(value):
    return value.get("id") if isinstance(value, dict) else value


def normalise_facts(data, password=PASSWORD):
    """The facts in the shape cms.bench.pages.Facts reads: organisation_id, big_service_id,
    small_service_id, users {role: login}, password. Accepts the obvious spellings of each,
    at the top or under "facts" (bench_data prints {scale, facts, counts, ...})."""
    if isinstance(data.get("facts"), dict):
        data = {**data, **data["facts"]}
    users = _first(data, "users", "usernames", "roles", "logins") or {
        role: data[role] for role in ROLES if role in data
    }
    users = {
        role: (_first(v, "email", "username") if isinstance(v, dict) else v)
        for role, v in users.items()
    }
    for role, aliases in ROLE_ALIASES.items():
        if not users.get(role):
            users[role] = next((users[a] for a in aliases if users.get(a)), None)
    facts = {
        "organisation_id": _an_id(
            _first(data, "organisation_id", "biggest_organisation_id", "organisation", "org_id")
        ),
        "big_service_id": _an_id(_first(data, "big_service_id", "big_service", "large_service_id")),
        "small_service_id": _an_id(_first(data, "small_service_id", "small_service")),
        "users": users,
        "password": _first(data, "password") or password,
    }
    missing = [key for key, value in facts.items() if value in (None, {})]
    missing += [f"users.{role}" for role in ROLES if not users.get(role)]
    if missing:
        raise BenchError(f"the dataset's facts lack {', '.join(missing)}: {data}")
    return {**data, **facts}


def build_dataset(scale, database_url, password):
    """Build (or find already built) the dataset at `scale` and return its facts."""
    done = _manage(
        "bench_data",
        "--scale",
        scale,
        "--database-url",
        database_url,
        "--json",
        "--password",
        password,
        capture=True,
    )
    if done.returncode != 0:
        raise BenchError(f"bench_data failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return parse_facts(done.stdout)


def demo_facts():
    """The facts of the demo (`load_demo`), in bench_data's shape: its biggest organisation,
    its services with the most and the fewest people, and one person per role."""
    from django.db.models import Count

    from cms.organisations.demo import DEMO_PASSWORD
    from cms.organisations.models import Membership, Organisation

    organisation = (
        Organisation.objects.annotate(size=Count("services", distinct=True))
        .order_by("-size", "pk")
        .first()
    )
    if organisation is None:
        raise BenchError("the demo is not loaded")
    services = organisation.services.annotate(people=Count("memberships")).order_by("-people", "pk")
    users = {}
    for role, demo_role in DEMO_ROLES.items():
        membership = (
            Membership.objects.filter(organisation=organisation, role=demo_role)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership is not None:
            users[role] = membership.user.email
    return normalise_facts(
        {
            "organisation_id": organisation.pk,
            "big_service_id": services.first().pk,
            "small_service_id": services.last().pk,
            "users": users,
            "password": DEMO_PASSWORD,
        }
    )


def load_demo(environment):
    """Migrate the demo database and load the demo into it unless it is there already."""
    for arguments in (("migrate", "--noinput"), ("bench", "--load-demo")):
        done = _manage(*arguments, environment=environment, capture=True)
        if done.returncode != 0:
            raise BenchError(
                f"{' '.join(arguments)} failed:\n{done.stdout[-2000:]}{done.stderr[-4000:]}"
            )


def load_demo_unless_loaded(stdout):
    from django.core.management import call_command

    from cms.organisations.models import Organisation

    if Organisation.objects.exists():
        stdout.write("The demo is loaded already.")
        return
    call_command("load_demo", stdout=stdout)


def collect_static(environment):
    done = _manage("collectstatic", "--noinput", environment=environment, capture=True)
    if done.returncode != 0:
        raise BenchError(f"collectstatic failed:\n{done.stderr[-4000:]}")


# --- The server -------------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving cms.wsgi with two workers, as the README's deployment does."""

    def __init__(self, port, log_path, workers=WORKERS, arguments=()):
        self.port = port or free_port()
        self.log_path = log_path
        self.workers = workers
        # More of gunicorn's options (the scale-out run keeps an access log per server).
        self.arguments = tuple(arguments)
        self.process = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=90):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", self.port))
            except OSError as error:
                raise BenchError(f"port {self.port} is in use: choose another (--port)") from error
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "300",
                # Several benchmarks (or other gunicorns) may run on one machine.
                "--no-control-socket",
                *self.arguments,
            ],
            cwd=MANAGE.parent,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            self._wait(timeout)
        except BaseException:
            self.stop()
            raise

    def _wait(self, timeout):
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited:\n{self.log()[-4000:]}")
            try:
                requests.get(self.base_url + "/accounts/login/", timeout=60)
            except requests.RequestException:
                time.sleep(0.3)
                continue
            # Each worker loads the site on its first request: warm both.
            for _ in range(4 * self.workers):
                requests.get(self.base_url + "/accounts/login/", timeout=60)
            return
        raise BenchError(f"gunicorn did not answer within {timeout}s:\n{self.log()[-4000:]}")

    def stop(self):
        if self.process and self.process.poll() is None:
            # SIGINT: gunicorn's quick shutdown (SIGTERM waits for its graceful timeout).
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log(self):
        path = Path(self.log_path)
        return path.read_text() if path.exists() else ""


# --- Signing in -------------------------------------------------------------------------------


def local_session():
    """A requests session that sends Secure cookies over plain HTTP.

    Production marks the session and CSRF cookies Secure; a load balancer would end TLS in
    front of gunicorn. The benchmark talks to gunicorn directly on 127.0.0.1, so it sends those
    cookies as the balancer would have passed them on."""
    import requests

    class LocalSession(requests.Session):
        def send(self, request, **kwargs):
            response = super().send(request, **kwargs)
            for cookie in self.cookies:
                cookie.secure = False
            return response

    return LocalSession()


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')


def _csrf_token(response):
    found = CSRF_FIELD.search(response.text)
    if not found:
        raise BenchError(f"no CSRF token on {response.url} ({response.status_code})")
    return found.group(1)


def authenticator_secret(login):
    """The person's authenticator app secret, read back through allauth's MFA adapter, or None
    when they have none."""
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator

    authenticator = Authenticator.objects.filter(
        user__email__iexact=login, type=Authenticator.Type.TOTP
    ).first()
    return authenticator and get_adapter().decrypt(authenticator.data["secret"])


def sign_in(base_url, login, password):
    """A requests session signed in through allauth's login page (and its second step when the
    person has an authenticator app), as a browser would."""
    from django.urls import reverse

    from cms.organisations.demo import totp_code

    session = local_session()
    login_url = base_url + reverse("account_login")
    page = session.get(login_url)
    answer = session.post(
        login_url,
        data={"csrfmiddlewaretoken": _csrf_token(page), "login": login, "password": password},
        headers={"Referer": login_url},
        allow_redirects=False,
    )
    if answer.status_code != 302:
        raise BenchError(f"{login} could not sign in: the login page answered {answer.status_code}")
    second_step = reverse("mfa_authenticate")
    if answer.headers["Location"].startswith(second_step):
        secret = authenticator_secret(login)
        if not secret:
            raise BenchError(f"{login} is asked for a second step but has no authenticator app")
        step_url = base_url + second_step
        for attempt in range(2):
            page = session.get(step_url)
            answer = session.post(
                step_url,
                data={"csrfmiddlewaretoken": _csrf_token(page), "code": totp_code(secret)},
                headers={"Referer": step_url},
                allow_redirects=False,
            )
            if answer.status_code == 302:
                break
            if attempt == 0:
                # A code from a period that ended as it was typed: wait for the next one.
                time.sleep(31 - time.time() % 30)
        else:
            raise BenchError(f"{login}: the second step refused the code")
    if settings.SESSION_COOKIE_NAME not in session.cookies:
        raise BenchError(f"{login} has no session after signing in")
    return session


# --- Measuring --------------------------------------------------------------------------------


def _path(url):
    parts = urlparse(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def time_page(session, base_url, result, requests_count, warm_up=WARM_UP, budget=PAGE_BUDGET):
    """Request the page `warm_up` times untimed (once when it takes over a second), then
    `requests_count` times timed, or as many as fit in `budget` seconds (at least MIN_TIMED)
    when the page is too slow for that; any answer but the page's own (200, or the 302 it is
    registered with) stops it with an error.

    A page is timed to its last byte. An export streams (cms.exports): what a person waits for
    is the download starting, so it is timed to its first bytes and the connection closed; its
    whole download is timed once in process, with its peak memory (`run_export_here`)."""
    import requests

    url = base_url + result.url
    first_byte = result.kind == EXPORT
    started_page = time.monotonic()
    warmed = 0
    while True:
        started = time.perf_counter()
        try:
            response = session.get(url, allow_redirects=False, stream=first_byte)
            if first_byte:
                body = next(response.iter_content(chunk_size=FIRST_BYTES), b"")
                response.close()
            else:
                body = response.content
        except requests.RequestException as error:
            # gunicorn ends a worker that takes over its timeout (300 s): the page failed.
            result.error = f"no answer: {error.__class__.__name__}"
            return result
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != result.expected_status:
            where = response.headers.get("Location", "")
            result.status = response.status_code
            result.error = f"answered {response.status_code} {where}".strip()
            return result
        if warmed < warm_up:
            warmed = warm_up if elapsed > 1000 else warmed + 1
            continue
        result.timings_ms.append(elapsed)
        if len(result.timings_ms) >= requests_count:
            break
        if len(result.timings_ms) >= MIN_TIMED and time.monotonic() - started_page > budget:
            break
    result.status = response.status_code
    result.content_type = response.headers.get("Content-Type", "").split(";")[0]
    result.size_bytes = 0 if first_byte else len(body)
    return result


def _client(session_key):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return client


def _consume(response):
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def _first_chunk(response):
    """Read a streamed response as far as its first chunk, then close it (what an export is
    timed to: see time_page)."""
    if not response.streaming:
        return len(response.content)
    chunks = iter(response.streaming_content)
    size = len(next(chunks, b""))
    response.close()
    return size


def count_queries(session_key, path, warm=True, first_chunk=False, status=200):
    """The queries the page makes, in this process through Django's test client with the
    session signed in over HTTP: the second of two requests (the first fills caches), or the
    only one when `warm` is false (a page that takes seconds: the caches are warm by then).
    With `first_chunk` (an export), up to its first chunk: the rest of a streamed export is
    rows fetched from cursors already declared, and reading it whole twice at the scale of a
    Safeguarding Adults Board area would take longer than every page together."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    read = _first_chunk if first_chunk else _consume
    client = _client(session_key)
    if warm:
        read(client.get(path))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        read(response)
    if response.status_code != status:
        where = response.headers.get("Location", "")
        raise BenchError(f"{path} answered {response.status_code} {where} in process".strip())
    return len(queries)


def _child(arguments, timeout=JOB_TIMEOUT):
    """Run `manage.py bench <arguments>` in this process's environment; its JSON result, or
    what went wrong (a job that outlasts `timeout` is reported, and the bench carries on)."""
    try:
        done = _manage("bench", *arguments, capture=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish in {timeout} s (stopped)"}
    for line in done.stdout.splitlines():
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER) :])
    return {"error": (done.stderr or done.stdout)[-1000:].strip() or f"exit {done.returncode}"}


def _status_mb(field):
    """A memory figure of this process from /proc/self/status (Linux), in MB, or None."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        return None
    return None


def start_memory_watch():
    """Reset this process's peak resident memory to what it holds now (Linux lets a process
    do so by writing 5 to /proc/self/clear_refs), so the peak read later is the work's own;
    return the resident memory now, in MB."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    return _status_mb("VmRSS") or peak_rss_mb()


def peak_rss_mb():
    """The peak resident memory since `start_memory_watch` (or since the process started)."""
    peak = _status_mb("VmHWM")
    # ru_maxrss is in kilobytes on Linux and is never reset.
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_job_here(name, facts):
    """In a child process: run the registered job, report seconds and peak memory."""
    job = next(job for job in registered_jobs() if job.name == name)
    facts.organisation  # noqa: B018 (read before the baseline)
    baseline = start_memory_watch()
    started = time.perf_counter()
    answer = job.run(facts)
    return {
        "name": name,
        "seconds": round(time.perf_counter() - started, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "baseline_rss_mb": round(baseline, 1),
        # A job that times parts of itself (on 1 and 2 workers, say) hands them back as a dict.
        **({"details": answer} if isinstance(answer, dict) else {}),
    }


def run_export_here(path, session_key):
    """In a child process: download the export in process, report seconds and peak memory."""
    client = _client(session_key)
    client.get("/accounts/login/")  # load the URLs, templates and middleware first
    baseline = start_memory_watch()
    started = time.perf_counter()
    response = client.get(path)
    size = _consume(response)
    if response.status_code != 200:
        raise BenchError(f"{path} answered {response.status_code}")
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "bytes": size,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "baseline_rss_mb": round(baseline, 1),
    }


def _analyze():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def run_measurements(
    *, facts, scale, dataset, requests_count, port, stdout, jobs=True, results_dir=RESULTS
):
    """Serve, sign in, time, count, run the jobs; print the table and write the JSON. Runs in
    the bench environment (the inner process). Returns the results document."""
    started_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    facts = Facts(facts)
    pages = registered_pages()
    results_dir.mkdir(parents=True, exist_ok=True)
    # The registered jobs first (each in a process of its own): the snapshot recompute and the
    # flags' evaluation write what the dashboards and red-flag pages then show.
    job_results = []
    if jobs:
        facts_file = results_dir / f".facts-{stamp}.json"
        facts_file.write_text(json.dumps(facts.data))
        try:
            for job in registered_jobs():
                stdout.write(f"  job: {job.name}")
                answer = _child(["--job", job.name, "--facts-file", str(facts_file)])
                job_results.append({"name": job.name, **answer})
        finally:
            facts_file.unlink(missing_ok=True)
        # The jobs wrote millions of rows (snapshots) into tables the dataset left nearly empty;
        # without fresh statistics PostgreSQL plans the pages' queries for the empty tables
        # until autovacuum catches up, which it does at a moment of its choosing.
        _analyze()
    # The paths, after the jobs: a red flag's page needs the flag.
    results = []
    for page in pages:
        url = page.url(facts)
        results.append(
            measure.PageResult(
                name=page.name,
                role=page.role,
                kind=page.kind,
                url=_path(url) if url else None,
                error="" if url else measure.NO_SUCH_ROW,
                expected_status=page.status,
            )
        )
    log_path = Path(tempfile.gettempdir()) / f"bench-gunicorn-{scale}-{stamp}.log"
    server = Server(port, log_path)
    stdout.write(f"Serving on {server.base_url} (gunicorn, {WORKERS} workers, production settings)")
    server.start()
    try:
        sessions = {}
        for role in sorted({page.role for page in pages}):
            sessions[role] = sign_in(server.base_url, facts.users[role], facts.password)
        for result in results:
            if result.url is None:
                continue
            stdout.write(f"  {result.name} ({result.role}): {result.url}")
            time_page(sessions[result.role], server.base_url, result, requests_count)
    finally:
        server.stop()
    session_keys = {
        role: session.cookies[settings.SESSION_COOKIE_NAME] for role, session in sessions.items()
    }
    for result in results:
        if result.measured:
            try:
                result.queries = count_queries(
                    session_keys[result.role],
                    result.url,
                    warm=result.p50 < 1000,
                    first_chunk=result.kind == EXPORT,
                    status=result.expected_status,
                )
            except BenchError as error:
                result.error = str(error)
    if jobs:
        for result in results:
            # Every export downloaded whole once, in a process of its own: its time, size and
            # peak memory (the largest organisation's whole history, for the xAPI export).
            if result.kind == EXPORT and result.measured:
                stdout.write(f"  whole download: {result.name}")
                answer = _child(["--export", result.url, "--session", session_keys[result.role]])
                job_results.append({"name": f"{result.name} (whole download)", **answer})
    compared_with, other_queries = measure.other_scale_queries(results_dir, scale)
    table = measure.rows(results, other_queries)
    document = measure.results_document(
        scale=scale,
        dataset=dataset,
        started_at=started_at,
        requests=requests_count,
        table=table,
        jobs=job_results,
        server={"workers": WORKERS, "settings": os.environ.get("DJANGO_SETTINGS_MODULE")},
        compared_with=compared_with,
    )
    path = measure.results_path(results_dir, scale, stamp)
    path.write_text(json.dumps(document, indent=2))
    stdout.write("")
    stdout.write(measure.format_table(table))
    stdout.write("")
    stdout.write(measure.format_jobs(job_results))
    stdout.write(f"\nWritten to {path}")
    return document
