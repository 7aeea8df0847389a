"""autograd_lite.viz: Graphviz diagrams of computational graphs."""

from autograd_lite.viz.diagram import Diagram, RendererNotFoundError
from autograd_lite.viz.graph import draw_graph

__all__ = ["Diagram", "RendererNotFoundError", "draw_graph"]
