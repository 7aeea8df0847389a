"""Names for the nodes of a graph and compact numbers: the symbols Stepper, explain, the CLI and diagrams share."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from autograd_lite import numeric as n
from autograd_lite.graph import topological_order

if TYPE_CHECKING:
    from autograd_lite.value import Value

INFIX = {"+", "-", "*", "/", "**"}
MAX_ARGS = 8  # an n-ary op (a neuron's dot) can have hundreds of inputs: describe shows the first and last


def node_names(root: Value) -> dict[Value, str]:
    """One symbol per node of `root`'s graph: its label, else `n<i>` with i its position in topological order.

    Deterministic for the same graph: positions follow creation order. An automatic name that
    some label already uses gets primes (`n3'`) so that it never stands for two nodes.
    """
    order = topological_order(root)
    taken = {v.label for v in order if v.label}
    names = {}
    for i, v in enumerate(order):
        if v.label:
            names[v] = v.label
            continue
        name = f"n{i}"
        while name in taken:
            name += "'"
        names[v] = name
    return names


def fmt(x: float) -> str:
    """`x` in at most 4 significant digits (:.4g), compactly: -10.0 → "-10", 1e-07 → "1e-7", -0.0 → "0"."""
    if x == 0.0:
        return "0"  # also -0.0: a sign on zero only confuses a reader
    if not math.isfinite(x):
        return str(x)  # inf, -inf, nan
    text = f"{x:.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"  # 1e-07 → 1e-7, 1.5e+20 → 1.5e20
    return text


def factor(x: float) -> str:
    """`x` as a factor after `·` or `+`: negative numbers in parentheses, `1 · (-10)`."""
    text = fmt(x)
    return f"({text})" if text.startswith("-") else text


def product(numbers: list[float] | tuple[float, ...]) -> str:
    """`a · b · c` with every factor after the first parenthesised when negative: `-10 · (-2)`."""
    return " · ".join(fmt(x) if i == 0 else factor(x) for i, x in enumerate(numbers))


def describe(node: Value, names: dict[Value, str]) -> str:
    """The op that made `node`, written with its inputs' names: `d * c`, `tanh(n2)`, `x + 1`, `sum(a, b, c)`.

    A constant folded into the op is recovered from the stored numbers (`data`, the input's data and
    the local derivative); where they cannot tell it (`x ** 0`, `0 / x`) the text says "a constant".
    """
    op, ins = node.op, [names[x] for x in node.inputs]
    if not op:
        return names[node]
    if op == "neg":
        return f"-{ins[0]}"
    if op not in INFIX:
        shown = ins if len(ins) <= MAX_ARGS else [*ins[: MAX_ARGS - 2], f"… {len(ins) - MAX_ARGS + 1} more", ins[-1]]
        return f"{op}({', '.join(shown)})"
    if len(ins) == 2:
        return f"{ins[0]} {op} {ins[1]}"
    x, d = node.inputs[0], node.local_grads[0]
    if op == "*":
        return f"{ins[0]} * {factor(d)}"  # ∂(x·c)/∂x = c
    if op == "+":
        return f"{ins[0]} + {factor(node.data - x.data)}"
    if op == "-" and d > 0:  # x − c: ∂/∂x = 1
        return f"{ins[0]} - {factor(x.data - node.data)}"
    if op == "-":  # c − x: ∂/∂x = −1
        return f"{fmt(node.data + x.data)} - {ins[0]}"
    found = _constant_of(op, x.data, d, node.data)
    if found is None:
        return f"'{op}' of {ins[0]} and a constant"
    side, c = found
    return f"{ins[0]} {op} {factor(c)}" if side == "right" else f"{fmt(c)} {op} {ins[0]}"


def _constant_of(op: str, a: float, d: float, out: float) -> tuple[str, float] | None:
    """The constant folded into `/` or `**` with input a, from out and d = ∂out/∂a, when exactly one reading fits.

    a / c: d = 1/c;  c / a: d = −out/a;  a ** c: d = c·a^(c−1), so c = d·a/out;  c ** a: d = out·ln c.
    """
    if op == "/":
        right = n.div(1.0, d)
        readings = [("right", right, _close(n.div(a, right), out)), ("left", out * a, _close(d, -n.div(out, a)))]
    elif op == "**" and out and a:
        right, left = d * a / out, n.exp(n.div(d, out))
        readings = [("right", right, _close(n.power(a, right), out)), ("left", left, _close(n.power(left, a), out))]
    else:
        return None
    fitting = [(side, c) for side, c, fits in readings if fits and math.isfinite(c)]
    return fitting[0] if len(fitting) == 1 else None


def _close(x: float, y: float) -> bool:
    return x == y or abs(x - y) <= 1e-9 * max(abs(x), abs(y))
