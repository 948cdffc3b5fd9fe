"""`load_demo` runs the co-production demo and prints its sign-ins. Apart from test_demo.py,
whose tests share a co-production demo of their own: the whole demo is loaded (once per test
process) on a database holding only the migrations' data."""

from cms.organisations.models import Service
from coproduction.demo import spaces


def test_load_demo_runs_the_coproduction_demo_and_prints_its_sign_ins(demo):
    output = demo  # what `load_demo` printed
    assert "Co-production demo for Riverside" in output
    assert spaces.MEMBER in output.split("Co-production (")[-1]
    assert Service.objects.get(name="Willow House").coproduction_spaces.count() == 1
