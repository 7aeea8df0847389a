"""`draw_mlp`: a network's neurons in layers and its weights as coloured edges, at computed positions."""

from __future__ import annotations

from collections.abc import Iterator

import graphviz

from autograd_lite.nn import MLP, Layer, Neuron
from autograd_lite.value import Value
from autograd_lite.viz.diagram import Diagram
from autograd_lite.viz.text import markup, number, short_name
from autograd_lite.viz.theme import palette

# The one place that says how an MLP diagram looks (colours from viz.theme). Lengths in inches.
FONT = "Helvetica"
MLP_STYLE: dict[str, dict[str, str]] = {
    # Positions are computed here (neato with pinned nodes): a network needs no search for a layout.
    "graph": {
        "layout": "neato",
        "splines": "line",
        "overlap": "true",
        "outputorder": "edgesfirst",  # neurons and labels over the lines
        "pad": "0.3",
        "fontname": FONT,
    },
    "node": {"fontname": FONT, "fontsize": "9", "shape": "circle", "fixedsize": "true", "width": "0.8"},
    "edge": {"arrowhead": "none"},
    "input": {"style": "filled", "fontsize": "13"},
    "neuron": {"style": "filled"},
    "heading": {"shape": "plain", "fixedsize": "false", "fontsize": "12"},
    "legend": {"shape": "plain", "fixedsize": "false", "fontsize": "10"},
    "weight label": {"shape": "plain", "fixedsize": "false", "fontsize": "8"},
}
NEURON = 0.8  # a neuron's diameter
STEP, GAP = 0.92, 2.6  # from one neuron to the next in a column; from one column to the next
HEADING = 0.75  # from the outermost neurons to the line of headings (above the columns, or left of the rows)
MAX_PENWIDTH, MIN_PENWIDTH = 3.5, 0.3
MIN_OPACITY = 0.3  # of the weakest edge; the strongest is opaque
LABEL_SIZE, LEGEND_SIZE = 8 / 72, 10 / 72  # a weight label's and the legend's font size, in inches
MARGIN = 1.5 / 72  # inches kept free around a weight label
CHAR, LINE = 0.62, 1.25  # a character's width and a line's height, in font sizes (Helvetica's digits: 0.56)
LABEL_PLACES = (0.5, 0.35, 0.65, 0.25, 0.75, 0.42, 0.58)  # tried in turn: fractions of the way back from the neuron
RANKDIRS = ("LR", "TB")
WIDE = 8  # neurons: a network with a wider layer is drawn top to bottom, to fit a 16:9 slide
EDGES = ("weight", "grad")

LayerParts = tuple[int, list[Neuron], "str | None"]  # (number of inputs, neurons, activation)
Box = tuple[float, float, float, float]  # left, bottom, right, top, in inches


