"""The derivative table: each op's record, its forward value and its local derivatives, side by side.

An `Op` record holds everything about one operation that is not a number: its name (`Value.op`), how a
formula writes the node with its inputs' names, its symbol in a diagram, its local derivatives as
formulas, and the name it is called by. Every node points to its record and keeps its folded constant
(the 2 of `x ** 2`), so `naming`, `explain`, the Stepper, the diagrams, the command line's parser and
its help all read the record and nothing re-derives it.

Every op makes one node: `result(record, value, inputs, local_grads)` stores the numbers ∂out/∂input,
and one push (`backprop.push`) applies them. A plain number operand is a constant: it is folded into
the op and is not an input (as in PyTorch).

To add an op: write a record and a function here that computes the value and the local derivative of
each input, then bind the function to `Value` at the bottom (see `sin`); `autograd_lite.node` makes a
node of an op defined outside the engine.
"""

from __future__ import annotations

import builtins
import math
import operator
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from autograd_lite import numeric as n
from autograd_lite.record import Op
from autograd_lite.value import Operand, Value, constant, data_of, result

# The records, in the order of the table below. Forms that fold a constant have their own record.
ADD = Op("+", "{0} + {1}", "+", ("1", "1"))
ADD_CONSTANT = Op("+", "{0} + {c}", "+", ("1",))
SUB = Op("-", "{0} - {1}", "−", ("1", "-1"))
SUB_CONSTANT = Op("-", "{0} - {c}", "−", ("1",))
CONSTANT_SUB = Op("-", "{c} - {0}", "−", ("-1",))
MUL = Op("*", "{0} * {1}", "×", ("{1}", "{0}"))
MUL_CONSTANT = Op("*", "{0} * {c}", "×", ("{c}",))
DIV = Op("/", "{0} / {1}", "÷", ("1 / {1}", "-{0} / {1}²"))
DIV_CONSTANT = Op("/", "{0} / {c}", "÷", ("1 / {c}",))
CONSTANT_DIV = Op("/", "{c} / {0}", "÷", ("-{c} / {0}²",))
POW = Op("**", "{0} ** {1}", "^", ("{1} · {0} ** ({1} - 1)", "{0} ** {1} · log({0})"))
POW_CONSTANT = Op("**", "{0} ** {c}", "^", ("{c} · {0} ** ({c} - 1)",))
CONSTANT_POW = Op("**", "{c} ** {0}", "^", ("{c} ** {0} · log({c})",))
NEG = Op("neg", "-{0}", "−x", ("-1",))
EXP = Op("exp", "exp({0})", "exp", ("exp({0})",), "exp")
LOG = Op("log", "log({0})", "log", ("1 / {0}",), "log")
SQRT = Op("sqrt", "sqrt({0})", "sqrt", ("1 / (2 · sqrt({0}))",), "sqrt")
TANH = Op("tanh", "tanh({0})", "tanh", ("1 - tanh({0})²",), "tanh")
SIGMOID = Op("sigmoid", "sigmoid({0})", "sigmoid", ("sigmoid({0}) · (1 - sigmoid({0}))",), "sigmoid")
RELU = Op("relu", "relu({0})", "relu", ("1 if {0} > 0 else 0",), "relu")
LEAKY_RELU = Op("leaky_relu", "leaky_relu({0}, {c})", "leaky_relu", ("1 if {0} > 0 else {c}",), "leaky_relu")
SIN = Op("sin", "sin({0})", "sin", ("cos({0})",), "sin")
COS = Op("cos", "cos({0})", "cos", ("-sin({0})",), "cos")
ABS = Op("abs", "abs({0})", "abs", ("sign({0})",), "abs")
SUM = Op("sum", "sum({*})", "sum", ("1",))
DOT = Op("dot", "dot({*})", "dot", ("the other factor of its product (xᵢ for wᵢ, wᵢ for xᵢ)",))
LOGSUMEXP = Op("logsumexp", "logsumexp({*})", "logsumexp", ("softmax(x)ᵢ",))
LOG_SOFTMAX = Op("log_softmax", "log_softmax({*})", "log_softmax", ("δᵢⱼ − softmax(x)ⱼ",))
SOFTMAX = Op("softmax", "softmax({*})", "softmax", ("sᵢ(δᵢⱼ − sⱼ)",))

