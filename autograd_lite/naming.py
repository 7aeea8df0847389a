"""Names for the nodes of a graph and the formulas that define them: the symbols Stepper, explain, the CLI and
diagrams share. What an op looks like comes from its record (`ops.py`); nothing here re-derives it."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING

from autograd_lite.graph import topological_order
from autograd_lite.record import written
from autograd_lite.text import number, product

if TYPE_CHECKING:
    from autograd_lite.value import Value


def node_names(root: Value) -> dict[Value, str]:
    """One symbol per node of `root`'s graph: its label, else `n<i>` with i its position in topological order;
    an unlabelled root that is not a leaf is `out`.

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
        name = "out" if v is root and v.inputs else f"n{i}"
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


def _outline(node: Value) -> str:
    """The op that made `node` without its inputs' names: `tanh(…)`, `… * 2`, `sum(…)`."""
    record = node._record
    return record.write(["…"] if "{*}" in record.form else ["…"] * len(node.inputs), node._constant)


def step_line(root: str, node: Value, i: int, upstream: float, names: dict[Value, str]) -> str:
    """One push of the chain rule, the total ∂root/∂· beside the op's local derivative written as its formula:
    `∂e/∂d += ∂e/∂e · ∂(d * c)/∂d = 1 · c = 1 · (-10) = -10` (shared by Stepper and detect_anomaly)."""
    x, d = names[node.inputs[i]], node.local_grads[i]
    line = f"∂{root}/∂{x} += ∂{root}/∂{names[node]} · ∂({describe(node, names)})/∂{x} = "
    rule = local_rule(node, i, names)
    if _short_formula(rule) and rule != number(d):
        line += f"{number(upstream)} · {_grouped(rule)} = "
    return line + f"{product((upstream, d))} = {number(d * upstream)}"


def _grouped(rule: str) -> str:
    """A rule as a factor: in parentheses when it is a sum, a quotient or a choice, `1 · (1 - tanh(x)²)`."""
    return f"({rule})" if any(op in rule for op in (" + ", " - ", " / ", " if ")) and not rule.startswith("(") else rule


def _short_formula(rule: str) -> bool:
    """A derivative rule short enough to write inside a step line (not dot's or softmax's prose)."""
    return len(rule) <= 30 and not any(mark in rule for mark in ("the ", "ᵢ", "∂"))


def op_symbol(node: Value) -> str:
    """How a diagram writes the op of `node` in its op node: `×` for *, `tanh` for tanh; "" for a leaf."""
    return node._record.symbol


MAX_DEFINED = 12  # a "where" line defines at most this many unlabelled nodes by their formulas
WIDTH = 100  # a "where" line longer than this goes on under itself


def where(shown: Iterable[Value], names: dict[Value, str], complete: bool = False) -> str:
    """`where n6 = x ** 2, n2 = Value(0.7)`: a definition of every unlabelled node among `shown`, and of every
    unlabelled node those definitions name in turn (the shown ones first, each once); "" when all are labelled.

    A leaf is defined by its value. Past MAX_DEFINED definitions it stops and says there are more, and how to
    see them. `complete=True` never leaves a printed name undefined: a node whose formula would name more
    nodes than MAX_DEFINED allows is defined by its op and value instead, `n14 = tanh(…) = 0.4521`.
    """
    done: dict[Value, str] = {}
    queue = deque(v for v in dict.fromkeys(shown) if not v.label)
    queued = set(queue)
    more = False
    while queue:
        v = queue.popleft()
        if len(done) == MAX_DEFINED and not complete:
            more = True
            break
        new = [x for x in dict.fromkeys(written(v.inputs)) if not x.label and x not in queued]
        if complete and v.op and len(queued) + len(new) > MAX_DEFINED:
            done[v] = f"{names[v]} = {_outline(v)} = {number(v.data)}"  # names no further node
            continue
        done[v] = f"{names[v]} = {describe(v, names) if v.op else f'Value({number(v.data)})'}"
        queue.extend(new)
        queued.update(new)
    if not done:
        return ""
    items = list(done.values())
    if more:
        items.append("… (more unlabelled nodes: give them labels to see them)")
    lines = ["where"]
    for item in items:  # lines of at most WIDTH characters, continued under the first definition
        if len(lines[-1]) + len(item) > WIDTH and lines[-1] != "where":
            lines[-1] += ","
            lines.append("     ")
        elif lines[-1] not in ("where", "     "):
            lines[-1] += ","
        lines[-1] += f" {item}"
    return "\n".join(lines)


def where_under(shown: Iterable[Value], names: dict[Value, str]) -> str:
    """The complete "where" line for `shown`, indented to go under a heading: "\n  where n4 = n3 + c", or ""."""
    definitions = where(shown, names, complete=True)
    return "\n  " + definitions.replace("\n", "\n  ") if definitions else ""
