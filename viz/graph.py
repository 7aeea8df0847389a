"""`draw_graph`: a computational graph as a Graphviz diagram of value records, op nodes and local derivatives."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import graphviz

from autograd_lite.foreign import is_foreign_node, read_graph
from autograd_lite.graph import topological_order
from autograd_lite.naming import describe, node_names, op_symbol
from autograd_lite.stepper import Stepper
from autograd_lite.value import Value
from autograd_lite.viz.diagram import Diagram
from autograd_lite.viz.progress import ACTIVE, FINAL, PARTIAL, WAITING, progress
from autograd_lite.viz.text import markup, number, short_name
from autograd_lite.viz.theme import fill_and_border, palette

# The one place that says how a diagram looks (colours from viz.theme).
FONT = "Helvetica"


def _record_style(theme: str, role: str, text: str = "ink", grad: str = "grad", style: str = "rounded") -> dict:
    colours = palette(theme)
    fill, border = fill_and_border(theme, role)
    return {"fill": fill, "border": border, "text": colours[text], "grad": colours[grad], "style": style}


def graph_style(theme: str = "light") -> dict[str, dict[str, str]]:
    """The look of `draw_graph` in `theme` ("light" or "dark"): graph, node and edge attributes, records by role."""
    c = palette(theme)
    op = {"style": "filled", "fillcolor": c["op fill"], "color": c["op border"], "fontcolor": c["ink"]}
    return {
        "graph": {"bgcolor": c["background"], "nodesep": "0.3", "ranksep": "0.35", "pad": "0.25", "fontname": FONT},
        "node": {"shape": "plain", "fontname": FONT, "fontsize": "11", "fontcolor": c["ink"]},
        "edge": {"fontname": FONT, "fontsize": "10", "color": c["muted"], "fontcolor": c["grad"], "arrowsize": "0.6"},
        "op": {"shape": "circle", **op, "fontsize": "14", "width": "0.36", "margin": "0.02"},  # a symbol in a circle
        "named op": {  # a name (tanh, exp, dot, ...) in a small rounded box
            "shape": "box",
            **op,
            "style": "rounded,filled",
            "fontsize": "11",
            "width": "0.3",
            "height": "0.3",
            "margin": "0.06,0.03",
        },
        # Records by role:
        "leaf": _record_style(theme, "leaf"),  # inputs: blue
        "parameter": _record_style(theme, "parameter"),  # learned leaves: violet
        "inner": _record_style(theme, "inner"),  # intermediate results: grey
        "output": _record_style(theme, "output"),  # the root: amber
        "emphasis": _record_style(theme, "emphasis"),  # highlight=Value(s): pink
        # ... and, when highlight is a Stepper, by progress of the backward pass; told apart by fill
        # lightness and border style as well as by hue:
        ACTIVE: _record_style(theme, ACTIVE, "active text", "active text"),  # just pushed: dark vermillion
        FINAL: _record_style(theme, FINAL),  # grad final: light bluish green, solid border
        PARTIAL: _record_style(theme, PARTIAL, style="rounded,dashed"),  # a partial sum: yellow, dashed
        WAITING: _record_style(theme, WAITING, "faded", "faded", style="rounded,dotted"),  # not reached: dotted
        "carrying": {
            "color": c["carrying"],
            "fontcolor": c["carrying"],
            "penwidth": "2.2",
            "dir": "back",
            "arrowtail": "normal",
        },
    }


STYLE = graph_style("light")
RANKDIRS = ("LR", "TB", "RL", "BT")
# A large graph (a network's loss) is drawn compact: stacked records, smaller type (points), tighter spacing, so
# that the loss of MLP(2, [4, 4, 1]) on one example is at most 1,440 points wide: 1920 px at 96 px per inch.
COMPACT = {"graph": {"nodesep": "0.12", "ranksep": "0.2"}, "edge": {"fontsize": "8.5"}, "name": 11, "values": 10}
COMPACT_FROM = 40  # values: with compact=None, a graph of more values is drawn compact


def checked_order(who: str, root: Value, rankdir: str, max_nodes: int, over_limit: str, theme: str) -> list[Value]:
    """`root`'s graph in topological order, once the arguments every drawing takes are checked.

    Over `max_nodes` it raises at once, with `over_limit` saying how to proceed, rather than lay out for minutes.
    """
    if type(root) is not Value:
        raise TypeError(f"{who}() takes a Value, got {type(root).__name__}: {root!r}")
    if rankdir not in RANKDIRS:
        raise ValueError(f"rankdir must be one of {', '.join(RANKDIRS)}, got {rankdir!r}")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"max_nodes must be a positive int, got {max_nodes!r}")
    palette(theme)  # raises for an unknown theme
    order = topological_order(root)
    if len(order) > max_nodes:
        raise ValueError(f"graph has {len(order)} nodes, more than max_nodes={max_nodes}{over_limit}")
    return order


def draw_graph(
    root: Value,
    *,
    rankdir: str = "LR",
    show_grad: bool = True,
    show_local_grads: bool = True,
    highlight: object = None,
    max_nodes: int = 500,
    parameters: Iterable[Value] = (),
    theme: str = "light",
    compact: bool | None = None,
) -> Diagram:
    """The graph of `root`: a record (name | data | grad) per Value, an op node between a result and its inputs.

    Legend:
      - blue record: a leaf (an input); violet: a leaf listed in `parameters` (learned weights);
        grey: an intermediate result; amber, thick border: `root`, the output; pink: a Value in `highlight`.
      - small circle: the op that made the record it points to (`+ − × ÷ ^`), or a box with its name
        (`tanh`, `exp`, `dot`, ...).
      - red number on an edge: the local derivative ∂out/∂in stored in `out.local_grads` (`show_local_grads`).
      - red "grad": ∂root/∂value (`show_grad`). Names are `autograd_lite.naming.node_names(root)`, the
        ones Stepper and explain print: a Value's label, else n<i> with i its topological position; an
        `autograd_lite.nn` parameter's name is written as a teacher writes it, W1[0,1] for
        layers.0.neurons.0.w.1 and b2[3] for layers.1.neurons.3.b (the full name is the tooltip).
    With `highlight=stepper` (a Stepper of `root`) the colours show the backward pass so far:
      - dark vermillion fill: the node whose gradient the last step pushed, and thick vermillion edges
        that carried it, with arrows pointing back to the inputs that received it;
      - bluish green, solid border: grad final (every path from the root has reached the node);
      - yellow, dashed border: grad still a partial sum (a node used more than once, reached by some paths);
      - faded, dotted border: not reached yet.
    `theme` "light" (white background) or "dark"; the colours are colour-blind safe (Okabe–Ito).
    `compact` (default: when the graph has more than 40 values) stacks each record (name over data over
    ∇ grad) and sets smaller type, so that a small network's loss fits a slide.
    A constant in an expression (`x * 2`) is folded into its op and is not drawn: only its effect is, in
    the op's output and the local derivative (2 on the edge from x).
    Over `max_nodes` Values it raises ValueError at once rather than lay out for minutes.
    A micrograd-style `root` (micrograd's Value, the lecture's class) is drawn as `from_micrograd` reads it,
    grads as they are; `highlight` and `parameters` may then name its nodes.
    """
    if is_foreign_node(root):
        root, highlight, parameters = _read_foreign(root, highlight, parameters)
    order = checked_order("draw_graph", root, rankdir, max_nodes, "; raise max_nodes or draw a sub-expression", theme)
    if isinstance(highlight, Stepper):
        if highlight.root is not root:
            raise ValueError("highlight is a Stepper of another graph; draw its own: draw_graph(stepper.root, ...)")
        roles, active = progress(highlight, order), highlight.history[-1].node if highlight.history else None
    else:
        emphasised, learned = _as_values(highlight), set(parameters)
        roles, active = {v: _role(v, root, learned, emphasised) for v in order}, None
    if compact is None:
        compact = len(order) > COMPACT_FROM
    look = {"rankdir": rankdir, "theme": theme, "compact": compact}
    return Diagram(graph_source(order, roles, active, show_grad=show_grad, local=show_local_grads, **look))


def graph_source(
    order: list[Value],
    roles: Mapping[Value, str],
    active: Value | None,
    *,
    rankdir: str = "LR",
    show_grad: bool = True,
    local: bool = True,
    widths: Mapping[Value, int] | None = None,
    theme: str = "light",
    caption: str = "",
    grads: Mapping[Value, float] | None = None,
    compact: bool = False,
) -> str:
    """The DOT text of the graph `order` (topologically sorted, root last): nodes n0, n1, ... in that order.

    `roles` picks each record's style, `active` the node whose op and edges are drawn as carrying gradient,
    `widths` a minimum width in points per record (the frames of a walkthrough keep one size, so one layout),
    `caption` an HTML-like label (without the outer <>) set under the diagram, `grads` the grads to show
    instead of each Value's `.grad` (a walkthrough's frames show the grads of the moment they picture),
    `compact` the records of a large graph (`_stacked`) and tighter spacing.
    """
    style = graph_style(theme)
    root = order[-1]
    names = node_names(root)
    graph = {**style["graph"], "rankdir": rankdir, **(COMPACT["graph"] if compact else {})}
    if caption:
        graph.update(label=f"<{caption}>", labelloc="b", labeljust="l")
    dot = graphviz.Digraph("autograd_lite", graph_attr=graph)
    dot.node_attr.update(style["node"])
    dot.edge_attr.update(style["edge"], **(COMPACT["edge"] if compact else {}))
    index = {v: i for i, v in enumerate(order)}
    for i, v in enumerate(order):
        width = widths[v] if widths else 0
        name = short_name(names[v])
        # The hover text (an SVG shows the DOT id, n0 or n3_op, where there is none): `n2 = a * b`, or the name.
        tooltip = graphviz.nohtml(f"{names[v]} = {describe(v, names)}" if v.inputs else names[v])
        grad = grads[v] if grads is not None else v.grad
        cells = (name, number(v.data), number(grad) if show_grad else None)
        record = (_stacked if compact else _record)(*cells, style[roles[v]], thick=v is root, width=width)
        dot.node(f"n{i}", record, tooltip=tooltip)
        if not v.inputs:
            continue
        op, carrying = f"n{i}_op", style["carrying"] if v is active else {}
        symbol = op_symbol(v)  # from the op's record: × for *, tanh for tanh
        look = style["op" if len(symbol) <= 2 else "named op"]
        # HTML-like labels (<...>) for ops and numbers too: Graphviz measures their UTF-8 text (×, −) correctly.
        look = {**look, "color": carrying["color"], "penwidth": "2"} if carrying else look
        dot.node(op, f"<{symbol}>", tooltip=tooltip, **look)
        for x, d in zip(v.inputs, v.local_grads):
            label = {"label": f"<{number(d)}>"} if local else {}
            local_grad = graphviz.nohtml(f"∂{names[v]}/∂{names[x]} = {number(d)}")
            dot.edge(f"n{index[x]}", op, tooltip=local_grad, **label, **carrying)
        dot.edge(op, f"n{i}", tooltip=tooltip, **carrying)
    return dot.source


def _read_foreign(root: object, highlight: object, parameters: Iterable[object]) -> tuple[Value, object, list]:
    """The copy of a foreign graph, with the foreign nodes of `highlight` and `parameters` replaced by their copies."""
    graph = read_graph(root, "draw_graph")

    def ours(x: object) -> object:
        copy = graph.copy_of(x)
        return x if copy is None else copy

    if is_foreign_node(highlight):
        highlight = ours(highlight)
    elif isinstance(highlight, Iterable) and not isinstance(highlight, str | bytes | Mapping | Stepper):
        highlight = [ours(v) for v in highlight]
    return graph.root, highlight, [ours(p) for p in parameters]


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


def _record(name: str, data: str, grad: str | None, look: Mapping[str, str], thick: bool, width: int) -> str:
    """The HTML-like label of one Value, micrograd's record: name (larger) | data | grad, split by thin rules.

    Not bold: Graphviz (and graphviz-pure more so) sets <b> text on a higher baseline than its neighbours,
    and measures a font named Helvetica-Bold with Times' metrics in graphviz-pure.
    """
    cells = [f'<td sides="r"><font point-size="13" color="{look["text"]}">{markup(name)}</font></td>']
    cells.append(f'<td sides="r"><font color="{look["text"]}">data {data}</font></td>')
    if grad is not None:
        cells.append(f'<td sides="r"><font color="{look["grad"]}">grad {grad}</font></td>')
    cells[-1] = cells[-1].replace('sides="r"', 'border="0"', 1)
    return f"<<{_table(look, thick, width, padding=4)}><tr>{''.join(cells)}</tr></table>>"


def _stacked(name: str, data: str, grad: str | None, look: Mapping[str, str], thick: bool, width: int) -> str:
    """A compact record for a large graph: the name over its data over ∇ grad, a third as wide as `_record`."""
    size, name_size = COMPACT["values"], COMPACT["name"]
    rows = [f'<tr><td sides="b"><font point-size="{name_size}" color="{look["text"]}">{markup(name)}</font></td></tr>']
    rows.append(f'<tr><td border="0"><font point-size="{size}" color="{look["text"]}">{data}</font></td></tr>')
    if grad is not None:
        rows.append(f'<tr><td border="0"><font point-size="{size}" color="{look["grad"]}">∇ {grad}</font></td></tr>')
    return f"<<{_table(look, thick, width, padding=1)}>{''.join(rows)}</table>>"


def _table(look: Mapping[str, str], thick: bool, width: int, padding: int) -> str:
    """The opening <table ...> of a record (without the <): its border, colours and reserved width."""
    table = f'table border="{2 if thick else 1}" cellborder="1" cellspacing="0" cellpadding="{padding}"'
    table += f' width="{width}"' if width else ""
    return f'{table} style="{look["style"]}" bgcolor="{look["fill"]}" color="{look["border"]}"'
