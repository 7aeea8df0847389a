"""autograd_lite.viz: Graphviz diagrams of computational graphs, backward-pass steps and MLPs."""

from autograd_lite.viz.diagram import Diagram, RendererNotFoundError
from autograd_lite.viz.graph import draw_graph
from autograd_lite.viz.lecture import draw_dot
from autograd_lite.viz.mlp import draw_mlp
from autograd_lite.viz.walkthrough import Walkthrough, save_walkthrough, walkthrough

__all__ = [
    "Diagram",
    "RendererNotFoundError",
    "Walkthrough",
    "draw_dot",
    "draw_graph",
    "draw_mlp",
    "save_walkthrough",
    "walkthrough",
]
