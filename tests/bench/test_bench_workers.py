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