def draw_mlp(
    model: MLP | Layer | Neuron,
    *,
    rankdir: str | None = None,
    show_grad: bool | None = None,
    edges: str = "weight",
    edge_labels: bool = True,
    max_weights: int = 5000,
    theme: str = "light",
    loss_name: str = "L",
) -> Diagram:
    """The network as columns of neurons: the inputs x1…xn, then each layer, its activation in its heading.

    Legend (also written under the diagram):
      - an edge into a neuron: one of its weights w; blue for w > 0, vermillion for w < 0, its width
        proportional to |w| / the largest |w| in the model. With `edges="grad"` the same code shows ∂L/∂w.
      - on an edge, where the number fits without covering another: w (and ∂L/∂w under it); every edge's
        tooltip (hover in the SVG) gives the parameter's name, w and ∂L/∂w. `edge_labels=False`: no numbers.
      - in a neuron: its bias b and, once there are gradients, ∂L/∂b (`loss_name` is the loss's name, L);
        the neuron is tinted blue for b > 0, vermillion for b < 0.
      - `show_grad` (default: when some parameter has a nonzero grad, i.e. after `loss.backward()`).
    `rankdir` "LR" puts the layers left to right, "TB" top to bottom; by default LR, or TB when a layer
    has more than 8 neurons (MLP(2, [16, 16, 1]) then fits a 16:9 slide). `theme` "light" or "dark".
    Over `max_weights` edges it raises ValueError: such a picture is a grey blur that takes long to render.
    """
    layers = _layers(model)
    if rankdir is None:
        rankdir = "LR" if max(layers[0][0], *(len(layer) for _, layer, _ in layers)) <= WIDE else "TB"
    if rankdir not in RANKDIRS:
        raise ValueError(f"rankdir must be one of {', '.join(RANKDIRS)}, got {rankdir!r}")
    if edges not in EDGES:
        raise ValueError(f"edges must be 'weight' (colour and width from w) or 'grad' (from ∂L/∂w), got {edges!r}")
    if not isinstance(loss_name, str) or not loss_name:
        raise ValueError(f"loss_name must be a non-empty str, the loss's name in ∂L/∂b, got {loss_name!r}")
    colours = palette(theme)
    neurons = [n for _, layer, _ in layers for n in layer]
    count = sum(len(n.w) for n in neurons)
    if count > max_weights:
        raise ValueError(
            f"the model has {count} weights, more than max_weights={max_weights}; "
            "raise max_weights or draw a smaller model (or one Layer)"
        )
    if show_grad is None:
        show_grad = any(p.grad != 0.0 for n in neurons for p in n.parameters())
    largest = max((abs(_strength(w, edges)) for n in neurons for w in n.w), default=0.0) or 1.0
    sizes = [layers[0][0]] + [len(layer) for _, layer, _ in layers]
    kinds = ["input"] + [f"hidden {k + 1}" for k in range(len(layers) - 1)] + ["output"]
    counts = [f"{sizes[0]} values"] + [f"{len(layer)} × {activation or 'linear'}" for _, layer, activation in layers]

    def place(column: int, row: float, count: int) -> tuple[float, float]:
        """Where a node goes: columns left to right (LR) or top to bottom (TB), each one centred on the axis."""
        across, along = column * GAP, ((count - 1) / 2 - row) * STEP
        return (across, along) if rankdir == "LR" else (-along, -across)

    dot = graphviz.Digraph("mlp", graph_attr={**MLP_STYLE["graph"], "bgcolor": colours["background"]})
    dot.node_attr.update(MLP_STYLE["node"], fontcolor=colours["ink"])
    dot.edge_attr.update(MLP_STYLE["edge"])
    tallest = (max(sizes) - 1) / 2 * STEP + HEADING
    heading = {**MLP_STYLE["heading"], "fontcolor": colours["ink"]}
    for column, (kind, count) in enumerate(zip(kinds, counts)):  # one line of headings, outside every edge
        x, y = place(column, 0, 1)
        at = _pos(x, tallest) if rankdir == "LR" else _pos(-tallest - 0.4, y)
        dot.node(f"heading{column}", f"<<b>{kind}</b><br/>{count}>", **heading, pos=at)
    taken: list[Box] = []  # what a weight label must not cover: neurons, and the labels placed so far
    previous = []
    for j in range(sizes[0]):
        x, y = place(0, j, sizes[0])
        look = {"fillcolor": colours["input fill"], "color": colours["neuron border"]}
        dot.node(f"x{j}", f"<x<sub>{j + 1}</sub>>", **MLP_STYLE["input"], **look, pos=_pos(x, y))
        previous.append((f"x{j}", x, y))
        taken.append(_around(x, y, NEURON, NEURON))
    for k, (_, layer, _) in enumerate(layers):
        current = [(f"l{k}n{i}", *place(k + 1, i, len(layer))) for i in range(len(layer))]
        taken += [_around(x, y, NEURON, NEURON) for _, x, y in current]
        for (name, x, y), n in zip(current, layer):
            label, look = _neuron_label(n, show_grad, loss_name, colours), _neuron_look(n, loss_name, colours)
            dot.node(name, label, **look, pos=_pos(x, y))
        for (name, x, y), n in zip(current, layer):
            for (source, sx, sy), w in zip(previous, n.w):
                dot.edge(source, name, **_edge_look(w, edges, largest, loss_name, colours))
                if not edge_labels:
                    continue
                text = _weight_label(w, show_grad, colours)
                width, height = _label_size(w, show_grad)
                at = _free_place(((x + t * (sx - x), y + t * (sy - y)) for t in LABEL_PLACES), width, height, taken)
                if at is not None:  # else the edge has no number: its tooltip, width and colour tell w
                    dot.node(f"{source}_{name}", text, **MLP_STYLE["weight label"], pos=_pos(*at))
        previous = current
    legend = _legend(edges, edge_labels, show_grad, loss_name)
    half = (legend.count("<br/>") + 1) * LINE * LEGEND_SIZE / 2
    if rankdir == "LR":  # under the tallest column, centred
        at = _pos(len(layers) * GAP / 2, -(max(sizes) - 1) / 2 * STEP - NEURON / 2 - 0.15 - half)
    else:  # under the output layer
        at = _pos(0, -len(layers) * GAP - NEURON / 2 - 0.2 - half)
    dot.node("legend", legend, **MLP_STYLE["legend"], fontcolor=colours["muted"], pos=at)
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


