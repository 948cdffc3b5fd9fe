"""Tests that share something expensive (a Celery worker, the whole demo loaded once per process)
are kept on one xdist worker by `xdist_group` marks (tests/conftest.py). Nothing fails when
pytest-xdist stops honouring the marks: the tests spread over the workers and the suite just runs
slower (pytest 9.2 with pytest-xdist 3.8 did that, pytest-xdist #1386). This runs a small suite
under `--dist loadgroup` with the installed pytest and pytest-xdist and checks where its tests ran.
"""

import re
import subprocess
import sys

import pytest

pytestmark = pytest.mark.backend_independent(
    reason="a pytest run of its own, with no database, whatever this run uses"
)

SUITE = """
import pytest

@pytest.mark.xdist_group("shared")
@pytest.mark.parametrize("n", range(12))
def test_grouped(n):
    pass

@pytest.mark.parametrize("n", range(12))
def test_free(n):
    pass
"""


def test_tests_marked_with_one_group_run_on_one_worker(tmp_path):
    (tmp_path / "test_small.py").write_text(SUITE)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:django",
            "-p",
            "no:cacheprovider",
            "-n",
            "2",
            "--dist",
            "loadgroup",
            "-v",
            str(tmp_path),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ran = re.findall(r"\[(gw\d)\].*PASSED .*::(test_\w+)\[", result.stdout)
    assert len(ran) == 24, result.stdout
    grouped = {worker for worker, test in ran if test == "test_grouped"}
    free = {worker for worker, test in ran if test == "test_free"}
    assert len(grouped) == 1, f"the group's tests ran on {sorted(grouped)}"
    # Both workers took part, so the group stayed together because of its mark.
    assert free | grouped == {"gw0", "gw1"}