# Each op's record by its name (the form with no constant folded in), and the records of ops defined outside.
_ALL_VALUE_FORMS = (ADD, SUB, MUL, DIV, POW, NEG, EXP, LOG, SQRT, TANH, SIGMOID, RELU, LEAKY_RELU, SIN, COS, ABS)
NAMED: dict[str, Op] = {op.name: op for op in (*_ALL_VALUE_FORMS, SUM, DOT, LOGSUMEXP, LOG_SOFTMAX, SOFTMAX)}


def named(name: str) -> Op:
    """The record of the op called `name`: ours, or (made once) the record of an op defined outside the engine."""
    if name not in NAMED:
        NAMED[name] = Op(name, f"{name}({{*}})", name, (f"∂{name}/∂input",))
    return NAMED[name]


# The functions an expression can call (`tanh(x)`), by name: the command line's parser and help read these.
FUNCTIONS: dict[str, Op] = {op.function: op for op in (ABS, COS, EXP, LEAKY_RELU, LOG, RELU, SIGMOID, SIN, SQRT, TANH)}


def add(x: Value, y: Operand) -> Value:
    """x + y; ∂/∂x = 1, ∂/∂y = 1."""
    if type(y) is Value:
        return result(ADD, x.data + y.data, (x, y), (1.0, 1.0))
    c = constant(y, "+")
    return result(ADD_CONSTANT, x.data + c, (x,), (1.0,), c)


def sub(x: Value, y: Operand) -> Value:
    """x − y; ∂/∂x = 1, ∂/∂y = −1."""
    if type(y) is Value:
        return result(SUB, x.data - y.data, (x, y), (1.0, -1.0))
    c = constant(y, "-")
    return result(SUB_CONSTANT, x.data - c, (x,), (1.0,), c)


def rsub(y: Value, c: Operand) -> Value:
    """c − y for a constant c; ∂/∂y = −1."""
    a = constant(c, "-")
    return result(CONSTANT_SUB, a - y.data, (y,), (-1.0,), a)


def mul(x: Value, y: Operand) -> Value:
    """x · y; ∂/∂x = y, ∂/∂y = x."""
    if type(y) is Value:
        return result(MUL, x.data * y.data, (x, y), (y.data, x.data))
    c = constant(y, "*")
    return result(MUL_CONSTANT, x.data * c, (x,), (c,), c)


def div(x: Value, y: Operand) -> Value:
    """x / y; ∂/∂x = 1/y, ∂/∂y = −x/y² = −(x/y)/y."""
    b = data_of(y, "/")
    q = n.div(x.data, b)
    if type(y) is Value:
        return result(DIV, q, (x, y), (n.div(1.0, b), -n.div(q, b)))
    return result(DIV_CONSTANT, q, (x,), (n.div(1.0, b),), b)


def rdiv(y: Value, c: Operand) -> Value:
    """c / y for a constant c; ∂/∂y = −c/y² = −(c/y)/y."""
    a = constant(c, "/")
    q = n.div(a, y.data)
    return result(CONSTANT_DIV, q, (y,), (-n.div(q, y.data),), a)


def pow(x: Value, y: Operand) -> Value:  # noqa: A001  (the op's name)
    """x ** y; ∂/∂x = y·x^(y−1), ∂/∂y = x^y·ln x (0 where x = 0 and y ≥ 0, as in PyTorch)."""
    a, b = x.data, data_of(y, "**")
    p = n.power(a, b)
    dx = 0.0 if b == 0.0 else b * n.power(a, b - 1.0)  # x⁰ = 1 is flat, even at x = 0
    if type(y) is Value:
        return result(POW, p, (x, y), (dx, _dpow_dexponent(a, b, p)))
    return result(POW_CONSTANT, p, (x,), (dx,), b)  # a constant exponent: no ∂/∂y (ln x is nan for x < 0)


