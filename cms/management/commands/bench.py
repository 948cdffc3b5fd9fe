import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.bench import runner, scaleout
from cms.bench.pages import Facts


class Command(BaseCommand):
    help = (
        "Benchmark the site (issue 16): build or reuse a dataset on PostgreSQL (bench_data at "
        "--scale small or sab, or the demo with --dataset demo), serve it with gunicorn (2 "
        "workers, production settings), sign each role in through the login page and time every "
        "page registered in <app>/bench/pages.py against the bare Wagtail page; count each "
        "page's queries; time the snapshot recompute and the largest exports' peak memory. "
        "Prints one table and writes it to bench-results/<scale>-<time>.json. "
        "`make bench` (SCALE=small|sab, REQUESTS=200) runs it. With --scale-out (`make bench "
        "SCALEOUT=1`): two app servers behind haproxy or nginx, two Celery workers and a beat; "
        "the same traffic through one and through two app servers while concerns are raised and "
        "a snapshot run is asked for, and checks that each was done exactly once "
        "(cms/bench/scaleout.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="small", help="small (default), sab, or tiny")
        parser.add_argument(
            "--dataset",
            choices=("bench", "demo"),
            default="bench",
            help="bench: bench_data at --scale (default); demo: the demo (load_demo)",
        )
        parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
        parser.add_argument(
            "--database-url", default="", help="default postgres://.../bench_<scale>"
        )
        parser.add_argument("--redis-url", default=runner.REDIS)
        parser.add_argument(
            "--port", type=int, default=0, help="gunicorn's port (default: a free one)"
        )
        parser.add_argument("--password", default=runner.PASSWORD)
        parser.add_argument(
            "--results-dir", default="", help="where the JSON goes (default bench-results/)"
        )
        parser.add_argument(
            "--no-jobs", action="store_true", help="skip the snapshot and memory runs"
        )
        parser.add_argument(
            "--scale-out",
            action="store_true",
            help="two app servers behind a load balancer, two Celery workers and a beat "
            "(instead of the page table)",
        )
        parser.add_argument("--broker-url", default=scaleout.BROKER, help="(--scale-out) Redis")
        parser.add_argument(
            "--clients", type=int, default=scaleout.CLIENTS, help="(--scale-out) at once"
        )
        parser.add_argument(
            "--scale-out-requests",
            type=int,
            default=scaleout.REQUESTS,
            help="(--scale-out) requests per setup, shared by the clients",
        )
        parser.add_argument(
            "--writes",
            type=int,
            default=scaleout.WRITES,
            help="(--scale-out) concerns raised per setup",
        )
        parser.add_argument(
            "--settle-timeout",
            type=int,
            default=scaleout.SETTLE_TIMEOUT,
            help="(--scale-out) seconds to wait for the background work",
        )
        # The steps that run in processes of their own (see cms/bench/runner.py).
        parser.add_argument("--inside", action="store_true", help="(internal) measure")
        parser.add_argument("--facts-file", default="", help="(internal)")
        parser.add_argument("--load-demo", action="store_true", help="(internal)")
        parser.add_argument("--job", default="", help="(internal) run one registered job")
        parser.add_argument("--export", default="", help="(internal) download one export")
        parser.add_argument("--session", default="", help="(internal)")

    def handle(self, *args, **options):
        try:
            if options["load_demo"]:
                return runner.load_demo_unless_loaded(self.stdout)
            if options["job"]:
                facts = Facts(json.loads(Path(options["facts_file"]).read_text()))
                return self._hand_back(runner.run_job_here(options["job"], facts))
            if options["export"]:
                return self._hand_back(
                    runner.run_export_here(options["export"], options["session"])
                )
            if options["inside"]:
                return self._inside(options)
            return self._outside(options)
        except runner.BenchError as error:
            raise CommandError(str(error)) from error

    def _hand_back(self, result):
        self.stdout.write(runner.MARKER + json.dumps(result))

    def _step(self, text):
        now = time.monotonic()
        if getattr(self, "_started", None) is not None:
            self.stdout.write(f"   ({now - self._started:.0f} s)")
        self._started = now
        self.stdout.write(text)

    def _outside(self, options):
        scale, dataset = options["scale"], options["dataset"]
        database_url = options["database_url"] or runner.database_url_for(scale, dataset)
        redis_url = options["redis_url"]
        self._step(f"1. PostgreSQL and Redis: {database_url}, {redis_url}")
        runner.check_services(database_url, redis_url)
        if options["scale_out"]:
            runner.check_services(database_url, options["broker_url"])
        created = runner.ensure_database(database_url)
        self._step(f"2. Database {'created' if created else 'found'}; the dataset:")
        environment = runner.bench_environment(database_url, redis_url)
        queue = scaleout.new_queue()
        if options["scale_out"]:
            environment = scaleout.environment(environment, options["broker_url"], queue)
        results_dir = Path(options["results_dir"] or runner.RESULTS)
        results_dir.mkdir(parents=True, exist_ok=True)
        facts_file = results_dir / f".facts-{scale}-{dataset}.json"
        if dataset == "demo":
            runner.load_demo(environment)
            facts_file.unlink(missing_ok=True)
        else:
            facts = runner.build_dataset(scale, database_url, options["password"])
            facts_file.write_text(json.dumps(facts))
        self._step("3. collectstatic")
        runner.collect_static(environment)
        self._step("4. Measuring")
        arguments = [
            "bench",
            "--inside",
            "--scale",
            scale,
            "--dataset",
            dataset,
            "--requests",
            str(options["requests"]),
            "--port",
            str(options["port"]),
        ]
        if dataset != "demo":
            arguments += ["--facts-file", str(facts_file)]
        if options["no_jobs"]:
            arguments.append("--no-jobs")
        if options["results_dir"]:
            arguments += ["--results-dir", options["results_dir"]]
        if options["scale_out"]:
            arguments += ["--scale-out", "--clients", str(options["clients"])]
            arguments += ["--scale-out-requests", str(options["scale_out_requests"])]
            arguments += ["--writes", str(options["writes"])]
            arguments += ["--settle-timeout", str(options["settle_timeout"])]
            try:
                returncode = scaleout.run_inner(
                    [sys.executable, str(runner.MANAGE), *arguments],
                    env=environment,
                    cwd=runner.MANAGE.parent,
                )
            finally:
                scaleout.forget_queue(options["broker_url"], queue)
            if returncode != 0:
                raise CommandError("the scale-out run failed (see above)")
            return
        done = runner.subprocess.run(
            [sys.executable, str(runner.MANAGE), *arguments],
            env=environment,
            cwd=runner.MANAGE.parent,
            check=False,
        )
        if done.returncode != 0:
            raise CommandError("the measuring process failed (see above)")

    def _inside(self, options):
        if options["dataset"] == "demo":
            facts = runner.demo_facts()
        else:
            facts = runner.normalise_facts(json.loads(Path(options["facts_file"]).read_text()))
        if options["scale_out"]:
            document = scaleout.run_scale_out(
                facts=facts,
                scale=options["scale"] if options["dataset"] != "demo" else "demo",
                dataset=options["dataset"],
                clients=options["clients"],
                total=options["scale_out_requests"],
                writes_count=options["writes"],
                settle_timeout=options["settle_timeout"],
                stdout=self.stdout,
                results_dir=Path(options["results_dir"] or runner.RESULTS),
            )
            if not document["all_passed"]:
                raise CommandError("a scale-out check failed (see the table)")
            return
        runner.run_measurements(
            facts=facts,
            scale=options["scale"] if options["dataset"] != "demo" else "demo",
            dataset=options["dataset"],
            requests_count=options["requests"],
            port=options["port"],
            stdout=self.stdout,
            jobs=not options["no_jobs"],
            results_dir=Path(options["results_dir"] or runner.RESULTS),
        )