def _around(x: float, y: float, width: float, height: float) -> Box:
    """The box of that size centred on (x, y), with `MARGIN` more on each side: labels keep a little apart."""
    return (x - width / 2 - MARGIN, y - height / 2 - MARGIN, x + width / 2 + MARGIN, y + height / 2 + MARGIN)


def _free_place(places: Iterator[tuple[float, float]], width: float, height: float, taken: list[Box]) -> tuple | None:
    """The first of `places` where a `width` × `height` label covers nothing in `taken` (then taken too), or None."""
    for x, y in places:
        box = _around(x, y, width, height)
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            taken.append(box)
            return x, y
    return None


def _label_size(w: Value, show_grad: bool) -> tuple[float, float]:
    """A weight label's width and height in inches, a little more than Graphviz makes them."""
    lines = [number(w.data, 2)] + ([f"∂ {number(w.grad, 2)}"] if show_grad else [])
    padding = 4 / 72  # the table's cellpadding, on both sides
    return (max(map(len, lines)) * CHAR * LABEL_SIZE + padding, len(lines) * LINE * LABEL_SIZE + padding)


def _sign(x: float) -> str:
    return "positive" if x > 0 else "negative" if x < 0 else "zero"


def _strength(w: Value, edges: str) -> float:
    return w.grad if edges == "grad" else w.data


def _neuron_label(n: Neuron, show_grad: bool, loss: str, colours: dict[str, str]) -> str:
    """b, then ∂L/∂b on two lines (the circle is narrow): `b 0.25`, `∂L/∂b`, `−0.014`."""
    lines = [f"b {number(n.b.data, 2)}"]
    if show_grad:
        lines.append(f'<font color="{colours["grad"]}">∂{markup(loss)}/∂b<br/>{number(n.b.grad, 2)}</font>')
    return "<" + "<br/>".join(lines) + ">"


def _neuron_look(n: Neuron, loss: str, colours: dict[str, str]) -> dict[str, str]:
    fill = colours[f"{_sign(n.b.data)} tint"]
    return {**MLP_STYLE["neuron"], "fillcolor": fill, "color": colours["neuron border"], "tooltip": _tooltip(n.b, loss)}


def _edge_look(w: Value, edges: str, largest: float, loss: str, colours: dict[str, str]) -> dict[str, str]:
    s = _strength(w, edges)
    width = MIN_PENWIDTH + (MAX_PENWIDTH - MIN_PENWIDTH) * abs(s) / largest
    opacity = MIN_OPACITY + (1.0 - MIN_OPACITY) * abs(s) / largest
    colour = f"{colours[_sign(s)]}{round(255 * opacity):02x}"
    return {"color": colour, "penwidth": f"{width:.2f}", "tooltip": _tooltip(w, loss)}


def _weight_label(w: Value, show_grad: bool, colours: dict[str, str]) -> str:
    """A weight's number on a patch of the background (and its gradient under it), so that it reads over lines."""
    grad = f'<br/><font color="{colours["grad"]}">∂ {number(w.grad, 2)}</font>' if show_grad else ""
    patch = f'border="0" cellborder="0" cellpadding="1" bgcolor="{colours["label patch"]}"'
    return f'<<table {patch}><tr><td><font color="{colours["ink"]}">{number(w.data, 2)}</font>{grad}</td></tr></table>>'


def _legend(edges: str, labels: bool, show_grad: bool, loss: str) -> str:
    """The key, under the diagram."""
    what = "w" if edges == "weight" else f"∂{loss}/∂w"
    lines = [f"edge: blue {what} > 0, vermillion {what} < 0, width ∝ |{what}|"]
    if labels:
        lines.append("number on an edge: w" + (f" (∂{loss}/∂w under it)" if show_grad else "") + ", where it fits")
    lines.append("hover an edge or a neuron (SVG) for the parameter's name and exact values")
    lines.append("in a neuron: its bias b" + (f" and ∂{loss}/∂b" if show_grad else ""))
    return "<" + "<br/>".join(markup(line) for line in lines) + ">"


def _tooltip(p: Value, loss: str) -> str:
    """Shown on hover in the SVG: the parameter's short and full names, value and gradient."""
    name = short_name(p.label)
    full = f" ({p.label})" if name != p.label else ""
    return f"{name}{full} = {number(p.data)}, ∂{loss}/∂{name} = {number(p.grad)}"
