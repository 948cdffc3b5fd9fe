"""The WSGI application keeps what a worker holds for its life out of the garbage collector
(cms.wsgi.frozen_once_warm): a full collection walked the whole loaded site every few requests
of a big CSV, a pause of about 140 ms each time on the benchmark's Board area.

Run in a process of its own: freezing is for the life of a process."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc
import cms.wsgi as wsgi

loaded = gc.get_freeze_count()
app = wsgi.frozen_once_warm(lambda environ, start_response: [b"ok"])
made_by_a_first_request = [[number] for number in range(5000)]
before_first = gc.get_freeze_count()
app({}, None)
after_first = gc.get_freeze_count()
app({}, None)
print(loaded, before_first, after_first, gc.get_freeze_count())
"""


def test_the_loaded_site_and_what_the_first_request_loads_are_frozen_once():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    loaded, before_first, after_first, later = map(int, result.stdout.split())
    # Django, Wagtail and the plugins loaded: far more than a handful of objects.
    assert loaded > 50_000
    # What the first request left (here, the 5,000 lists) is frozen after it, and only once.
    assert after_first >= before_first + 5000
    assert later == after_first
