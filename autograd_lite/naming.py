"""Names for the nodes of a graph and the formulas that define them: the symbols Stepper, explain, the CLI and
diagrams share. What an op looks like comes from its record (`ops.py`); nothing here re-derives it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autograd_lite.graph import topological_order

if TYPE_CHECKING:
    from autograd_lite.value import Value


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


def describe(node: Value, names: dict[Value, str]) -> str:
    """The op that made `node`, written with its inputs' names: `d * c`, `tanh(n2)`, `x + 1`, `sum(a, b, c)`."""
    if not node.op:
        return names[node]
    return node._record.write([names[x] for x in node.inputs], node._constant)


def local_rule(node: Value, i: int, names: dict[Value, str]) -> str:
    """The local derivative ∂node/∂(input i) as a formula of the inputs' names: for `e = d * c`, input 0 gives `c`."""
    return node._record.rule(i, [names[x] for x in node.inputs], node._constant)


def op_symbol(node: Value) -> str:
    """How a diagram writes the op of `node` in its op node: `×` for *, `tanh` for tanh; "" for a leaf."""
    return node._record.symbol
