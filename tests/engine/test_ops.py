"""Every op of the derivative table: value and gradient against PyTorch float64, central finite differences
(no torch needed) and HIPS autograd, at points on both sides of every kink; the graph each op records."""

import math
import operator
import struct

import pytest

import autograd_lite as ag
from autograd_lite import Value


def same(got: float, expected: float, rtol: float = 1e-12) -> bool:
    """Equal as IEEE numbers: nan matches nan, ±inf matches itself, finite numbers within rtol."""
    if math.isnan(expected):
        return math.isnan(got)
    if math.isinf(expected):
        return got == expected
    return math.isclose(got, expected, rel_tol=rtol, abs_tol=1e-300)


def ours(f, args: list[float], is_value: list[bool]) -> tuple[float, list[float]]:
    """f at args (Values where is_value, plain numbers elsewhere): its value and the Values' grads."""
    xs = [Value(a) if v else a for a, v in zip(args, is_value)]
    out = f(*xs)
    out.backward()
    return out.data, [x.grad for x in xs if type(x) is Value]


def theirs(torch, f, args: list[float], is_value: list[bool]) -> tuple[float, list[float]]:
    """The same with PyTorch float64 scalars."""
    xs = [torch.tensor(a, dtype=torch.float64, requires_grad=True) if v else a for a, v in zip(args, is_value)]
    out = f(*xs)
    tensors = [x for x in xs if isinstance(x, torch.Tensor)]
    grads = torch.autograd.grad(out, tensors, allow_unused=True)
    return out.item(), [0.0 if g is None else g.item() for g in grads]


def assert_matches(torch, f, args, is_value, torch_f=None):
    value, grads = ours(f, args, is_value)
    expected_value, expected_grads = theirs(torch, torch_f or f, args, is_value)
    assert same(value, expected_value), f"value at {args}: {value} vs torch {expected_value}"
    for i, (g, e) in enumerate(zip(grads, expected_grads, strict=True)):
        assert same(g, e), f"grad {i} at {args}: {g} vs torch {e}"


def central_difference(f, args: list[float], i: int) -> float:
    """(f(x + h) − f(x − h)) / 2h in argument i: error O(h²) from curvature, O(ε/h) from rounding."""
    h = 1e-6 * max(1.0, abs(args[i]))
    up, down = list(args), list(args)
    up[i] += h
    down[i] -= h
    return (f(*up) - f(*down)) / (2 * h)


def value_of(f):
    """f as a function of floats, evaluated by the engine."""
    return lambda *args: f(*(Value(a) for a in args)).data


# --- Unary ops ---

UNARY = {  # name: (our op, torch's op as a function of (torch, tensor))
    "neg": (operator.neg, lambda torch, t: -t),
    "exp": (Value.exp, lambda torch, t: t.exp()),
    "log": (Value.log, lambda torch, t: t.log()),
    "sqrt": (Value.sqrt, lambda torch, t: t.sqrt()),
    "tanh": (Value.tanh, lambda torch, t: t.tanh()),
    "sigmoid": (Value.sigmoid, lambda torch, t: t.sigmoid()),
    "relu": (Value.relu, lambda torch, t: t.relu()),
    "leaky_relu": (Value.leaky_relu, lambda torch, t: torch.nn.functional.leaky_relu(t, 0.01)),
    "sin": (Value.sin, lambda torch, t: t.sin()),
    "cos": (Value.cos, lambda torch, t: t.cos()),
    "abs": (Value.abs, lambda torch, t: t.abs()),
}
KINKS = {"relu": 0.0, "leaky_relu": 0.0, "abs": 0.0}
DOMAIN_EDGE = {"log": 0.0, "sqrt": 0.0}  # finite differences need x > 0 there
POINTS = [-2.5, -1.1, -0.3, 0.0, 0.3, 1.1, 2.5, 20.0, -20.0]


@pytest.mark.parametrize("name", UNARY)
def test_unary_op_matches_torch_at_every_point(torch, name):
    our_op, torch_op = UNARY[name]
    for x in POINTS:
        assert_matches(torch, our_op, [x], [True], lambda t: torch_op(torch, t))


@pytest.mark.parametrize("slope", [0.2, 0.0, -0.5, 1.5])
def test_leaky_relu_with_any_slope_matches_torch(torch, slope):
    for x in [-1.1, 0.0, 1.1]:
        assert_matches(
            torch,
            lambda v: v.leaky_relu(slope),
            [x],
            [True],
            lambda t: torch.nn.functional.leaky_relu(t, slope),
        )


