"""The benchmark runner's pure parts (cms/bench/measure.py, the facts it reads) and the pages
each part registers for it (<app>/bench/pages.py). The end-to-end run is
tests/bench/test_bench_end_to_end.py."""

import json
import os

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from cms.bench import measure, runner
from cms.bench.pages import (
    BARE,
    EXPORT,
    KINDS,
    LEADERSHIP,
    LEARNER,
    OTHER,
    ROLES,
    BenchPage,
    registered_jobs,
    registered_pages,
)
from leadership.bench.pages import NOT_MEASURED

# --- Percentiles ------------------------------------------------------------------------------


def test_percentiles_interpolate_between_ranks():
    values = list(range(1, 11))  # 1..10, in any order
    shuffled = values[5:] + values[:5]
    assert measure.percentile(shuffled, 50) == 5.5
    assert measure.percentile(shuffled, 95) == pytest.approx(9.55)
    assert measure.percentile(shuffled, 0) == 1
    assert measure.percentile(shuffled, 100) == 10
    assert measure.percentile([42.0], 95) == 42.0


@pytest.mark.parametrize(("values", "q"), [([], 50), ([1, 2], 101), ([1, 2], -1)])
def test_percentile_refuses_what_has_none(values, q):
    with pytest.raises(ValueError):
        measure.percentile(values, q)


# --- Targets and the table --------------------------------------------------------------------


def result(name, kind, p95, *, kb=10, queries=5, error=""):
    """A page whose every request took `p95` ms (so p50 = p95 = that)."""
    return measure.PageResult(
        name=name,
        role="leader",
        kind=kind,
        url=f"/{name}/",
        status=200,
        timings_ms=[] if error else [p95] * 5,
        size_bytes=int(kb * 1024),
        queries=queries,
        error=error,
    )


def by_page(table):
    return {row["page"]: row for row in table}


def test_learner_pages_may_take_one_and_a_half_times_the_bare_page():
    table = by_page(
        measure.rows(
            [
                result("bare", BARE, 40),
                result("at the limit", LEARNER, 60),
                result("over", LEARNER, 61),
            ]
        )
    )
    assert table["bare"]["met"] is None and table["bare"]["ratio"] == 1.0
    assert table["at the limit"]["met"] is True
    assert table["at the limit"]["ratio"] == 1.5
    assert table["over"]["met"] is False
    assert table["over"]["misses"] == ["p95 1.5x > 1.5x"] or "1.5x" in table["over"]["misses"][0]


def test_leadership_pages_need_twice_the_bare_page_and_under_150_ms():
    table = by_page(
        measure.rows(
            [
                result("bare", BARE, 100),
                result("fast enough", LEADERSHIP, 149),
                result("150 ms", LEADERSHIP, 150),
                result("export", EXPORT, 149),
            ]
        )
    )
    assert table["fast enough"]["met"] is True
    assert table["150 ms"]["misses"] == ["p95 150 ms >= 150 ms"]
    assert table["export"]["met"] is True
    # A quick bare page: under 150 ms is not enough when it is over twice the bare page.
    quick = by_page(measure.rows([result("bare", BARE, 20), result("slow", EXPORT, 41)]))
    assert quick["slow"]["misses"] == ["p95 2.0x > 2x"] or quick["slow"]["misses"][0].startswith(
        "p95 2."
    )
    assert quick["slow"]["met"] is False


def test_no_html_page_over_200_kb_but_exports_may_be():
    table = by_page(
        measure.rows(
            [
                result("bare", BARE, 100),
                result("200 KB", OTHER, 50, kb=200),
                result("201 KB", LEADERSHIP, 50, kb=201),
                result("big export", EXPORT, 50, kb=5000),
            ]
        )
    )
    assert table["200 KB"]["met"] is True
    assert table["201 KB"]["misses"] == ["201 KB > 200 KB"]
    assert table["big export"]["met"] is True


def test_query_counts_must_match_the_other_scale():
    pages = [result("bare", BARE, 100, queries=10), result("overview", LEADERSHIP, 50, queries=17)]
    same = by_page(measure.rows(pages, {"bare": 10, "overview": 17}))
    assert same["overview"]["met"] is True
    assert same["overview"]["target"].endswith("queries = 17")
    grown = by_page(measure.rows(pages, {"overview": 16}))
    assert grown["overview"]["misses"] == ["17 queries, 16 at the other scale"]
    # The bare page is the baseline: no timing target, but its queries are compared too.
    assert by_page(measure.rows(pages, {"bare": 9}))["bare"]["met"] is None


