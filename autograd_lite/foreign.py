"""Graphs built by micrograd or by the lecture's own `Value` class, read into autograd-lite Values.

A micrograd-style node is any object with `data`, `grad`, `_prev` (its inputs) and `_op` (the op's
name, `""` for a leaf), and optionally `label`. Its derivative lives in a closure (`_backward`) that
cannot be read, so each local derivative is recomputed from `_op` and the data, the way micrograd's
closure computes it. Reading only looks: the foreign graph is never changed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from autograd_lite import numeric as n
from autograd_lite import ops
from autograd_lite.record import Op
from autograd_lite.value import Value

# rule(out, *inputs) → the local derivatives ∂out/∂input, one per input: numbers in, numbers out.
Rule = Callable[..., Sequence[float]]
ATTRIBUTES = ("data", "grad", "_prev", "_op")


def _add(out: float, *xs: float) -> tuple[float, ...]:
    """x + y (+ …); ∂/∂each = 1."""
    return (1.0,) * len(xs)


def _mul(out: float, x: float, y: float) -> tuple[float, float]:
    """x · y; ∂/∂x = y, ∂/∂y = x."""
    return y, x


def _tanh(out: float, x: float) -> tuple[float]:
    """tanh x; ∂/∂x = 1 − tanh² x (the output, reused, as the lecture's closure does)."""
    return (1.0 - out * out,)


def _exp(out: float, x: float) -> tuple[float]:
    """e^x; ∂/∂x = e^x (the output)."""
    return (out,)


def _relu(out: float, x: float) -> tuple[float]:
    """max(0, x); ∂/∂x = 1 where the output is > 0, else 0 (micrograd's `(out.data > 0)`)."""
    return (1.0 if out > 0.0 else 0.0,)


def _power(k: float) -> Rule:
    """x ** k for micrograd's constant exponent k (its op is written `**k`); ∂/∂x = k·x^(k−1)."""

    def rule(out: float, x: float) -> tuple[float]:
        return (0.0 if k == 0.0 else k * n.power(x, k - 1.0),)

    return rule


# micrograd's op names → (our op's record, rule). Subtraction, division and negation are built from these
# (a − b = a + b·(−1), a / b = a · b**−1), so they need no entry of their own.
RULES: dict[str, tuple[Op, Rule]] = {
    "+": (ops.ADD, _add),
    "*": (ops.MUL, _mul),
    "tanh": (ops.TANH, _tanh),
    "exp": (ops.EXP, _exp),
    "ReLU": (ops.RELU, _relu),
    "relu": (ops.RELU, _relu),
}
KNOWN = "'+', '*', '**k' (a number k), 'tanh', 'exp' and 'ReLU'"


class ForeignGraph(NamedTuple):
    """A foreign graph read into Values: `root` is the copy of its root, `copies` maps id(node) → copy."""

    root: Value
    copies: dict[int, Value]

    def copy_of(self, node: object) -> Value | None:
        """The Value that stands for the foreign `node`, or None when `node` is not in the graph."""
        return self.copies.get(id(node))


def is_foreign_node(x: object) -> bool:
    """True for a micrograd-style node: not one of our Values, with `data`, `grad`, `_prev` and `_op`."""
    return type(x) is not Value and all(hasattr(x, name) for name in ATTRIBUTES)


def from_micrograd(root: object, *, rules: Mapping[str, Rule] | None = None, keep_grads: bool = True) -> Value:
    """The graph of a micrograd-style `root` (micrograd's Value, the lecture's class) as autograd-lite Values.

    Every node becomes a Value with the same `data`, `label` and (with `keep_grads`) `grad`, and the local
    derivatives micrograd's closures would apply. `rules` adds ops it does not know:
    `rules={"sin": lambda out, x: [math.cos(x)]}` (numbers in, one derivative per input out).
    The foreign graph is only read, never changed. A Value of ours is returned as it is.
    """
    if type(root) is Value:
        return root
    return read_graph(root, "from_micrograd", rules=rules, keep_grads=keep_grads).root


def read_graph(
    root: object, who: str, *, rules: Mapping[str, Rule] | None = None, keep_grads: bool = True
) -> ForeignGraph:
    """Copy the foreign graph of `root` into Values, inputs before the nodes that use them (iterative, no recursion).

    `who` names the caller in errors. A cycle, a node that is not micrograd-style or an op without a rule
    raises at once, before anything is returned.
    """
    _check_node(root, who, None)
    extra = _checked_rules(rules)
    copies: dict[int, Value] = {}
    inputs_of: dict[int, list[object]] = {}  # nodes whose inputs are being copied: the path from root to the top
    stack = [root]
    while stack:
        v = stack[-1]
        key = id(v)
        if key in copies:
            stack.pop()
            continue
        if type(v) is Value:  # one of ours inside a foreign graph: used as it is, with its own graph
            copies[key] = v
            stack.pop()
            continue
        if key not in inputs_of:
            inputs_of[key] = children = _inputs(v, who)
            pending = [x for x in children if id(x) not in copies]
            for x in pending:
                if id(x) in inputs_of:
                    raise ValueError(f"{who}(): the graph has a cycle: {_show(x)} is an input of itself")
            if pending:
                stack.extend(reversed(pending))
                continue
        copies[key] = _copy(v, [copies[id(x)] for x in inputs_of.pop(key)], extra, keep_grads, who)
        stack.pop()
    return ForeignGraph(copies[id(root)], copies)


def _checked_rules(rules: Mapping[str, Rule] | None) -> dict[str, Rule]:
    if rules is None:
        return {}
    if not isinstance(rules, Mapping) or not all(isinstance(k, str) and callable(r) for k, r in rules.items()):
        raise TypeError(f"rules must map op names to functions rule(out, *inputs) → derivatives, got {rules!r}")
    return dict(rules)


def _check_node(x: object, who: str, user: object) -> None:
    if type(x) is Value or is_foreign_node(x):
        return
    where = f" among the inputs (_prev) of {_show(user)}" if user is not None else ""
    raise TypeError(
        f"{who}() takes a Value or a micrograd-style node (an object with data, grad, _prev and _op), "
        f"got {type(x).__name__}: {x!r}{where}"
    )


def _inputs(v: object, who: str) -> list[object]:
    """The inputs of a foreign node: `_prev` in its order, or, for a set, in a fixed order (label, then data).

    A set has no order of its own (micrograd's `_prev` is one), and the ops micrograd builds from sets do
    not depend on the order; sorting only makes a diagram come out the same every time.
    """
    prev = v._prev
    if not isinstance(prev, set | frozenset | tuple | list):
        raise TypeError(f"{who}(): {_show(v)} has _prev of type {type(prev).__name__}; expected a set or a tuple")
    for x in prev:
        _check_node(x, who, v)
    if isinstance(prev, set | frozenset):
        return sorted(prev, key=_order_key)
    return list(prev)


def _order_key(x: object) -> tuple[str, str]:
    return str(getattr(x, "label", "")), repr(x.data)


def _copy(v: object, inputs: list[Value], extra: dict[str, Rule], keep_grads: bool, who: str) -> Value:
    """A Value standing for the foreign node `v`, whose inputs' copies are `inputs`."""
    data = _number(v.data, v, "data", who)
    label = getattr(v, "label", "")
    out = Value(data, label if isinstance(label, str) else str(label))
    if keep_grads:
        out.grad = _number(v.grad, v, "grad", who)
    if not inputs:
        return out  # a leaf
    op = v._op
    if not isinstance(op, str) or not op:
        raise ValueError(f"{who}(): {_show(v)} has inputs (_prev) but no op (_op is {op!r})")
    if op in ("+", "*") and len(inputs) == 1:  # a + a, a * a: micrograd's _prev set keeps a once
        inputs = inputs * 2
    record, constant, rule = _rule(op, len(inputs), extra, v)
    # Filled in directly, not through ops' result(): a copy is a node even inside no_grad().
    out._record, out._constant = record, constant
    out.inputs, out.local_grads = tuple(inputs), _local_grads(rule, op, data, inputs, v, who)
    return out


def _rule(op: str, arity: int, extra: dict[str, Rule], v: object) -> tuple[Op, float | None, Rule]:
    """(our op's record, its folded constant, rule) for a foreign op: a user's rule first, then micrograd's ops."""
    if op in extra:
        return ops.named(op), None, extra[op]
    if op == "+" and arity > 2:  # a learner's n-ary sum
        return ops.SUM, None, _add
    if op in RULES:
        record, rule = RULES[op]
        return record, None, rule
    if op.startswith("**"):
        try:
            k = float(op[2:])
        except ValueError:
            k = math.nan
        if math.isfinite(k):
            return ops.POW_CONSTANT, k, _power(k)
    raise ValueError(
        f"unknown op {op!r} of {_show(v)}: autograd-lite knows {KNOWN}; give its local derivatives as a rule, "
        f"e.g. from_micrograd(root, rules={{{op!r}: lambda out, x: [math.cos(x)]}}) for sin, "
        "and pass the result to Stepper, explain or draw_graph"
    )


def _local_grads(rule: Rule, op: str, out: float, inputs: list[Value], v: object, who: str) -> tuple[float, ...]:
    try:
        grads = tuple(rule(out, *(x.data for x in inputs)))
    except TypeError as e:
        raise TypeError(f"{who}(): the rule for op {op!r} of {_show(v)} failed on {len(inputs)} inputs: {e}") from None
    if len(grads) != len(inputs):
        raise ValueError(
            f"{who}(): the rule for op {op!r} gave {len(grads)} derivatives for {_show(v)}, "
            f"which has {len(inputs)} inputs; give one per input"
        )
    return tuple(n.as_real(d, f"{who}(): the rule for op {op!r}") for d in grads)


def _number(x: object, v: object, what: str, who: str) -> float:
    try:
        return n.as_real(x, f"{who}(): the {what} of a node")
    except TypeError as e:
        raise TypeError(f"{e} (in {_show(v)})") from None


def _show(v: object) -> str:
    """A foreign node in an error: its class, op, label and data, without calling its own repr."""
    parts = [f"op {v._op!r}" if getattr(v, "_op", "") else "a leaf"]
    label = getattr(v, "label", "")
    if label:
        parts.append(f"label {label!r}")
    parts.append(f"data {getattr(v, 'data', '?')!r}")
    return f"the {type(v).__name__} node ({', '.join(parts)})"