@pytest.mark.parametrize("name", UNARY)
def test_unary_op_matches_finite_differences_where_smooth(name):
    f = UNARY[name][0]
    smooth = [x for x in POINTS if x != KINKS.get(name) and x > DOMAIN_EDGE.get(name, -math.inf)]
    for x in smooth:
        x_value = Value(x)
        f(x_value).backward()
        fd = central_difference(value_of(f), [x], 0)
        assert math.isclose(x_value.grad, fd, rel_tol=1e-6, abs_tol=1e-8), f"{name} at {x}: {x_value.grad} vs {fd}"


@pytest.mark.parametrize("name", sorted(KINKS))
def test_derivative_at_a_kink_is_a_subgradient_between_the_one_sided_slopes(name):
    f = UNARY[name][0]
    x = KINKS[name]
    x_value = Value(x)
    f(x_value).backward()
    h = 1e-7
    left = (f(Value(x)).data - f(Value(x - h)).data) / h
    right = (f(Value(x + h)).data - f(Value(x)).data) / h
    assert min(left, right) - 1e-12 <= x_value.grad <= max(left, right) + 1e-12


def test_derivatives_at_kinks_follow_pytorch_conventions():
    for f, expected in [(Value.relu, 0.0), (Value.abs, 0.0), (Value.leaky_relu, 0.01)]:
        x = Value(0.0)
        f(x).backward()
        assert x.grad == expected


def test_builtin_abs_is_the_abs_op():
    x = Value(-1.5)
    y = abs(x)
    y.backward()
    assert (y.data, y.op, x.grad) == (1.5, "abs", -1.0)


def test_unary_plus_is_the_value_itself():
    x = Value(2.0)
    assert +x is x


# --- Binary operators, with a Value or a number on each side ---

BINARY = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv, "**": operator.pow}
SIDES = {"Value∘Value": [True, True], "Value∘number": [True, False], "number∘Value": [False, True]}
ARITHMETIC_POINTS = [(1.1, -1.7), (-1.1, 2.3), (2.5, 0.4), (0.0, 1.3), (1.3, 0.0), (-0.7, -0.7), (0.0, 0.0)]
POW_POINTS = [
    (1.1, 2.3),
    (2.5, -0.7),
    (0.4, 1.5),
    (1.0, 0.0),
    (-2.0, 0.0),
    (-2.0, 3.0),  # ∂/∂y = x^y·ln x is nan for x < 0, as in torch
    (-1.1, 2.0),
    (-8.0, 1 / 3),  # nan, and nan gradients
    (0.0, 0.0),  # x⁰ = 1: both derivatives taken as 0 (torch's convention)
    (0.0, 1.0),
    (0.0, 2.0),
    (0.0, 0.5),
    (0.0, -0.5),
    (0.0, -1.0),
]


@pytest.mark.parametrize("sides", SIDES)
@pytest.mark.parametrize("op", BINARY)
def test_binary_op_matches_torch(torch, op, sides):
    points = POW_POINTS if op == "**" else ARITHMETIC_POINTS
    for x, y in points:
        assert_matches(torch, BINARY[op], [x, y], SIDES[sides])


def smooth_at(op: str, x: float, y: float, exponent_is_value: bool) -> bool:
    """Whether x op y is differentiable there: not at a pole of /, nor at x ≤ 0 for x^y unless y is a constant int."""
    if op == "/":
        return y != 0.0
    if op == "**":
        return x > 0.0 or (x < 0.0 and not exponent_is_value and y.is_integer())
    return True


@pytest.mark.parametrize("sides", SIDES)
@pytest.mark.parametrize("op", BINARY)
def test_binary_op_matches_finite_differences_where_smooth(op, sides):
    points = POW_POINTS if op == "**" else ARITHMETIC_POINTS
    is_value = SIDES[sides]
    for x, y in points:
        if not smooth_at(op, x, y, is_value[1]):
            continue
        _, grads = ours(BINARY[op], [x, y], is_value)

        def f(*floats, point=(x, y)):
            args = iter(floats)
            return ours(BINARY[op], [next(args) if v else c for v, c in zip(is_value, point)], is_value)[0]

        value_positions = [a for a, v in zip((x, y), is_value) if v]
        for i, g in enumerate(grads):
            fd = central_difference(f, value_positions, i)
            assert math.isclose(g, fd, rel_tol=1e-6, abs_tol=1e-8), f"{op} {sides} at {(x, y)}, input {i}"


