"""`backward()` and the one push: the chain rule from the root back to every node, in reverse topological order.

`push(node)` is the chain rule's one step — each input's grad += ∂node/∂input · ∂root/∂node — shared by
backward (in anomaly mode), the Stepper and explain. backward's own loop writes the same step inline, the
one place that may (it is most of backward's time); tests/engine/test_backward.py proves both give
bit-identical grads on random graphs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from autograd_lite.anomaly import backward_error, newly_non_finite
from autograd_lite.grad_mode import grad_mode
from autograd_lite.graph import start_backward
from autograd_lite.guardrails import note_backward

if TYPE_CHECKING:
    from autograd_lite.value import Value

Place = tuple["Value", int, int]  # (root, step, total steps): where a checked push is, for its error message


def push(node: Value, check: Place | None = None) -> tuple[float, ...]:
    """Push `node`'s gradient to its inputs: input.grad += local_grad · node.grad, input by input, in order.

    Returns each input's grad just before its addition (a repeated input, a * a, sees the first addition).
    With `check` (detect_anomaly), a step that would turn a finite gradient into inf or nan leaves every
    input as it was and raises FloatingPointError saying where.
    """
    g = node.grad
    before = []
    for i, (x, d) in enumerate(zip(node.inputs, node.local_grads)):
        b = x.grad
        after = b + d * g
        if check is not None and newly_non_finite(after, b, g):
            for y, was in reversed(list(zip(node.inputs, before))):
                y.grad = was
            root, step, total = check
            raise backward_error(root, node, i, g, b, step, total)
        before.append(b)
        x.grad = after
    return tuple(before)


def backward(root: Value) -> None:
    """Fill `.grad` of every node `root` depends on with ∂root/∂node.

    Leaves accumulate (a second call adds one more gradient); intermediate grads are
    recomputed from zero on every call. Inside `detect_anomaly()` the first step that would make a
    gradient non-finite raises FloatingPointError (the steps before it stay done).
    """
    note_backward(root)  # a StaleGradientWarning when backward() already ran on root and left grads
    order = start_backward(root)
    if grad_mode.anomaly:  # checked once per call; the loop below stays as lean as it can be
        steps = [v for v in order if v.inputs]
        for step, v in enumerate(steps):
            push(v, (root, step, len(steps)))
        return
    for v in order:  # push(v), inlined and unrolled for the common arities: the hot loop
        g = v.grad
        inputs = v.inputs
        if len(inputs) == 2:
            x, y = inputs
            dx, dy = v.local_grads
            x.grad += dx * g
            y.grad += dy * g
        elif len(inputs) == 1:
            inputs[0].grad += v.local_grads[0] * g
        else:
            for x, d in zip(inputs, v.local_grads):
                x.grad += d * g
