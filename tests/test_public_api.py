"""The names of DESIGN.md's public API contract are exported, and the engine imports neither nn nor viz."""

import subprocess
import sys

import autograd_lite

ENGINE_NAMES = {"Value", "sum", "dot", "softmax", "log_softmax", "logsumexp", "no_grad", "grad", "value_and_grad"}


def test_engine_exports_the_contract():
    assert set(autograd_lite.__all__) >= ENGINE_NAMES
    for name in autograd_lite.__all__:
        assert hasattr(autograd_lite, name), name


def test_engine_imports_neither_nn_nor_viz():
    code = "import autograd_lite, sys; assert not {'autograd_lite.nn', 'autograd_lite.viz'} & set(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)