def test_pow_at_zero_zero_follows_torch_conventions():
    x, y = Value(0.0), Value(0.0)
    p = x**y
    p.backward()
    assert (p.data, x.grad, y.grad) == (1.0, 0.0, 0.0)
    x = Value(0.0)
    (x**0).backward()
    assert x.grad == 0.0  # x⁰ is flat, even at 0
    y = Value(0.0)
    (0**y).backward()
    assert y.grad == 0.0


# --- HIPS autograd as a second oracle ---

HIPS_CASES = [  # (name, ours, autograd's (with anp as numpy), points)
    ("tanh", lambda x: x.tanh(), lambda anp, x: anp.tanh(x), [(-1.1,), (0.3,), (1.1,)]),
    ("exp", lambda x: x.exp(), lambda anp, x: anp.exp(x), [(-1.1,), (2.5,)]),
    ("log", lambda x: x.log(), lambda anp, x: anp.log(x), [(0.3,), (2.5,)]),
    ("sqrt", lambda x: x.sqrt(), lambda anp, x: anp.sqrt(x), [(0.3,), (2.5,)]),
    ("sin cos", lambda x: x.sin() * x.cos(), lambda anp, x: anp.sin(x) * anp.cos(x), [(-1.1,), (1.1,)]),
    ("sigmoid", lambda x: x.sigmoid(), lambda anp, x: 1 / (1 + anp.exp(-x)), [(-1.1,), (1.1,)]),
    ("x ** y", lambda x, y: x**y, lambda anp, x, y: x**y, [(1.1, 2.3), (2.5, -0.7)]),
    ("x / y", lambda x, y: x / y, lambda anp, x, y: x / y, [(1.1, -1.7), (-2.5, 0.4)]),
    (
        "neuron",
        lambda x, w, b: (x * w + b).tanh() - 2 / w,
        lambda anp, x, w, b: anp.tanh(x * w + b) - 2 / w,
        [(2.0, -3.0, 6.8813735870195432), (0.5, 1.5, -0.2)],
    ),
]


@pytest.mark.parametrize("case", HIPS_CASES, ids=[c[0] for c in HIPS_CASES])
def test_matches_hips_autograd(case):
    autograd = pytest.importorskip("autograd", reason="HIPS autograd is a second oracle; CI installs it")
    anp = pytest.importorskip("autograd.numpy")
    _, our_f, their_f, points = case
    for args in points:
        value, grads = ours(our_f, list(args), [True] * len(args))
        positions = tuple(range(len(args)))
        expected_value = float(their_f(anp, *args))
        expected_grads = autograd.grad(lambda *a: their_f(anp, *a), positions)(*args)
        assert same(value, expected_value)
        for g, e in zip(grads, expected_grads, strict=True):
            assert same(g, float(e)), (case[0], args, grads, expected_grads)


# --- n-ary ops: sum, dot, softmax, log_softmax, logsumexp ---

XS = [0.3, -1.2, 2.5, -0.7]


def test_sum_matches_torch_with_constants_mixed_in(torch):
    def f(a, b, c):
        return ag.sum([a, 1.5, b, c, -4])

    def torch_f(a, b, c):
        return torch.stack([a, b, c]).sum() + 1.5 - 4

    assert_matches(torch, f, XS[:3], [True] * 3, torch_f)


def test_dot_matches_torch(torch):
    def f(w1, w2, x1, x2):
        return ag.dot([w1, w2], [x1, x2])

    def torch_f(w1, w2, x1, x2):
        return torch.dot(torch.stack([w1, w2]), torch.stack([x1, x2]))

    assert_matches(torch, f, XS, [True] * 4, torch_f)


WEIGHTS = [0.5, -2.0, 1.25, 3.0]  # backward of Σ wᵢ·outᵢ checks the whole Jacobian-vector product


def _softmax_family(torch):
    return {
        "softmax": (ag.softmax, lambda t: torch.softmax(t, 0)),
        "log_softmax": (ag.log_softmax, lambda t: torch.log_softmax(t, 0)),
    }


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
@pytest.mark.parametrize("xs", [XS, [1000.0, -1000.0, 0.0, 999.0], [-1000.0, -1000.0], [1000.0, 1000.0, 1000.0]])
def test_softmax_family_matches_torch_and_is_stable(torch, name, xs):
    our_op, torch_op = _softmax_family(torch)[name]
    weights = WEIGHTS[: len(xs)]
    for i in range(len(xs)):
        assert_matches(
            torch, lambda *v, i=i: our_op(v)[i], xs, [True] * len(xs), lambda *t, i=i: torch_op(torch.stack(t))[i]
        )
    assert_matches(
        torch,
        lambda *v: ag.dot(weights, our_op(v)),
        xs,
        [True] * len(xs),
        lambda *t: (torch_op(torch.stack(t)) * torch.tensor(weights, dtype=torch.float64)).sum(),
    )
    assert all(math.isfinite(v.data) for v in our_op([Value(x) for x in xs]))


