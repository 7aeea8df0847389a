"""`Value`: construction from real numbers, attributes, repr, slots, NumPy scalars on either side."""

import math
from fractions import Fraction

import numpy as np
import pytest

from autograd_lite import Value


def test_a_leaf_has_data_and_nothing_else():
    x = Value(3, label="x")
    assert (x.data, x.grad, x.label, x.op, x.inputs, x.local_grads) == (3.0, 0.0, "x", "", (), ())
    assert type(x.data) is float
    assert type(x.grad) is float


@pytest.mark.parametrize(
    "number",
    [2, -2.5, np.float64(1.25), np.float32(0.5), np.int64(-4), np.int8(7), np.uint16(9), Fraction(3, 4)],
)
def test_real_numbers_of_any_kind_become_floats(number):
    x = Value(number)
    assert type(x.data) is float
    assert x.data == float(number)


def test_the_repr_shows_data_grad_op_and_label():
    a, b, c = Value(-12, label="a"), Value(14, label="b"), Value(-10, label="c")
    e = (a + b) * c
    e.label = "e"
    e.backward()
    assert repr(e) == "Value(data=-20, grad=1, op='*', label='e')"
    assert repr(a) == "Value(data=-12, grad=-10, label='a')"
    assert repr(a + b) == "Value(data=2, grad=0, op='+')"
    assert repr(Value(1 / 3)) == "Value(data=0.333333, grad=0)"
    assert repr(Value(math.inf) - math.inf) == "Value(data=nan, grad=0, op='-')"


def test_values_have_slots_not_a_dict():
    x = Value(1.0)
    assert not hasattr(x, "__dict__")
    with pytest.raises(AttributeError):
        x.colour = "red"


def test_value_cannot_be_subclassed():
    with pytest.raises(TypeError, match="cannot be subclassed"):

        class MyValue(Value):  # the class statement itself raises
            pass


def test_values_are_hashable_by_identity():
    a, b = Value(1.0), Value(1.0)
    assert len({a, b, a}) == 2
    assert a == a
    assert a != b


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        (lambda x: np.float64(2.0) + x, 5.0),
        (lambda x: np.float64(2.0) - x, -1.0),
        (lambda x: np.float64(2.0) * x, 6.0),
        (lambda x: np.float64(6.0) / x, 2.0),
        (lambda x: np.float64(2.0) ** x, 8.0),
        (lambda x: np.int64(2) * x, 6.0),
        (lambda x: x * np.float32(2.0), 6.0),
        (lambda x: x ** np.int64(2), 9.0),
    ],
)
def test_numpy_scalars_on_either_side_give_values(expression, expected):
    x = Value(3.0)
    out = expression(x)
    assert type(out) is Value  # NumPy defers to Value's reflected operators instead of making an array
    assert out.data == expected
    assert out.inputs == (x,)


def test_data_and_label_can_be_set_by_hand():
    x = Value(1.0)
    x.data = 2.0
    x.label = "x"
    y = x * x
    y.backward()
    assert (y.data, x.grad, x.label) == (4.0, 4.0, "x")
