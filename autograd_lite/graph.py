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

    Returns the nodes the pass pushes gradients from, root first and each before its inputs: the op nodes
    only (a leaf has nothing to push to), and a leaf root alone. Shared by `backward` and `Stepper`, so that
    stepping to the end gives exactly backward's grads.

    The walk is `reverse_topological_order`'s, made lean for the hot path: the pass's own 0.0 (a new float
    object, so no node holds it before) is its mark — a node whose grad *is* it was found already — in place
    of a set of seen nodes; leaves are never collected; inputs are visited newest first, so a chain or a fold
    is discovered already sorted and the sort only confirms it (linear time).
    """
    zero = float("0")  # this pass's mark; == 0.0, so marking a node also zeroes its grad
    found = [root]
    stack = [root]
    collect, visit, take = found.append, stack.append, stack.pop
    while stack:
        for x in reversed(take().inputs):
            if x.grad is not zero and x.inputs:
                x.grad = zero
                collect(x)
                visit(x)
    found.sort(key=_creation_number, reverse=True)
    root.grad = 1.0 if root.inputs else root.grad + 1.0
    return found
