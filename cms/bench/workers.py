"""Timing work on real Celery workers for `make bench` (issue 16, "Snapshots that scale"): a
job that is meant to be shared among workers is timed with one worker and with two, on Redis,
and the bench reports both times and their ratio (about 0.5 when the work is shared well; more
on a machine with fewer free cores than workers).

The workers are started here, each a `celery worker` process of its own (`--pool=solo`, as a
worker machine would run one per core), on a queue no other worker reads, with the measuring
process's settings and database; the time runs from the moment the task is sent to the moment
the work reports itself finished, so the workers' start-up is not counted. The broker is
BENCH_BROKER_URL, or the Redis the bench caches in (its own queue keys do not meet the cache's
prefixed keys).
"""

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings

START_TIMEOUT = 120
PROC_STAT = Path("/proc/stat")


def cpu_times(text=None):
    """(busy, total) jiffies of every core together since boot, from /proc/stat's first line
    (Linux), or None where there is none. Idle and waiting for disk count as not busy."""
    if text is None:
        try:
            text = PROC_STAT.read_text()
        except OSError:
            return None
    fields = text.splitlines()[0].split()
    if not fields or fields[0] != "cpu":
        return None
    # user nice system idle iowait irq softirq steal (guest time is inside user already)
    values = [int(value) for value in fields[1:9]]
    idle = values[3] + values[4]
    total = sum(values)
    return total - idle, total


def cores_busy(before, after, cores=None):
    """How many of the machine's cores were busy on average between two `cpu_times`: with one
    worker on a 2-core machine shared with PostgreSQL, a figure near 2 says a second worker has
    no core left to take half the work."""
    if before is None or after is None or after[1] <= before[1]:
        return None
    cores = cores or os.cpu_count() or 1
    return round((after[0] - before[0]) / (after[1] - before[1]) * cores, 2)


def broker_url():
    url = os.environ.get("BENCH_BROKER_URL", "")
    if url:
        return url
    cache = os.environ.get("CACHE_URL", "")
    if cache.startswith("rediscache://"):
        return cache.replace("rediscache://", "redis://", 1)
    raise RuntimeError("timing on workers needs Redis: set BENCH_BROKER_URL=redis://...")


class Workers:
    """`count` worker processes on a queue of their own; a context manager that starts them
    (waiting until each answers a ping) and stops them, and points this process's tasks at
    them meanwhile."""

    def __init__(self, count, broker):
        self.count = count
        self.broker = broker
        self.queue = f"bench-{uuid.uuid4().hex[:12]}"
        self.names = [f"{self.queue}-{n}@localhost" for n in range(count)]
        self.log_path = Path(tempfile.gettempdir()) / f"{self.queue}.log"
        self.processes = []
        self.previous = {}
        self.log_file = None

    def __enter__(self):
        from cms.celery import app

        keys = ("task_always_eager", "broker_url", "task_default_queue")
        self.previous = {key: app.conf[key] for key in keys}
        app.conf.update(
            task_always_eager=False, broker_url=self.broker, task_default_queue=self.queue
        )
        environment = {
            **os.environ,
            "CELERY_BROKER_URL": self.broker,
            # What a worker enqueues itself (the run's parts) comes back to these workers.
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
        }
        self.log_file = open(self.log_path, "a")  # closed with the processes
        for name in self.names:
            self.processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "cms",
                        "worker",
                        "--pool=solo",
                        "--queues",
                        self.queue,
                        "--hostname",
                        name,
                        "--loglevel=WARNING",
                        "--without-gossip",
                        "--without-mingle",
                    ],
                    cwd=settings.BASE_DIR,
                    env=environment,
                    stdout=self.log_file,
                    stderr=subprocess.STDOUT,
                )
            )
        try:
            self._wait_for_pings(app)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _wait_for_pings(self, app):
        waiting = set(self.names)
        deadline = time.monotonic() + START_TIMEOUT
        while waiting and time.monotonic() < deadline:
            if any(process.poll() is not None for process in self.processes):
                raise RuntimeError(f"a worker exited: {self.log()[-2000:]}")
            for answer in app.control.ping(destination=list(waiting), timeout=1):
                waiting -= set(answer)
        if waiting:
            raise RuntimeError(f"workers did not answer: {sorted(waiting)} {self.log()[-2000:]}")

    def __exit__(self, *exc):
        from cms.celery import app

        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes = []
        self.log_file.close()
        app.conf.update(self.previous)
        return False

    def log(self):
        return self.log_path.read_text() if self.log_path.exists() else ""


def timed_on_workers(counts, start, finished, timeout=1800, broker=None):
    """For each number of workers in `counts`: start that many, call `start()` (which sends
    the work and returns a handle), wait until `finished(handle)` returns a dict (what to
    report of it), and time it. Returns {count: {"seconds": ..., **report}} and a summary
    with the ratio of the last time to the first."""
    broker = broker or broker_url()
    timings = {}
    for count in counts:
        with Workers(count, broker) as workers:
            began = time.perf_counter()
            cpu_before = cpu_times()
            handle = start()
            deadline = time.monotonic() + timeout
            while (report := finished(handle)) is None:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"not finished in {timeout}s: {workers.log()[-2000:]}")
                time.sleep(0.2)
            timings[count] = {
                "seconds": round(time.perf_counter() - began, 2),
                "cores_busy": cores_busy(cpu_before, cpu_times()),
                "cores": os.cpu_count(),
                **report,
            }
    first, last = timings[counts[0]]["seconds"], timings[counts[-1]]["seconds"]
    ratio = round(last / first, 2) if first else None
    summary = ", ".join(
        f"{count} worker{'s' if count > 1 else ''} {timing['seconds']:.1f} s{_busy(timing)}"
        for count, timing in timings.items()
    )
    return {
        "workers": {str(count): timing for count, timing in timings.items()},
        "ratio": ratio,
        "summary": f"{summary}; {counts[-1]} workers take {ratio} of the time of {counts[0]}",
    }


def _busy(timing):
    if timing.get("cores_busy") is None:
        return ""
    return f" ({timing['cores_busy']:.1f} of {timing['cores']} cores busy)"