def test_a_page_that_failed_misses_and_one_the_dataset_lacks_is_not_judged():
    pages = [
        result("bare", BARE, 100),
        result("broken", LEADERSHIP, 0, error="answered 500"),
        measure.PageResult(
            name="red flag", role="leader", kind=LEADERSHIP, url=None, error=measure.NO_SUCH_ROW
        ),
    ]
    table = by_page(measure.rows(pages))
    assert table["broken"]["met"] is False and table["broken"]["misses"] == ["answered 500"]
    assert table["red flag"]["met"] is None and table["red flag"]["p95_ms"] is None
    assert (
        measure.format_table(measure.rows(pages))
        .splitlines()[-1]
        .endswith("- (not in this dataset)")
    )
    # Without a bare page there is no ratio, and nothing is judged on one.
    alone = by_page(measure.rows([result("overview", LEADERSHIP, 100)]))
    assert alone["overview"]["ratio"] is None and alone["overview"]["met"] is True


def test_the_table_has_one_line_per_page_and_says_what_is_missed():
    table = measure.rows(
        [result("bare", BARE, 40), result("learning view", LEADERSHIP, 300, kb=818)]
    )
    text = measure.format_table(table)
    lines = text.splitlines()
    assert len(lines) == 2 + len(table)
    for column in measure.COLUMNS:
        assert column in lines[0]
    assert lines[2].startswith("bare") and lines[2].endswith("-")
    assert "learning view" in lines[3]
    assert "NO: p95 7.5x > 2x; p95 300 ms >= 150 ms; 818 KB > 200 KB" in lines[3]


def test_the_json_holds_every_row_and_whether_all_targets_were_met(tmp_path):
    table = measure.rows([result("bare", BARE, 40), result("my learning", LEARNER, 50)])
    document = measure.results_document(
        scale="small",
        dataset="bench",
        started_at="2026-12-04T22:00:00Z",
        requests=200,
        table=table,
        jobs=[{"name": "snapshot recompute", "seconds": 1.0}],
        server={"workers": 2},
        compared_with=None,
    )
    path = measure.results_path(tmp_path, "small", "20261204T220000Z")
    path.write_text(json.dumps(document))
    again = json.loads(path.read_text())
    assert path.name == "small-20261204T220000Z.json"
    assert again["all_met"] is True
    assert [row["page"] for row in again["pages"]] == ["bare", "my learning"]
    assert set(again["pages"][1]) >= {
        "page",
        "role",
        "kind",
        "url",
        "p50_ms",
        "p95_ms",
        "ratio",
        "html_kb",
        "queries",
        "target",
        "met",
        "misses",
    }
    assert again["pages"][1]["ratio"] == 1.25
    table.append(by_page(measure.rows([result("bare", BARE, 40), result("x", LEARNER, 90)]))["x"])
    assert measure.results_document(**{**_arguments(document), "table": table})["all_met"] is False


def _arguments(document):
    return {
        "scale": document["scale"],
        "dataset": document["dataset"],
        "started_at": document["started_at"],
        "requests": document["requests_per_page"],
        "table": document["pages"],
        "jobs": document["jobs"],
        "server": document["server"],
        "compared_with": document["compared_with"],
    }


def test_query_counts_are_read_from_the_other_scales_latest_run(tmp_path):
    def write(name, queries):
        rows = [{"page": "overview", "queries": queries}, {"page": "x", "queries": None}]
        (tmp_path / name).write_text(json.dumps({"pages": rows}))

    assert measure.other_scale_queries(tmp_path, "small") == (None, {})
    write("sab-20261201T000000Z.json", 20)
    write("sab-20261203T000000Z.json", 17)
    write("small-20261204T000000Z.json", 99)
    path, queries = measure.other_scale_queries(tmp_path, "small")
    assert path.endswith("sab-20261203T000000Z.json") and queries == {"overview": 17}
    assert measure.other_scale_queries(tmp_path, "sab")[1] == {"overview": 99}
    # The demo and the tiny test scale are compared with nothing.
    assert measure.other_scale_queries(tmp_path, "demo") == (None, {})


# --- The dataset's facts ----------------------------------------------------------------------


USERS = {role: f"{role}@bench.example.org" for role in ROLES}