def rpow(y: Value, c: Operand) -> Value:
    """c ** y for a constant base c; ∂/∂y = c^y·ln c."""
    a, b = constant(c, "**"), y.data
    p = n.power(a, b)
    return result(CONSTANT_POW, p, (y,), (_dpow_dexponent(a, b, p),), a)


def _dpow_dexponent(a: float, b: float, p: float) -> float:
    """∂(a^b)/∂b = a^b·ln a, taken as 0 at a = 0, b ≥ 0 (PyTorch's convention)."""
    return 0.0 if a == 0.0 and b >= 0.0 else p * n.log(a)


def neg(x: Value) -> Value:
    """−x; ∂/∂x = −1."""
    return result(NEG, -x.data, (x,), (-1.0,))


def exp(x: Value) -> Value:
    """e^x; ∂/∂x = e^x (the output, reused)."""
    e = n.exp(x.data)
    return result(EXP, e, (x,), (e,))


def log(x: Value) -> Value:
    """ln x; ∂/∂x = 1/x."""
    return result(LOG, n.log(x.data), (x,), (n.div(1.0, x.data),))


def sqrt(x: Value) -> Value:
    """√x; ∂/∂x = 1/(2√x)."""
    r = n.sqrt(x.data)
    return result(SQRT, r, (x,), (n.div(0.5, r),))


def tanh(x: Value) -> Value:
    """tanh x; ∂/∂x = 1 − tanh² x."""
    t = math.tanh(x.data)
    return result(TANH, t, (x,), (1.0 - t * t,))


def sigmoid(x: Value) -> Value:
    """σ(x) = 1/(1+e^−x); ∂/∂x = σ(1−σ)."""
    s = n.sigmoid(x.data)
    return result(SIGMOID, s, (x,), (s * (1.0 - s),))


def relu(x: Value) -> Value:
    """max(0, x); ∂/∂x = 0 for x ≤ 0, else 1."""
    a = x.data
    if a <= 0.0:
        return result(RELU, 0.0, (x,), (0.0,))
    return result(RELU, a, (x,), (1.0,))  # also for nan: relu(nan) is nan, as in NumPy and PyTorch


def leaky_relu(x: Value, slope: float = 0.01) -> Value:
    """x for x > 0, else slope·x; ∂/∂x = 1 for x > 0, else slope."""
    a, s = x.data, n.as_real(slope, "leaky_relu() slope")
    return result(LEAKY_RELU, a if a > 0.0 else s * a, (x,), (1.0 if a > 0.0 else s,), s)


def sin(x: Value) -> Value:
    """sin x; ∂/∂x = cos x."""
    return result(SIN, n.sin(x.data), (x,), (n.cos(x.data),))


def cos(x: Value) -> Value:
    """cos x; ∂/∂x = −sin x."""
    return result(COS, n.cos(x.data), (x,), (-n.sin(x.data),))


def abs(x: Value) -> Value:  # noqa: A001  (the op's name)
    """|x|; ∂/∂x = sign x (0 at x = 0, as in PyTorch)."""
    a = x.data
    return result(ABS, builtins.abs(a), (x,), (1.0 if a > 0.0 else -1.0 if a < 0.0 else 0.0,))


# n-ary ops: one node for many inputs keeps a neuron's graph small and fast.


def sum(values: Iterable[Operand]) -> Value:  # noqa: A001  (the op's name)
    """Σ xᵢ as ONE node; ∂/∂xᵢ = 1."""
    xs = list(values)
    return _nary(SUM, n.fsum(_numbers(xs, "sum")), xs, [1.0] * len(xs))