@pytest.mark.parametrize("xs", [XS, [1000.0, -1000.0, 0.0], [-1000.0, -1000.0], [1000.0, 1000.0], [5.0]])
def test_logsumexp_matches_torch_and_is_stable(torch, xs):
    assert_matches(
        torch, lambda *v: ag.logsumexp(v), xs, [True] * len(xs), lambda *t: torch.logsumexp(torch.stack(t), 0)
    )


def test_logsumexp_of_huge_inputs_is_finite_and_exact():
    out = ag.logsumexp([Value(1000.0), Value(1000.0)])
    assert out.data == 1000.0 + math.log(2.0)
    out = ag.logsumexp([Value(-1000.0), Value(-1000.0)])
    assert out.data == -1000.0 + math.log(2.0)


@pytest.mark.parametrize("big", [1000.0, 262144.0, 1e12])
def test_softmax_family_keeps_every_digit_at_large_inputs(big):
    """log_softmax is (xᵢ − m) − log Σ: forming m + log Σ first would round at the size of m."""
    xs = [Value(big), Value(big), Value(0.0)]
    assert [v.data for v in ag.log_softmax(xs)[:2]] == [-math.log(2.0)] * 2
    assert [v.data for v in ag.softmax(xs)] == [0.5, 0.5, 0.0]
    assert ag.logsumexp(xs).local_grads == (0.5, 0.5, 0.0)
    assert ag.log_softmax(xs)[0].local_grads == (0.5, -0.5, 0.0)


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp"])
def test_softmax_family_of_nothing_is_a_clear_value_error(name):
    with pytest.raises(ValueError, match=rf"{name}\(\) needs at least one value, got an empty sequence"):
        getattr(ag, name)([])


def test_sum_and_dot_of_nothing_are_zero_like_torch():
    assert ag.sum([]).data == 0.0
    assert ag.dot([], []).data == 0.0


def _record_of(v: Value) -> tuple:
    """A node as bits: its op, its inputs (the objects themselves), its value and local derivatives exactly."""
    return (
        v.op,
        tuple(map(id, v.inputs)),
        struct.pack("<d", v.data),
        struct.pack(f"<{len(v.local_grads)}d", *v.local_grads),
    )


@pytest.mark.parametrize(
    "xs",
    [
        [Value(0.5), Value(-1.25), Value(2.0)],  # a hidden layer's input
        [0.5, -1.25, 2.0],  # the first layer's: constants
        [Value(0.5), -1.25, 2],  # mixed, and an int
        [1, 2, 3],
    ],
)
def test_dots_makes_the_nodes_that_dot_makes(xs):
    rows = [[Value(0.1 * i + j) for j in range(3)] for i in range(4)]
    rows[2][1].data = 3  # an int, as a learner's `p.data = 3` makes
    made = ag.ops.dots(rows, xs)
    assert [_record_of(z) for z in made] == [_record_of(ag.dot(ws, xs)) for ws in rows]
    odd = [rows[0], [Value(1.0), 2.5, Value(3.0)]]  # a plain number among the weights: a constant, as for dot
    assert [_record_of(z) for z in ag.ops.dots(odd, xs)] == [_record_of(ag.dot(ws, xs)) for ws in odd]


def test_dots_makes_one_row_at_a_time_and_names_a_wrong_length():
    rows = [[Value(1.0), Value(2.0)], [Value(3.0), Value(4.0)]]
    made = ag.ops.dots(rows, [Value(5.0), Value(6.0)])
    first = next(made)
    between = first + 1.0  # a node made between two rows comes between them in creation order
    second = next(made)
    assert [v.op for v in ag.topological_order(second + between)][-4:] == ["dot", "+", "dot", "+"]
    with pytest.raises(ValueError, match="same length, got 2 and 3"):
        list(ag.ops.dots(rows, [1.0, 2.0, 3.0]))


def test_dot_of_different_lengths_names_both():
    with pytest.raises(ValueError, match="same length, got 2 and 3"):
        ag.dot([Value(1), Value(2)], [1, 2, 3])


