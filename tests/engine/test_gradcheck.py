"""gradcheck: backward against central differences, a truthy report with a per-input table and the cost."""

import pytest

from autograd_lite import Value, gradcheck


def test_agreeing_gradients_make_a_truthy_report_with_a_table():
    report = gradcheck(lambda x, y: (x * y).tanh() + x**2, [0.5, -1.2])
    assert report
    assert report.ok
    assert [row.name for row in report.rows] == ["x", "y"]
    assert [row.value for row in report.rows] == [0.5, -1.2]
    lines = str(report).splitlines()
    assert lines[0] == "gradcheck of f(x, y) at x=0.5, y=-1.2: f = -0.28705"
    assert lines[1].split() == ["input", "analytic", "numeric", "abs", "err", "rel", "err", "ok"]
    assert lines[2].split()[:3] == ["x", "0.1461067", "0.1461067"]
    assert lines[2].endswith("yes")
    assert lines[4].startswith("all 2 gradients agree: |analytic − numeric| ≤ atol + rtol·|numeric|")


def test_the_report_states_the_cost_finite_differences_versus_backprop():
    report = gradcheck(lambda a, b, c: a * b + c, [1.0, 2.0, 3.0])
    assert report.forward_passes == 6
    assert str(report).splitlines()[-2:] == [
        "cost: central differences took 6 forward passes (2 per input, eps=1e-06);",
        "      backprop took 1 forward + 1 backward pass for all 3 gradients",
    ]


def test_each_row_holds_the_analytic_and_numeric_gradient_and_their_errors():
    [row] = gradcheck(lambda x: x.exp(), [1.0]).rows
    assert row.analytic == pytest.approx(2.718281828459045, rel=1e-15)
    assert row.numeric == pytest.approx(2.718281828459045, rel=1e-8)
    assert row.abs_err == abs(row.analytic - row.numeric)
    assert row.rel_err == pytest.approx(row.abs_err / row.analytic)
    assert row.ok


def test_a_wrong_derivative_is_caught():
    # relu at its kink: backward says 0 (PyTorch's convention), the difference quotient sees both sides
    report = gradcheck(lambda w, b: (w * 2 + b).relu(), [1.0, -2.0])
    assert not report
    assert [row.ok for row in report.rows] == [False, False]
    text = str(report)
    assert "2 of 2 gradients DISAGREE (w, b)" in text
    assert "at a kink" in text
    assert text.splitlines()[2].endswith("NO")


def test_tolerances_decide():
    f = lambda x: x**3  # noqa: E731
    assert gradcheck(f, [2.0], eps=1e-3)  # error ~ eps² = 1e-6: within rtol
    assert not gradcheck(f, [2.0], eps=1e-3, atol=0.0, rtol=1e-9)


def test_inputs_may_be_a_number_numpy_values_or_labelled_values():
    np = pytest.importorskip("numpy")
    assert [r.name for r in gradcheck(lambda x: x.sin(), 0.3).rows] == ["x"]
    assert [r.value for r in gradcheck(lambda *xs: xs[0] * xs[1], np.array([2.0, 3.0])).rows] == [2.0, 3.0]
    assert [r.name for r in gradcheck(lambda *xs: xs[0] * xs[1], [1, 2]).rows] == ["x0", "x1"]
    w = Value(0.5, label="w")
    w.grad = 7.0
    report = gradcheck(lambda a: a * a, [w])
    assert report.rows[0].name == "w"
    assert report.rows[0].analytic == 1.0
    assert w.grad == 7.0  # the given Value is only read


def test_a_constant_function_has_zero_gradients():
    report = gradcheck(lambda x: 3.0, [2.0])
    assert report
    assert report.rows[0].analytic == 0.0
    assert report.output == 3.0
    assert "the 1 gradient agrees" in str(report)


def test_bad_arguments_are_named():
    with pytest.raises(TypeError, match="inputs must be a number or a sequence of numbers, got NoneType"):
        gradcheck(lambda x: x, None)
    with pytest.raises(TypeError, match="gradcheck\\(\\) input 1 takes a real number, got str"):
        gradcheck(lambda x, y: x, [1.0, "a"])
    with pytest.raises(ValueError, match="at least one input"):
        gradcheck(lambda: Value(1.0), [])
    with pytest.raises(ValueError, match="eps must be a small positive step"):
        gradcheck(lambda x: x, [1.0], eps=0)
    with pytest.raises(TypeError, match="the result of f\\(\\) takes a real number, got str"):
        gradcheck(lambda x: "no", [1.0])