def dot(ws: Sequence[Operand], xs: Sequence[Operand]) -> Value:
    """Σ wᵢ·xᵢ as ONE node; ∂/∂wᵢ = xᵢ, ∂/∂xᵢ = wᵢ. Its inputs are (w₁ … wₙ, x₁ … xₙ)."""
    if len(ws) != len(xs):
        raise ValueError(f"dot() needs two sequences of the same length, got {len(ws)} and {len(xs)}")
    if {*map(type, ws), *map(type, xs)} == {Value}:  # a neuron's case, most of a forward pass: no call per operand
        w_data, x_data = [w.data for w in ws], [x.data for x in xs]
        # operator.mul, not float.__mul__: a learner's `p.data = 0` makes an int (and it is no slower)
        return result(DOT, builtins.sum(map(operator.mul, w_data, x_data)), (*ws, *xs), (*x_data, *w_data))
    w_data, x_data = _numbers(ws, "dot"), _numbers(xs, "dot")
    return _nary(DOT, builtins.sum(map(operator.mul, w_data, x_data)), [*ws, *xs], [*x_data, *w_data])


def dots(rows: Sequence[Sequence[Operand]], xs: Sequence[Operand]) -> Iterator[Value]:
    """dot(w, xs) for each row w in turn: the same nodes as `dot`, with the operands checked and xs read once.

    A layer's neurons all read the same xs. Lazy, a row at a time: a layer makes each neuron's `+ b` and
    activation before the next neuron's dot, so its graph is node for node the one that calling dot makes.
    """
    n_in = len(xs)
    rows_of_values = {*map(type, chain.from_iterable(rows))} == {Value} and all(len(ws) == n_in for ws in rows)
    kinds = {*map(type, xs)} if rows_of_values else None  # None: any other case, and its errors, as dot has them
    # (A list comprehension reads .data faster than map(attrgetter("data")): 306 against 513 ns for 16 Values.)
    if kinds == {Value}:  # a hidden layer's input
        x_data, x_inputs = tuple([x.data for x in xs]), tuple(xs)
        for ws in rows:
            w_data = tuple([w.data for w in ws])
            yield result(DOT, builtins.sum(map(operator.mul, w_data, x_data)), tuple(ws) + x_inputs, x_data + w_data)
    elif kinds == {float}:  # the first layer's input: constants, folded into the op (dot keeps only the ws)
        x_data = tuple(xs)
        for ws in rows:
            yield result(DOT, builtins.sum(map(operator.mul, [w.data for w in ws], x_data)), tuple(ws), x_data)
    else:
        for ws in rows:
            yield dot(ws, xs)


def logsumexp(values: Iterable[Operand]) -> Value:
    """log Σ e^xᵢ, stable for inputs of ±1000; ∂/∂xᵢ = e^xᵢ / Σ e^xⱼ = softmax(x)ᵢ."""
    xs, data = _nonempty(values, "logsumexp")
    m, exps, total = _shifted_exps(data)
    return _nary(LOGSUMEXP, m + n.log(total), xs, [e / total for e in exps])


def log_softmax(values: Iterable[Operand]) -> list[Value]:
    """xᵢ − logsumexp(x) for each i, stable; ∂outᵢ/∂xⱼ = δᵢⱼ − softmax(x)ⱼ."""
    xs, data = _nonempty(values, "log_softmax")
    m, exps, total = _shifted_exps(data)
    log_total = n.log(total)
    probs = [e / total for e in exps]
    # (xᵢ − m) − log Σ, not xᵢ − (m + log Σ): rounding m + log Σ at the size of m would lose digits
    return [
        _nary(LOG_SOFTMAX, (a - m) - log_total, xs, [float(i == j) - p for j, p in enumerate(probs)])
        for i, a in enumerate(data)
    ]