def test_n_ary_ops_match_finite_differences():
    ops = {
        "sum": lambda v: ag.sum(v),
        "dot": lambda v: ag.dot(v[:2], v[2:]),
        "logsumexp": lambda v: ag.logsumexp(v),
        "softmax": lambda v: ag.dot(WEIGHTS, ag.softmax(v)),
        "log_softmax": lambda v: ag.dot(WEIGHTS, ag.log_softmax(v)),
    }
    for name, f in ops.items():
        xs = [Value(x) for x in XS]
        f(xs).backward()
        for i, x in enumerate(xs):
            fd = central_difference(lambda *a, f=f: f([Value(b) for b in a]).data, XS, i)
            assert math.isclose(x.grad, fd, rel_tol=1e-6, abs_tol=1e-8), (name, i, x.grad, fd)


def test_n_ary_ops_accept_any_iterable():
    assert ag.sum(Value(x) for x in XS).data == math.fsum(XS)
    assert ag.logsumexp(iter([Value(0.0), Value(0.0)])).data == math.log(2.0)


# --- The graph each op records: one node, inputs in order, local derivatives as numbers ---


def test_constants_are_folded_into_the_op_not_inputs():
    x = Value(2.0)
    cases = [
        (x + 3, (1.0,)),
        (3 + x, (1.0,)),
        (x - 3, (1.0,)),
        (3 - x, (-1.0,)),
        (x * 3, (3.0,)),
        (3 * x, (3.0,)),
        (x / 4, (0.25,)),
        (4 / x, (-1.0,)),  # −c/x²
        (x**3, (12.0,)),  # 3x²
        (3**x, (9.0 * math.log(3.0),)),  # 3^x ln 3
    ]
    for out, local_grads in cases:
        assert out.inputs == (x,)
        assert all(math.isclose(a, b, rel_tol=1e-15) for a, b in zip(out.local_grads, local_grads, strict=True))


def test_two_values_are_two_inputs_in_order():
    x, y = Value(2.0), Value(5.0)
    assert (x * y).inputs == (x, y)
    assert (x * y).local_grads == (5.0, 2.0)
    assert (y - x).inputs == (y, x)
    assert (y - x).local_grads == (1.0, -1.0)
    assert (x / y).local_grads == (0.2, -2.0 / 25.0)
    assert (x**y).local_grads == (5.0 * 2.0**4, 32.0 * math.log(2.0))


def test_a_value_used_twice_in_one_op_is_two_inputs():
    a = Value(3.0)
    assert (a * a).inputs == (a, a)
    assert (a * a).local_grads == (3.0, 3.0)
    assert (a + a).inputs == (a, a)
    assert (a**a).inputs == (a, a)


def test_n_ary_ops_are_one_node_with_constants_dropped():
    w1, w2, x1 = Value(2.0), Value(-1.0), Value(4.0)
    d = ag.dot([w1, w2], [x1, 3.0])
    assert d.data == 5.0
    assert d.inputs == (w1, w2, x1)
    assert d.local_grads == (4.0, 3.0, 2.0)
    s = ag.sum([w1, 10, x1])
    assert (s.data, s.inputs, s.local_grads) == (16.0, (w1, x1), (1.0, 1.0))
    outs = ag.softmax([w1, 0.0, x1])
    assert all(o.inputs == (w1, x1) for o in outs)
    assert math.isclose(math.fsum(o.data for o in outs), 1.0, rel_tol=1e-15)


def test_every_op_has_its_one_name():
    x, y = Value(0.5), Value(1.5)
    made = {
        "+": x + y,
        "-": x - y,
        "*": x * y,
        "/": x / y,
        "**": x**y,
        "neg": -x,
        "exp": x.exp(),
        "log": x.log(),
        "sqrt": x.sqrt(),
        "tanh": x.tanh(),
        "sigmoid": x.sigmoid(),
        "relu": x.relu(),
        "leaky_relu": x.leaky_relu(),
        "sin": x.sin(),
        "cos": x.cos(),
        "abs": x.abs(),
        "sum": ag.sum([x, y]),
        "dot": ag.dot([x], [y]),
        "logsumexp": ag.logsumexp([x, y]),
        "log_softmax": ag.log_softmax([x, y])[0],
        "softmax": ag.softmax([x, y])[1],
    }
    for name, out in made.items():
        assert out.op == name
        assert len(out.inputs) == len(out.local_grads) >= 1
        assert all(type(d) is float for d in out.local_grads), name
        assert type(out.data) is float, name