def test_facts_are_read_from_the_json_bench_data_prints_after_its_log():
    output = "Building small...\nDone in 4 s\n" + json.dumps(
        {
            "organisation_id": 3,
            "big_service_id": 7,
            "small_service_id": 9,
            "users": USERS,
            "scale": "small",
        }
    )
    facts = runner.parse_facts(output)
    assert facts["organisation_id"] == 3 and facts["big_service_id"] == 7
    assert facts["password"] == "bench-password" and facts["scale"] == "small"


def test_facts_accept_other_spellings_of_the_same_things():
    facts = runner.normalise_facts(
        {
            "organisation": {"id": 3, "slug": "big"},
            "big_service": {"id": 7},
            "small_service": {"id": 9},
            "usernames": {role: {"email": login} for role, login in USERS.items()},
            "password": "p",
        }
    )
    assert (facts["organisation_id"], facts["big_service_id"], facts["small_service_id"]) == (
        3,
        7,
        9,
    )
    assert facts["users"]["hr"] == "hr@bench.example.org" and facts["password"] == "p"


def test_facts_may_sit_under_facts_beside_the_counts():
    printed = {
        "scale": "tiny",
        "counts": {"learning_choiceevent": 1200},
        "facts": {
            "organisation_id": 1,
            "big_service_id": 2,
            "small_service_id": 3,
            # Keyed by cms.organisations.models.Role's values.
            "users": {
                "leader": "leader@b.org",
                "organisation_admin": "admin@b.org",
                "hr": "hr@b.org",
                "safeguarding_lead": "safe@b.org",
                "lived_experience_member": "member@b.org",
                "staff": "staff@b.org",
                "family_member": "family@b.org",
                "forum_host": "host@b.org",
            },
            "password": "bench-password",
            "totp_secret": "JBSWY3DPEHPK3PXP",
        },
    }
    facts = runner.parse_facts(json.dumps(printed, indent=2))
    assert facts["organisation_id"] == 1
    assert {role: facts["users"][role] for role in ROLES} == {
        "leader": "leader@b.org",
        "org_admin": "admin@b.org",
        "safeguarding_lead": "safe@b.org",
        "hr": "hr@b.org",
        "learner": "staff@b.org",
        "family": "family@b.org",
        "lived_experience": "member@b.org",
        "forum_host": "host@b.org",
    }
    assert facts["counts"] == {"learning_choiceevent": 1200}


def test_facts_without_a_role_are_refused_by_name():
    users = {role: login for role, login in USERS.items() if role != "forum_host"}
    data = {"organisation_id": 1, "big_service_id": 2, "small_service_id": 3, "users": users}
    with pytest.raises(runner.BenchError, match="users.forum_host"):
        runner.normalise_facts(data)
    with pytest.raises(runner.BenchError, match="no JSON facts"):
        runner.parse_facts("Traceback (most recent call last): ...")


# --- The pages registered by each part --------------------------------------------------------


def test_every_part_registers_pages_and_the_bare_page_comes_first():
    pages = registered_pages()
    assert pages[0].kind == BARE and [p.kind for p in pages].count(BARE) == 1
    owners = {page.url.__module__.split(".")[0] for page in pages}
    assert owners == {"cms", "learning", "coproduction", "leadership"}
    names = {page.name for page in pages}
    assert {"my learning", "module page", "scenario step"} <= names
    assert {"family forum", "co-production home", "xAPI export"} <= names
    assert {page.kind for page in pages} == set(KINDS)
    assert len(names) == len(pages)
    assert "snapshot recompute (biggest organisation)" in {job.name for job in registered_jobs()}


def test_a_page_must_name_a_known_kind_and_role():
    with pytest.raises(ValueError, match="kind"):
        BenchPage(name="x", role="leader", url=str, kind="admin")
    with pytest.raises(ValueError, match="role"):
        BenchPage(name="x", role="siteadmin", url=str, kind=OTHER)


def _names(patterns, namespace):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _names(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}"


def test_every_leadership_page_and_export_is_measured_or_excluded_with_a_reason():
    resolver = get_resolver()
    leadership = next(
        p for p in resolver.url_patterns if getattr(p, "namespace", None) == "leadership"
    )
    names = set(_names(leadership.url_patterns, "leadership"))
    measured = {page.url_name for page in registered_pages() if page.url_name}
    excluded = {f"leadership:{name}" for name in NOT_MEASURED}
    assert names - measured - excluded == set(), "register these in leadership/bench/pages.py"
    assert excluded <= names, "NOT_MEASURED names a URL that no longer exists"
    assert not excluded & measured, "a URL both measured and excluded"
    assert all(reason.strip() for reason in NOT_MEASURED.values())


