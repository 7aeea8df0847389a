"""`draw_mlp`: a network's neurons in layers and its weights as coloured edges, at computed positions."""

from __future__ import annotations

import graphviz

from autograd_lite.nn import MLP, Layer, Neuron
from autograd_lite.value import Value
from autograd_lite.viz.diagram import Diagram
from autograd_lite.viz.text import number

# The one place that says how an MLP diagram looks. Lengths in inches.
FONT = "Helvetica"
POSITIVE, NEGATIVE, ZERO = "#2563eb", "#dc2626", "#94a3b8"  # blue, red, grey
TINTS = {POSITIVE: "#dbeafe", NEGATIVE: "#fee2e2", ZERO: "#f1f5f9"}  # a neuron's fill, by the sign of its bias
GRAD = "#b91c1c"
MLP_STYLE: dict[str, dict[str, str]] = {
    # Positions are computed here (neato with pinned nodes): a network needs no search for a layout.
    "graph": {
        "layout": "neato",
        "splines": "line",
        "overlap": "true",
        "outputorder": "edgesfirst",  # neurons and labels over the lines
        "bgcolor": "white",
        "pad": "0.3",
        "fontname": FONT,
    },
    "node": {"fontname": FONT, "fontsize": "9", "shape": "circle", "fixedsize": "true", "width": "0.8"},
    "edge": {"arrowhead": "none"},
    "input": {"style": "filled", "fillcolor": "#e2e8f0", "color": "#475569", "fontsize": "13"},
    "neuron": {"style": "filled", "color": "#334155"},
    "heading": {"shape": "plain", "fixedsize": "false", "fontsize": "12", "fontcolor": "#334155"},
    "weight label": {"shape": "plain", "fixedsize": "false", "fontsize": "8"},
}
STEP, GAP = 0.92, 2.6  # from one neuron to the next in a column; from one column to the next
HEADING = 0.75  # from the outermost neurons to the line of headings (above the columns, or left of the rows)
MAX_PENWIDTH, MIN_PENWIDTH = 3.5, 0.3
MIN_OPACITY = 0.3  # of the weakest edge; the strongest is opaque
EDGE_LABELS_UP_TO = 32  # edges; beyond that the numbers would cover each other
LABEL_NEAR, LABEL_FAR = 0.22, 0.78  # where weight labels go: fractions of the way back from the neuron fed
RANKDIRS = ("LR", "TB")
WIDE = 8  # neurons: a network with a wider layer is drawn top to bottom, to fit a 16:9 slide
EDGES = ("weight", "grad")

LayerParts = tuple[int, list[Neuron], "str | None"]  # (number of inputs, neurons, activation)


def draw_mlp(
    model: MLP | Layer | Neuron,
    *,
    rankdir: str | None = None,
    show_grad: bool | None = None,
    edges: str = "weight",
    edge_labels: bool | None = None,
    max_weights: int = 5000,
) -> Diagram:
    """The network as columns of neurons: the inputs x1…xn, then each layer, its activation in its heading.

    Legend:
      - an edge into a neuron: one of its weights w; blue for w > 0, red for w < 0, its width proportional
        to |w| / the largest |w| in the model. With `edges="grad"` the same code shows ∂L/∂w instead.
      - the number in a neuron: its bias b (2 significant digits); the neuron is tinted blue for b > 0,
        red for b < 0.
      - `show_grad` (default: when some parameter has a nonzero grad, i.e. after `loss.backward()`): the
        red "∂" line of a neuron is ∂L/∂b, and each edge's tooltip (hover in the SVG) gives w and ∂L/∂w.
      - `edge_labels` (default: when there are at most 32 edges): w (and ∂L/∂w) written on each edge.
    `rankdir` "LR" puts the layers left to right, "TB" top to bottom; by default LR, or TB when a layer
    has more than 8 neurons (MLP(2, [16, 16, 1]) then fits a 16:9 slide). Over `max_weights` edges it
    raises ValueError: such a picture is a grey blur that takes long to render.
    """
    layers = _layers(model)
    if rankdir is None:
        rankdir = "LR" if max(layers[0][0], *(len(layer) for _, layer, _ in layers)) <= WIDE else "TB"
    if rankdir not in RANKDIRS:
        raise ValueError(f"rankdir must be one of {', '.join(RANKDIRS)}, got {rankdir!r}")
    if edges not in EDGES:
        raise ValueError(f"edges must be 'weight' (colour and width from w) or 'grad' (from ∂L/∂w), got {edges!r}")
    neurons = [n for _, layer, _ in layers for n in layer]
    count = sum(len(n.w) for n in neurons)
    if count > max_weights:
        raise ValueError(
            f"the model has {count} weights, more than max_weights={max_weights}; "
            "raise max_weights or draw a smaller model (or one Layer)"
        )
    if show_grad is None:
        show_grad = any(p.grad != 0.0 for n in neurons for p in n.parameters())
    if edge_labels is None:
        edge_labels = count <= EDGE_LABELS_UP_TO
    largest = max((abs(_strength(w, edges)) for n in neurons for w in n.w), default=0.0) or 1.0
    sizes = [layers[0][0]] + [len(layer) for _, layer, _ in layers]
    kinds = ["input"] + [f"hidden {k + 1}" for k in range(len(layers) - 1)] + ["output"]
    counts = [f"{sizes[0]} values"] + [f"{len(layer)} × {activation or 'linear'}" for _, layer, activation in layers]

    def place(column: int, row: float, count: int) -> tuple[float, float]:
        """Where a node goes: columns left to right (LR) or top to bottom (TB), each one centred on the axis."""
        across, along = column * GAP, ((count - 1) / 2 - row) * STEP
        return (across, along) if rankdir == "LR" else (-along, -across)

    dot = graphviz.Digraph("mlp", graph_attr=MLP_STYLE["graph"])
    dot.node_attr.update(MLP_STYLE["node"])
    dot.edge_attr.update(MLP_STYLE["edge"])
    tallest = (max(sizes) - 1) / 2 * STEP + HEADING
    for column, (kind, count) in enumerate(zip(kinds, counts)):  # one line of headings, outside every edge
        x, y = place(column, 0, 1)
        at = _pos(x, tallest) if rankdir == "LR" else _pos(-tallest - 0.4, y)
        dot.node(f"heading{column}", f"<<b>{kind}</b><br/>{count}>", **MLP_STYLE["heading"], pos=at)
    previous = []
    for j in range(sizes[0]):
        x, y = place(0, j, sizes[0])
        dot.node(f"x{j}", f"<x<sub>{j + 1}</sub>>", **MLP_STYLE["input"], pos=_pos(x, y))
        previous.append((f"x{j}", x, y))
    for k, (_, layer, _) in enumerate(layers):
        current = []
        for i, n in enumerate(layer):
            name, (x, y) = f"l{k}n{i}", place(k + 1, i, len(layer))
            dot.node(name, _neuron_label(n, show_grad), **_neuron_look(n), pos=_pos(x, y))
            for j, ((source, sx, sy), w) in enumerate(zip(previous, n.w)):
                dot.edge(source, name, **_edge_look(w, edges, largest))
                if edge_labels:  # the edges into one neuron have their labels at staggered distances from it
                    t = LABEL_NEAR + (LABEL_FAR - LABEL_NEAR) * (j + 0.5) / len(previous)
                    at = _pos(x + t * (sx - x), y + t * (sy - y))
                    dot.node(f"{source}_{name}", _weight_label(w, show_grad), **MLP_STYLE["weight label"], pos=at)
            current.append((name, x, y))
        previous = current
    return Diagram(dot.source)


