"""node(op, data, inputs, local_grads): writing a new op outside the engine, the lecture's sin exercise."""

import math

import pytest

from autograd_lite import Stepper, Value, detect_anomaly, explain, gradcheck, no_grad, node


def sin(x: Value) -> Value:
    return node("sin", math.sin(x.data), [x], [math.cos(x.data)])


def hypot(x: Value, y: Value) -> Value:
    """√(x² + y²) as one node; ∂/∂x = x/r, ∂/∂y = y/r."""
    r = math.hypot(x.data, y.data)
    return node("hypot", r, [x, y], [x.data / r, y.data / r])


def test_a_custom_op_passes_gradcheck():
    for x in (0.5, -1.3, 2.0):
        assert gradcheck(lambda x: sin(x * x) + x, [x])
    assert gradcheck(lambda x, y: hypot(x, y) * x, [3.0, -4.0])


def test_a_custom_op_is_a_node_like_any_other():
    x = Value(0.5, label="x")
    y = sin(x)
    assert (y.op, y.inputs, y.local_grads) == ("sin", (x,), (math.cos(0.5),))
    assert str(Stepper(y).step()) == "∂out/∂x += ∂out/∂out · ∂(sin(x))/∂x = 1 · cos(x) = 1 · 0.8776 = 0.8776"
    a, b = Value(3.0, label="a"), Value(4.0, label="b")
    r = hypot(a, b)
    r.label = "r"
    assert repr(Stepper(r)).endswith("next: r = hypot(a, b), ∂r/∂r = 1>")
    assert explain(r, a).value == pytest.approx(0.6)


def test_no_grad_and_detect_anomaly_apply():
    x = Value(0.5)
    with no_grad():
        assert sin(x).inputs == ()
    with detect_anomaly(), pytest.raises(FloatingPointError, match="'log2'"):
        node("log2", -math.inf, [Value(0.0)], [math.inf])


def test_bad_arguments_are_clear_errors():
    x = Value(1.0)
    with pytest.raises(TypeError, match="op must be a non-empty name"):
        node("", 1.0, [x], [1.0])
    with pytest.raises(TypeError, match=r"inputs must be a list or tuple of Values, got 1\.0"):
        node("f", 1.0, 1.0, [1.0])
    with pytest.raises(TypeError, match=r"inputs must be a list or tuple of Values, got \[1.0\]"):
        node("f", 1.0, [1.0], [1.0])
    with pytest.raises(ValueError, match="one local derivative per input: 1 inputs, got local_grads="):
        node("f", 1.0, [x], [1.0, 2.0])
    with pytest.raises(TypeError, match="node\\(\\) data takes a real number, got str"):
        node("f", "1", [x], [1.0])
