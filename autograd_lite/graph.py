"""Walking the graph: the one topological order shared by backward, stepping, explaining and drawing."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from autograd_lite.value import Value

_creation_number = attrgetter("_id")


def reverse_topological_order(root: Value) -> list[Value]:
    """Every node `root` depends on, `root` first and each node before its inputs.

    Iterative (an explicit stack, no recursion limit). A node is always created after
    its inputs, so the reachable nodes sorted by creation number, newest first, are in
    order. The depth-first discovery order is already nearly sorted (a chain is exactly
    reversed), which Python's sort finishes in linear time.
    """
    seen = {root}
    found = [root]
    stack = [root]
    while stack:
        for x in stack.pop().inputs:
            if x not in seen:
                seen.add(x)
                found.append(x)
                stack.append(x)
    found.sort(key=_creation_number, reverse=True)
    return found


def topological_order(root: Value) -> list[Value]:
    """Every node `root` depends on, each after its inputs, `root` last."""
    order = reverse_topological_order(root)
    order.reverse()
    return order


def start_backward(root: Value) -> list[Value]:
    """Begin a backward pass of `root`: every intermediate grad set to 0, ∂root/∂root = 1 (a leaf root adds 1).

    Returns `reverse_topological_order(root)`, the order the pass pushes gradients in.
    Shared by `backward` and `Stepper`, so that stepping to the end gives exactly backward's grads.
    """
    order = reverse_topological_order(root)
    for v in order:
        if v.inputs:
            v.grad = 0.0
    root.grad = 1.0 if root.inputs else root.grad + 1.0
    return order
