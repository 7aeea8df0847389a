"""`backward()`: the chain rule from the root back to every node, in reverse topological order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autograd_lite.anomaly import checked_backward
from autograd_lite.grad_mode import grad_mode
from autograd_lite.graph import start_backward

if TYPE_CHECKING:
    from autograd_lite.value import Value


def backward(root: Value) -> None:
    """Fill `.grad` of every node `root` depends on with ∂root/∂node.

    Leaves accumulate (a second call adds one more gradient); intermediate grads are
    recomputed from zero on every call. Inside `detect_anomaly()` the first gradient that a
    step makes non-finite raises FloatingPointError (grads pushed until then stay).
    """
    order = start_backward(root)
    if grad_mode.anomaly:  # checked once per call; the loop below stays as lean as it can be
        checked_backward(root, order)
        return
    for v in order:
        g = v.grad
        for x, d in zip(v.inputs, v.local_grads):
            x.grad += d * g
