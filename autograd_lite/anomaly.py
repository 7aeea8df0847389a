"""`detect_anomaly()`: stop at the first nan or inf that an op or a backward step makes, and say where.

Only NEW non-finite numbers count: an op whose inputs were all finite but whose result is not
(`log(-1)`, `1 / 0`, `exp(1000)`), or a backward step that turns a finite gradient into inf/nan.
A value that is already inf or nan (`Value(float("inf"))`, or anything computed from it) is the
user's choice and passes silently, so the error always points at the first place things went wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from math import isfinite
from typing import TYPE_CHECKING

from autograd_lite.grad_mode import grad_mode
from autograd_lite.naming import describe, node_names, step_line
from autograd_lite.text import number

if TYPE_CHECKING:
    from autograd_lite.value import Value

MAX_SHOWN = 6  # inputs listed in a message; an n-ary op (sum, dot) can have thousands


@contextmanager
def detect_anomaly() -> Iterator[None]:
    """Inside this block the first nan/inf made from finite numbers, forward or backward, raises FloatingPointError."""
    previous = grad_mode.anomaly
    grad_mode.set(grad_mode.enabled, True)
    try:
        yield
    finally:
        grad_mode.set(grad_mode.enabled, previous)


def newly_non_finite(result: float, *sources: float) -> bool:
    """True when `result` is inf or nan but every number it was made from is finite: the one anomaly check."""
    return not isfinite(result) and all(isfinite(s) for s in sources)


def forward_error(out: Value) -> FloatingPointError:
    """The error for the node `out`, whose op made inf or nan from finite inputs."""
    names = {out: "?"}
    for i, x in enumerate(out.inputs):
        names.setdefault(x, x.label or f"x{i + 1}")
        for y in x.inputs:
            names.setdefault(y, y.label or "?")
    shown = []
    for x in dict.fromkeys(out.inputs):  # each input once, in order
        text = f"{names[x]} = {number(x.data)}"
        if not x.label:
            text += f" (unlabeled, made by {describe(x, names)})" if x.op else " (an unlabeled leaf)"
        shown.append(text)
    message = f"forward op {out.op!r} produced {number(out.data)} from finite inputs: {describe(out, names)}"
    message += " with " + _elide(shown) if shown else " (all its operands were constants)"
    if any(not x.label for x in out.inputs):
        message += "; give Values a label (Value(1.0, label='w')) to see their names here"
    return FloatingPointError(message)


def backward_error(
    root: Value, node: Value, i: int, upstream: float, before: float, step: int, total: int
) -> FloatingPointError:
    """The error for backward step `step` (0-based, of `total`) making the grad of `node`'s input `i` non-finite."""
    names = node_names(root)
    r, n, x, d = names[root], names[node], names[node.inputs[i]], node.local_grads[i]
    after = before + d * upstream
    ins = _elide([f"{names[y]} = {number(y.data)}" for y in dict.fromkeys(node.inputs)])
    return FloatingPointError(
        f"backward step {step + 1} of {total} made ∂{r}/∂{x} = {number(after)}: at {n} = {describe(node, names)}"
        f" (op {node.op!r} of {ins}), {step_line(r, node, i, upstream, names)}"
        + (f", added to {number(before)}" if before else "")
    )


def _elide(items: list[str]) -> str:
    if len(items) <= MAX_SHOWN:
        return ", ".join(items)
    return ", ".join(items[: MAX_SHOWN - 1]) + f", … ({len(items) - MAX_SHOWN + 1} more)"
