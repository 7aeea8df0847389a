"""`draw_graph`: a computational graph as a Graphviz diagram of value records, op nodes and local derivatives."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import graphviz
from autograd_lite.viz.diagram import Diagram
from autograd_lite.viz.text import markup, number

from autograd_lite.graph import topological_order
from autograd_lite.value import Value

# The one place that says how a diagram looks. A role's colours: (fill, border, text).
FONT = "Helvetica"
STYLE: dict[str, dict[str, str] | tuple[str, str, str]] = {
    "graph": {"bgcolor": "white", "nodesep": "0.3", "ranksep": "0.35", "pad": "0.25", "fontname": FONT},
    "node": {"shape": "plain", "fontname": FONT, "fontsize": "11"},
    "edge": {"fontname": FONT, "fontsize": "10", "color": "#64748b", "fontcolor": "#b91c1c", "arrowsize": "0.6"},
    "op": {  # a symbol in a small circle
        "shape": "circle",
        "style": "filled",
        "fillcolor": "#f8fafc",
        "color": "#475569",
        "fontsize": "14",
        "width": "0.36",
        "margin": "0.02",
    },
    "named op": {  # a name (tanh, exp, dot, ...) in a small rounded box
        "shape": "box",
        "style": "rounded,filled",
        "fillcolor": "#f8fafc",
        "color": "#475569",
        "fontsize": "11",
        "width": "0.3",
        "height": "0.3",
        "margin": "0.06,0.03",
    },
    "leaf": ("#dbeafe", "#1d4ed8", "#0f172a"),  # inputs: blue
    "parameter": ("#ede9fe", "#6d28d9", "#0f172a"),  # learnable leaves: violet
    "inner": ("#f1f5f9", "#64748b", "#0f172a"),  # intermediate results: grey
    "output": ("#fef3c7", "#b45309", "#0f172a"),  # the root: amber
    "emphasis": ("#fce7f3", "#be185d", "#0f172a"),  # highlight=...: pink
    "grad": ("", "", "#b91c1c"),  # the grad line: red text
}
# How ops are written in their node: the same names as `Value.op`, arithmetic as a mathematician writes it.
OP_SYMBOLS = {"+": "+", "-": "−", "*": "×", "/": "÷", "**": "^", "neg": "−x"}
RANKDIRS = ("LR", "TB", "RL", "BT")


def draw_graph(
    root: Value,
    *,
    rankdir: str = "LR",
    show_grad: bool = True,
    show_local_grads: bool = True,
    highlight: object = None,
    max_nodes: int = 500,
    parameters: Iterable[Value] = (),
) -> Diagram:
    """The graph of `root`: a record (name | data | grad) per Value, an op node between a result and its inputs.

    Legend:
      - blue record: a leaf (an input); violet: a leaf listed in `parameters` (learned weights);
        grey: an intermediate result; amber, thick border: `root`, the output; pink: a Value in `highlight`.
      - small circle: the op that made the record to its right (`+ − × ÷ ^`, or its name: `tanh`, `exp`, `dot`, ...).
      - edge label (red): the local derivative ∂out/∂in stored in `out.local_grads` (`show_local_grads`).
      - a record's red line: its `grad`, ∂root/∂value (`show_grad`).
    A constant in an expression (`x * 2`) is folded into its op and is not drawn: only its effect is, in the
    op's output and the local derivative (2 on the edge from x).
    `highlight` is a Value or a collection of Values to emphasise, or a `Stepper` (its current state: see
    `autograd_lite.viz.stepper`). Over `max_nodes` Values it raises ValueError rather than lay out for minutes.
    """
    if type(root) is not Value:
        raise TypeError(f"draw_graph() takes a Value, got {type(root).__name__}: {root!r}")
    if rankdir not in RANKDIRS:
        raise ValueError(f"rankdir must be one of {', '.join(RANKDIRS)}, got {rankdir!r}")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"max_nodes must be a positive int, got {max_nodes!r}")
    order = topological_order(root)
    if len(order) > max_nodes:
        raise ValueError(
            f"graph has {len(order)} nodes, more than max_nodes={max_nodes}; raise max_nodes or draw a sub-expression"
        )
    emphasised = _as_values(highlight)
    learned = set(parameters)
    names = {v: v.label for v in order}
    roles = {v: _role(v, root, learned, emphasised) for v in order}

    dot = graphviz.Digraph("autograd_lite", graph_attr={**STYLE["graph"], "rankdir": rankdir})
    dot.node_attr.update(STYLE["node"])
    dot.edge_attr.update(STYLE["edge"])
    index = {v: i for i, v in enumerate(order)}
    for i, v in enumerate(order):
        dot.node(f"n{i}", _record(names[v], v, STYLE[roles[v]], show_grad, thick=v is root))
        if not v.inputs:
            continue
        op = f"n{i}_op"
        symbol = OP_SYMBOLS.get(v.op, v.op)
        dot.node(op, symbol, **STYLE["op" if len(symbol) <= 2 else "named op"])
        for x, d in zip(v.inputs, v.local_grads):
            label = {"label": number(d)} if show_local_grads else {}
            dot.edge(f"n{index[x]}", op, **label)
        dot.edge(op, f"n{i}")
    return Diagram(dot.source)


def _as_values(highlight: object) -> set[Value]:
    """The Values `highlight` asks to emphasise."""
    if highlight is None:
        return set()
    if type(highlight) is Value:
        return {highlight}
    if isinstance(highlight, Iterable) and not isinstance(highlight, str | bytes | Mapping):
        values = list(highlight)
        if all(type(v) is Value for v in values):
            return set(values)
    raise TypeError(
        f"highlight must be a Value, a collection of Values or a Stepper, got {type(highlight).__name__}: {highlight!r}"
    )


def _role(v: Value, root: Value, learned: set[Value], emphasised: set[Value]) -> str:
    if v in emphasised:
        return "emphasis"
    if v is root:
        return "output"
    if v.inputs:
        return "inner"
    return "parameter" if v in learned else "leaf"


def _record(name: str, v: Value, colours: tuple[str, str, str], show_grad: bool, thick: bool) -> str:
    """The HTML-like label of one Value, micrograd's record: name (bold) | data | grad, split by thin rules."""
    fill, border, text = colours
    cells = [f'<font point-size="13" color="{text}"><b>{markup(name)}</b></font>'] if name else []
    cells.append(f'<font color="{text}">data {number(v.data)}</font>')
    if show_grad:
        cells.append(f'<font color="{STYLE["grad"][2]}">grad {number(v.grad)}</font>')
    row = "".join(f'<td sides="r">{c}</td>' for c in cells[:-1]) + f'<td border="0">{cells[-1]}</td>'
    return (
        f'<<table border="{2 if thick else 1}" cellborder="1" cellspacing="0" cellpadding="4" style="rounded" '
        f'bgcolor="{fill}" color="{border}"><tr>{row}</tr></table>>'
    )
