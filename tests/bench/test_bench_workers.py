"""The bench's timing on workers (cms/bench/workers.py) without starting any: each number of
workers is timed from the work sent to the work finished, reported with the ratio, and the
table prints the summary under the job's line."""

from contextlib import nullcontext

from cms.bench import measure, workers


def test_each_number_of_workers_is_timed_and_the_ratio_reported(monkeypatch):
    started = []
    monkeypatch.setattr(workers, "Workers", lambda count, broker: nullcontext(started))
    polls = {}

    def start():
        started.append(len(started))
        return started[-1]

    def finished(handle):
        # Not finished on the first look: the timing waits for the work.
        polls[handle] = polls.get(handle, 0) + 1
        return {"parts": 4} if polls[handle] > 1 else None

    monkeypatch.setattr(workers.time, "sleep", lambda seconds: None)
    report = workers.timed_on_workers([1, 2], start, finished, broker="redis://nowhere/0")

    assert started == [0, 1] and polls == {0: 2, 1: 2}
    assert set(report["workers"]) == {"1", "2"}
    assert report["workers"]["2"]["parts"] == 4
    assert report["workers"]["1"]["seconds"] >= 0
    assert report["summary"].startswith("1 worker ")
    assert "2 workers take" in report["summary"]


def test_how_busy_the_cores_were_is_read_from_proc_stat(monkeypatch):
    """A second worker can only halve the time when a core is free for it: the report says how
    many cores were busy on average while each number of workers ran."""
    # user nice system idle iowait irq softirq steal guest guest_nice
    before = workers.cpu_times("cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 1 2 3\n")
    after = workers.cpu_times("cpu  250 0 100 850 50 0 0 0 0 0\ncpu0 1 2 3\n")
    assert before == (150, 1000) and after == (350, 1250)
    # 200 of 250 jiffies busy on a 2-core machine: 1.6 cores busy on average.
    assert workers.cores_busy(before, after, cores=2) == 1.6
    assert workers.cores_busy(None, after) is None
    assert workers.cpu_times("intr 1 2 3\n") is None

    readings = iter([(0, 100), (90, 200), (200, 300), (295, 400)])
    monkeypatch.setattr(workers, "cpu_times", lambda: next(readings))
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(workers, "Workers", lambda count, broker: nullcontext())
    report = workers.timed_on_workers([1, 2], lambda: 0, lambda handle: {}, broker="redis://x/0")
    assert report["workers"]["1"]["cores_busy"] == 1.8
    assert report["workers"]["2"]["cores_busy"] == 1.9
    assert "(1.8 of 2 cores busy)" in report["summary"]


def test_the_table_prints_a_jobs_details():
    job = {
        "name": "snapshot run on 1 and 2 workers",
        "seconds": 30.0,
        "peak_rss_mb": 180.0,
        "baseline_rss_mb": 170.0,
        "details": {"summary": "1 worker 20.0 s, 2 workers 10.0 s; 2 workers take 0.5 of 1"},
    }
    lines = measure.format_jobs([job]).splitlines()
    assert lines[1] == "  1 worker 20.0 s, 2 workers 10.0 s; 2 workers take 0.5 of 1"
