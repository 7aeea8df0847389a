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


TEACHING_NAMES = {"Stepper", "Step", "explain", "gradcheck", "detect_anomaly"}


def test_teaching_tools_are_exported():
    assert set(autograd_lite.__all__) >= TEACHING_NAMES
    assert callable(autograd_lite.explain)
    assert callable(autograd_lite.gradcheck)
    assert isinstance(autograd_lite.Stepper, type)
    assert isinstance(autograd_lite.Step, type)


def test_the_command_line_does_not_load_nn_viz_or_examples_until_a_command_needs_them():
    code = (
        "import sys; from autograd_lite import cli; cli.main(['grad', 'x*2', 'x=1']);"
        " assert not {'autograd_lite.nn', 'autograd_lite.viz', 'autograd_lite.examples'} & set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
