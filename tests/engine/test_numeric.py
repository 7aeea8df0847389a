"""IEEE-754 semantics: inf and nan instead of Python exceptions, like NumPy; TypeError naming any non-number."""

import math
import warnings
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np
import pytest

from autograd_lite import Value, dot, grad, log_softmax, logsumexp, softmax
from autograd_lite import numeric as n
from autograd_lite import sum as vsum

INF, NAN = math.inf, math.nan
SPECIALS = [0.0, -0.0, 1.0, -1.0, 0.5, 2.5, -2.5, 3.0, -3.0, 1e308, -1e308, 5e-324, 700.0, -745.5, INF, -INF, NAN]


def same(got: float, expected: float, rtol: float = 0.0) -> bool:
    """Equal as IEEE numbers: nan matches nan, inf matches inf of the same sign, finite within rtol."""
    if math.isnan(expected) or math.isinf(expected):
        return math.isnan(got) if math.isnan(expected) else got == expected
    return math.isclose(got, expected, rel_tol=rtol, abs_tol=0.0)


@pytest.fixture(autouse=True)
def warnings_are_errors():
    """No op may even warn (NumPy's fallback in `power` must be silenced)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# --- The examples of the design, through the public API ---

IEEE_EXAMPLES = [
    ("1/0", lambda: Value(1) / 0, INF),
    ("1/Value(0)", lambda: 1 / Value(0), INF),
    ("Value(1)/Value(0)", lambda: Value(1) / Value(0), INF),
    ("-1/0", lambda: Value(-1) / 0, -INF),
    ("1/-0.0", lambda: Value(1) / -0.0, -INF),
    ("0/0", lambda: Value(0) / 0, NAN),
    ("0/Value(0)", lambda: 0 / Value(0), NAN),
    ("log(-1)", lambda: Value(-1).log(), NAN),
    ("log(0)", lambda: Value(0).log(), -INF),
    ("exp(1000)", lambda: Value(1000).exp(), INF),
    ("exp(-1000)", lambda: Value(-1000).exp(), 0.0),
    ("sqrt(-1)", lambda: Value(-1).sqrt(), NAN),
    ("(-8)**(1/3)", lambda: Value(-8) ** (1 / 3), NAN),
    ("(-8)**Value(1/3)", lambda: Value(-8) ** Value(1 / 3), NAN),
    ("-8 ** Value(1/3)", lambda: (-8) ** Value(1 / 3), NAN),
    ("0**-1", lambda: Value(0) ** -1, INF),
    ("0**Value(-1)", lambda: Value(0) ** Value(-1), INF),
    ("0 ** Value(-1)", lambda: 0 ** Value(-1), INF),
    ("10.0**400", lambda: Value(10.0) ** 400, INF),
    ("sin(inf)", lambda: Value(INF).sin(), NAN),
    ("cos(-inf)", lambda: Value(-INF).cos(), NAN),
    ("tanh(inf)", lambda: Value(INF).tanh(), 1.0),
    ("sigmoid(-1000)", lambda: Value(-1000).sigmoid(), 0.0),
    ("sigmoid(1000)", lambda: Value(1000).sigmoid(), 1.0),
    ("relu(nan)", lambda: Value(NAN).relu(), NAN),
    ("Value(10**400)", lambda: Value(10**400), INF),
    ("Value(-10**400)", lambda: Value(-(10**400)), -INF),
    ("Value(Fraction(10**400))", lambda: Value(Fraction(10**400)), INF),
    ("Value(1) * 10**400", lambda: Value(1) * 10**400, INF),
    ("10**400 - Value(1)", lambda: 10**400 - Value(1), INF),
    ("Value(2) ** 10**400", lambda: Value(2) ** 10**400, INF),
    ("1e308 + 1e308", lambda: Value(1e308) + Value(1e308), INF),
    ("sum(inf, -inf)", lambda: vsum([Value(INF), Value(-INF)]), NAN),
    ("sum(1e308, 1e308)", lambda: vsum([Value(1e308), 1e308]), INF),
    ("dot(inf, 0)", lambda: dot([Value(INF)], [0.0]), NAN),
    ("logsumexp(inf, 1)", lambda: logsumexp([INF, Value(1.0)]), INF),
    ("logsumexp(-inf, -inf)", lambda: logsumexp([Value(-INF), Value(-INF)]), -INF),
    ("logsumexp(nan, 1)", lambda: logsumexp([Value(NAN), Value(1.0)]), NAN),
    ("logsumexp(1, nan)", lambda: logsumexp([Value(1.0), Value(NAN)]), NAN),
]


@pytest.mark.parametrize(("name", "make", "expected"), IEEE_EXAMPLES, ids=[e[0] for e in IEEE_EXAMPLES])
def test_ops_give_ieee_results_never_python_errors(name, make, expected):
    out = make()
    assert type(out.data) is float
    assert same(out.data, expected), f"{name} gave {out.data}, expected {expected}"
    out.backward()  # the backward pass through a non-finite value does not raise either
    assert out.grad == 1.0 or not out.inputs


def test_gradients_at_singular_points_are_ieee_too():
    x = Value(0.0)
    x.log().backward()
    assert x.grad == INF  # d/dx ln x = 1/x
    y = Value(0.0)
    y.sqrt().backward()
    assert y.grad == INF  # 1/(2√0)
    a, b = Value(1.0), Value(0.0)
    (a / b).backward()
    assert (a.grad, b.grad) == (INF, -INF)  # 1/y, −x/y²
    base, exponent = Value(0.0), Value(-1.0)
    (base**exponent).backward()
    assert (base.grad, exponent.grad) == (-INF, -INF)  # as PyTorch: y·x^(y−1), x^y·ln x


def test_an_infinite_gradient_times_a_zero_local_derivative_is_nan():
    """IEEE: 0 · ∞ = nan. (PyTorch agrees for abs, leaky_relu and *, but its relu backward selects 0 instead.)"""
    for make in (Value.relu, Value.abs, lambda v: v * 0.0):
        x = Value(0.0)
        make(x).sqrt().backward()  # d√u/du = ∞ at u = 0, times a local derivative of 0
        assert math.isnan(x.grad)


def test_softmax_family_of_non_finite_inputs_do_not_raise():
    assert all(math.isnan(v.data) for v in softmax([Value(NAN), Value(1.0)]))
    assert [v.data for v in log_softmax([Value(1.0), Value(-INF)])] == [0.0, -INF]
    assert [v.data for v in softmax([Value(1.0), Value(-INF)])] == [1.0, 0.0]


# --- The helpers of numeric.py agree with NumPy's float64 on every special value ---

BINARY_HELPERS = [("div", n.div, np.divide), ("power", n.power, np.power)]
UNARY_HELPERS = [
    ("exp", n.exp, np.exp),
    ("log", n.log, np.log),
    ("sqrt", n.sqrt, np.sqrt),
    ("sin", n.sin, np.sin),
    ("cos", n.cos, np.cos),
]


@pytest.mark.parametrize(("name", "ours", "numpy"), BINARY_HELPERS, ids=[h[0] for h in BINARY_HELPERS])
def test_binary_helpers_match_numpy_on_special_values(name, ours, numpy):
    with np.errstate(all="ignore"):
        for x in SPECIALS:
            for y in SPECIALS:
                if name == "power" and y == 0.5:
                    continue  # NumPy takes x ** 0.5 as sqrt x; checked against C99 pow below
                expected = float(numpy(np.float64(x), np.float64(y)))
                got = ours(x, y)
                assert same(got, expected, rtol=1e-15), f"{name}({x}, {y}) = {got}, NumPy says {expected}"
                if math.isinf(expected) or (name == "div" and expected == 0.0):
                    assert math.copysign(1.0, got) == math.copysign(1.0, expected), f"sign of {name}({x}, {y})"


def test_power_follows_c99_pow_where_numpy_takes_a_square_root():
    """C99 (and PyTorch with a tensor exponent): (−inf)^0.5 = +inf, (−0)^0.5 = +0; NumPy's sqrt gives nan, −0."""
    assert n.power(-INF, 0.5) == INF
    assert math.copysign(1.0, n.power(-0.0, 0.5)) == 1.0
    assert n.power(4.0, 0.5) == 2.0
    assert math.isnan(n.power(-4.0, 0.5))