def softmax(values: Iterable[Operand]) -> list[Value]:
    """sᵢ = e^xᵢ / Σ e^xⱼ for each i, stable; ∂sᵢ/∂xⱼ = sᵢ(δᵢⱼ − sⱼ)."""
    xs, data = _nonempty(values, "softmax")
    _, exps, total = _shifted_exps(data)
    probs = [e / total for e in exps]
    return [_nary(SOFTMAX, s, xs, [s * (float(i == j) - p) for j, p in enumerate(probs)]) for i, s in enumerate(probs)]


# An op written outside the engine: the lecture's exercise of adding sin, in one line.


def node(op: str, data: float, inputs: Sequence[Value], local_grads: Sequence[float]) -> Value:
    """A new node made by `op` from `inputs`, with value `data` and ∂node/∂inputᵢ = `local_grads[i]`.

    The public way to write a new op: `node("sin", math.sin(x.data), [x], [math.cos(x.data)])`. It
    records like any op (a leaf inside `no_grad()`, checked inside `detect_anomaly()`), and backward,
    the Stepper, explain and the diagrams treat it as one.
    """
    if not isinstance(op, str) or not op:
        raise TypeError(f"node() op must be a non-empty name (a str), got {op!r}")
    if isinstance(inputs, Value) or not isinstance(inputs, Sequence) or not all(type(x) is Value for x in inputs):
        raise TypeError(f"node() inputs must be a list or tuple of Values, got {inputs!r}")
    if isinstance(local_grads, str) or not isinstance(local_grads, Sequence) or len(local_grads) != len(inputs):
        raise ValueError(
            f"node() needs one local derivative per input: {len(inputs)} inputs, got local_grads={local_grads!r}"
        )
    grads = tuple(n.as_real(d, "node() local_grads") for d in local_grads)
    return result(named(op), n.as_real(data, "node() data"), tuple(inputs), grads)


def _nary(op: Op, out: float, operands: list[Operand], grads: list[float]) -> Value:
    """The node op(operands); plain-number operands are constants and not inputs."""
    if {*map(type, operands)} == {Value}:
        return result(op, out, tuple(operands), tuple(grads))
    kept = [(v, d) for v, d in zip(operands, grads) if type(v) is Value]
    inputs, local_grads = zip(*kept) if kept else ((), ())
    return result(op, out, inputs, local_grads)


def _numbers(values: Sequence[Operand], op: str) -> list[float]:
    """The numbers behind operands; one type check for the whole list in the usual all-Value/all-float cases."""
    kinds = {*map(type, values)}
    if kinds == {Value}:
        return [v.data for v in values]
    if kinds == {float}:
        return list(values)
    return [data_of(v, op) for v in values]


def _nonempty(values: Iterable[Operand], op: str) -> tuple[list[Operand], list[float]]:
    """The operands as a list and the numbers behind them; a ValueError for none."""
    xs = list(values)
    if not xs:
        raise ValueError(f"{op}() needs at least one value, got an empty sequence")
    return xs, _numbers(xs, op)


def _shifted_exps(data: list[float]) -> tuple[float, list[float], float]:
    """(m, [e^(xᵢ − m)], Σ e^(xᵢ − m)) for m = max x: no exponent is > 0, and the sum is ≥ 1.

    With a non-finite max there is nothing to shift by: the sum is taken as 1, so logsumexp is m.
    """
    m = max(data)
    exps = [n.exp(a - m) for a in data]
    return m, exps, math.fsum(exps) if math.isfinite(m) else 1.0


# Value's operators and math methods are these functions themselves.
Value.__add__ = Value.__radd__ = add
Value.__sub__, Value.__rsub__ = sub, rsub
Value.__mul__ = Value.__rmul__ = mul
Value.__truediv__, Value.__rtruediv__ = div, rdiv
Value.__pow__, Value.__rpow__ = pow, rpow
Value.__neg__ = neg
Value.__abs__ = Value.abs = abs
Value.exp, Value.log, Value.sqrt = exp, log, sqrt
Value.tanh, Value.sigmoid, Value.relu, Value.leaky_relu = tanh, sigmoid, relu, leaky_relu
Value.sin, Value.cos = sin, cos
