"""Any real number in `.data`: a learner's `p.data = 0` (an int) or a NumPy scalar works in every op and in nn."""

import numpy as np
import pytest

import autograd_lite as ag
from autograd_lite import Value
from autograd_lite.nn import MLP, SGD, Neuron

UNARY = ["exp", "log", "tanh", "sigmoid", "relu", "leaky_relu", "sqrt", "sin", "cos", "abs", "__neg__"]
BINARY = ["__add__", "__sub__", "__mul__", "__truediv__", "__pow__"]
REFLECTED = ["__radd__", "__rsub__", "__rmul__", "__rtruediv__", "__rpow__"]  # only ever called with a constant
NARY = [ag.sum, ag.logsumexp, lambda xs: ag.dot(xs, xs[::-1]), lambda xs: ag.softmax(xs)[0]]
NARY += [lambda xs: ag.log_softmax(xs)[1]]


def with_data(number):
    v = Value(0.5)
    v.data = number  # what a learner writes; the constructor would have made a float
    return v


def node_numbers(v):
    """data and local_grads as floats, nan as a string so that == compares it (an int 0 has no sign: 0 == -0.0)."""
    return [float(x) if x == x else "nan" for x in (v.data, *v.local_grads)]


@pytest.mark.filterwarnings("ignore:divide by zero")  # NumPy's own warning for 1 / np.int64(0), still inf
@pytest.mark.parametrize("kind", [int, np.int64, np.float64])
@pytest.mark.parametrize("name", UNARY)
def test_unary_ops(kind, name):
    for number in (3, -2, 0):
        ours = getattr(with_data(kind(number)), name)()
        assert node_numbers(ours) == node_numbers(getattr(Value(float(number)), name)())


@pytest.mark.parametrize("kind", [int, np.int64, np.float64])
@pytest.mark.parametrize("name", BINARY + REFLECTED)
def test_binary_ops_with_values_and_constants(kind, name):
    for a, b in ((3, 2), (-2, 3), (2, -1)):
        if name in BINARY:
            with_value = getattr(with_data(kind(a)), name)(with_data(kind(b)))
            assert node_numbers(with_value) == node_numbers(getattr(Value(float(a)), name)(Value(float(b))))
        with_constant = getattr(with_data(kind(a)), name)(kind(b))
        assert node_numbers(with_constant) == node_numbers(getattr(Value(float(a)), name)(float(b)))


@pytest.mark.parametrize("kind", [int, np.int64, np.float64])
@pytest.mark.parametrize("op", NARY)
def test_nary_ops(kind, op):
    ours = op([with_data(kind(k)) for k in (1, -2, 3)])
    assert node_numbers(ours) == node_numbers(op([Value(float(k)) for k in (1, -2, 3)]))


def test_float32_data_works_to_its_precision():
    x = with_data(np.float32(0.25))
    y = ag.dot([x, x], [x, Value(2.0)]).tanh() * x
    y.backward()
    z = Value(0.25)
    w = ag.dot([z, z], [z, Value(2.0)]).tanh() * z
    w.backward()
    assert (y.data, x.grad) == pytest.approx((w.data, z.grad), rel=1e-6)


def test_a_neuron_with_int_weights_and_bias():
    """micrograd's Value(0) bias and a learner's p.data = 0 / p.data = 1: the same numbers as with floats."""
    ints, floats = Neuron(3, seed=0), Neuron(3, seed=0)
    for p, q, k in zip(ints.parameters(), floats.parameters(), (1, -2, 0, 0), strict=True):
        p.data, q.data = k, float(k)
    x = [2, 1, -1]  # int inputs too
    a, b = ints(x), floats([float(k) for k in x])
    assert a.data == b.data
    a.backward()
    b.backward()
    assert [p.grad for p in ints.parameters()] == [p.grad for p in floats.parameters()]


def test_an_mlp_trains_from_int_parameters():
    model = MLP(2, [3, 1], activation="relu", seed=0)
    for k, p in enumerate(model.parameters()):
        p.data = k % 3 - 1  # -1, 0, 1, ...
    optimizer = SGD(model.parameters(), lr=0.1)
    losses = []
    for _ in range(3):
        loss = sum((model(x) - y) ** 2 for x, y in (([1, 2], 1), ([2, -1], -1)))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.data)
    assert losses[-1] < losses[0]
