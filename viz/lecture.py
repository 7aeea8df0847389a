"""`draw_dot`: micrograd's and the lecture's name for drawing a graph, with their arguments."""

from __future__ import annotations

from autograd_lite.value import Value
from autograd_lite.viz.diagram import Diagram
from autograd_lite.viz.graph import draw_graph


def draw_dot(root: Value | object, format: str = "svg", rankdir: str = "LR") -> Diagram:  # noqa: A002
    """`draw_graph(root, rankdir=rankdir)` called the way micrograd's `trace_graph.ipynb` calls its `draw_dot`.

    `format` ("svg", "png" or "dot") is what `.render(filename)` writes, as on a `graphviz.Digraph`:
    `draw_dot(y, format="png").render("gout")` writes gout.png and returns "gout.png". `root` is a Value
    or a micrograd-style node (micrograd's Value, the lecture's class), read by `from_micrograd`.
    """
    diagram = draw_graph(root, rankdir=rankdir)
    return Diagram(diagram.source, format=format)