@pytest.mark.parametrize(("name", "ours", "numpy"), UNARY_HELPERS, ids=[h[0] for h in UNARY_HELPERS])
def test_unary_helpers_match_numpy_on_special_values(name, ours, numpy):
    with np.errstate(all="ignore"):
        for x in SPECIALS:
            expected = float(numpy(np.float64(x)))
            got = ours(x)
            # NumPy may use its own SIMD sin/cos (a few ulp from libm): compare to 1e-14, exactly elsewhere.
            assert same(got, expected, rtol=1e-14), f"{name}({x}) = {got}, NumPy says {expected}"


def test_sigmoid_helper_is_stable_on_both_sides():
    with localcontext(prec=60):
        for x in [-1000.0, -745.5, -50.0, -1.5, 0.0, 1.5, 50.0, 1000.0]:
            expected = float(1 / (1 + (-Decimal(x)).exp()))  # 60 significant digits, no overflow
            assert math.isclose(n.sigmoid(x), expected, rel_tol=1e-15), (x, n.sigmoid(x), expected)
    assert n.sigmoid(INF) == 1.0
    assert n.sigmoid(-INF) == 0.0
    assert math.isnan(n.sigmoid(NAN))


def test_fsum_is_exact_and_falls_back_to_ieee():
    assert n.fsum([0.1] * 10) == 1.0  # correctly rounded, where a left fold gives 0.9999999999999999
    assert math.isnan(n.fsum([INF, -INF]))
    assert n.fsum([1e308, 1e308]) == INF
    assert n.fsum([-1e308, -1e308]) == -INF
    assert n.fsum([]) == 0.0


