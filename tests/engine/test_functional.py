"""grad and value_and_grad: derivatives of Python functions of floats, in the style of JAX/HIPS autograd."""

import math
import re

import numpy as np
import pytest

from autograd_lite import Value, grad, value_and_grad


def f(x, y, z):
    return x * y**3 + z**2 / x  # operators only: works whichever arguments are Values


def df(x, y, z):
    """(∂f/∂x, ∂f/∂y, ∂f/∂z) by hand."""
    return y**3 - z**2 / x**2, 3 * x * y**2, 2 * z / x


POINT = (1.5, -0.5, 2.0)


def test_grad_of_one_argument():
    assert grad(lambda x: x**3)(2.0) == 12.0
    assert math.isclose(grad(f)(*POINT), df(*POINT)[0], rel_tol=1e-15)


def test_value_and_grad_returns_both():
    value, g = value_and_grad(lambda x: x.exp() * 2)(0.0)
    assert (value, g) == (2.0, 2.0)
    assert type(value) is float


@pytest.mark.parametrize(("argnums", "positions"), [(1, [1]), (2, [2]), (-1, [2]), (-3, [0])])
def test_an_int_argnums_gives_one_gradient(argnums, positions):
    g = grad(f, argnums=argnums)(*POINT)
    assert isinstance(g, float)
    assert math.isclose(g, df(*POINT)[positions[0]], rel_tol=1e-15)


@pytest.mark.parametrize(("argnums", "positions"), [((0, 1, 2), [0, 1, 2]), ((2, 0), [2, 0]), ((-1,), [2]), ((), [])])
def test_a_tuple_argnums_gives_a_tuple_in_that_order(argnums, positions):
    value, gs = value_and_grad(f, argnums=argnums)(*POINT)
    assert isinstance(gs, tuple)
    assert len(gs) == len(positions)
    for g, i in zip(gs, positions, strict=True):
        assert math.isclose(g, df(*POINT)[i], rel_tol=1e-15)
    x, y, z = POINT
    assert math.isclose(value, x * y**3 + z**2 / x, rel_tol=1e-15)


@pytest.mark.parametrize("argnums", [3, -4, (0, 5)])
def test_argnums_out_of_range_names_it_and_the_number_of_arguments(argnums):
    with pytest.raises(IndexError, match=re.escape(f"argnums={argnums!r} but f() was called with 3 arguments")):
        grad(f, argnums=argnums)(*POINT)


@pytest.mark.parametrize("argnums", ["x", 1.0, None, True, (0, "y"), [0.5]])
def test_argnums_that_are_not_ints_raise_a_type_error_naming_them(argnums):
    with pytest.raises(TypeError, match=r"argnums must be an int or a tuple of ints, got"):
        grad(f, argnums=argnums)


def test_a_list_argnums_is_taken_as_a_tuple():
    assert grad(f, argnums=[0, 2])(*POINT) == grad(f, argnums=(0, 2))(*POINT)


def test_a_function_returning_a_constant_has_zero_gradients():
    assert value_and_grad(lambda x: 3)(1.0) == (3.0, 0.0)
    assert value_and_grad(lambda x, y: 2.5, argnums=(0, 1))(1.0, 2.0) == (2.5, (0.0, 0.0))
    assert grad(lambda x: x * 0.0 + 1.0)(4.0) == 0.0


def test_a_function_returning_a_non_number_is_a_type_error():
    with pytest.raises(TypeError, match=r"<lambda>\(\)'s result.*str: 'no'"):
        grad(lambda x: "no")(1.0)


def test_other_arguments_pass_through_unchanged():
    def scaled(x, factor, mode):
        return x * factor if mode == "times" else x + factor

    assert grad(scaled)(2.0, 5, "times") == 5.0
    assert grad(scaled)(2.0, 5, "plus") == 1.0
    seen = []
    grad(lambda x, mode, items: seen.extend([mode, items]) or x)(1.0, "plus", [1, 2])
    assert seen == ["plus", [1, 2]]  # not numbers: unchanged


def test_every_number_argument_reaches_f_as_a_value():
    """Found by outside tests: with argnums=1, x arrived as a float and x.tanh() failed."""
    f = lambda x, y: x.tanh() * y  # noqa: E731
    assert grad(f, argnums=1)(0.5, 3.0) == pytest.approx(math.tanh(0.5))
    assert value_and_grad(f, argnums=1)(0.5, 3.0)[0] == pytest.approx(3.0 * math.tanh(0.5))
    kinds = []
    grad(lambda x, k, n: kinds.extend(map(type, (x, k, n))) or x * k)(2.0, 3, np.float64(1.5))
    assert kinds == [Value, Value, Value]
    assert grad(lambda x, y: x * y, argnums=0)(2.0, 4) == 4.0  # the constant argument gives no gradient


def test_calls_are_independent():
    g = grad(lambda x: x * x)
    assert [g(3.0), g(3.0), g(-1.0)] == [6.0, 6.0, -2.0]


def test_the_same_argument_twice_in_argnums():
    assert grad(lambda x, y: x * y, argnums=(0, 0, -2))(3.0, 4.0) == (4.0, 4.0, 4.0)


def test_ints_and_numpy_scalars_are_accepted():
    np = pytest.importorskip("numpy")
    assert grad(lambda x: x * x)(3) == 6.0
    assert grad(lambda x: x * x)(np.float32(1.5)) == 3.0


def test_matches_hips_autograd():
    autograd = pytest.importorskip("autograd", reason="HIPS autograd is a second oracle; CI installs it")
    anp = pytest.importorskip("autograd.numpy")

    def g(x, y, z):
        return anp.tanh(x * y**3) + z**2 / x

    ours = grad(lambda x, y, z: (x * y**3).tanh() + z**2 / x, argnums=(0, 1, 2))(*POINT)
    theirs = autograd.grad(g, (0, 1, 2))(*POINT)
    assert all(math.isclose(a, float(b), rel_tol=1e-15) for a, b in zip(ours, theirs, strict=True))