class PlainFacts:
    """Facts of an organisation in the test database, with nobody in it."""

    def __init__(self, organisation, big, small):
        self.organisation = organisation
        self.organisation_id = organisation.pk
        self.big_service_id = big.pk
        self.small_service_id = small.pk

    def user(self, role):
        return None


@pytest.mark.django_db
def test_each_registered_path_is_served_by_the_url_it_names():
    from tests.cms.factories import OrganisationFactory, ServiceFactory

    organisation = OrganisationFactory()
    facts = PlainFacts(
        organisation,
        ServiceFactory(organisation=organisation),
        ServiceFactory(organisation=organisation),
    )
    built = 0
    for page in registered_pages():
        url = page.url(facts)
        if url is None:  # a row (a flag, a visit, an attempt) this empty organisation has not
            continue
        if page.url_name is not None:
            match = resolve(url.split("?")[0])
            assert f"{match.namespace}:{match.url_name}" == page.url_name, page.name
            built += 1
    assert built >= 20


# --- Peak memory ------------------------------------------------------------------------------


def test_peak_memory_is_the_work_s_own_not_the_process_s_whole_life():
    if not os.path.exists("/proc/self/clear_refs"):
        pytest.skip("resetting the peak needs Linux's /proc")
    block = b"x" * (80 * 1024 * 1024)
    del block
    # Earlier work's peak is forgotten ...
    baseline = runner.start_memory_watch()
    assert runner.peak_rss_mb() < baseline + 40
    # ... and this work's counted.
    block = b"x" * (80 * 1024 * 1024)
    del block
    assert runner.peak_rss_mb() >= baseline + 75


# --- Exports are timed to their first bytes ---------------------------------------------------


class _SlowExport:
    """A local server whose answer sends its first bytes, then waits to be released before the
    rest: a reader that waits for the whole body is still waiting when the test looks."""

    def __init__(self):
        import http.server
        import threading

        self.released = threading.Event()
        self.finished = threading.Event()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/csv")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                first = b"a" * 2048
                self.wfile.write(b"%x\r\n%s\r\n" % (len(first), first))
                self.wfile.flush()
                if outer.released.wait(timeout=20):
                    try:
                        self.wfile.write(b"1\r\nb\r\n0\r\n\r\n")
                        outer.finished.set()
                    except OSError:
                        pass

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc):
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


def test_an_export_is_timed_to_its_first_bytes_not_its_whole_download():
    import requests

    page = measure.PageResult(name="big export", role="leader", kind=EXPORT, url="/export/")
    slow = _SlowExport()
    with slow as base_url:
        runner.time_page(requests.Session(), base_url, page, requests_count=2, warm_up=0)
        # Every request returned while the server still held back the rest of its answer (a
        # reader waiting for the whole body would have waited until the server gave up).
        assert not page.error and len(page.timings_ms) == 2
        assert not slow.finished.is_set()
    row = by_page(measure.rows([result("bare", BARE, 20), page]))["big export"]
    assert row["timed_to"] == "first byte" and row["html_kb"] is None
    assert measure.EXPORTS_NOTE in measure.format_table([row])


def test_a_job_that_outlasts_its_time_is_reported_and_the_bench_goes_on(monkeypatch):
    import subprocess

    def too_slow(*arguments, **options):
        raise subprocess.TimeoutExpired(cmd=list(arguments), timeout=options["timeout"])

    monkeypatch.setattr(runner, "_manage", too_slow)

    answer = runner._child(["--job", "snapshot recompute"], timeout=7)

    assert answer == {"error": "did not finish in 7 s (stopped)"}
    assert measure.format_jobs([{"name": "slow", **answer}]) == (
        "slow: failed: did not finish in 7 s (stopped)"
    )


# Closing a response sends request_finished, whose receivers look at the database connections.
@pytest.mark.django_db
def test_an_exports_queries_are_counted_to_its_first_chunk_and_it_is_closed():
    from django.http import StreamingHttpResponse

    read, closed = [], []

    def chunks():
        try:
            for chunk in (b"first", b"second", b"third"):
                read.append(chunk)
                yield chunk
        finally:
            closed.append(True)

    assert runner._first_chunk(StreamingHttpResponse(chunks())) == len(b"first")
    assert read == [b"first"] and closed == [True]