def test_as_real_turns_real_numbers_into_floats():
    for x, expected in [(3, 3.0), (-2.5, -2.5), (np.float32(1.5), 1.5), (np.int64(-7), -7.0), (Fraction(1, 4), 0.25)]:
        got = n.as_real(x)
        assert type(got) is float
        assert got == expected
    assert n.as_real(10**400) == INF
    assert n.as_real(-(10**400)) == -INF


# --- Non-numbers: TypeError naming what was given ---

NOT_NUMBERS = [
    ("Value('x')", lambda: Value("x"), ["str", "'x'"]),
    ("Value(None)", lambda: Value(None), ["NoneType", "None"]),
    ("Value(True)", lambda: Value(True), ["bool", "True"]),
    ("Value(np.bool_)", lambda: Value(np.bool_(False)), ["bool", "False"]),
    ("Value(1j)", lambda: Value(1j), ["complex", "1j"]),
    ("Value([1.0])", lambda: Value([1.0]), ["list", "[1.0]"]),
    ("Value(Value(1))", lambda: Value(Value(1)), ["Value"]),
    ("Value(1) + 'a'", lambda: Value(1) + "a", ["'+'", "str", "'a'"]),
    ("'a' + Value(1)", lambda: "a" + Value(1), ["'+'", "str", "'a'"]),
    ("'a' * Value(1)", lambda: "a" * Value(1), ["'*'", "str", "'a'"]),
    ("Value(1) * 'a'", lambda: Value(1) * "a", ["'*'", "str", "'a'"]),
    ("Value(1) - None", lambda: Value(1) - None, ["'-'", "NoneType"]),
    ("None - Value(1)", lambda: None - Value(1), ["'-'", "NoneType"]),
    ("None / Value(1)", lambda: None / Value(1), ["'/'", "NoneType"]),
    ("Value(1) / True", lambda: Value(1) / True, ["'/'", "bool"]),
    ("Value(2) ** '2'", lambda: Value(2) ** "2", ["'**'", "str", "'2'"]),
    ("'2' ** Value(2)", lambda: "2" ** Value(2), ["'**'", "str", "'2'"]),
    ("Value(1) + 1j", lambda: Value(1) + 1j, ["'+'", "complex", "1j"]),
    ("leaky_relu(slope='x')", lambda: Value(1).leaky_relu("x"), ["slope", "str", "'x'"]),
    ("leaky_relu(slope=None)", lambda: Value(1).leaky_relu(slope=None), ["slope", "NoneType"]),
    ("sum([1, 'a'])", lambda: vsum([Value(1), "a"]), ["sum", "str", "'a'"]),
    ("dot([1], ['a'])", lambda: dot([Value(1)], ["a"]), ["dot", "str", "'a'"]),
    ("softmax([None])", lambda: softmax([Value(1), None]), ["softmax", "NoneType"]),
    ("grad(f)('x')", lambda: grad(lambda x: x)("x"), ["argument 0", "str", "'x'"]),
    ("Value(1, label=2)", lambda: Value(1, label=2), ["label", "int", "2"]),
]


@pytest.mark.parametrize(("name", "make", "words"), NOT_NUMBERS, ids=[e[0] for e in NOT_NUMBERS])
def test_non_numbers_raise_type_error_naming_what_was_given(name, make, words):
    with pytest.raises(TypeError) as caught:
        make()
    message = str(caught.value)
    for word in words:
        assert word in message, f"{name}: {message!r} does not name {word}"
