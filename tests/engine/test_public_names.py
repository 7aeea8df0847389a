"""`from autograd_lite import *` brings no name that shadows a Python builtin; the n-ary ops stay reachable."""

import builtins
import subprocess
import sys

import autograd_lite
from autograd_lite import ops


def test_star_exports_no_builtin_name():
    assert not set(autograd_lite.__all__) & set(dir(builtins))
    namespace: dict = {}
    exec("from autograd_lite import *", namespace)
    assert "sum" not in namespace
    assert "abs" not in namespace
    assert {"Value", "node", "from_micrograd", "dot", "Stepper"} <= namespace.keys()


def test_the_nary_ops_stay_reachable_by_module():
    assert autograd_lite.sum is ops.sum
    assert autograd_lite.sum([autograd_lite.Value(1.0), 2.0]).op == "sum"


def test_builtin_sum_and_abs_work_after_a_star_import():
    code = (
        "from autograd_lite import *\n"
        "x = Value(-2.0)\n"
        "print(sum([1, 2, 3]), sum([x, x]).data, abs(x).data, sum(p * p for p in [x, x]).data)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["6", "-4.0", "2.0", "8.0"]