def _layers(model: object) -> list[LayerParts]:
    """(nin, neurons, activation) for each layer of an MLP, for a Layer alone, or for a Neuron as a layer of one."""
    if isinstance(model, MLP):
        return [(layer.nin, list(layer.neurons), layer.activation) for layer in model.layers]
    if isinstance(model, Layer):
        return [(model.nin, list(model.neurons), model.activation)]
    if isinstance(model, Neuron):
        return [(model.nin, [model], model.activation)]
    raise TypeError(
        f"draw_mlp() takes an MLP, a Layer or a Neuron of autograd_lite.nn, got {type(model).__name__}: {model!r}"
    )


def _pos(x: float, y: float) -> str:
    """A pinned position in inches (neato's `!`)."""
    return f"{x:.3f},{y:.3f}!"


def _sign_colour(x: float) -> str:
    return POSITIVE if x > 0 else NEGATIVE if x < 0 else ZERO


def _strength(w: Value, edges: str) -> float:
    return w.grad if edges == "grad" else w.data


def _neuron_label(n: Neuron, show_grad: bool) -> str:
    lines = [f"b {number(n.b.data, 2)}"]
    if show_grad:
        lines.append(f'<font color="{GRAD}">∂ {number(n.b.grad, 2)}</font>')
    return "<" + "<br/>".join(lines) + ">"


def _neuron_look(n: Neuron) -> dict[str, str]:
    return {**MLP_STYLE["neuron"], "fillcolor": TINTS[_sign_colour(n.b.data)], "tooltip": _tooltip(n.b)}


def _edge_look(w: Value, edges: str, largest: float) -> dict[str, str]:
    s = _strength(w, edges)
    width = MIN_PENWIDTH + (MAX_PENWIDTH - MIN_PENWIDTH) * abs(s) / largest
    opacity = MIN_OPACITY + (1.0 - MIN_OPACITY) * abs(s) / largest
    return {"color": f"{_sign_colour(s)}{round(255 * opacity):02x}", "penwidth": f"{width:.2f}", "tooltip": _tooltip(w)}


def _weight_label(w: Value, show_grad: bool) -> str:
    """A weight's number on a white patch (and its gradient under it), so that it reads over the lines."""
    grad = f'<br/><font color="{GRAD}">∂ {number(w.grad, 2)}</font>' if show_grad else ""
    patch = 'border="0" cellborder="0" cellpadding="1" bgcolor="white"'
    return f"<<table {patch}><tr><td>{number(w.data, 2)}{grad}</td></tr></table>>"


def _tooltip(p: Value) -> str:
    """Shown on hover in the SVG: the parameter's name, value and gradient."""
    return f"{p.label} = {number(p.data)}, grad {number(p.grad)}"
